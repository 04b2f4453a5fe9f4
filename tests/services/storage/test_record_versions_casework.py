"""Several desks on one database (issue 13), for every record a form edits besides complaints and leads:
a case's stage and 立案 approval, a 被调查人, a 一案双查 leader's outcome and the entry's leaders, a 转办's
催办 and reply, a 函询 letter's reply and assessment, a 处分's 执行 dates and the month report's draft.

Each test: two desks load the record at one version, the first saves, the second's save from the same
loaded version is refused with the message naming the first desk's user and the time of the save;
nothing of the refused save is written and the first save is intact; after reloading, the second saves.
On SQLite (two workspaces on one file) and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt

import pytest

from services.casework import cases, execution, inquiries, intake, leads, ledger_entries, measures, referrals
from services.casework.ledger_entries import LedgerLeaderInput
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput
from services.errors import ConcurrentEditError
from services.reporting import monthly_report
from services.storage.record_versions import KEEP
from tests.helpers.sanction_case import open_case
from tests.helpers.second_desk import second_desk
from tests.services.daily.conftest import complaint_input

pytestmark = pytest.mark.both_db

D = dt.date


def _when(ws, model, row_id: int) -> str:
    with ws.reading() as s:
        return f"{s.get(model, row_id).updated_at.astimezone():%Y-%m-%d %H:%M}"


def _refused(label: str, when: str, who: str = "王书记") -> str:
    return f"{label}已于 {when} 由 {who} 修改，{KEEP}"


def test_a_case_stage_saved_on_one_desk_refuses_the_other_desks_stale_advance(ws, desk_b):
    from models import Case

    c = open_case(ws)
    seen_a, seen_b = cases.get_case(ws, c.id), cases.get_case(desk_b, c.id)
    assert seen_a.version == seen_b.version
    moved = cases.advance_case(ws, c.id, "investigating", D(2026, 3, 10), expected_version=seen_a.version)
    assert moved.version == seen_a.version + 1
    with pytest.raises(ConcurrentEditError) as refused:
        cases.advance_case(desk_b, c.id, "investigating", D(2026, 3, 12), expected_version=seen_b.version)
    assert str(refused.value) == _refused(f"案件 {c.number} ", _when(ws, Case, c.id))
    now = cases.get_case(desk_b, c.id)
    assert (now.stage, now.investigation_date, now.version) == ("investigating", D(2026, 3, 10), moved.version)
    again = cases.advance_case(desk_b, c.id, "referred_for_trial", D(2026, 3, 12), expected_version=now.version)
    assert (again.stage, again.version) == ("referred_for_trial", now.version + 1)


def test_an_officers_filing_approved_on_one_desk_is_not_approved_again_from_a_stale_form(ws, desk_b, today):
    from models import Case

    with second_desk(ws, today, "zhou", "周干部", ["officer"]) as officer:
        c = open_case(officer)
    seen_a, seen_b = cases.get_case(ws, c.id), cases.get_case(desk_b, c.id)
    assert (seen_a.filing_approved, seen_a.version) == (False, seen_b.version)
    cases.approve_filing(ws, c.id, expected_version=seen_a.version)
    with pytest.raises(ConcurrentEditError) as refused:
        cases.approve_filing(desk_b, c.id, expected_version=seen_b.version)
    assert str(refused.value) == _refused(f"案件 {c.number} ", _when(ws, Case, c.id))
    assert cases.get_case(desk_b, c.id).filing_approved is True


def _person_input(view, **changes) -> PersonInput:
    fields = {k: getattr(view, k) for k in ("name", "gender", "ethnicity", "birth_month", "party_join_date", "unit",
                                            "post", "rank", "is_supervised_object", "self_reported",
                                            "amount_confiscated", "amount_seized", "amount_restitution")}
    return PersonInput(**{**fields, "is_party_member": view.party_member, **changes})


def test_a_person_edited_on_two_desks_keeps_the_first_save_and_refuses_the_second(ws, desk_b):
    from models import Person

    c = open_case(ws)
    pa, pb = cases.get_case(ws, c.id).persons[0], cases.get_case(desk_b, c.id).persons[0]
    assert pa.version == pb.version >= 1
    saved = cases.update_person(ws, pa.id, _person_input(pa, post="出纳"), expected_version=pa.version)
    assert (saved.post, saved.version) == ("出纳", pa.version + 1)
    with pytest.raises(ConcurrentEditError) as refused:
        cases.update_person(desk_b, pb.id, _person_input(pb, unit="青山镇农业办"), expected_version=pb.version)
    assert str(refused.value) == _refused("被调查人 王五 ", _when(ws, Person, pa.id))
    now = cases.get_case(desk_b, c.id).persons[0]
    assert (now.unit, now.post, now.version) == ("青山镇财政所", "出纳", saved.version)
    again = cases.update_person(desk_b, now.id, _person_input(now, unit="青山镇农业办"), expected_version=now.version)
    assert (again.unit, again.post) == ("青山镇农业办", "出纳")


def test_a_lead_persons_refusal_calls_them_the_reported_person(ws, desk_b):
    from models import Person

    lead = leads.create_lead(ws, LeadInput(source="supervision_found", received_date=D(2026, 10, 8),
                                           summary="反映某村干部优亲厚友", persons=[PersonInput(name="张三")]))
    p = lead.persons[0]
    cases.update_person(ws, p.id, _person_input(p, post="村主任"), expected_version=p.version)
    with pytest.raises(ConcurrentEditError) as refused:
        cases.update_person(desk_b, p.id, _person_input(p, post="村会计"), expected_version=p.version)
    assert str(refused.value) == _refused("被反映人 张三 ", _when(ws, Person, p.id))
    assert leads.get_lead(desk_b, lead.id).persons[0].post == "村主任"


def test_a_ledger_leaders_outcome_and_the_entrys_leaders_keep_the_first_desks_save(ws, desk_b):
    from models import LedgerEntry, LedgerLeader

    c = open_case(ws)
    e = ledger_entries.create_ledger_entry(ws, case_id=c.id, unit="青山村", entry_date=D(2026, 9, 10), leaders=[
        LedgerLeaderInput(name="李支书", post="党支部书记", responsibility="principal")])
    seen_a, seen_b = ledger_entries.get_ledger_entry(ws, e.id), ledger_entries.get_ledger_entry(desk_b, e.id)
    leader_a, leader_b = seen_a.leaders[0], seen_b.leaders[0]
    assert leader_a["version"] == leader_b["version"] >= 1
    ledger_entries.set_leader_outcome(ws, leader_a["id"], "integrity_talk", D(2026, 10, 9),
                                      expected_version=leader_a["version"])
    with pytest.raises(ConcurrentEditError) as refused:
        ledger_entries.set_leader_outcome(desk_b, leader_b["id"], "held_accountable", D(2026, 10, 10),
                                          "accountability_notice", "《问责规定》第七条",
                                          expected_version=leader_b["version"])
    assert str(refused.value) == _refused(f"台账 {e.number} 中李支书的处理结果", _when(ws, LedgerLeader, leader_a["id"]))
    now = ledger_entries.get_ledger_entry(desk_b, e.id).leaders[0]
    assert (now["outcome"], now["outcome_date"], now["accountability_method"]) == ("integrity_talk", D(2026, 10, 9),
                                                                                   None)
    # the entry: a leader added on one desk changes it, so the other desk's add from the same load is refused
    added = ledger_entries.add_leader(ws, e.id, LedgerLeaderInput(name="张村长", post="村委会主任",
                                                                 responsibility="leadership"),
                                      expected_version=seen_a.version)
    assert added.version == seen_a.version + 1
    with pytest.raises(ConcurrentEditError) as refused:
        ledger_entries.add_leader(desk_b, e.id, LedgerLeaderInput(name="赵委员", post="纪检委员",
                                                                 responsibility="supervisory"),
                                  expected_version=seen_b.version)
    assert str(refused.value) == _refused(f"一案双查台账 {e.number} ", _when(ws, LedgerEntry, e.id))
    assert [x["name"] for x in ledger_entries.get_ledger_entry(desk_b, e.id).leaders] == ["李支书", "张村长"]


def test_a_referrals_reminder_from_a_stale_form_is_refused(ws, desk_b):
    from models import Referral

    v = intake.register_complaint(ws, complaint_input())
    intake.transfer(ws, v.id, D(2026, 11, 3), "县自然资源局", "青纪转〔2026〕3号", D(2026, 11, 30))
    (ra,), (rb,) = referrals.list_referrals(ws, v.id), referrals.list_referrals(desk_b, v.id)
    assert ra.version == rb.version == 1
    assert referrals.record_reminder(ws, ra.id, D(2026, 11, 10), expected_version=ra.version).version == 2
    with pytest.raises(ConcurrentEditError) as refused:
        referrals.record_reply(desk_b, rb.id, D(2026, 11, 12), "已核实并整改", expected_version=rb.version)
    assert str(refused.value) == _refused("转办县自然资源局的记录", _when(ws, Referral, ra.id))
    (now,) = referrals.list_referrals(desk_b, v.id)
    assert (now.reminders, now.reply_date, now.version) == ([D(2026, 11, 10)], None, 2)
    assert referrals.record_reply(desk_b, now.id, D(2026, 11, 12), "已核实并整改",
                                  expected_version=now.version).reply_result == "已核实并整改"


def test_an_inquiry_letters_reply_and_assessment_keep_the_first_desks_save(ws, desk_b):
    from models import InquiryLetter

    lead = leads.create_lead(ws, LeadInput(source="supervision_found", received_date=D(2026, 10, 8),
                                           summary="反映张三违规收受礼金", persons=[
                                               PersonInput(name="张三", is_party_member=True)]))
    leads.dispose(ws, lead.id, "talk_inquiry", D(2026, 11, 2), "纪委会议集体研究")
    letter = inquiries.send_letter(ws, lead.id, D(2026, 11, 3), "张三")
    seen_b = inquiries.overview(desk_b, lead.id).letters[0]
    assert seen_b.version == letter.version
    replied = inquiries.record_reply(ws, letter.id, D(2026, 11, 10), note="本人书面说明", expected_version=letter.version)
    with pytest.raises(ConcurrentEditError) as refused:
        inquiries.record_reply(desk_b, letter.id, D(2026, 11, 11), note="另一份说明", expected_version=seen_b.version)
    assert str(refused.value) == _refused(f"线索 {lead.number} 的第1轮函询", _when(ws, InquiryLetter, letter.id))
    now = inquiries.overview(desk_b, lead.id).letters[0]
    assert (now.reply_date, now.note, now.version) == (D(2026, 11, 10), "本人书面说明", replied.version)
    # the assessment: one desk assesses, the other's assessment from the same load is refused
    inquiries.assess(ws, letter.id, "untruthful", D(2026, 11, 12), "inquire_again", expected_version=now.version)
    with pytest.raises(ConcurrentEditError):
        inquiries.assess(desk_b, letter.id, "truthful", D(2026, 11, 13), closing_letter_date=D(2026, 11, 13),
                         expected_version=now.version)
    assert (inquiries.overview(desk_b, lead.id).letters[0].assessment, leads.get_lead(desk_b, lead.id).result) == (
        "untruthful", None)


def test_the_first_execution_dates_recorded_on_one_desk_refuse_the_other_desks_first_dates(ws, desk_b):
    from models import SanctionExecution

    c = open_case(ws)
    m = measures.add_measure(ws, person_id=c.persons[0].id, category="party_sanction", kind="party_serious_warning",
                             decision_date=D(2026, 10, 12), document_number="青纪发〔2026〕7号")
    seen_a, seen_b = execution.execution_of(ws, m.id), execution.execution_of(desk_b, m.id)
    assert seen_a.version == seen_b.version == 0   # nothing recorded yet
    first = execution.record_execution(ws, m.id, announced_date=D(2026, 10, 13), expected_version=seen_a.version)
    assert first.version == 1
    with pytest.raises(ConcurrentEditError) as refused:
        execution.record_execution(desk_b, m.id, announced_date=D(2026, 10, 15), note="会上宣布",
                                   expected_version=seen_b.version)
    with desk_b.reading() as s:
        row_id = s.query(SanctionExecution.id).filter_by(measure_id=m.id).scalar()
    assert str(refused.value) == _refused("王五的处分执行（党纪严重警告）", _when(ws, SanctionExecution, row_id))
    now = execution.execution_of(desk_b, m.id)
    assert (now.announced_date, now.note, now.version) == (D(2026, 10, 13), "", 1)
    later = execution.record_execution(desk_b, m.id, delivered_date=D(2026, 10, 16), expected_version=now.version)
    assert (later.announced_date, later.delivered_date, later.version) == (D(2026, 10, 13), D(2026, 10, 16), 2)


def test_the_month_reports_draft_saved_on_one_desk_refuses_the_other_desks_stale_draft(ws, desk_b):
    from models import MonthlyReport

    seen_a, seen_b = monthly_report.draft_version(ws, "2026-10"), monthly_report.draft_version(desk_b, "2026-10")
    assert seen_a == seen_b == 0
    assert monthly_report.save_draft(ws, "2026-10", "本月受理信访举报3件。", {"preparer": "王书记"},
                                     expected_version=seen_a) == 1
    with pytest.raises(ConcurrentEditError) as refused:
        monthly_report.save_draft(desk_b, "2026-10", "李副书记写的说明。", expected_version=seen_b)
    with ws.reading() as s:
        row_id = s.query(MonthlyReport.id).filter_by(period="2026-10").scalar()
    assert str(refused.value) == _refused("2026年10月月报的情况说明和表尾", _when(ws, MonthlyReport, row_id))
    doc = monthly_report.build_document(desk_b, "2026-10")
    assert (doc["narrative"], doc["footer"]["preparer"]) == ("本月受理信访举报3件。", "王书记")
    now = monthly_report.draft_version(desk_b, "2026-10")
    assert monthly_report.save_draft(desk_b, "2026-10", "李副书记写的说明。", expected_version=now) == now + 1
    assert monthly_report.build_document(ws, "2026-10")["narrative"] == "李副书记写的说明。"


def test_a_notice_recorded_on_one_desk_refuses_the_other_desks_notice_from_the_same_load(ws, desk_b):
    from models import Complaint
    from services.casework import contacts

    v = intake.register_complaint(ws, complaint_input())
    accepted = intake.accept(ws, v.id, D(2026, 11, 3))
    seen_b = intake.get_complaint(desk_b, v.id).version
    assert seen_b == accepted.version
    n = intake.record_acceptance_notice(ws, v.id, D(2026, 11, 5), "phone", "王书记", "电话告知已受理",
                                        expected_version=accepted.version)
    assert n.version == accepted.version + 1
    with pytest.raises(ConcurrentEditError) as refused:
        intake.record_acceptance_notice(desk_b, v.id, D(2026, 11, 6), "written", "李副书记", expected_version=seen_b)
    assert str(refused.value) == _refused(f"信访件 {v.number} ", _when(ws, Complaint, v.id))
    assert [(c.contact_date, c.by_whom) for c in contacts.list_contacts(desk_b, v.id)] == [(D(2026, 11, 5), "王书记")]


def test_a_persons_number_entered_from_a_stale_form_is_refused(ws, desk_b):
    from models import Person
    from services.casework import person_identity
    from tests.services.daily.conftest import VALID_ID

    c = open_case(ws)
    p = c.persons[0]
    assert person_identity.integrity_file(ws, p.id).version == p.version
    cases.update_person(desk_b, p.id, _person_input(p, post="出纳"), expected_version=p.version)
    with pytest.raises(ConcurrentEditError) as refused:
        person_identity.set_id_number(ws, p.id, VALID_ID, expected_version=p.version)
    assert str(refused.value) == _refused("被调查人 王五 ", _when(ws, Person, p.id), who="李副书记")
    assert person_identity.integrity_file(ws, p.id).id_number_masked == ""
    now = person_identity.integrity_file(ws, p.id).version
    assert person_identity.set_id_number(ws, p.id, VALID_ID, expected_version=now) == "11****************"
