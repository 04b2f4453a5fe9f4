"""Row digests: what each audited row looked like when the app wrote it, kept in the audit chain.

Rule: after every flush, the (table, id) of each new, changed or deleted ORM object of an
audited table is noted, and so is every row a Core INSERT / UPDATE / DELETE on an audited table
names (bulk writers such as the ledger import: ids from the statement's parameters or its
``WHERE id = :param``; a statement whose rows cannot be told notes the whole table); when the
transaction's events are written (``audit.write_pending``, at
commit) the rows are read back as stored and their digests go into the last event's
``row_digests`` as compact JSON ``{"<table>": {"<id>": "<sha256>" | null}}`` (null = deleted).

Digest of a row = SHA-256 of the compact JSON ``[table, [[column, value], …]]`` over the columns
the models declare, sorted by name, values exactly as stored (text, integers, reals; ``null``
values left out, so adding a nullable column later changes no digest; bytes — ciphertexts,
PDFs — as ``["b", sha256 hex]``; anything else a driver returns as ``["s", str]``).

``check_rows`` (``check --deep``) recomputes every audited row and compares it with the newest
digest the chain holds for it. It names a row whose content differs (changed outside the app), a
row the chain says exists but is gone (deleted outside), and a row with no digest whose id is
above every digested id of its table (inserted outside). Rows written before digests existed,
by the demo generator's bulk inserts, or by a migration have no digest and are only counted
("未核对"); a migration that rewrites audited rows must record their digests
(``digest_all``) or they will be named as changed.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from itertools import chain

from sqlalchemy import Delete, Engine, Insert, Update, bindparam, event, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter

from models import AuditEvent, Base

# Tables whose rows carry a digest, with the Chinese name used in findings.
AUDITED_TABLES: dict[str, str] = {
    "complaints": "信访件", "complaint_subjects": "被反映人", "leads": "问题线索", "persons": "涉案人员",
    "cases": "案件", "measures": "措施", "ledger_entries": "一案双查台账", "ledger_leaders": "台账责任人",
    "users": "用户", "user_roles": "用户角色", "attachments": "附件", "monthly_reports": "月报",
    "report_revisions": "月报修订版", "submissions": "报送记录", "organization": "单位信息",
    "townships": "乡镇", "issued_certificates": "签发的证书", "received_packages": "接收的报送包",
    "inquiry_letters": "函询记录", "talk_records": "谈话记录",
    "referrals": "转办记录", "complainant_contacts": "告知反馈记录",
    "sanction_executions": "处分执行记录", "execution_steps": "执行事项", "follow_up_visits": "回访记录",
}
# The column that names a row to a person (else its id).
_LABEL_COLUMNS = ("number", "username", "period", "file_name", "code", "serial", "filename", "name")
_PENDING = "row_digest.pending"  # {table: {id: deleted?}}; session.info (ORM) and connection.info (Core)
_WHOLE = "row_digest.whole_tables"  # connection.info: tables a Core statement changed without naming rows
_CHUNK = 500


def _columns(table: str) -> list[str]:
    return sorted(c.name for c in Base.metadata.tables[table].columns)


def _json_other(v):
    if isinstance(v, (bytes, memoryview)):
        return ["b", hashlib.sha256(v).hexdigest()]
    return ["s", str(v)]  # other drivers' dates or decimals


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_other).encode


def digest(table: str, columns: list[str], values) -> str:
    """SHA-256 of ``[table, [[column, value], …]]``: columns sorted, null values left out."""
    body = [[c, v] for c, v in zip(columns, values) if v is not None]
    return hashlib.sha256(_dumps([table, body]).encode("utf-8")).hexdigest()


def _select(conn: Connection, table: str, columns: list[str], ids: list[int] | None = None, after: int = 0):
    q = conn.dialect.identifier_preparer.quote
    cols = ", ".join(q(c) for c in columns)
    if ids is not None:
        stmt = text(f"SELECT {cols} FROM {q(table)} WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
        return conn.execute(stmt, {"ids": ids}).all()
    stmt = text(f"SELECT {cols} FROM {q(table)} WHERE id > :after ORDER BY id LIMIT {_CHUNK * 4}")
    return conn.execute(stmt, {"after": after}).all()


@event.listens_for(Session, "after_flush")
def _note_rows(session: Session, _flush_context) -> None:
    pending = session.info.setdefault(_PENDING, {})
    for obj, deleted in chain(((o, False) for o in session.new), ((o, False) for o in session.dirty),
                              ((o, True) for o in session.deleted)):
        table = getattr(obj, "__tablename__", None)
        if table not in AUDITED_TABLES:
            continue
        identity = inspect(obj).identity
        row_id = identity[0] if identity else getattr(obj, "id", None)
        if row_id is not None:
            ids = pending.setdefault(table, {})
            ids[row_id] = ids.get(row_id, False) or deleted


def _id_param(stmt) -> str | None:
    """The parameter name in ``WHERE <table>.id = :name``, if that is the statement's whole criterion."""
    where = stmt.whereclause
    if (isinstance(where, BinaryExpression) and where.operator is operators.eq
            and getattr(where.left, "name", None) == "id" and isinstance(where.right, BindParameter)):
        return where.right.key
    return None


