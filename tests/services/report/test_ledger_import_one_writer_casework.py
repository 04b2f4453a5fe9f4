"""One writer for leads and cases: a lead or case imported from an Excel ledger is stored as the app's
writer (``leads.create_lead_in``, ``cases.open_case_in``) stores the same input, and its import batch
event lists the same detail the app's ``lead.create`` / ``case.create`` event carries."""
import datetime as dt
import json

import pytest
from sqlalchemy import select

from models import AuditEvent, Case, Lead
from services.casework import cases, intake, leads
from services.casework.intake import ComplaintInput, SubjectInput
from services.casework.persons import PersonInput
from services.interchange import ledger_import

from .conftest import K_HEAD, L_HEAD, write_book

pytestmark = pytest.mark.both_db  # the bulk insert's ids and the audit batch events on either database

# what tells an imported row from a typed one: its own id and number, the import mark, the timestamps and
# version; and what only the ledger holds (the disposition and result it had already reached)
_IGNORED = {"id", "number", "imported", "created_at", "updated_at", "version"}
_LEAD_LEDGER = {"disposition", "disposition_date", "approver_id", "result", "result_date"}


def _columns(row, model, ignored=()) -> dict:
    return {c.key: getattr(row, c.key) for c in model.__table__.columns if c.key not in _IGNORED | set(ignored)}


def _complaint(ws) -> intake.ComplaintView:
    """A complaint about 违规吃喝 registered in the app."""
    return intake.register_complaint(ws, ComplaintInput(
        received_date=dt.date(2026, 3, 2), channel="letter", kind="accusation", signature="anonymous",
        subjects=[SubjectInput(name="李四", unit="青山镇财政所", post="所长")], main_problem="公款吃喝",
        discipline="integrity", eight_rules_type="dining"))


def _created(s, action: str, entity_id: int) -> dict:
    ev = s.execute(select(AuditEvent).where(AuditEvent.action == action, AuditEvent.entity_id == str(entity_id))
                   ).scalar_one()
    return json.loads(ev.detail_json)


def _listed(s, action: str, item_id: int) -> dict:
    """The detail the import batch event lists with an item: [id, number, sheet row, detail]."""
    for (detail_json,) in s.execute(select(AuditEvent.detail_json).where(AuditEvent.action == action)):
        for item in json.loads(detail_json)["items"]:
            if item[0] == item_id:
                return item[3]
    raise AssertionError(f"{action} lists no item {item_id}")


def test_imported_lead_is_stored_as_the_lead_writer_stores_it(ws, tmp_path):
    """Bugs fixed: the import left a lead from a complaint without the complaint's 违反八项规定 flag and
    sub-type (carry_forward), with an empty 线索摘要, and without its last-change user (updated_by_id)."""
    complaint = _complaint(ws)
    book = write_book(tmp_path / "线索.xlsx", {"问题线索": [L_HEAD, [
        "XS2026-101", "信访举报", complaint.number, "李四", "青山镇财政所 所长", None, "是", "暂存待查",
        dt.datetime(2026, 3, 2)]]})
    result = ledger_import.import_workbook(ws, book)
    assert result.problems == [] and result.imported
    typed = leads.create_lead(ws, leads.LeadInput(
        source="complaint", received_date=dt.date(2026, 3, 2), summary="公款吃喝", complaint_id=complaint.id,
        persons=[PersonInput(name="李四", unit="青山镇财政所", post="所长", is_party_member=True)]))
    with ws.reading() as s:
        imported = s.execute(select(Lead).where(Lead.number == "XS2026-101")).scalar_one()
        made = s.get(Lead, typed.id)
        assert (imported.eight_rules, imported.eight_rules_type, imported.summary, imported.updated_by_id) == (
            True, "dining", "公款吃喝", ws.current_user.id)
        assert _columns(imported, Lead, _LEAD_LEDGER) == _columns(made, Lead, _LEAD_LEDGER)
        listed, app = _listed(s, "import.leads", imported.id), _created(s, "lead.create", made.id)
        assert (listed.pop("number"), app.pop("number")) == ("XS2026-101", typed.number)
        assert listed == app == {"source": "complaint", "complaint_id": complaint.id, "persons": 1,
                                 "eight_rules": True, "eight_rules_type": "dining"}
        lead_id = imported.id
    assert leads.get_lead(ws, lead_id).imported is True  # the timeline's 导入自台账 mark stays


_PERSON = ["张三", "青山镇财政所 会计", None, "是", "是"]


