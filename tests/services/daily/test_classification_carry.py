"""Classifications carry forward (issue 14 item 6): the complaint's 违反中央八项规定精神 sub-type into its
lead, the lead's flag and sub-type into its case, the case's 线索来源 into its 一案双查 entry; a value the
caller gives is kept; the 八项规定 figures count such a case once."""
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from services.casework import cases, intake, leads, ledger_entries, measures, timeline
from services.casework.leads import LeadInput
from services.casework.ledger_entries import LedgerLeaderInput
from services.casework.persons import PersonInput
from services.errors import StateError, ValidationError
from services.reporting import item_print
from services.reporting.figures import compute_figures
from tests.helpers.verification import approve_plan

D = dt.date
pytestmark = pytest.mark.both_db

LEADER = [LedgerLeaderInput(name="赵主任", post="村党支部书记", responsibility="principal")]


def _accepted_lead(ws, register, **over):
    v = register(received_date=D(2026, 11, 2), **over)
    return leads.get_lead(ws, intake.accept(ws, v.id, D(2026, 11, 3)).lead_id)


def _verified(ws, lead_id):
    leads.dispose(ws, lead_id, "preliminary_verification", D(2026, 11, 4), "纪委会议集体研究", "王一、王二")
    approve_plan(ws, lead_id, D(2026, 11, 4))


def test_complaint_sub_type_goes_into_its_lead_its_case_and_the_case_source_into_the_ledger(ws, register):
    lead = _accepted_lead(ws, register, eight_rules_type="dining")
    assert (lead.eight_rules, lead.eight_rules_type, lead.eight_rules_label) == (True, "dining", "违规吃喝")
    assert "登记问题线索 {n}，来源：信访举报，违反中央八项规定精神（违规吃喝）".format(n=lead.number) in [
        e.text_zh for e in timeline.timeline(ws, "lead", lead.id)]

    _verified(ws, lead.id)
    case = cases.open_case(ws, lead_id=lead.id, filing_date=D(2026, 11, 10), title="张三违规吃喝案")
    assert (case.eight_rules, case.eight_rules_type, case.eight_rules_label) == (True, "dining", "违规吃喝")

    assert ledger_entries.case_source(ws, case.id) == "complaint"
    entry = ledger_entries.create_ledger_entry(ws, case_id=case.id, unit="青山村", entry_date=D(2026, 11, 12),
                                               leaders=LEADER)
    assert (entry.lead_source, entry.lead_source_label) == ("complaint", "信访举报")


def test_a_value_the_caller_gives_is_kept(ws, register):
    lead = _accepted_lead(ws, register, eight_rules_type="dining")
    _verified(ws, lead.id)
    case = cases.open_case(ws, lead_id=lead.id, filing_date=D(2026, 11, 10), eight_rules=False)
    assert (case.eight_rules, case.eight_rules_type) == (False, None)

    other = _accepted_lead(ws, register, eight_rules_type="dining")
    _verified(ws, other.id)
    gifts = cases.open_case(ws, lead_id=other.id, filing_date=D(2026, 11, 10), eight_rules=True,
                            eight_rules_type="gifts")
    assert gifts.eight_rules_type == "gifts"

    none = ledger_entries.create_ledger_entry(ws, case_id=case.id, unit="青山村", entry_date=D(2026, 11, 12),
                                              lead_source="", leaders=LEADER)
    audit = ledger_entries.create_ledger_entry(ws, case_id=case.id, unit="青山镇财政所", entry_date=D(2026, 11, 12),
                                               lead_source="audit_transfer", leaders=LEADER)
    assert (none.lead_source, audit.lead_source) == (None, "audit_transfer")


def test_a_new_lead_from_a_complaint_starts_with_its_sub_type_and_keeps_a_given_one(ws, register):
    c = register(eight_rules_type="allowances")
    assert leads.complaint_classification(ws, c.id) == (True, "allowances")
    copied = leads.create_lead(ws, LeadInput(received_date=D(2026, 11, 3), summary="反映违规发放补贴",
                                             complaint_id=c.id))
    assert (copied.eight_rules, copied.eight_rules_type) == (True, "allowances")
    changed = leads.create_lead(ws, LeadInput(received_date=D(2026, 11, 3), summary="反映违规发放补贴",
                                              complaint_id=c.id, eight_rules=True, eight_rules_type="gifts"))
    assert changed.eight_rules_type == "gifts"
    unflagged = leads.create_lead(ws, LeadInput(received_date=D(2026, 11, 3), summary="反映违规发放补贴",
                                                complaint_id=c.id, eight_rules=False))
    assert (unflagged.eight_rules, unflagged.eight_rules_type) == (False, None)
    with pytest.raises(ValidationError) as exc:
        leads.create_lead(ws, LeadInput(received_date=D(2026, 11, 3), summary="x", eight_rules=False,
                                        eight_rules_type="gifts"))
    assert [(p.field, p.message) for p in exc.value.problems] == [
        ("eight_rules", "选择了八项规定问题类型，请同时勾选“违反中央八项规定精神”")]


