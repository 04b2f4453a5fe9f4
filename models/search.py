"""Full-text search index over complaints (SQLite FTS5, trigram tokenizer).

``complaint_search`` is an external-content FTS5 table whose content is the view
``complaint_search_content``: one document per complaint with its number, its subjects' names and
units, and the main problem. Triggers on ``complaints`` and ``complaint_subjects`` keep it in sync
(the 'delete' command needs the values as they were indexed, so the delete runs BEFORE the change,
reading the view, and the insert AFTER it).

The trigram tokenizer matches any substring of three or more characters; shorter queries use an
indexed fallback in ``services.casework.listing``. The objects are not ORM tables, so schema comparison
must skip them (``include_name``).

On PostgreSQL the same search runs on ``pg_trgm``: GIN trigram indexes on the four searched columns
(complaint number and problem text, subject name and unit), which serve ``ILIKE '%term%'`` — a
case-insensitive substring, as the FTS5 trigram tokenizer matches (``services.casework.listing_filters``).
The document's parts are separate columns there too, so no match can span two of them.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

from sqlalchemy import Connection

FTS_TABLE = "complaint_search"
CONTENT_VIEW = "complaint_search_content"
#: The FTS5 table and the shadow tables SQLite creates for it.
FTS_OBJECTS = frozenset({FTS_TABLE, CONTENT_VIEW} | {f"{FTS_TABLE}_{s}" for s in
                                                    ("data", "idx", "docsize", "config", "content")})

_DOC = f"SELECT id, number, subjects, main_problem FROM {CONTENT_VIEW} WHERE id = {{key}}"
_INSERT = f"INSERT INTO {FTS_TABLE}(rowid, number, subjects, main_problem) " + _DOC
_DELETE = (f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, number, subjects, main_problem) "
           f"SELECT 'delete', id, number, subjects, main_problem FROM {CONTENT_VIEW} WHERE id = {{key}}")

SQLITE_CREATE: list[str] = [
    f"""CREATE VIEW {CONTENT_VIEW} AS
        SELECT c.id AS id, c.number AS number,
               (SELECT group_concat(x, ' ') FROM
                  (SELECT s.name || ' ' || s.unit AS x FROM complaint_subjects s
                    WHERE s.complaint_id = c.id ORDER BY s.id)) AS subjects,
               c.main_problem AS main_problem
        FROM complaints c""",
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        number, subjects, main_problem, content='{CONTENT_VIEW}', content_rowid='id', tokenize='trigram')""",
    f"CREATE TRIGGER complaint_search_ai AFTER INSERT ON complaints BEGIN {_INSERT.format(key='new.id')}; END",
    f"""CREATE TRIGGER complaint_search_bu BEFORE UPDATE OF number, main_problem ON complaints
        BEGIN {_DELETE.format(key='old.id')}; END""",
    f"""CREATE TRIGGER complaint_search_au AFTER UPDATE OF number, main_problem ON complaints
        BEGIN {_INSERT.format(key='new.id')}; END""",
    f"CREATE TRIGGER complaint_search_bd BEFORE DELETE ON complaints BEGIN {_DELETE.format(key='old.id')}; END",
    f"""CREATE TRIGGER complaint_search_sbi BEFORE INSERT ON complaint_subjects
        BEGIN {_DELETE.format(key='new.complaint_id')}; END""",
    f"""CREATE TRIGGER complaint_search_sai AFTER INSERT ON complaint_subjects
        BEGIN {_INSERT.format(key='new.complaint_id')}; END""",
    f"""CREATE TRIGGER complaint_search_sbu BEFORE UPDATE OF name, unit, complaint_id ON complaint_subjects
        BEGIN {_DELETE.format(key='old.complaint_id')}; {_DELETE.format(key='new.complaint_id')}; END""",
    f"""CREATE TRIGGER complaint_search_sau AFTER UPDATE OF name, unit, complaint_id ON complaint_subjects
        BEGIN {_INSERT.format(key='old.complaint_id')}; {_INSERT.format(key='new.complaint_id')}; END""",
    f"""CREATE TRIGGER complaint_search_sbd BEFORE DELETE ON complaint_subjects
        BEGIN {_DELETE.format(key='old.complaint_id')}; END""",
    f"""CREATE TRIGGER complaint_search_sad AFTER DELETE ON complaint_subjects
        BEGIN {_INSERT.format(key='old.complaint_id')}; END""",
    # Index the rows that exist already (an upgrade of a populated database).
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]