def test_imported_direct_case_is_stored_as_the_case_writer_stores_it(ws, tmp_path):
    """Bug fixed: an imported case had no last-change user (updated_by_id). What differs by design: the
    import's 立案 was approved outside the app, so it names no approver (a secretary's own 立案 does)."""
    book = write_book(tmp_path / "案件.xlsx", {"案件": [K_HEAD, [
        "AJ2026-101", None, *_PERSON, dt.datetime(2026, 5, 6), None, "是"]]})
    result = ledger_import.import_workbook(ws, book)
    assert result.problems == [] and result.imported
    typed = cases.open_case(ws, filing_date=dt.date(2026, 5, 6), eight_rules=True, persons=[
        PersonInput(name="张三", unit="青山镇财政所", post="会计", is_party_member=True, is_supervised_object=True)])
    approval = {"filing_approver", "filing_approver_id"}
    with ws.reading() as s:
        imported = s.execute(select(Case).where(Case.number == "AJ2026-101")).scalar_one()
        made = s.get(Case, typed.id)
        assert (imported.filing_approver, imported.filing_approver_id, imported.updated_by_id) == (
            "", None, ws.current_user.id)
        assert (made.filing_approver, made.filing_approver_id) == ("王书记", ws.current_user.id)
        assert _columns(imported, Case, approval) == _columns(made, Case, approval)
        listed, app = _listed(s, "import.cases", imported.id), _created(s, "case.create", made.id)
        assert (listed.pop("number"), app.pop("number")) == ("AJ2026-101", typed.number)
        assert (listed.pop("approved"), app.pop("approved")) == (False, True)
        assert listed == app == {"date": "2026-05-06", "lead": None, "eight_rules": True}
        case_id = imported.id
    view = cases.get_case(ws, case_id)
    assert (view.imported, view.stage, view.persons[0].name) == (True, "filed", "张三")


def test_a_case_from_a_ledger_lead_carries_it_and_concludes_it(ws, tmp_path):
    """Bugs fixed: a case whose 是否违反八项规定 cell is blank was stored as not 八项规定 although its lead is
    (the form carries the lead's flag and sub-type), without the lead's summary, and its 初核 lead stayed
    without a result (立案 concludes it on the filing date)."""
    complaint = _complaint(ws)
    book = write_book(tmp_path / "线索和案件.xlsx", {
        "问题线索": [L_HEAD, ["XS2026-101", "信访举报", complaint.number, "李四", "青山镇财政所 所长", None, "是",
                          "初步核实", dt.datetime(2026, 3, 10)]],
        "案件": [K_HEAD, ["AJ2026-101", "XS2026-101", "李四", None, None, "是", "是", dt.datetime(2026, 4, 1)]]})
    result = ledger_import.import_workbook(ws, book)
    assert result.problems == [] and result.imported
    with ws.reading() as s:
        lead = s.execute(select(Lead).where(Lead.number == "XS2026-101")).scalar_one()
        case = s.execute(select(Case).where(Case.number == "AJ2026-101")).scalar_one()
        assert (case.lead_id, case.eight_rules, case.eight_rules_type, case.summary, case.stage) == (
            lead.id, True, "dining", "公款吃喝", "filed")
        assert (lead.result, lead.result_date) == ("case_filed", dt.date(2026, 4, 1))
        assert _listed(s, "import.cases", case.id) == {"number": "AJ2026-101", "date": "2026-04-01",
                                                       "lead": "XS2026-101", "eight_rules": True, "approved": False}
        case_id = case.id
    assert [p.name for p in cases.get_case(ws, case_id).persons] == ["李四"]  # the lead's person, one row


def test_a_given_no_in_the_case_sheet_is_kept(ws, tmp_path):
    """A flag the ledger gives (also 否) is kept, as the form keeps a given flag."""
    complaint = _complaint(ws)
    book = write_book(tmp_path / "否.xlsx", {
        "问题线索": [L_HEAD, ["XS2026-101", "信访举报", complaint.number, "李四", None, None, "是", "初步核实",
                          dt.datetime(2026, 3, 10), dt.datetime(2026, 4, 1), "立案"]],
        "案件": [K_HEAD, ["AJ2026-101", "XS2026-101", "李四", None, None, "是", "是", dt.datetime(2026, 4, 1), None,
                        "否"]]})
    assert ledger_import.import_workbook(ws, book).imported
    with ws.reading() as s:
        case = s.execute(select(Case).where(Case.number == "AJ2026-101")).scalar_one()
        assert (case.eight_rules, case.eight_rules_type) == (False, None)


def test_a_lead_in_the_app_named_by_a_ledger_case_is_concluded_as_the_app_concludes_it(ws, tmp_path):
    """A 初核 lead already in the app that the ledger's case names gets the result 立案 and the app's
    ``lead.conclude`` event (it used to stay open beside its case)."""
    typed = leads.create_lead(ws, leads.LeadInput(source="supervision_found", received_date=dt.date(2026, 3, 2),
                                                  summary="违规发放补贴", persons=[PersonInput(name="赵六")]))
    leads.dispose(ws, typed.id, "preliminary_verification", dt.date(2026, 3, 5), "集体研究", "甲、乙")
    book = write_book(tmp_path / "案件.xlsx", {"案件": [K_HEAD, [
        "AJ2026-101", typed.number, "赵六", None, None, "是", "是", dt.datetime(2026, 4, 1)]]})
    result = ledger_import.import_workbook(ws, book)
    assert result.problems == [] and result.imported
    view = leads.get_lead(ws, typed.id)
    assert (view.result, view.result_date, view.case_number, view.imported) == (
        "case_filed", dt.date(2026, 4, 1), "AJ2026-101", False)
    with ws.reading() as s:
        assert _created(s, "lead.conclude", typed.id) == {"number": typed.number, "result": "case_filed",
                                                          "date": "2026-04-01", "case": "AJ2026-101"}
