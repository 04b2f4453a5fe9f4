"""Checking a ledger workbook's rows, all of them, before anything is written.

Each cell is parsed by its column (``ledger_spec``); rows that share a number are one item with
several persons (被反映人, 被调查人, 领导干部): the item's own columns may be left blank on the later
rows, and must agree when filled; in 处分处理 each row is one measure. 信访件 rows go through the
registration form's own validation (``complaint_fields.validate_complaint_fields``), so their
identity columns need the identity key as the form does. References (关联…编号, 处分处理's 编号 and
姓名) are looked up in the workbook and in the database; an existing number is refused. The result is
a ``Plan``, what ``ledger_write.BulkWriter`` writes, or problems in the shared ``Problems``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Case, Complaint, Lead, LedgerEntry
from models.enums import Disposition, LeadResult, LedgerOutcome

from services.casework import sanction_rules
from services.casework.complaint_fields import validate_complaint_fields
from services.errors import ValidationError
from services.interchange.ledger_read import Problems, Row, Values
from services.interchange.ledger_spec import (CASES, COMPLAINTS, LEADS, LEAD_RESULTS, LEDGER, MEASURES, SHEETS,
                                              SHEET_PERMISSIONS, excel_date, measure_kind)
from services.interchange.ledger_write import split_post
from services.security import identity
from services.security.permissions import allowed
from services.storage.workspace import Workspace

_IN_CHUNK = 500


# --------------------------------------------------------------------------- parsing and grouping
def _parse(rows: list[Row], today: dt.date, pr: Problems) -> None:
    for row in rows:
        for col in SHEETS[row.sheet]:
            value = row.raw.get(col.name)
            if value is None:
                continue
            try:
                row.values[col.key] = col.parse(value, col.name, today)
            except ValidationError as exc:
                row.flag(col.name)
                pr.add(row.sheet, row.row, col.name, exc.message)
        if row.sheet != COMPLAINTS:  # the complaint checks read the raw cells; the others are done with them
            row.raw = None


def _group(rows: list[Row], pr: Problems, *, repeat_ok: bool, check_required: bool = True
           ) -> dict[str, list[Row]]:
    """Rows by number; the first row carries the item, later rows add persons."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        cols = SHEETS[row.sheet]
        number = row.values.get("number")
        if number is None:
            if cols[0].name not in row.bad:
                pr.add(row.sheet, row.row, cols[0].name, f"请填写{cols[0].name}")
            continue
        group = groups.get(number)
        if group is None:
            groups[number] = [row]
            required = [c for c in cols if c.required]
        elif not repeat_ok:
            pr.add(row.sheet, row.row, cols[0].name, f"编号“{number}”在本表中重复（第 {group[0].row} 行已有）")
            continue
        else:
            group.append(row)
            required = [c for c in cols if c.required and c.person]
            first = group[0]
            for c in cols[1:]:
                if c.person or c.name in row.bad or row.values.get(c.key) is None or c.name in first.bad:
                    continue
                if row.values[c.key] != first.values.get(c.key):
                    pr.add(row.sheet, row.row, c.name,
                           f"与第 {first.row} 行（同一编号“{number}”）的“{c.name}”不一致")
        for c in required if check_required else ():
            if c.key != "number" and row.values.get(c.key) is None and c.name not in row.bad:
                pr.add(row.sheet, row.row, c.name, f"请填写{c.name}")
                row.flag(c.name)
    return groups


# --------------------------------------------------------------------------- database look-ups
def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(values))
    for i in range(0, len(items), _IN_CHUNK):
        yield items[i:i + _IN_CHUNK]


