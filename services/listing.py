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
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from sqlalchemy import Integer, and_, bindparam, column, func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from models import Case, Complaint, ComplaintSubject, Lead, LedgerEntry, LedgerLeader, Person
from models.enums import (CaseStage, Channel, ComplaintKind, ComplaintState, Discipline, Disposition, LeadResult,
                          LeadSource, LedgerOutcome, Rank, Signature)
from models.search import FTS_TABLE, fts_phrase

from .errors import ValidationError
from .permissions import require
from .workspace import Workspace

ENTITIES = ("complaint", "lead", "case", "ledger")
_VIEW_PERM = {"complaint": "complaint.view", "lead": "lead.view", "case": "case.view", "ledger": "case.view"}
_TOP = "\U0010ffff"  # sorts after every character: the upper end of a prefix range
FTS_MIN = 3

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
_DEFAULT_SORT = {"complaint": "received_date", "lead": "received_date", "case": "filing_date", "ledger": "entry_date"}
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
def _complaint_text(session: Session, term: str):
    if session.get_bind().dialect.name == "sqlite":
        if len(term) >= FTS_MIN:
            matched = (sql_text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q")
                       .bindparams(bindparam("q", fts_phrase(term), unique=True)).columns(column("rowid", Integer)))
            return Complaint.id.in_(matched)
        hi = term + _TOP
        by_subject = select(ComplaintSubject.complaint_id).where(or_(
            and_(ComplaintSubject.name >= term, ComplaintSubject.name < hi),
            and_(ComplaintSubject.unit >= term, ComplaintSubject.unit < hi)))
        return or_(Complaint.id.in_(by_subject), Complaint.number == term.upper())
    like = f"%{_escape_like(term)}%"
    by_subject = select(ComplaintSubject.complaint_id).where(or_(
        ComplaintSubject.name.like(like, escape="\\"), ComplaintSubject.unit.like(like, escape="\\")))
    return or_(Complaint.number.like(like, escape="\\"), Complaint.main_problem.like(like, escape="\\"),
               Complaint.id.in_(by_subject))


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(session: Session, q: ListQuery) -> list:
    model = _MODEL[q.entity]
    date_col = getattr(model, _DATE_COL[q.entity])
    conds: list = []
    if q.date_from:
        conds.append(date_col >= q.date_from)
    if q.date_to:
        conds.append(date_col <= q.date_to)
    terms = search_terms(q.text)
    if q.entity == "complaint":
        if q.states:
            conds.append(Complaint.state.in_(q.states))
        if q.channels:
            conds.append(Complaint.channel.in_(q.channels))
        if q.kinds:
            conds.append(Complaint.kind.in_(q.kinds))
        if q.disciplines:
            conds.append(Complaint.discipline.in_(q.disciplines))
        if q.ranks:
            conds.append(Complaint.id.in_(select(ComplaintSubject.complaint_id)
                                          .where(ComplaintSubject.rank.in_(q.ranks))))
        conds += [_complaint_text(session, t) for t in terms]
    elif q.entity == "lead":
        if q.sources:
            conds.append(Lead.source.in_(q.sources))
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


def _order(q: ListQuery) -> list:
    model = _MODEL[q.entity]
    key = q.sort_key or _DEFAULT_SORT[q.entity]
    sortable = {k for k, _, s in COLUMNS[q.entity] if s}
    if key not in sortable:
        raise ValidationError(f"不能按“{key}”排序", field="sort_key")
    cols = _SORT_EXPR.get((q.entity, key)) or (getattr(model, key),)
    cols = (*cols, model.id)
    return [c.desc() for c in cols] if q.descending else [c.asc() for c in cols]


def _check(q: ListQuery) -> None:
    if q.entity not in ENTITIES:
        raise ValidationError(f"未知的列表：{q.entity}", field="entity")
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise ValidationError("起始日期不能晚于截止日期", field="date_from")


def query_ids(ws: Workspace, q: ListQuery) -> list[int]:
    """The ids of every item that fits the filters, in the chosen order (SQL only)."""
    _check(q)
    require(ws.current_user, _VIEW_PERM[q.entity])
    with ws.reading() as s:
        model = _MODEL[q.entity]
        stmt = select(model.id).where(*_conditions(s, q)).order_by(*_order(q))
        if s.get_bind().dialect.name == "sqlite":
            # One string instead of a million rows: the driver's per-row cost dominates otherwise.
            # SQLite does not flatten an ordered subquery into an aggregate, so the order is kept.
            text = s.execute(select(func.group_concat(stmt.subquery().c.id, ","))).scalar()
            return json.loads(f"[{text}]") if text else []
        return list(s.execute(stmt).scalars())


def count(ws: Workspace, q: ListQuery) -> int:
    _check(q)
    require(ws.current_user, _VIEW_PERM[q.entity])
    with ws.reading() as s:
        model = _MODEL[q.entity]
        return s.execute(select(func.count()).select_from(model).where(*_conditions(s, q))).scalar_one()


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
    """Write the filtered list to an Excel file (no identity fields), atomically; returns the row count."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    ids = query_ids(ws, q)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet(title={"complaint": "信访件", "lead": "问题线索", "case": "案件", "ledger": "一案双查台账"}[q.entity])
    from openpyxl.cell import WriteOnlyCell
    header = []
    for _, title, _ in COLUMNS[q.entity]:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for i in range(0, len(ids), 1000):
        chunk = ids[i:i + 1000]
        rows = fetch_rows(ws, q.entity, chunk)
        for rid in chunk:
            if rid in rows:
                sheet.append(rows[rid].cells(q.entity))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".export-", suffix=".xlsx")
    os.close(fd)
    try:
        wb.save(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return len(ids)