@event.listens_for(Engine, "after_execute")
def _note_core_writes(conn, clause, multiparams, params, _options, result) -> None:
    if not isinstance(clause, (Insert, Update, Delete)):
        return
    table = getattr(clause.table, "name", None)
    if table not in AUDITED_TABLES:
        return
    rows = multiparams if multiparams else [params or {}]
    rows = rows[0] if len(rows) == 1 and isinstance(rows[0], (list, tuple)) else rows
    if isinstance(clause, Insert):
        ids = [r.get("id") for r in rows if isinstance(r, dict)]
        if not ids or None in ids:
            try:
                ids = [k[0] for k in result.inserted_primary_key_rows]
            except Exception:  # no keys to be had: the ORM path (after_flush) names its own rows
                return
    else:
        key = _id_param(clause)
        ids = [r.get(key) for r in rows if isinstance(r, dict)] if key else []
        if key is None or not ids or None in ids:
            if key is not None and clause.whereclause.right.value is not None:
                ids = [clause.whereclause.right.value]
            else:
                conn.info.setdefault(_WHOLE, set()).add(table)
                return
    pending = conn.info.setdefault(_PENDING, {}).setdefault(table, {})
    deleted = isinstance(clause, Delete)
    for row_id in ids:
        if row_id is not None:
            pending[int(row_id)] = pending.get(int(row_id), False) or deleted


@event.listens_for(Engine, "commit")
@event.listens_for(Engine, "rollback")
def _clear_connection(conn) -> None:
    conn.info.pop(_PENDING, None)
    conn.info.pop(_WHOLE, None)


def note(session: Session, table: str, ids) -> None:
    """For writes that bypass the ORM (bulk inserts): have these rows digested with the next event."""
    pending = session.info.setdefault(_PENDING, {}).setdefault(table, {})
    for row_id in ids:
        pending.setdefault(int(row_id), False)


def pending_rows(session: Session) -> int:
    """How many rows wait for their digest (to write them out in batches during a long import)."""
    found = sum(len(ids) for ids in session.info.get(_PENDING, {}).values())
    if session.in_transaction():
        found += sum(len(ids) for ids in session.connection().info.get(_PENDING, {}).values())
    return found


def take(session: Session) -> str:
    """The digests of the rows written since the last call, as the JSON for ``row_digests``."""
    pending = session.info.pop(_PENDING, None) or {}
    conn = session.connection()
    for table, ids in conn.info.pop(_PENDING, {}).items():
        mine = pending.setdefault(table, {})
        for row_id, deleted in ids.items():
            mine[row_id] = mine.get(row_id, False) or deleted
    for table in conn.info.pop(_WHOLE, set()):
        mine = pending.setdefault(table, {})
        for (row_id,) in conn.execute(text(f"SELECT id FROM {table}")).all():
            mine.setdefault(row_id, False)
    if not pending:
        return ""
    out: dict[str, dict[str, str | None]] = {}
    for table, ids in sorted(pending.items()):
        columns = _columns(table)
        at = columns.index("id")
        order = sorted(ids)
        found: dict[int, str] = {}
        for i in range(0, len(order), _CHUNK):
            for row in _select(conn, table, columns, order[i:i + _CHUNK]):
                found[row[at]] = digest(table, columns, row)
        for row_id in order:
            if row_id in found:
                out.setdefault(table, {})[str(row_id)] = found[row_id]
            elif ids[row_id]:
                out.setdefault(table, {})[str(row_id)] = None
    return json.dumps(out, sort_keys=True, separators=(",", ":")) if out else ""


def forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def digest_all(session: Session, table: str) -> None:
    """Note every row of ``table`` (for a migration or bulk writer that changed them all)."""
    conn = session.connection()
    last = 0
    while rows := conn.execute(text(f"SELECT id FROM {table} WHERE id > :a ORDER BY id LIMIT 5000"),
                               {"a": last}).all():
        note(session, table, [r[0] for r in rows])
        last = rows[-1][0]


# ---------------------------------------------------------------- check --deep

@dataclass(frozen=True)
class RowFinding:
    table: str
    row_id: int
    label: str
    kind: str        # changed | deleted | added
    message: str


@dataclass
class RowCheck:
    checked: int = 0
    unverified: int = 0   # rows with no digest (older than digests, bulk-written)
    findings: list[RowFinding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def message(self) -> str:
        head = (f"逐行核对：{self.checked} 条记录与审计日志中的摘要一致"
                + (f"，{self.unverified} 条记录在启用行摘要之前写入（或为批量导入/演示数据），未核对" if self.unverified else ""))
        if self.ok:
            return head
        return "\n".join([f"逐行核对发现 {len(self.findings)} 处在程序外的改动："]
                         + [f"  {f.message}" for f in self.findings])


def newest_digests(session: Session) -> dict[str, dict[int, str | None]]:
    """For each audited table: row id → the newest digest the chain holds (None = deleted)."""
    newest: dict[str, dict[int, str | None]] = {}
    last = 0
    while True:
        rows = session.execute(select(AuditEvent.id, AuditEvent.row_digests)
                               .where(AuditEvent.id > last, AuditEvent.row_digests != "")
                               .order_by(AuditEvent.id).limit(2000)).all()
        if not rows:
            return newest
        for _id, raw in rows:
            try:
                data = json.loads(raw)
            except ValueError:
                continue  # verify_chain names a damaged event
            for table, ids in data.items() if isinstance(data, dict) else ():
                slot = newest.setdefault(table, {})
                for row_id, value in ids.items():
                    slot[int(row_id)] = value
        last = rows[-1][0]


def _label(table: str, columns: list[str], row) -> str:
    for name in _LABEL_COLUMNS:
        if name in columns and row[columns.index(name)] not in (None, ""):
            return f"{AUDITED_TABLES[table]} {row[columns.index(name)]}（{table} #{row[columns.index('id')]}）"
    return f"{AUDITED_TABLES[table]}（{table} #{row[columns.index('id')]}）"


def check_rows(session: Session) -> RowCheck:
    """Recompute every audited row's digest and compare with the chain's newest one."""
    newest = newest_digests(session)
    conn = session.connection()
    result = RowCheck()
    for table in AUDITED_TABLES:
        known = newest.get(table, {})
        top = max((i for i, d in known.items() if d is not None), default=None)
        columns = _columns(table)
        at = columns.index("id")
        seen: set[int] = set()
        last = 0
        while rows := _select(conn, table, columns, after=last):
            for row in rows:
                row_id = row[at]
                seen.add(row_id)
                label = _label(table, columns, row)
                if row_id not in known:
                    if top is not None and row_id > top:
                        result.findings.append(RowFinding(table, row_id, label, "added",
                                                          f"{label}：审计日志中没有它的记录（在程序外新增）"))
                    else:
                        result.unverified += 1
                    continue
                want = known[row_id]
                if want is None:
                    result.findings.append(RowFinding(table, row_id, label, "added",
                                                      f"{label}：审计日志记录它已被删除，现在又出现了（在程序外写入）"))
                    continue
                result.checked += 1
                if digest(table, columns, row) != want:
                    result.findings.append(RowFinding(table, row_id, label, "changed",
                                                      f"{label}：内容与审计日志记录的不一致（在程序外被修改）"))
            last = rows[-1][at]
        for row_id, want in sorted(known.items()):
            if want is not None and row_id not in seen:
                label = f"{AUDITED_TABLES[table]}（{table} #{row_id}）"
                result.findings.append(RowFinding(table, row_id, label, "deleted",
                                                  f"{label}：审计日志中有它，数据库中已没有（在程序外被删除）"))
    return result
