"""Writing a checked ledger import: Core inserts in batches, inside the import's one transaction.

Ids are assigned here (the next free id of each table; SQLite has one writer and the import holds
the write transaction), so rows go in with ``executemany`` and never pass through the ORM's unit of
work. The complaints' full-text triggers are suspended while they load and the new id range is
indexed at once (``models.search.bulk_indexing``, as the demo generator loads). Identities are
sealed per row as the registration form seals them (``identity.columns_for``). What a row stores is
what the app's writers store: a complaint's columns and defaults from ``complaint_columns``
(``intake.create_in`` writes the same; the ledger's own number is kept, its sequence from
``numbering.seq_of_imported``), a lead's and a case's from ``record_columns`` (``leads.create_lead_in`` and
``cases.open_case_in`` write the same: the complaint's 主要问题 and 八项规定 sub-type carried into its lead,
the lead's summary and, for a blank 是否违反八项规定, its flag and sub-type into its case, the importing user
as the last one to change it), a person's from ``persons.validate_person``. A 初核 lead without a result
that a case of the ledger names is concluded as 立案 on the filing date, as opening the case in the app
does (``cases.conclude_as_filed``, with its ``lead.conclude`` event for a lead already in the app).

Audit: one event per sheet and batch of ``BATCH`` items (``import.complaints``, ``import.leads``,
``import.cases``, ``import.measures``, ``import.ledgers``; entity ``import``, the file name as id)
listing every item as ``[id, number, sheet row]`` (a lead or case as ``[id, number, sheet row, detail]``, the
detail the app's ``lead.create`` / ``case.create`` event carries, ``record_columns``), written at once (``audit.write_pending``) so that
it carries the row digests of the rows its batch inserted (``services/security/row_digest.py`` notes Core
inserts by their ids; ``check --deep`` compares them); then the caller's ``ledger.import`` event with
the file's digest and the counts. An imported item's own history therefore starts at its first
change after the import; its origin is the batch event that lists its id. Persons are inserted after
the cases they may point to, so their digests ride on the last case batch's event.

Every complaint, lead and case written here is marked ``imported`` (the timeline shows "导入自台账"): an old
ledger may lack the intermediate dates of a case or the 工作方案 of a 初核, and the stage rules of
``casework.stage_rules`` / ``casework.work_plan`` apply to what is entered in the app afterwards.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from models import Case, Complaint, ComplaintSubject, Lead, LedgerEntry, LedgerLeader, Measure, Person, search
from models.enums import CaseStage, Disposition, LeadResult

from services.casework import carry_forward, numbering, sanction_rules
from services.casework.cases import conclude_as_filed
from services.casework.complaint_columns import new_columns, subject_columns
from services.casework.persons import PersonInput, validate_person
from services.casework.record_columns import case_columns, case_created, lead_columns, lead_created
from services.security import audit, identity
from services.validation import raise_all
from services.storage.workspace import Workspace

BATCH = 1000
_ACTIONS = {"complaints": "import.complaints", "leads": "import.leads", "cases": "import.cases",
            "measures": "import.measures", "ledgers": "import.ledgers"}


def split_post(text: str | None) -> tuple[str, str]:
    """"青山镇财政所 所长" -> (unit, post); without a space the whole text is the post."""
    if not text:
        return "", ""
    parts = re.split(r"[\s\u3000]+", text.strip(), maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])


def _batches(items: list) -> Any:
    for i in range(0, len(items), BATCH):
        yield i // BATCH + 1, items[i:i + BATCH]


def _next_ids(session: Session, *models: Any) -> dict[Any, int]:
    return {m: (session.execute(select(func.max(m.id))).scalar() or 0) + 1 for m in models}


class BulkWriter:
    """Writes a checked ``ledger_check.Plan``, one sheet per method, in the caller's transaction."""

    def __init__(self, ws: Workspace, session: Session, plan: Any, file_name: str):
        self.ws, self.s, self.plan, self.file = ws, session, plan, file_name
        self.conn = session.connection()
        self.today = ws.today()
        nxt = _next_ids(session, Complaint, ComplaintSubject, Lead, Case, Person, Measure, LedgerEntry,
                        LedgerLeader)
        self.next = nxt
        self.complaint_ids = {n: c.id for n, c in plan.db_complaints.items()}
        self.complaint_ids.update({n: nxt[Complaint] + i for i, n in enumerate(plan.complaints)})
        self.lead_ids = {n: x.id for n, x in plan.db_leads.items()}
        self.lead_ids.update({n: nxt[Lead] + i for i, n in enumerate(plan.leads)})
        self.case_ids = {n: x.id for n, x in plan.db_cases.items()}
        self.case_ids.update({n: nxt[Case] + i for i, n in enumerate(plan.cases)})
        # (owner kind, number, name) -> person id; new persons' rows wait until the cases exist
        self.persons: dict[tuple[str, str, str], int] = {}
        self.person_rows: list[dict] = []
        self.person_updates: list[dict] = []
        self.db_person_case: dict[int, int | None] = {}
        self.lead_carry: dict[str, tuple[str, carry_forward.Classification]] = {}  # number -> what its case carries
        for number, lead in plan.db_leads.items():
            for p in lead.persons:
                self.persons[("lead", number, p.name)] = p.id
                self.db_person_case[p.id] = p.case_id
        for number, c in plan.db_cases.items():
            for p in c.persons:
                self.persons[("case", number, p.name)] = p.id

    def _id(self, model: Any) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value

    def _person_columns(self, r: dict, *, supervised: bool) -> dict[str, Any]:
        """A person's columns as the app's person form stores them (``persons.validate_person``)."""
        unit, post = split_post(r.get("post"))
        values, problems = validate_person(PersonInput(name=r["name"], unit=unit, post=post, rank=r.get("rank"),
                                                       is_party_member=bool(r.get("party")),
                                                       is_supervised_object=supervised), self.today)
        raise_all(problems, f"人员“{r['name']}”")  # the sheet's columns were checked: never expected
        return {**values, "updated_by_id": self.ws.current_user.id}  # as the session stamps a new person

    def _audit(self, kind: str, batch: int, sheet: str, items: list[list]) -> None:
        audit.record(self.s, self.ws.current_user, _ACTIONS[kind], "import", self.file,
                     {"via": "import", "file": self.file, "sheet": sheet, "batch": batch, "count": len(items),
                      "items": items})
        audit.write_pending(self.s)  # this event carries the digests of the rows its batch wrote

    # ------------------------------------------------------------------ sheets
    def complaints(self, sheet: str) -> None:
        plan = self.plan
        if not plan.complaints:
            return
        years = {v["received_date"].year for v in plan.complaints.values()}
        taken: dict[int, set[int]] = {y: set() for y in years}
        for year, seq in self.s.execute(select(Complaint.year, Complaint.seq).where(Complaint.year.in_(years))):
            taken[year].add(seq)
        numbers = list(plan.complaints)
        no_identity = identity.columns_for(self.ws, 0)  # the columns of a complaint without an identity
        span = (self.complaint_ids[numbers[0]], self.complaint_ids[numbers[-1]])
        with search.bulk_indexing(self.conn, lambda: span):
            for batch, chunk in _batches(numbers):
                rows, subjects, items = [], [], []
                for number in chunk:
                    v = plan.complaints[number]
                    cid, year = self.complaint_ids[number], v["received_date"].year
                    ref = v.get("repeat_of")
                    # The columns the one writer (intake.create_in) stores; the number is the ledger's own.
                    row = {"id": cid, "number": number, "seq": numbering.seq_of_imported(number, taken[year]),
                           **new_columns(v, self.ws.current_user,
                                         original_id=self.complaint_ids[str(ref)] if ref is not None else None),
                           "imported": True}
                    plain = {f: v.get(f"complainant_{f}") for f in identity.FIELDS}
                    row.update(identity.columns_for(self.ws, cid, **plain) if any(plain.values()) else no_identity)
                    rows.append(row)
                    subjects += [{"id": self._id(ComplaintSubject), "complaint_id": cid, **sub}
                                 for sub in subject_columns(v)]
                    items.append([cid, number, plan.complaint_rows[number][0].row])
                self.conn.execute(insert(Complaint.__table__), rows)
                if subjects:
                    self.conn.execute(insert(ComplaintSubject.__table__), subjects)
                self._audit("complaints", batch, sheet, items)

    def _filed(self) -> dict[str, tuple[str, dt.date]]:
        """Lead number -> (number, filing date) of the first case this workbook opens from it."""
        out: dict[str, tuple[str, dt.date]] = {}
        for number, group in self.plan.cases.items():
            v = group[0].values
            lead = v.get("lead")
            if lead and (lead not in out or v["filing_date"] < out[lead][1]):
                out[lead] = (number, v["filing_date"])
        return out

    def leads(self, sheet: str) -> None:
        user = self.ws.current_user
        filed = self._filed()
        for batch, chunk in _batches(list(self.plan.leads.items())):
            rows, items = [], []
            for number, group in chunk:
                v = group[0].values
                ref = v.get("complaint")
                lid = self.lead_ids[number]
                # The columns the one writer (leads.create_lead_in) stores, as 受理 makes a lead from a
                # complaint: its 主要问题 as the summary, its 八项规定 sub-type carried; the number is the ledger's.
                received, summary, classification = self._complaint(ref) if ref else (
                    v["disposition_date"], "", carry_forward.NONE)
                classification = carry_forward.eight_rules_values(  # the sheet's own (ledger_check), else carried
                    v.get("eight_rules"), v.get("eight_rules_type"), classification, [])
                columns = lead_columns(user, number=number, source=v["source"], received_date=received,
                                       summary=summary, complaint_id=self.complaint_ids[ref] if ref else None,
                                       classification=classification)
                self.lead_carry[number] = (columns["summary"], classification)
                result, result_date = v.get("result"), v.get("result_date")
                if result is None and number in filed and v["disposition"] == Disposition.preliminary_verification.value:
                    result, result_date = LeadResult.case_filed.value, filed[number][1]  # as 立案 concludes it
                rows.append({"id": lid, **columns, "disposition": v["disposition"],
                             "disposition_date": v["disposition_date"], "result": result,
                             "result_date": result_date, "imported": True})
                for r in group:
                    pid = self._id(Person)
                    self.person_rows.append({"id": pid, "lead_id": lid, "case_id": None,
                                             **self._person_columns(r.values, supervised=True)})
                    self.persons[("lead", number, r.values["name"])] = pid
                items.append([lid, number, group[0].row, lead_created(columns, len(group))])
            self.conn.execute(insert(Lead.__table__), rows)
            self._audit("leads", batch, sheet, items)

    def _complaint(self, number: str) -> tuple[dt.date, str, carry_forward.Classification]:
        """(received date, 主要问题, 八项规定 classification) of a complaint, in the database or this workbook."""
        if number in self.plan.db_complaints:
            c = self.plan.db_complaints[number]
            return c.received_date, c.main_problem or "", carry_forward.of_complaint_type(c.eight_rules_type)
        v = self.plan.complaints[number]
        return (v["received_date"], v.get("main_problem") or "",
                carry_forward.of_complaint_type(v.get("eight_rules_type")))

    def _lead(self, number: str) -> tuple[str, carry_forward.Classification]:
        """(summary, 八项规定 classification) a case from this lead carries."""
        if number in self.lead_carry:
            return self.lead_carry[number]
        lead = self.plan.db_leads[number]
        return lead.summary or "", carry_forward.of_lead(lead)

    def cases(self, sheet: str) -> None:
        user = self.ws.current_user
        new_rows = {row["id"]: row for row in self.person_rows}
        batches = list(_batches(list(self.plan.cases.items())))
        for batch, chunk in batches:
            rows, items = [], []
            for number, group in chunk:
                v = group[0].values
                cid = self.case_ids[number]
                lead = v.get("lead")
                lead_summary, inherited = self._lead(lead) if lead else ("", carry_forward.NONE)
                # The columns the one writer (cases.open_case_in) stores; a blank 是否违反八项规定 carries the
                # lead's flag and sub-type as the form does. The 立案 was approved outside the app: no approver.
                problems: list = []
                classification = carry_forward.eight_rules_values(v.get("eight_rules"), None, inherited, problems)
                columns = case_columns(user, number=number, lead_id=self.lead_ids[lead] if lead else None,
                                       lead_summary=lead_summary, filing_date=v["filing_date"],
                                       classification=classification)
                closed = v.get("closing_date") is not None
                rows.append({"id": cid, **columns, "closing_date": v.get("closing_date"),
                             "stage": CaseStage.closed.value if closed else CaseStage.filed.value, "imported": True})
                for r in group:
                    self._case_person(cid, number, lead, r.values, new_rows)
                items.append([cid, number, group[0].row, case_created(columns, lead)])
            self.conn.execute(insert(Case.__table__), rows)
            if batch == len(batches):
                self._persons()
            self._audit("cases", batch, sheet, items)
        if not batches:
            self._persons()
        for lead_number, (number, filing_date) in self._filed().items():
            lead = self.plan.db_leads.get(lead_number)
            if lead is not None and lead.result is None and lead.disposition == Disposition.preliminary_verification.value:
                conclude_as_filed(self.ws, self.s, lead, number, filing_date)  # a lead already in the app

    def _persons(self) -> None:
        """The lead and case persons, once the cases they point to exist."""
        if self.person_rows:
            self.conn.execute(insert(Person.__table__), self.person_rows)
        if self.person_updates:
            table = Person.__table__
            fields = ("case_id", "unit", "post", "rank", "is_party_member", "is_supervised_object")
            self.conn.execute(update(table).where(table.c.id == bindparam("pid"))
                              .values({f: bindparam(f"new_{f}") for f in fields}),
                              [{"pid": u["pid"], **{f"new_{f}": u[f] for f in fields}} for u in self.person_updates])

    def _case_person(self, cid: int, number: str, lead: str | None, r: dict, new_rows: dict[int, dict]) -> None:
        """The lead's person joins the case (one row per person); otherwise a new person."""
        columns = self._person_columns(r, supervised=bool(r["supervised"]))
        unit, post = columns["unit"], columns["post"]
        pid = self.persons.get(("lead", lead, r["name"])) if lead else None
        fields = {"case_id": cid, "is_party_member": bool(r["party"]), "is_supervised_object": bool(r["supervised"])}
        if pid is not None and pid in new_rows and new_rows[pid]["case_id"] is None:
            row = new_rows[pid]
            row.update(fields, unit=unit or row["unit"], post=post or row["post"], rank=r.get("rank") or row["rank"])
        elif pid is not None and pid not in new_rows and self.db_person_case.get(pid) is None:
            p = self.s.get(Person, pid)
            self.db_person_case[pid] = cid
            self.person_updates.append({"pid": pid, **fields, "unit": unit or p.unit, "post": post or p.post,
                                        "rank": r.get("rank") or p.rank})
        else:
            pid = self._id(Person)
            row = {"id": pid, "lead_id": None, **columns, **fields}
            self.person_rows.append(row)
            new_rows[pid] = row
        self.persons[("case", number, r["name"])] = pid

    def measures(self, sheet: str) -> None:
        for batch, chunk in _batches(self.plan.measures):
            rows, items = [], []
            for row, owner_kind, kind in chunk:
                v = row.values
                mid = self._id(Measure)
                rows.append({"id": mid, "person_id": self.persons[(owner_kind, v["owner"], v["name"])],
                             "category": v["category"], "kind": kind, "decision_date": v["decision_date"],
                             "document_number": v.get("document_number") or "",
                             "effect_end": sanction_rules.effect_end(kind, v["decision_date"]),
                             "form": sanction_rules.form_of(kind),
                             "case_id": self.case_ids[v["owner"]] if owner_kind == "case" else None,
                             "lead_id": self.lead_ids[v["owner"]] if owner_kind == "lead" else None})
                items.append([mid, v["owner"], row.row])
            self.conn.execute(insert(Measure.__table__), rows)
            self._audit("measures", batch, sheet, items)

    def ledgers(self, sheet: str) -> None:
        for batch, chunk in _batches(list(self.plan.ledgers.items())):
            rows, leaders, items = [], [], []
            for number, group in chunk:
                v = group[0].values
                eid = self._id(LedgerEntry)
                rows.append({"id": eid, "number": number, "case_id": self.case_ids[v["case"]], "unit": v["unit"],
                             "entry_date": v["entry_date"]})
                leaders += [{"id": self._id(LedgerLeader), "entry_id": eid, "name": r.values["name"],
                             "post": r.values.get("post") or "", "position_type": r.values.get("position"),
                             "responsibility": r.values["responsibility"], "outcome": r.values["outcome"],
                             "outcome_date": r.values["outcome_date"], "accountability_method": r.values.get("method"),
                             "basis": r.values.get("basis") or ""} for r in group]
                items.append([eid, number, group[0].row])
            self.conn.execute(insert(LedgerEntry.__table__), rows)
            self.conn.execute(insert(LedgerLeader.__table__), leaders)
            self._audit("ledgers", batch, sheet, items)
