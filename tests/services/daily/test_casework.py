import datetime as dt

import pytest
from sqlalchemy import func, select

from models import Person
from services.casework import cases, intake, leads, ledger_entries, measures, timeline
from services.casework.intake import SubjectInput
from services.casework.ledger_entries import LedgerLeaderInput
from services.casework.persons import PersonInput
from services.errors import PermissionDenied, StateError, ValidationError
from tests.helpers.verification import approve_plan

D = dt.date


@pytest.fixture
def lead(ws, register):
    v = register(received_date=D(2026, 10, 8),
                 subjects=[SubjectInput(name="张三", unit="青山村村委会", is_party_member=True),
                           SubjectInput(name="李四", unit="青山村村委会", is_party_member=False)])
    return intake.accept(ws, v.id, D(2026, 10, 8)).lead_id


def test_exactly_one_disposition_and_verifiers_for_preliminary_verification(ws, lead):
    with pytest.raises(ValidationError) as exc:
        leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "", "王一")
    assert {p.field for p in exc.value.problems} == {"collective_note", "verifiers"}
    v = leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "10月9日书记专题会研究", "王一、王二")
    assert v.approved and v.verifiers == "王一、王二"  # a secretary's disposition is approved at once
    with pytest.raises(StateError, match="只能有一种处置方式"):
        leads.dispose(ws, lead, "closed", D(2026, 10, 10), "再议")


def test_officer_disposition_waits_for_approval_and_results_fit_the_disposition(ws, lead, as_role):
    as_role("officer")
    v = leads.dispose(ws, lead, "talk_inquiry", D(2026, 10, 9), "集体研究决定谈话函询")
    assert not v.approved
    with pytest.raises(StateError, match="尚未经纪委书记审批"):
        leads.conclude_lead(ws, lead, "clarified", D(2026, 10, 20))
    with pytest.raises(PermissionDenied):
        leads.approve_disposition(ws, lead)
    as_role("secretary")
    assert leads.approve_disposition(ws, lead).approver_name == "王书记"
    with pytest.raises(ValidationError, match="了结、澄清、转初核"):
        leads.conclude_lead(ws, lead, "transferred", D(2026, 10, 20))
    with pytest.raises(ValidationError, match="不能早于处置日期"):
        leads.conclude_lead(ws, lead, "clarified", D(2026, 10, 1))
    done = leads.conclude_lead(ws, lead, "to_verification", D(2026, 10, 20), "函询说明不清")
    follow = leads.get_lead(ws, done.followup_lead_id)
    assert done.result_label == "转初核" and [p.name for p in follow.persons] == ["张三", "李四"]
    assert follow.disposition is None


def test_open_case_from_preliminary_verification_reuses_person_rows(ws, lead):
    with pytest.raises(StateError, match="不是初步核实"):
        cases.open_case(ws, lead_id=lead, filing_date=D(2026, 11, 2), title="张三违纪案")
    l = leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "王一、王二")
    approve_plan(ws, lead, D(2026, 10, 9))
    with ws.reading() as s:
        before = s.execute(select(func.count()).select_from(Person)).scalar_one()
    c = cases.open_case(ws, lead_id=lead, filing_date=D(2026, 11, 2), title="张三违纪案", eight_rules=True,
                        eight_rules_type="dining", filing_approver="王书记")
    assert [p.id for p in c.persons] == [p.id for p in l.persons]
    with ws.reading() as s:
        assert s.execute(select(func.count()).select_from(Person)).scalar_one() == before
    assert leads.get_lead(ws, lead).result == "case_filed" and c.number == "LA2026-0001"
    assert c.eight_rules_label == "违规吃喝"


