"""Large lists (DESIGN "Large lists"): ordered ids in SQL, display rows on demand, Excel export.

``query_ids`` filters and sorts on indexed columns and returns only ids; ``fetch_rows`` returns the
display columns of the visible ids. No identity field is ever selected here.

Text search over complaints: on SQLite, terms of three or more characters go to the FTS5 trigram
index (number, subjects' names and units, problem text); a term of one or two characters matches
the start of a subject's name or unit (indexed ranges) or a whole number. Elsewhere: LIKE.
"""
from __future__ import annotations

import datetime as dt
import json
import operator
import re
import tempfile
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import Integer, and_, bindparam, column, distinct, func, intersect, or_, select, tuple_, union
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from models import Case, Complaint, ComplaintSubject, Lead, LedgerEntry, LedgerLeader, Person
from models.enums import (CaseStage, Channel, ComplaintKind, ComplaintState, Discipline, Disposition, LeadResult,
                          LeadSource, LedgerOutcome, Rank, Signature)
from models.search import FTS_TABLE, fts_phrase

from services.errors import PermissionDenied, ValidationError
from services.interchange.xlsx_cells import write_only_cell, write_only_row
from services.security import identity
from services.security.permissions import require
from services.storage.files import FileWriteError, atomic_write_bytes, describe_os_error, ensure_writable
from services.storage.workspace import Workspace

ENTITIES = ("complaint", "lead", "case", "ledger")
_VIEW_PERM = {"complaint": "complaint.view", "lead": "lead.view", "case": "case.view", "ledger": "case.view"}
_TOP = "\U0010ffff"  # sorts after every character: the upper end of a prefix range
FTS_MIN = 3
BLOCK = 1000    # ids read with the first screen of a long list (then doubling)
WHOLE = 20_000  # a result up to this long is read whole at once

#: (key, Chinese header, sortable) per entity, in display order.
COLUMNS: dict[str, list[tuple[str, str, bool]]] = {
    "complaint": [
        ("number", "编号", True), ("received_date", "收件日期", True), ("channel", "来源渠道", True),
        ("kind", "类型", True), ("signature", "署名情况", True), ("subjects", "被反映人", False),
        ("units", "单位", False), ("ranks", "职级", False), ("discipline", "问题类别", True),
        ("main_problem", "反映的主要问题", False), ("state", "办理状态", True), ("state_date", "状态日期", True),
        ("is_repeat", "重复件", True),
    ],
    "lead": [
        ("number", "编号", True), ("received_date", "收到日期", True), ("source", "线索来源", True),
        ("persons", "涉及人员", False), ("summary", "线索摘要", False), ("disposition", "处置方式", True),
        ("disposition_date", "处置日期", True), ("approved", "书记审批", False), ("result", "办理结果", True),
        ("result_date", "结果日期", True),
    ],
    "case": [
        ("number", "编号", True), ("filing_date", "立案日期", True), ("title", "案件名称", True),
        ("persons", "被调查人", False), ("stage", "阶段", True), ("closing_date", "结案日期", True),
        ("eight_rules", "违反中央八项规定精神", True),
    ],
    "ledger": [
        ("number", "编号", True), ("entry_date", "台账日期", True), ("case_number", "案件编号", False),
        ("unit", "被检查单位", True), ("leaders", "领导干部", False), ("outcomes", "处理结果", False),
    ],
}

_MODEL = {"complaint": Complaint, "lead": Lead, "case": Case, "ledger": LedgerEntry}
_DATE_COL = {"complaint": "received_date", "lead": "received_date", "case": "filing_date", "ledger": "entry_date"}
#: The order of a list when no column was picked (the GUI marks that column as sorted).
DEFAULT_SORT = {"complaint": "received_date", "lead": "received_date", "case": "filing_date", "ledger": "entry_date"}
# Sort keys that are not plain columns of the entity's table.
_SORT_EXPR = {("complaint", "number"): (Complaint.year, Complaint.seq)}
LEAD_STATES = {"pending": "未处置", "awaiting_approval": "待审批", "disposed": "办理中", "concluded": "已办结"}


