"""责令辞职 (ordered_resignation) as a measure kind: the CHECK on measures.kind lists it (DOMAIN §4, §8).

Revision ID: 0007
Revises: 0006

SQLite cannot alter a CHECK, so ``measures`` is rebuilt. It is referenced by execution_steps,
sanction_executions and follow_up_visits, and every connection runs with ``PRAGMA foreign_keys=ON``.
That pragma cannot be switched off here: the migration runs inside the transaction models.db begins
(BEGIN IMMEDIATE), where SQLite ignores it. Alembic's batch mode (copy to a new table, drop, rename)
would then fail on the drop, or leave the deferred-violation count of the dropped rows standing.
So the rebuild keeps foreign keys on and defers them to the commit (``PRAGMA defer_foreign_keys``,
which does work inside a transaction and ends with it):

1. the rows go to a temporary table, the table's and its indexes' SQL are read from sqlite_master;
2. ``measures`` is dropped (its rows' children now count as deferred violations);
3. it is created again from its own SQL with only the kind list changed, the rows are put back with
   their ids, which settles every deferred violation, and the indexes are created again;
4. ``PRAGMA foreign_key_check`` must find nothing; the commit checks the deferred count once more.

Any failure rolls the whole upgrade back (DDL is transactional on these connections), and the file
was backed up before the upgrade began. Elsewhere (PostgreSQL) the constraint is replaced in place.
"""
import re

from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_OLD_CODES = (
    'party_warning', 'party_serious_warning', 'party_post_removal', 'party_probation', 'party_expulsion',
    'gov_warning', 'gov_demerit', 'gov_major_demerit', 'gov_demotion', 'gov_dismissal_from_post', 'gov_expulsion',
    'reminder_talk', 'criticism', 'self_review', 'admonishment', 'circulated_criticism', 'public_exposure',
    'suspension', 'post_adjustment', 'removal_from_post', 'demotion', 'judicial_transfer',
)
_NEW_CODES = _OLD_CODES[:19] + ('ordered_resignation',) + _OLD_CODES[19:]
_CHECK = re.compile(r"CONSTRAINT ck_measures_kind CHECK \(kind IN \([^)]*\)\)")


def _kind_check(codes: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{c}'" for c in codes) + ")"


def _rebuild_sqlite(codes: tuple[str, ...]) -> None:
    conn = op.get_bind()
    table_sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type='table' AND name='measures'").scalar_one()
    new_sql, found = _CHECK.subn(f"CONSTRAINT ck_measures_kind CHECK ({_kind_check(codes)})", table_sql)
    if found != 1:
        raise RuntimeError("measures: the CHECK ck_measures_kind was not found once in its table SQL")
    index_sql = [r[0] for r in conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='measures' AND sql IS NOT NULL")]
    rows = conn.exec_driver_sql("SELECT count(*) FROM measures").scalar_one()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    conn.exec_driver_sql("CREATE TEMP TABLE measures_0007 AS SELECT * FROM main.measures")
    conn.exec_driver_sql("DROP TABLE main.measures")
    conn.exec_driver_sql(new_sql)
    conn.exec_driver_sql("INSERT INTO main.measures SELECT * FROM temp.measures_0007")
    conn.exec_driver_sql("DROP TABLE temp.measures_0007")
    for sql in index_sql:
        conn.exec_driver_sql(sql)
    if conn.exec_driver_sql("SELECT count(*) FROM measures").scalar_one() != rows:
        raise RuntimeError("measures: the rebuild did not keep every row")
    dangling = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if dangling:
        raise RuntimeError(f"measures: the rebuild left rows without their parent: {dangling[:5]}")


def _replace(codes: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(codes)
    else:
        op.drop_constraint(op.f("ck_measures_kind"), "measures", type_="check")
        op.create_check_constraint(op.f("ck_measures_kind"), "measures", _kind_check(codes))


def upgrade() -> None:
    _replace(_NEW_CODES)


def downgrade() -> None:
    held = op.get_bind().exec_driver_sql(
        "SELECT count(*) FROM measures WHERE kind = 'ordered_resignation'").scalar_one()
    if held:
        raise RuntimeError(f"{held} 条处理为“责令辞职”，旧版本不能保存，不能降级")
    _replace(_OLD_CODES)