_TRIGGERS = ("complaint_search_ai", "complaint_search_bu", "complaint_search_au", "complaint_search_bd",
             "complaint_search_sbi", "complaint_search_sai", "complaint_search_sbu", "complaint_search_sau",
             "complaint_search_sbd", "complaint_search_sad")

SQLITE_DROP: list[str] = ([f"DROP TRIGGER IF EXISTS {t}" for t in _TRIGGERS]
                          + [f"DROP TABLE IF EXISTS {FTS_TABLE}", f"DROP VIEW IF EXISTS {CONTENT_VIEW}"])


#: PostgreSQL: (index name, table, column) of the trigram indexes.
TRGM_INDEXES = (("ix_complaints_number_trgm", "complaints", "number"),
                ("ix_complaints_main_problem_trgm", "complaints", "main_problem"),
                ("ix_complaint_subjects_name_trgm", "complaint_subjects", "name"),
                ("ix_complaint_subjects_unit_trgm", "complaint_subjects", "unit"))

# pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner, the app's role, may create it.
POSTGRES_CREATE: list[str] = (["CREATE EXTENSION IF NOT EXISTS pg_trgm"]
                              + [f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({col} gin_trgm_ops)"
                                 for name, table, col in TRGM_INDEXES])
POSTGRES_DROP: list[str] = [f"DROP INDEX IF EXISTS {name}" for name, _t, _c in TRGM_INDEXES]


def create_search_index(bind) -> None:
    """The FTS5 table on SQLite; the pg_trgm GIN indexes on PostgreSQL."""
    dialect = bind.dialect.name
    for sql in SQLITE_CREATE if dialect == "sqlite" else POSTGRES_CREATE if dialect == "postgresql" else []:
        bind.exec_driver_sql(sql)


def drop_search_index(bind) -> None:
    dialect = bind.dialect.name
    for sql in SQLITE_DROP if dialect == "sqlite" else POSTGRES_DROP if dialect == "postgresql" else []:
        bind.exec_driver_sql(sql)


def has_search_index(bind) -> bool:
    """Whether the FTS5 table exists (SQLite only: the bulk-indexing path needs it)."""
    if bind.dialect.name != "sqlite":
        return False
    return bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (FTS_TABLE,)).first() is not None


def include_name(name: str | None, type_: str, parent_names: dict[str, Any] | None = None) -> bool:
    """Alembic ``include_name`` hook: the search objects are not ORM tables or indexes; don't compare them."""
    if type_ == "index":
        return name not in {n for n, _t, _c in TRGM_INDEXES}
    return not (type_ == "table" and name in FTS_OBJECTS)


def fts_phrase(text: str) -> str:
    """A MATCH expression for one literal substring (quotes doubled, so no query syntax leaks in)."""
    return '"' + text.replace('"', '""') + '"'


_INSERT_TRIGGERS = ("complaint_search_ai", "complaint_search_sbi", "complaint_search_sai")


@contextmanager
def bulk_indexing(conn: Connection, id_range: Callable[[], tuple[int, int] | None]) -> Iterator[None]:
    """Bulk-load complaints with the row-by-row index triggers suspended, then index the new
    id range at once (3–4× cheaper). All inside the caller's transaction, so all or nothing.

    ``id_range()`` is asked after the body ran: the (first, last) complaint ids it inserted, or
    None. Off SQLite, or without the index, the triggers stay and index row by row.
    """
    found = {}
    if conn.dialect.name == "sqlite" and has_search_index(conn):
        found = {name: sql for name in _INSERT_TRIGGERS for sql in SQLITE_CREATE if f"TRIGGER {name} " in sql}
        if len(found) != len(_INSERT_TRIGGERS):
            found = {}
    for name in found:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    yield  # an error rolls the transaction back, and with it the dropped triggers (DDL is transactional)
    if found:
        span = id_range()
        if span:
            conn.exec_driver_sql(
                f"INSERT INTO {FTS_TABLE}(rowid, number, subjects, main_problem) SELECT id, number, subjects, "
                f"main_problem FROM {CONTENT_VIEW} WHERE id BETWEEN ? AND ?", span)
        for sql in found.values():
            conn.exec_driver_sql(sql)