def _existing(session: Session, model: Any, numbers: Iterable[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for chunk in _chunks(numbers):
        stmt = select(model).where(model.number.in_(chunk))
        if model in (Lead, Case):
            stmt = stmt.options(selectinload(model.persons))
        for obj in session.execute(stmt).scalars():
            found[obj.number] = obj
    return found


# --------------------------------------------------------------------------- the plan
@dataclass
class Plan:
    """What a checked workbook holds, by sheet, and the database items it refers to."""

    complaints: dict[str, dict[str, Any]] = field(default_factory=dict)   # number -> validated values
    complaint_rows: dict[str, list[Row]] = field(default_factory=dict)
    leads: dict[str, list[Row]] = field(default_factory=dict)
    cases: dict[str, list[Row]] = field(default_factory=dict)
    measures: list[tuple[Row, str, str]] = field(default_factory=list)     # row, owner kind (case/lead), kind
    ledgers: dict[str, list[Row]] = field(default_factory=dict)
    db_complaints: dict[str, Complaint] = field(default_factory=dict)
    db_leads: dict[str, Lead] = field(default_factory=dict)
    db_cases: dict[str, Case] = field(default_factory=dict)


_COMPLAINT_FIELDS = {"number": "编号", "received_date": "收件日期", "channel": "来源渠道", "kind": "类型",
                     "signature": "署名情况", "complainant_name": "反映人", "complainant_phone": "联系电话",
                     "complainant_address": "住址", "complainant_id_number": "身份证号",
                     "main_problem": "主要问题", "disciplines": "问题类别", "is_repeat": "是否重复件",
                     "repeat_of": "原信访件编号", "subjects": "被反映人", "receiver": ""}
_IDENTITY_KEYS = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")
_WRITTEN = ("received_date", "channel", "kind", "signature", "is_repeat", "repeat_of", "main_problem", "disciplines",
            "subjects", *_IDENTITY_KEYS)
_SUBJECT_FIELDS = {"name": "被反映人", "unit": "单位职务", "post": "单位职务", "rank": "职级"}


def _check_complaints(ws: Workspace, rows: list[Row], plan: Plan, pr: Problems, today: dt.date) -> None:
    groups = _group(rows, pr, repeat_ok=True, check_required=False)  # validation checks the rest
    for number, group in groups.items():
        first = group[0]
        values: dict[str, Any] = {k: first.raw.get(c.name) for c in SHEETS[COMPLAINTS] if not c.person
                                  for k in [c.key]}
        values["number"] = number
        if isinstance(values["received_date"], (int, float)) and not isinstance(values["received_date"], bool):
            try:
                values["received_date"] = excel_date(values["received_date"], "收件日期", today)
            except ValidationError as exc:
                pr.add(COMPLAINTS, first.row, "收件日期", exc.message)
                values["received_date"] = None
                first.flag("收件日期")
        for key in ("complainant_name", "complainant_phone", "complainant_id_number", "main_problem", "repeat_of",
                    "discipline"):
            if isinstance(values[key], float) and values[key].is_integer():
                values[key] = int(values[key])
        values["disciplines"] = [values.pop("discipline")] if values.get("discipline") is not None else []
        subjects, subject_rows = [], []
        for row in group:
            name, post, rank = row.raw.get("被反映人"), row.raw.get("单位职务"), row.raw.get("职级")
            if name is None and post is None and rank is None:
                continue
            unit, post_text = split_post(post) if isinstance(post, str) else ("", post)
            subjects.append({"name": name, "unit": unit or None, "post": post_text, "rank": rank})
            subject_rows.append(row)
        values["subjects"] = subjects
        try:
            clean = validate_complaint_fields(values, today)
        except ValidationError as exc:
            for p in exc.problems or [exc]:
                _complaint_problem(p, first, subject_rows, pr)
            clean = None
        if clean is not None and any(clean.get(k) for k in _IDENTITY_KEYS) and not identity.has_key(ws):
            pr.add(COMPLAINTS, first.row, "反映人",
                   identity.NO_KEY + "；无此授权时请清空“反映人”“联系电话”“身份证号”“住址”各列再导入")
            clean = None
        if clean is not None:  # only what the writer uses (a complaint costs less memory)
            plan.complaints[number] = {k: clean.get(k) for k in _WRITTEN}
        plan.complaint_rows[number] = group
        for row in group:  # only the row numbers are needed from here on
            row.raw, row.values = None, Values()


def _complaint_problem(p: ValidationError, first: Row, subject_rows: list[Row], pr: Problems) -> None:
    fieldname = p.field or ""
    m = re.match(r"subjects\[(\d+)\]\.(\w+)", fieldname)
    if m and int(m[1]) < len(subject_rows):
        pr.add(COMPLAINTS, subject_rows[int(m[1])].row, _SUBJECT_FIELDS.get(m[2], "被反映人"), p.message)
        return
    pr.add(COMPLAINTS, first.row, _COMPLAINT_FIELDS.get(fieldname, ""), p.message)


def _persons_unique(group: list[Row], column: str, pr: Problems) -> None:
    seen: dict[str, int] = {}
    for row in group:
        name = row.values.get("name")
        if name is None:
            continue
        if name in seen:
            pr.add(row.sheet, row.row, column, f"同一编号下“{name}”出现两次（第 {seen[name]} 行已有）")
        seen.setdefault(name, row.row)


def _check_leads(rows: list[Row], plan: Plan, pr: Problems) -> None:
    plan.leads = _group(rows, pr, repeat_ok=True)
    for group in plan.leads.values():
        v = group[0].values
        _persons_unique(group, "被反映人", pr)
        ref = v.get("complaint")
        if ref and ref not in plan.complaint_rows and ref not in plan.db_complaints:
            pr.add(LEADS, group[0].row, "关联信访件编号", f"信访件“{ref}”不存在（本工作簿和系统中都没有）")
        disposition, result = v.get("disposition"), v.get("result")
        if result and disposition and result not in LEAD_RESULTS.get(disposition, set()):
            allowed_labels = "、".join(LeadResult(r).label for r in sorted(LEAD_RESULTS.get(disposition, ())))
            how = Disposition(disposition).label
            pr.add(LEADS, group[0].row, "办结结果",
                   f"“{how}”的线索不能以“{LeadResult(result).label}”办结"
                   + (f"，应为：{allowed_labels}" if allowed_labels else "，此处置方式没有办结结果"))
        if result and not v.get("result_date") and "办结日期" not in group[0].bad:
            pr.add(LEADS, group[0].row, "办结日期", "填写了办结结果，请同时填写办结日期")
        if v.get("result_date") and not result and "办结结果" not in group[0].bad:
            pr.add(LEADS, group[0].row, "办结结果", "填写了办结日期，请同时填写办结结果")
        if v.get("result_date") and v.get("disposition_date") and v["result_date"] < v["disposition_date"]:
            pr.add(LEADS, group[0].row, "办结日期", "办结日期不能早于处置日期")
        _check_lead_classification(group[0], pr)


def _check_lead_classification(first: Row, pr: Problems) -> None:
    """A 八项规定问题类型 implies 是否违反八项规定 “是” (a blank flag is read so); with “否” it is refused. Both blank:
    the writer carries the 关联信访件's classification, as 受理 does (carry_forward.eight_rules_values)."""
    v = first.values
    if v.get("eight_rules_type") is None:
        return
    if v.get("eight_rules") is False:
        pr.add(LEADS, first.row, "八项规定问题类型", "填写了八项规定问题类型，“是否违反八项规定”应填“是”（现为“否”）")
    elif v.get("eight_rules") is None and "是否违反八项规定" not in first.bad:
        v["eight_rules"] = True


def _check_cases(rows: list[Row], plan: Plan, pr: Problems) -> None:
    plan.cases = _group(rows, pr, repeat_ok=True)
    for group in plan.cases.values():
        v = group[0].values
        _persons_unique(group, "被调查人", pr)
        ref = v.get("lead")
        if ref and ref not in plan.leads and ref not in plan.db_leads:
            pr.add(CASES, group[0].row, "关联线索编号", f"问题线索“{ref}”不存在（本工作簿和系统中都没有）")
        if v.get("closing_date") and v.get("filing_date") and v["closing_date"] < v["filing_date"]:
            pr.add(CASES, group[0].row, "结案日期", "结案日期不能早于立案日期")


def _person_flags(plan: Plan, owner: str, name: str) -> tuple[str, Any] | None:
    """("case"|"lead", (is_party_member, is_supervised_object, filing_date)) of a person, or None."""
    if owner in plan.cases or owner in plan.db_cases:
        if owner in plan.cases:
            group = plan.cases[owner]
            for row in group:
                if row.values.get("name") == name:
                    return "case", (row.values.get("party"), row.values.get("supervised"),
                                    group[0].values.get("filing_date"))
            return "case", None
        c = plan.db_cases[owner]
        for p in c.persons:
            if p.name == name:
                return "case", (p.is_party_member, p.is_supervised_object, c.filing_date)
        return "case", None
    if owner in plan.leads:
        for row in plan.leads[owner]:
            if row.values.get("name") == name:
                return "lead", (row.values.get("party"), True, None)
        return "lead", None
    if owner in plan.db_leads:
        for p in plan.db_leads[owner].persons:
            if p.name == name:
                return "lead", (p.is_party_member, p.is_supervised_object, None)
        return "lead", None
    return None


def _check_measures(rows: list[Row], plan: Plan, pr: Problems) -> None:
    for row in rows:
        v = row.values
        for c in SHEETS[MEASURES]:
            if c.required and v.get(c.key) is None and c.name not in row.bad:
                pr.add(MEASURES, row.row, c.name, f"请填写{c.name}")
                row.flag(c.name)
        kind = None
        if v.get("category") and v.get("kind") is not None:
            try:
                kind = measure_kind(v["category"], v["kind"])
            except ValidationError as exc:
                pr.add(MEASURES, row.row, "处理措施", exc.message)
        owner, name = v.get("owner"), v.get("name")
        if not owner or not name:
            continue
        found = _person_flags(plan, owner, name)
        if found is None:
            pr.add(MEASURES, row.row, "编号", f"编号“{owner}”既不是已有的案件编号，也不是已有的线索编号")
            continue
        owner_kind, flags = found
        if flags is None:
            where = "案件" if owner_kind == "case" else "问题线索"
            pr.add(MEASURES, row.row, "姓名", f"{where}“{owner}”中没有“{name}”这个人")
            continue
        party, supervised, filing_date = flags
        if kind is not None:
            try:
                sanction_rules.check_measure_allowed(kind, party, supervised)
            except ValidationError as exc:
                pr.add(MEASURES, row.row, "处理措施", exc.message)
            else:
                plan.measures.append((row, owner_kind, kind))
        if filing_date and v.get("decision_date") and v["decision_date"] < filing_date:
            pr.add(MEASURES, row.row, "决定日期", f"决定日期不能早于案件的立案日期（{filing_date.isoformat()}）")


def _check_ledgers(rows: list[Row], plan: Plan, pr: Problems) -> None:
    plan.ledgers = _group(rows, pr, repeat_ok=True)
    for group in plan.ledgers.values():
        v = group[0].values
        _persons_unique(group, "领导干部姓名", pr)
        ref = v.get("case")
        if ref and ref not in plan.cases and ref not in plan.db_cases:
            pr.add(LEDGER, group[0].row, "关联案件编号", f"案件“{ref}”不存在（本工作簿和系统中都没有）")
        for row in group:
            if row.values.get("method") and row.values.get("outcome") not in (None, LedgerOutcome.held_accountable.value):
                pr.add(LEDGER, row.row, "追责方式", "只有处理结果为“追责”时才填写追责方式")
            if row.values.get("outcome_date") and v.get("entry_date") and row.values["outcome_date"] < v["entry_date"]:
                pr.add(LEDGER, row.row, "结果日期", "结果日期不能早于建账日期")


def _refuse_existing(session: Session, plan: Plan, pr: Problems) -> None:
    for sheet, groups, model, column in (
            (COMPLAINTS, plan.complaint_rows, Complaint, "编号"), (LEADS, plan.leads, Lead, "线索编号"),
            (CASES, plan.cases, Case, "案件编号"), (LEDGER, plan.ledgers, LedgerEntry, "台账编号")):
        for number in _existing(session, model, groups):
            pr.add(sheet, groups[number][0].row, column, f"编号“{number}”在系统中已存在，不能重复导入")


def check_workbook(ws: Workspace, session: Session, sheets: dict[str, list[Row]], pr: Problems) -> Plan:
    """Every check of every sheet (all problems go to ``pr``); the plan is to be written only if none."""
    today = ws.today()
    plan = Plan()
    for sheet, rows in sheets.items():
        if rows and not allowed(ws.current_user.roles, SHEET_PERMISSIONS[sheet]):
            pr.add(sheet, 1, "", f"当前账号没有导入“{sheet}”的权限")
    for sheet in (LEADS, CASES, MEASURES, LEDGER):
        _parse(sheets.get(sheet, []), today, pr)
    _parse(sheets.get(COMPLAINTS, []), today, pr)  # only 编号 is parsed here; the rest by validation
    complaint_refs = {r.values["complaint"] for r in sheets.get(LEADS, []) if r.values.get("complaint")}
    complaint_refs |= {str(r.raw["原信访件编号"]) for r in sheets.get(COMPLAINTS, []) if r.raw.get("原信访件编号")}
    plan.db_complaints = _existing(session, Complaint, complaint_refs)
    plan.db_leads = _existing(session, Lead, {r.values["lead"] for r in sheets.get(CASES, []) if r.values.get("lead")}
                              | {r.values["owner"] for r in sheets.get(MEASURES, []) if r.values.get("owner")})
    plan.db_cases = _existing(session, Case, {r.values["case"] for r in sheets.get(LEDGER, []) if r.values.get("case")}
                              | {r.values["owner"] for r in sheets.get(MEASURES, []) if r.values.get("owner")})
    _check_complaints(ws, sheets.get(COMPLAINTS, []), plan, pr, today)
    for number, clean in plan.complaints.items():
        ref = clean.get("repeat_of")
        if ref is not None:
            ref = str(ref)
            row = plan.complaint_rows[number][0].row
            if ref == number:
                pr.add(COMPLAINTS, row, "原信访件编号", "重复件不能关联自己")
            elif ref not in plan.complaint_rows and ref not in plan.db_complaints:
                pr.add(COMPLAINTS, row, "原信访件编号", f"原信访件“{ref}”不存在（本工作簿和系统中都没有）")
    _check_leads(sheets.get(LEADS, []), plan, pr)
    _check_cases(sheets.get(CASES, []), plan, pr)
    _check_measures(sheets.get(MEASURES, []), plan, pr)
    _check_ledgers(sheets.get(LEDGER, []), plan, pr)
    _refuse_existing(session, plan, pr)
    return plan