@dataclass
class ListQuery:
    entity: str = "complaint"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    states: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    disciplines: list[str] = field(default_factory=list)
    text: str = ""
    sort_key: str | None = None
    descending: bool = True
    sources: list[str] = field(default_factory=list)  # leads: 线索来源; ledger: —
    dispositions: list[str] = field(default_factory=list)  # leads: 处置方式, ANDed with the states
    # complaints: the complainant's phone or ID number, found through the blind index (identity.view)
    complainant: str = ""


@dataclass
class RowView:
    """One list row: ``values[key]`` is the display text of column ``key``."""

    id: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def cells(self, entity: str) -> list[str]:
        return [self.values.get(k, "") for k, _, _ in COLUMNS[entity]]


def _lab(enum_cls, code) -> str:
    m = enum_cls.from_text(code) if code else None
    return m.label if m else ""


def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def search_terms(text: str) -> list[str]:
    return [t for t in re.split(r"\s+", (text or "").strip()) if t][:8]


def search_hint(text: str) -> str:
    """A hint for the search box when a term is too short for full-text search."""
    if any(len(t) < FTS_MIN for t in search_terms(text)):
        return "一两个字只查找被反映人姓名、单位的开头和完整编号；输入三个字以上可查找问题内容"
    return ""


# ------------------------------------------------------------------ filters
def _fts_match(session: Session, terms: list[str]) -> str | None:
    """One FTS5 MATCH expression for every long term (phrases AND'ed), or None (short terms / not SQLite)."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    long = [t for t in terms if len(t) >= FTS_MIN]
    return " AND ".join(fts_phrase(t) for t in long) if long else None


def _fts_rowids(match: str):
    return (sql_text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q")
            .bindparams(bindparam("q", match, unique=True)).columns(column("rowid", Integer)))


def _complaint_text(session: Session, term: str, scan: bool):
    """The condition of one search term (the FTS terms are handled together by ``_fts_match``)."""
    if session.get_bind().dialect.name == "sqlite":
        return or_(_id_in(Complaint.id, _by_prefix(term), scan), Complaint.number == term.upper())
    like = f"%{_escape_like(term)}%"
    by_subject = select(ComplaintSubject.complaint_id).where(or_(
        ComplaintSubject.name.like(like, escape="\\"), ComplaintSubject.unit.like(like, escape="\\")))
    return or_(Complaint.number.like(like, escape="\\"), Complaint.main_problem.like(like, escape="\\"),
               Complaint.id.in_(by_subject))


def _by_prefix(term: str):
    """Complaints with a subject whose name or unit starts with ``term`` (two covering index ranges)."""
    hi = term + _TOP
    cs = ComplaintSubject
    return union(select(cs.complaint_id.label("id")).where(cs.name >= term, cs.name < hi),
                 select(cs.complaint_id.label("id")).where(cs.unit >= term, cs.unit < hi))


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# With ``scan`` (a long result, read a block at a time in the sort order) the filters are written so
# that no index can serve them: the planner then walks the sort column's index in order and tests each
# row, which finds a block after about block × total / count rows, instead of collecting and sorting
# every match for each block. The values are the same; only the plan changes.
def _member(col, values: list[str], scan: bool):
    return (col.concat("") if scan else col).in_(values)


def _id_in(col, subquery, scan: bool):
    return ((col + 0) if scan else col).in_(subquery)


def _complainant_condition(ws: Workspace, q: ListQuery) -> list:
    """Find complaints by the complainant's phone or ID number without any plaintext: the keyed
    hashes of the typed value are compared with the stored blind indexes."""
    if not q.complainant.strip():
        return []
    require(ws.current_user, "identity.view")
    if not re.search(r"\d", q.complainant):
        raise ValidationError("请输入反映人的联系电话或身份证号", field="complainant")
    if not identity.has_key(ws):
        raise PermissionDenied(identity.NO_KEY)
    phone = identity.index_for(ws, "phone", q.complainant)
    id_number = identity.index_for(ws, "id_number", q.complainant)
    return [or_(Complaint.complainant_phone_index == phone, Complaint.complainant_id_number_index == id_number)]


def _conditions(session: Session, q: ListQuery, scan: bool = False, extra: list = ()) -> list:
    model = _MODEL[q.entity]
    date_col = getattr(model, _DATE_COL[q.entity])
    conds: list = list(extra)
    if q.date_from:
        conds.append(date_col >= q.date_from)
    if q.date_to:
        conds.append(date_col <= q.date_to)
    terms = search_terms(q.text)
    if q.entity == "complaint":
        # One state with the date sort has its own ordered index (state, received_date): keep it.
        state_scan = scan and not (len(q.states) == 1 and (q.sort_key or "received_date") == "received_date")
        if q.states:
            conds.append(_member(Complaint.state, q.states, state_scan))
        if q.channels:
            conds.append(_member(Complaint.channel, q.channels, scan))
        if q.kinds:
            conds.append(_member(Complaint.kind, q.kinds, scan))
        if q.disciplines:
            conds.append(_member(Complaint.discipline, q.disciplines, scan))
        if q.ranks:
            conds.append(_id_in(Complaint.id, select(ComplaintSubject.complaint_id)
                                .where(ComplaintSubject.rank.in_(q.ranks)), scan))
        match = _fts_match(session, terms)
        if match:
            conds.append(_id_in(Complaint.id, _fts_rowids(match), scan))
        conds += [_complaint_text(session, t, scan) for t in terms if not match or len(t) < FTS_MIN]
    elif q.entity == "lead":
        if q.sources:
            conds.append(Lead.source.in_(q.sources))
        if q.dispositions:
            conds.append(Lead.disposition.in_([d.value for d in map(Disposition.from_text, q.dispositions) if d]
                                              or [None]))
        if q.states:
            parts = []
            for st in q.states:
                if st == "pending":
                    parts.append(Lead.disposition.is_(None))
                elif st == "awaiting_approval":
                    parts.append(and_(Lead.disposition.is_not(None), Lead.approver_id.is_(None)))
                elif st == "disposed":
                    parts.append(and_(Lead.disposition.is_not(None), Lead.result.is_(None)))
                elif st == "concluded":
                    parts.append(Lead.result.is_not(None))
                elif Disposition.from_text(st):
                    parts.append(Lead.disposition == Disposition.from_text(st).value)
            conds.append(or_(*parts) if parts else Lead.id.is_(None))
        if q.ranks:
            conds.append(Lead.id.in_(select(Person.lead_id).where(Person.rank.in_(q.ranks))))
        for t in terms:
            like = f"%{_escape_like(t)}%"
            conds.append(or_(Lead.number.like(like, escape="\\"), Lead.summary.like(like, escape="\\"),
                             Lead.id.in_(select(Person.lead_id).where(or_(Person.name.like(like, escape="\\"),
                                                                          Person.unit.like(like, escape="\\"))))))
    elif q.entity == "case":
        if q.states:
            conds.append(Case.stage.in_(q.states))
        if q.ranks:
            conds.append(Case.id.in_(select(Person.case_id).where(Person.rank.in_(q.ranks))))
        if "eight_rules" in q.disciplines:
            conds.append(Case.eight_rules.is_(True))
        for t in terms:
            like = f"%{_escape_like(t)}%"
            conds.append(or_(Case.number.like(like, escape="\\"), Case.title.like(like, escape="\\"),
                             Case.id.in_(select(Person.case_id).where(or_(Person.name.like(like, escape="\\"),
                                                                          Person.unit.like(like, escape="\\"))))))
    else:
        for t in terms:
            like = f"%{_escape_like(t)}%"
            conds.append(or_(LedgerEntry.number.like(like, escape="\\"), LedgerEntry.unit.like(like, escape="\\"),
                             LedgerEntry.id.in_(select(LedgerLeader.entry_id)
                                                .where(LedgerLeader.name.like(like, escape="\\")))))
    return conds


def _sort_cols(q: ListQuery) -> tuple:
    """The ORDER BY columns, the id last as the unique tiebreaker."""
    model = _MODEL[q.entity]
    key = q.sort_key or DEFAULT_SORT[q.entity]
    sortable = {k for k, _, s in COLUMNS[q.entity] if s}
    if key not in sortable:
        raise ValidationError(f"不能按“{key}”排序", field="sort_key")
    cols = _SORT_EXPR.get((q.entity, key)) or (getattr(model, key),)
    return (*cols, model.id)


def _nullable(col) -> bool:
    return bool(getattr(col.expression, "nullable", True))


def _order_by(cols: tuple, descending: bool, dialect: str) -> list:
    # SQLite puts NULLs first ascending and last descending; the other dialects are told the same
    # explicitly, so that the keyset conditions below mean the same order everywhere.
    out = []
    for c in cols:
        o = c.desc() if descending else c.asc()
        if dialect != "sqlite" and _nullable(c):
            o = o.nulls_last() if descending else o.nulls_first()
        out.append(o)
    return out


def _after(cols: tuple, key: tuple, descending: bool):
    """Rows strictly after the row whose sort values are ``key``, in the order of ``_order_by``."""
    if None not in key and not any(_nullable(c) for c in cols):
        # A row value: SQLite and PostgreSQL seek the sort index to it.
        return tuple_(*cols) < tuple_(*key) if descending else tuple_(*cols) > tuple_(*key)
    parts = []
    for i, (col, value) in enumerate(zip(cols, key)):
        same = [c.is_(None) if v is None else c == v for c, v in zip(cols[:i], key[:i])]
        if descending:
            if value is None:
                continue  # nothing sorts after NULL except other NULLs: the next column decides
            beyond = or_(col < value, col.is_(None)) if _nullable(col) else col < value
        else:
            beyond = col.is_not(None) if value is None else col > value
        parts.append(and_(*same, beyond))
    return or_(*parts)


def _ids_of(session: Session, stmt) -> list[int]:
    if session.get_bind().dialect.name == "sqlite":
        # One string instead of many rows: the driver's per-row cost dominates otherwise.
        # SQLite does not flatten an ordered subquery into an aggregate, so the order is kept.
        text = session.execute(select(func.group_concat(stmt.subquery().c.id, ","))).scalar()
        return json.loads(f"[{text}]") if text else []
    return list(session.execute(stmt).scalars())


@dataclass
class _Walk:
    """Reads the ids of one ordered query forward, block after block, from a keyset cursor."""

    ws: Workspace
    base: Any                  # select(model.id).where(filters): no order, no limit
    cols: tuple                # sort columns, id last
    descending: bool
    dialect: str
    key: tuple | None = None   # sort values of the last row read

    def next(self, limit: int | None, session: Session | None = None) -> list[int]:
        if session is None:
            with self.ws.reading() as s:
                return self.next(limit, s)
        stmt = self.base
        if self.key is not None:
            stmt = stmt.where(_after(self.cols, self.key, self.descending))
        ids = _ids_of(session, stmt.order_by(*_order_by(self.cols, self.descending, self.dialect)).limit(limit))
        if ids:
            self.key = tuple(session.execute(select(*self.cols).where(self.cols[-1] == ids[-1])).one())
        return ids


class IdList(Sequence):
    """The ids of a list, in order, as a read-only sequence: ``len`` is known at once, the ids are
    read forward in blocks as positions are asked for (``ids[i]``, ``ids[a:b]`` → list, iteration,
    ``index``, ``in``, ``==`` with a list).

    Blocks follow on from the last row read (keyset on the sort key and id, never OFFSET), each
    block doubling the ids read so far, and a position once read never changes. Memory: 8 bytes per
    id read. If rows were added or removed after the count, the length stays as counted: surplus
    rows wait for the next query, and positions past the real end hold 0 (no such item: its row is
    empty, as for an item deleted meanwhile). Safe to use from any thread.
    """

    def __init__(self, total: int, first: Iterable[int] = (), walk: _Walk | None = None):
        self._total = total
        self._ids = array("q", first)
        del self._ids[total:]
        self._walk = walk if len(self._ids) < total else None
        if self._walk is None:
            self._pad()
        self._lock = threading.Lock()

    def _pad(self) -> None:
        if len(self._ids) < self._total:
            self._ids.extend([0] * (self._total - len(self._ids)))

    def _need(self, n: int) -> None:
        """Make sure the first ``n`` ids are read."""
        while n > len(self._ids) and self._walk is not None:
            with self._lock:
                have = len(self._ids)
                if n <= have or self._walk is None:
                    return
                want = max(n - have, have, BLOCK)
                limit = None if have + want >= self._total else want
                got = self._walk.next(limit)
                self._ids.extend(got[:self._total - have])
                if (limit is None or len(got) < limit) or len(self._ids) >= self._total:
                    self._walk = None
                    self._pad()

    @property
    def fetched(self) -> int:
        """How many ids have been read from the database so far."""
        return len(self._ids) if self._walk is not None else self._total

    def __len__(self) -> int:
        return self._total

    def __bool__(self) -> bool:
        return self._total > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._total)
            span = range(start, stop, step)
            if not span:
                return []
            self._need(max(span[0], span[-1]) + 1)
            return self._ids[index].tolist()
        i = operator.index(index)
        if i < 0:
            i += self._total
        if not 0 <= i < self._total:
            raise IndexError("IdList index out of range")
        self._need(i + 1)
        return self._ids[i]

    def __iter__(self) -> Iterator[int]:
        i = 0
        while i < self._total:
            self._need(i + 1)
            chunk = self._ids[i:]
            yield from chunk
            i += len(chunk)

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        start, stop, _ = slice(start, stop).indices(self._total)
        while True:
            try:
                return self._ids.index(value, start, min(stop, len(self._ids)))
            except (ValueError, TypeError):
                if self._walk is None or stop <= len(self._ids):
                    raise ValueError(f"{value!r} is not in the list") from None
                self._need(stop)

    def __contains__(self, value: Any) -> bool:
        try:
            self.index(value)
            return True
        except ValueError:
            return False

    def tolist(self) -> list[int]:
        self._need(self._total)
        return self._ids.tolist()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (IdList, list, tuple)):
            return len(self) == len(other) and self.tolist() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"IdList(len={self._total}, fetched={self.fetched})"


def _check(q: ListQuery) -> None:
    if q.entity not in ENTITIES:
        raise ValidationError(f"未知的列表：{q.entity}", field="entity")
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise ValidationError("起始日期不能晚于截止日期", field="date_from")
    if q.complainant.strip() and q.entity != "complaint":
        raise ValidationError("只有信访件可以按反映人电话或身份证号查找", field="complainant")


def _id_sets(session: Session, q: ListQuery) -> list | None:
    """A complaint search (and rank filter) as sets of ids to intersect, when nothing else filters.

    Counting them needs no row of ``complaints``: the search index and the subjects' covering
    indexes hold the ids (every subject and every indexed document belongs to a complaint).
    """
    if q.entity != "complaint" or session.get_bind().dialect.name != "sqlite" or any(
            (q.date_from, q.date_to, q.states, q.channels, q.kinds, q.disciplines, q.complainant.strip())):
        return None
    terms = search_terms(q.text)
    sets = []
    if q.ranks:
        sets.append(select(ComplaintSubject.complaint_id.label("id")).where(ComplaintSubject.rank.in_(q.ranks)))
    match = _fts_match(session, terms)
    if match:
        fts = _fts_rowids(match).subquery()
        sets.append(select(fts.c.rowid.label("id")))
    for term in terms:
        if not match or len(term) < FTS_MIN:
            sets.append(union(_by_prefix(term).subquery().select(),
                              select(Complaint.id.label("id")).where(Complaint.number == term.upper())))
    return sets or None


def _count(s: Session, q: ListQuery, extra: list = ()) -> int:
    sets = _id_sets(s, q)
    if sets is None:
        model = _MODEL[q.entity]
        return s.execute(select(func.count()).select_from(model).where(*_conditions(s, q, extra=extra))).scalar_one()
    if len(sets) == 1 and not q.ranks and all(len(t) >= FTS_MIN for t in search_terms(q.text)):
        return s.execute(select(func.count()).select_from(sets[0].subquery())).scalar_one()  # rowids: unique
    parts = [select(sub.c.id) for sub in (one.subquery() for one in sets)]
    both = parts[0].subquery() if len(parts) == 1 else intersect(*parts).subquery()
    return s.execute(select(func.count(distinct(both.c.id)))).scalar_one()


def query_ids(ws: Workspace, q: ListQuery, *, block: int | None = None, whole: int | None = None) -> IdList:
    """The ids of every item that fits the filters, in the chosen order (SQL only), as an ``IdList``.

    The count comes first; a result of up to ``whole`` ids (default ``WHOLE``) is read at once,
    a longer one ``block`` ids (default ``BLOCK``) at a time, starting with the first screens.
    """
    _check(q)
    require(ws.current_user, _VIEW_PERM[q.entity])
    cols = _sort_cols(q)
    block = block or BLOCK
    whole = WHOLE if whole is None else whole
    extra = _complainant_condition(ws, q)
    with ws.reading() as s:
        total = _count(s, q, extra)
        if not total:
            return IdList(0)
        scan = total > whole
        dialect = s.get_bind().dialect.name
        model = _MODEL[q.entity]
        walk = _Walk(ws, select(model.id).where(*_conditions(s, q, scan, extra)), cols, q.descending, dialect)
        first = walk.next(min(block, total) if scan else None, s)
    return IdList(total, first, walk if scan else None)


def count(ws: Workspace, q: ListQuery) -> int:
    _check(q)
    require(ws.current_user, _VIEW_PERM[q.entity])
    extra = _complainant_condition(ws, q)
    with ws.reading() as s:
        return _count(s, q, extra)


# ------------------------------------------------------------------ rows
def _complaint_rows(s: Session, ids: list[int]) -> dict[int, RowView]:
    rows = s.execute(select(Complaint.id, Complaint.number, Complaint.received_date, Complaint.channel,
                            Complaint.kind, Complaint.signature, Complaint.discipline, Complaint.main_problem,
                            Complaint.state, Complaint.state_date, Complaint.is_repeat)
                     .where(Complaint.id.in_(ids))).all()
    subjects: dict[int, list] = {}
    for cid, name, unit, rank in s.execute(
            select(ComplaintSubject.complaint_id, ComplaintSubject.name, ComplaintSubject.unit, ComplaintSubject.rank)
            .where(ComplaintSubject.complaint_id.in_(ids)).order_by(ComplaintSubject.id)):
        subjects.setdefault(cid, []).append((name, unit, rank))
    out = {}
    for r in rows:
        subs = subjects.get(r.id, [])
        problem = (r.main_problem or "").replace("\n", " ")
        out[r.id] = RowView(r.id, {
            "number": r.number, "received_date": _d(r.received_date), "channel": _lab(Channel, r.channel),
            "kind": _lab(ComplaintKind, r.kind), "signature": _lab(Signature, r.signature),
            "subjects": "、".join(n for n, _, _ in subs), "units": "、".join(dict.fromkeys(u for _, u, _ in subs if u)),
            "ranks": "、".join(dict.fromkeys(_lab(Rank, k) for _, _, k in subs if k)),
            "discipline": _lab(Discipline, r.discipline), "main_problem": problem[:120],
            "state": _lab(ComplaintState, r.state), "state_date": _d(r.state_date), "is_repeat": "是" if r.is_repeat else "",
        })
    return out


def _persons(s: Session, owner_col, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for oid, name in s.execute(select(owner_col, Person.name).where(owner_col.in_(ids)).order_by(Person.id)):
        out.setdefault(oid, []).append(name)
    return out


def _lead_rows(s: Session, ids: list[int]) -> dict[int, RowView]:
    persons = _persons(s, Person.lead_id, ids)
    out = {}
    for lead in s.execute(select(Lead).where(Lead.id.in_(ids))).scalars():
        out[lead.id] = RowView(lead.id, {
            "number": lead.number, "received_date": _d(lead.received_date), "source": _lab(LeadSource, lead.source),
            "persons": "、".join(persons.get(lead.id, [])), "summary": (lead.summary or "")[:120],
            "disposition": _lab(Disposition, lead.disposition), "disposition_date": _d(lead.disposition_date),
            "approved": ("已审批" if lead.approver_id else "待审批") if lead.disposition else "",
            "result": _lab(LeadResult, lead.result), "result_date": _d(lead.result_date)})
    return out


def _case_rows(s: Session, ids: list[int]) -> dict[int, RowView]:
    persons = _persons(s, Person.case_id, ids)
    out = {}
    for c in s.execute(select(Case).where(Case.id.in_(ids))).scalars():
        out[c.id] = RowView(c.id, {
            "number": c.number, "filing_date": _d(c.filing_date), "title": c.title,
            "persons": "、".join(persons.get(c.id, [])), "stage": _lab(CaseStage, c.stage),
            "closing_date": _d(c.closing_date), "eight_rules": "是" if c.eight_rules else ""})
    return out


def _ledger_rows(s: Session, ids: list[int]) -> dict[int, RowView]:
    leaders: dict[int, list] = {}
    for eid, name, outcome in s.execute(select(LedgerLeader.entry_id, LedgerLeader.name, LedgerLeader.outcome)
                                        .where(LedgerLeader.entry_id.in_(ids)).order_by(LedgerLeader.id)):
        leaders.setdefault(eid, []).append((name, outcome))
    out = {}
    for e, case_number in s.execute(select(LedgerEntry, Case.number).join(Case, Case.id == LedgerEntry.case_id)
                                    .where(LedgerEntry.id.in_(ids))):
        ls = leaders.get(e.id, [])
        out[e.id] = RowView(e.id, {
            "number": e.number, "entry_date": _d(e.entry_date), "case_number": case_number, "unit": e.unit,
            "leaders": "、".join(n for n, _ in ls),
            "outcomes": "、".join(f"{n}：{_lab(LedgerOutcome, o) or '待定'}" for n, o in ls)})
    return out


_FETCH = {"complaint": _complaint_rows, "lead": _lead_rows, "case": _case_rows, "ledger": _ledger_rows}


def fetch_rows(ws: Workspace, entity: str, ids: Iterable[int]) -> dict[int, RowView]:
    """Display rows for ``ids`` (a screenful); never identity fields."""
    if entity not in ENTITIES:
        raise ValidationError(f"未知的列表：{entity}", field="entity")
    require(ws.current_user, _VIEW_PERM[entity])
    ids = list(ids)
    if not ids:
        return {}
    with ws.reading() as s:
        out: dict[int, RowView] = {}
        for i in range(0, len(ids), 500):
            out.update(_FETCH[entity](s, ids[i:i + 500]))
        return out


# ------------------------------------------------------------------ export
def export_xlsx(ws: Workspace, q: ListQuery, path: Path | str) -> int:
    """Write the filtered list to an Excel file (no identity fields), atomically; returns the row count.

    Text is stored as text, never as a formula (``xlsx_cells``). An unwritable target raises
    ``FileWriteError`` before the list is read, and leaves no file behind.
    """
    ids = query_ids(ws, q)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file stands where a folder of the path should be
        raise FileWriteError(f"目标路径不是文件夹：{exc.filename}") from exc
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, path)) from exc
    ensure_writable(path)
    # Built aside, then copied in whole: openpyxl writing straight onto a full stick fails a second
    # time, noisily, when its zip is collected. About 120 bytes a row: 32 MB (~270k rows) in memory,
    # the rest in the system's temp folder.
    with tempfile.SpooledTemporaryFile(max_size=32 << 20) as data:
        _write_list(ws, q.entity, ids, data)
        atomic_write_bytes(path, data)
    return len(ids)


def _write_list(ws: Workspace, entity: str, ids: list[int], target) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet(title={"complaint": "信访件", "lead": "问题线索", "case": "案件", "ledger": "一案双查台账"}[entity])
    header = [write_only_cell(sheet, title) for _, title, _ in COLUMNS[entity]]
    for cell in header:
        cell.font = Font(bold=True)
    sheet.append(header)
    for i in range(0, len(ids), 1000):
        chunk = ids[i:i + 1000]
        rows = fetch_rows(ws, entity, chunk)
        for rid in chunk:
            if rid in rows:
                sheet.append(write_only_row(sheet, rows[rid].cells(entity)))
    wb.save(target)