def test_a_complaint_without_sub_type_and_a_direct_lead_are_not_flagged(ws, register):
    lead = _accepted_lead(ws, register)
    assert (lead.eight_rules, lead.eight_rules_type) == (False, None)
    direct = leads.create_lead(ws, LeadInput(source="assigned_from_above", received_date=D(2026, 11, 3),
                                             summary="上级交办", persons=[PersonInput(name="李四")]))
    assert (direct.eight_rules, direct.eight_rules_type) == (False, None)
    _verified(ws, direct.id)
    case = cases.open_case(ws, lead_id=direct.id, filing_date=D(2026, 11, 10))
    assert case.eight_rules is False
    entry = ledger_entries.create_ledger_entry(ws, case_id=case.id, unit="青山村", entry_date=D(2026, 11, 12),
                                               leaders=LEADER)
    assert entry.lead_source == "assigned_from_above"   # the case's lead's 线索来源


def test_a_directly_filed_case_has_no_source(ws):
    case = cases.open_case(ws, filing_date=D(2026, 11, 10), persons=[PersonInput(name="王五")])
    assert ledger_entries.case_source(ws, case.id) is None
    entry = ledger_entries.create_ledger_entry(ws, case_id=case.id, unit="青山村", entry_date=D(2026, 11, 12),
                                               leaders=LEADER)
    assert entry.lead_source is None


def test_to_verification_follow_up_lead_carries_the_concluded_leads_classification(ws, register):
    lead = _accepted_lead(ws, register, eight_rules_type="dining")
    leads.set_classification(ws, lead.id, True, "travel", expected_version=lead.version)
    leads.dispose(ws, lead.id, "talk_inquiry", D(2026, 11, 4), "集体研究")
    done = leads.conclude_lead(ws, lead.id, "to_verification", D(2026, 11, 10), "说明不清")
    follow = leads.get_lead(ws, done.followup_lead_id)
    assert (follow.eight_rules, follow.eight_rules_type) == (True, "travel")


def test_a_saved_leads_classification_is_corrected_until_its_case_is_opened(ws, register):
    lead = _accepted_lead(ws, register, eight_rules_type="dining")
    v = leads.set_classification(ws, lead.id, True, "gifts", expected_version=lead.version)
    assert v.eight_rules_type == "gifts" and v.version == lead.version + 1
    assert "八项规定问题类别改为：违反中央八项规定精神（违规收送名贵特产和礼品礼金）" in [
        e.text_zh for e in timeline.timeline(ws, "lead", lead.id)]
    with pytest.raises(ValidationError, match="请同时勾选"):
        leads.set_classification(ws, lead.id, False, "gifts")
    assert leads.get_lead(ws, lead.id).eight_rules_type == "gifts"   # a refusal changes nothing
    _verified(ws, lead.id)
    case = cases.open_case(ws, lead_id=lead.id, filing_date=D(2026, 11, 10))
    assert case.eight_rules_type == "gifts"
    with pytest.raises(StateError, match=f"已立案（案件 {case.number}），八项规定问题类别请在案件中修改"):
        leads.set_classification(ws, lead.id, False, None)


def _pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")


def test_the_lead_and_case_sheets_print_the_carried_classification(ws, register):
    lead = _accepted_lead(ws, register, eight_rules_type="dining")
    assert "八项规定问题是（违规吃喝）" in _pdf_text(item_print.lead_sheet_pdf(ws, lead.id))
    _verified(ws, lead.id)
    case = cases.open_case(ws, lead_id=lead.id, filing_date=D(2026, 11, 10))
    assert "违反中央八项规定精神是（违规吃喝）" in _pdf_text(item_print.case_sheet_pdf(ws, case.id))
    plain = _accepted_lead(ws, register)
    assert "八项规定问题否" in _pdf_text(item_print.lead_sheet_pdf(ws, plain.id))


def test_eight_rules_figures_count_a_carried_case_once(ws, register):
    lead = _accepted_lead(ws, register, eight_rules_type="dining")
    _verified(ws, lead.id)
    case = cases.open_case(ws, lead_id=lead.id, filing_date=D(2026, 11, 10))
    person = case.persons[0]
    measures.add_measure(ws, person_id=person.id, case_id=case.id, category="party_sanction", kind="party_warning",
                         decision_date=D(2026, 11, 16))
    with ws.reading() as s:
        figs = compute_figures(s, "2026-11")
    month = {k: figs[k]["month"] for k in ("eight_rules_cases", "eight_rules_persons", "eight_rules_sanctioned")}
    assert month == {"eight_rules_cases": 1, "eight_rules_persons": 1, "eight_rules_sanctioned": 1}


def test_the_database_refuses_an_unknown_lead_sub_type(ws, register):
    lead = _accepted_lead(ws, register)
    with pytest.raises(IntegrityError):
        with ws.transaction() as s:
            s.execute(text("UPDATE leads SET eight_rules_type = 'pigeon' WHERE id = :i"), {"i": lead.id})