def test_stage_dates_in_order(ws):
    c = cases.open_case(ws, filing_date=D(2026, 2, 20), title="直接立案",
                        persons=[PersonInput(name="王五", unit="青山镇财政所", is_party_member=True,
                                             birth_month=D(1975, 3, 1), ethnicity="汉族", gender="男")])
    c = cases.advance_case(ws, c.id, "investigating", D(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        cases.advance_case(ws, c.id, "referred_for_trial", D(2026, 3, 1))
    assert exc.value.message == "移送审理日期（2026-03-01）不能早于审查调查日期（2026-03-05）"
    c = cases.advance_case(ws, c.id, "referred_for_trial", D(2026, 4, 1))
    with pytest.raises(StateError):
        cases.advance_case(ws, c.id, "investigating", D(2026, 4, 2))
    c = cases.advance_case(ws, c.id, "trial_concluded", D(2026, 4, 20), trial_opinion="建议给予党内警告处分")
    c = cases.advance_case(ws, c.id, "closed", D(2026, 5, 6), no_sanction_reason="经集体研究免予处分")
    assert c.stage_label == "结案" and c.closing_date == D(2026, 5, 6)
    texts = [e.text_zh for e in timeline.timeline(ws, "case", c.id)]
    assert texts[0].startswith("立案 LA2026-0001") and texts[-1] == "进入“结案”阶段（2026-05-06），免予处分或不予处分的理由：经集体研究免予处分"


def test_measures_rules_effect_end_and_form(ws, lead, as_role):
    leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "王一、王二")
    approve_plan(ws, lead, D(2026, 10, 9))
    c = cases.open_case(ws, lead_id=lead, filing_date=D(2026, 10, 20))
    zhang, li = c.persons
    with pytest.raises(ValidationError, match="非中共党员不能给予党纪处分"):
        measures.add_measure(ws, person_id=li.id, case_id=c.id, category="party_sanction", kind="party_warning",
                             decision_date=D(2026, 11, 5))
    with pytest.raises(ValidationError, match="不符"):
        measures.add_measure(ws, person_id=zhang.id, case_id=c.id, category="handling", kind="party_warning",
                             decision_date=D(2026, 11, 5))
    m = measures.add_measure(ws, person_id=zhang.id, case_id=c.id, category="party_sanction",
                             kind="party_serious_warning", decision_date=D(2026, 11, 5),
                             document_number="青纪发〔2026〕3号")
    assert m.effect_end == D(2028, 5, 5) and m.form == 2 and m.kind_label == "党纪严重警告"
    g = measures.add_measure(ws, person_id=li.id, case_id=c.id, category="government_sanction",
                             kind="gov_demotion", decision_date=D(2026, 11, 6))
    assert g.effect_end == D(2028, 11, 6) and g.form == 3
    p = measures.add_measure(ws, person_id=zhang.id, case_id=c.id, category="party_sanction",
                             kind="party_probation", decision_date=D(2026, 11, 7), probation_years=1)
    assert p.effect_end == D(2027, 11, 7)
    with pytest.raises(ValidationError, match="已受党纪处分"):
        cases.update_person(ws, zhang.id, PersonInput(name="张三", unit="青山村村委会", is_party_member=False))
    as_role("clerk")
    with pytest.raises(PermissionDenied):
        measures.add_measure(ws, person_id=li.id, case_id=c.id, category="handling", kind="criticism",
                             decision_date=D(2026, 11, 8))


def test_sanction_needs_a_case_handling_does_not(ws, lead):
    l = leads.get_lead(ws, lead)
    with pytest.raises(ValidationError, match="请先立案"):
        measures.add_measure(ws, person_id=l.persons[0].id, lead_id=lead, category="party_sanction",
                             kind="party_warning", decision_date=D(2026, 11, 5))
    m = measures.add_measure(ws, person_id=l.persons[0].id, lead_id=lead, category="handling",
                             kind="reminder_talk", decision_date=D(2026, 11, 5))
    assert m.form == 1 and m.effect_end is None


def test_ledger_entry_with_leaders_and_outcome(ws):
    c = cases.open_case(ws, filing_date=D(2026, 9, 1), persons=[PersonInput(name="王五", is_party_member=True)])
    with pytest.raises(ValidationError) as exc:
        ledger_entries.create_ledger_entry(ws, case_id=c.id, unit="青山村", entry_date=D(2026, 9, 10), leaders=[
            LedgerLeaderInput(name="", responsibility="principal"),
            LedgerLeaderInput(name="赵书记", responsibility="first", outcome="held_accountable",
                              outcome_date=D(2026, 9, 20))])
    fields = {p.field for p in exc.value.problems}
    assert {"leaders[0].name", "leaders[1].accountability_method", "leaders[1].basis"} <= fields
    e = ledger_entries.create_ledger_entry(
        ws, case_id=c.id, unit="青山村", entry_date=D(2026, 9, 10), lead_source="complaint",
        problem_nature="村务管理失职", evidence="会议记录", leaders=[
            LedgerLeaderInput(name="赵书记", post="村党支部书记", position_type="principal_leader",
                              responsibility="first"),
            LedgerLeaderInput(name="钱委员", post="村纪检委员", position_type="discipline_head",
                              responsibility="supervisory", outcome="integrity_talk", outcome_date=D(2026, 9, 15))])
    assert e.number == "TZ2026-0001" and [x["responsibility_label"] for x in e.leaders] == ["第一责任", "监督责任"]
    e = ledger_entries.set_leader_outcome(ws, e.leaders[0]["id"], "held_accountable", D(2026, 10, 8),
                                          method="admonishment", basis="《中国共产党问责条例》第七条")
    assert e.leaders[0]["outcome_label"] == "追责" and e.leaders[0]["method_label"] == "诫勉"
    with pytest.raises(ValidationError, match="已有“青山村”"):
        ledger_entries.create_ledger_entry(ws, case_id=c.id, unit="青山村", entry_date=D(2026, 9, 10),
                                           leaders=[LedgerLeaderInput(name="孙某", responsibility="leadership")])
    texts = [t.text_zh for t in timeline.timeline(ws, "ledger", e.id)]
    assert texts == ["建立一案双查台账 TZ2026-0001：青山村，检查领导干部2名", "赵书记的处理结果：追责（2026-10-08），诫勉"]
