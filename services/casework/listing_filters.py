"""The SQL conditions of a list query: its filters, its text search, the complainant look-up, counting.

Text search over complaints: on SQLite, terms of three or more characters go to the FTS5 trigram
index (number, subjects' names and units, problem text); a term of one or two characters matches
the start of a subject's name or unit (indexed ranges) or a whole number. On PostgreSQL the long terms
are case-insensitive substrings (ILIKE on pg_trgm GIN indexes, models.search), the short ones as on
SQLite. Leads, cases and ledgers search with LIKE on their numbers, texts and persons.
"""
from __future__ import annotations

import re

from sqlalchemy import Integer, and_, bindparam, column, distinct, func, intersect, or_, select, union
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from models import Case, Complaint, ComplaintSubject, Lead, LedgerEntry, LedgerLeader, Person
from models.enums import Disposition
from models.search import FTS_TABLE, fts_phrase

from services.casework.listing_query import FTS_MIN, MODEL, ListQuery, search_terms
from services.errors import PermissionDenied, ValidationError
from services.security import identity
from services.security.permissions import require
from services.storage.workspace import Workspace

_TOP = "\U0010ffff"  # sorts after every character: the upper end of a prefix range
_DATE_COL = {"complaint": "received_date", "lead": "received_date", "case": "filing_date", "ledger": "entry_date"}


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
    cs = ComplaintSubject
    if session.get_bind().dialect.name == "sqlite":
        return or_(_id_in(Complaint.id, _by_prefix(term), scan), Complaint.number == term.upper())
    if len(term) < FTS_MIN:  # as on SQLite: the start of a subject's name or unit, or the whole number
        by_start = select(cs.complaint_id).where(or_(cs.name.startswith(term, autoescape=True),
                                                     cs.unit.startswith(term, autoescape=True)))
        return or_(_id_in(Complaint.id, by_start, scan), Complaint.number == term.upper())
    # PostgreSQL: a case-insensitive substring, as the FTS5 trigram tokenizer matches (pg_trgm GIN indexes).
    like = f"%{_escape_like(term)}%"
    # One IN over a UNION, never ``… OR id IN (subjects)``: under an OR the subquery is a SubPlan, read
    # again for every complaint once its ids outgrow work_mem (a common term took minutes at 500,000).
    by_subject = select(cs.complaint_id).where(or_(cs.name.ilike(like, escape="\\"), cs.unit.ilike(like, escape="\\")))
    by_complaint = select(Complaint.id).where(or_(Complaint.number.ilike(like, escape="\\"),
                                                  Complaint.main_problem.ilike(like, escape="\\"))).correlate(None)
    # Not ``scan``'s ``id + 0`` either: PostgreSQL then tests each row of the sort index against the whole
    # materialized set (a nested loop); a hashed semi-join and a sort of the matches is far cheaper there.
    return _id_in(Complaint.id, union(by_complaint, by_subject), False)


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


def complainant_condition(ws: Workspace, q: ListQuery) -> list:
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


def conditions(session: Session, q: ListQuery, scan: bool = False, extra: list = ()) -> list:
    model = MODEL[q.entity]
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


def _id_sets(session: Session, q: ListQuery) -> list | None:
    """A complaint search (and rank filter) as sets of ids to intersect, when nothing else filters.

    Counting them needs no row of ``complaints``: the search index and the subjects' covering
    indexes hold the ids (every subject and every indexed document belongs to a complaint).
    """
    if q.entity != "complaint" or session.get_bind().dialect.name != "sqlite" or any(
            (q.date_from, q.date_to, q.states, q.channels, q.kinds, q.disciplines, q.complainant.strip(), q.followups)):
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


def count_matches(s: Session, q: ListQuery, extra: list = ()) -> int:
    """How many items fit the query (from the id sets alone when only a search or rank filters)."""
    sets = _id_sets(s, q)
    if sets is None:
        model = MODEL[q.entity]
        return s.execute(select(func.count()).select_from(model).where(*conditions(s, q, extra=extra))).scalar_one()
    if len(sets) == 1 and not q.ranks and all(len(t) >= FTS_MIN for t in search_terms(q.text)):
        return s.execute(select(func.count()).select_from(sets[0].subquery())).scalar_one()  # rowids: unique
    parts = [select(sub.c.id) for sub in (one.subquery() for one in sets)]
    both = parts[0].subquery() if len(parts) == 1 else intersect(*parts).subquery()
    return s.execute(select(func.count(distinct(both.c.id)))).scalar_one()
