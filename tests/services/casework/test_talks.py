"""谈话 records (DOMAIN §9): at least two distinct interviewers, the person, the place, a summary and the
record's scan, on a lead or a case; the timeline and the printed 谈话记录."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from services.casework import cases, leads, talks, timeline
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput
from services.casework.talks import TalkInput
from services.errors import NotFoundError, PermissionDenied, ValidationError
from services.reporting import item_print
from services.storage import attachments
from tests.conftest import sign_in_as
from tests.helpers.outside_sql import run_cli_on
from tests.services.audit_attack import attack
from tests.helpers.verification import approve_plan

D = dt.date


def _lead(ws, disposition="talk_inquiry", name="张三"):
    lead = leads.create_lead(ws, LeadInput(source="supervision_found", received_date=D(2026, 10, 8),
                                           summary="反映其违规收受礼金", persons=[
                                               PersonInput(name=name, unit="青山镇农业办", post="主任",
                                                           rank="township_level", is_party_member=True)]))
    leads.dispose(ws, lead.id, disposition, D(2026, 10, 9), "纪委会议集体研究",
                  "李四、赵六" if disposition == "preliminary_verification" else "")
    if disposition == "preliminary_verification":
        approve_plan(ws, lead.id, D(2026, 10, 9))
    return leads.get_lead(ws, lead.id)


def _talk(lead, **over) -> TalkInput:
    base = dict(kind="reminder_talk", talk_date=D(2026, 11, 5), place="镇纪委谈话室", interviewers="李四、赵六",
                person_id=lead.persons[0].id, lead_id=lead.id, summary="就反映问题进行谈话提醒，本人表示接受")
    base.update(over)
    return TalkInput(**base)


# ------------------------------------------------------------------ the interviewers
@pytest.mark.parametrize("typed, names", [
    ("李四、赵六", ["李四", "赵六"]),
    (" 李四 ， 赵六 ", ["李四", "赵六"]),
    ("李四,赵六,王五", ["李四", "赵六", "王五"]),
    ("李四；赵六", ["李四", "赵六"]),
])
def test_interviewers_are_trimmed_and_any_listed_separator_is_accepted(ws, typed, names):
    lead = _lead(ws)
    v = talks.record_talk(ws, _talk(lead, interviewers=typed))
    assert v.interviewers == names
    assert talks.get_talk(ws, v.id).interviewers == names


@pytest.mark.parametrize("typed, message", [
    ("李四、李四", "谈话人中“李四”填写了两次，须由至少2名不同人员进行"),
    ("李四、 李四 ", "谈话人中“李四”填写了两次，须由至少2名不同人员进行"),
    ("李四", "谈话人须至少2人（当前1人），姓名之间用顿号分隔，如：李四、赵六"),
    ("、，", "谈话人须至少2人（当前0人），姓名之间用顿号分隔，如：李四、赵六"),
    ("李四、赵6", "谈话人“赵6”只能包含汉字、字母和间隔号“·”，不能有数字或其他符号"),
])
def test_one_name_twice_or_a_single_interviewer_is_refused(ws, typed, message):
    lead = _lead(ws)
    with pytest.raises(ValidationError) as exc:
        talks.record_talk(ws, _talk(lead, interviewers=typed))
    assert (exc.value.field, exc.value.message) == ("interviewers", message)
    assert talks.list_talks(ws, lead_id=lead.id) == []


def test_the_person_talked_to_is_not_one_of_the_interviewers(ws):
    lead = _lead(ws)
    with pytest.raises(ValidationError) as exc:
        talks.record_talk(ws, _talk(lead, interviewers="张三、李四"))
    assert exc.value.message == "谈话对象“张三”不能同时是谈话人"


# ------------------------------------------------------------------ the person, the owner, the dates
def test_the_person_comes_from_the_lead_and_a_person_of_another_lead_is_refused(ws):
    lead, other = _lead(ws), _lead(ws, name="钱七")
    v = talks.record_talk(ws, _talk(lead))
    assert (v.person_name, v.person_unit, v.person_post, v.person_id, v.owner_number, v.kind_label) == (
        "张三", "青山镇农业办", "主任", lead.persons[0].id, lead.number, "谈话提醒")
    with pytest.raises(ValidationError) as exc:
        talks.record_talk(ws, _talk(lead, person_id=other.persons[0].id))
    assert (exc.value.field, exc.value.message) == ("person_id", "所选谈话对象不是本线索的涉及人员")
    typed = talks.record_talk(ws, _talk(lead, person_id=None, person_name="孙八", person_unit="青山村", person_post="会计"))
    assert (typed.person_name, typed.person_id) == ("孙八", None)


def test_a_talk_belongs_to_exactly_one_lead_or_case(ws):
    lead = _lead(ws)
    for lead_id, case_id in ((None, None), (lead.id, 99)):
        with pytest.raises(ValidationError) as exc:
            talks.record_talk(ws, _talk(lead, lead_id=lead_id, case_id=case_id, person_id=None, person_name="张三"))
        assert exc.value.message == "谈话记录须关联一条问题线索或一个案件（只能选其一）"
    with pytest.raises(NotFoundError):
        talks.record_talk(ws, _talk(lead, lead_id=999))


def test_inquiry_talk_only_on_a_talk_inquiry_lead(ws):
    verified = _lead(ws, disposition="preliminary_verification")
    with pytest.raises(ValidationError) as exc:
        talks.record_talk(ws, _talk(verified, kind="inquiry_talk"))
    assert (exc.value.field, exc.value.message) == ("kind", "函询谈话只能记录在处置方式为“谈话函询”的问题线索上")
    assert talks.talk_kinds_for("preliminary_verification") == ["reminder_talk", "integrity_talk", "admonishment"]
    inquired = _lead(ws)
    assert talks.record_talk(ws, _talk(inquired, kind="inquiry_talk")).kind_label == "函询谈话"


def test_every_problem_of_the_form_is_told_at_once_and_nothing_is_written(ws):
    lead = _lead(ws)
    with pytest.raises(ValidationError) as exc:
        talks.record_talk(ws, _talk(lead, kind="", talk_date=D(2026, 10, 7), place=" ", interviewers="李四",
                                    summary=""))
    assert [p.field for p in exc.value.problems] == ["kind", "talk_date", "place", "interviewers", "summary"]
    assert exc.value.message.startswith("谈话记录有5处需要修改：1. 请选择谈话类型（谈话提醒、廉政谈话、诫勉、函询谈话之一）；"
                                        "2. 谈话日期（2026-10-07）不能早于线索收到日期（2026-10-08）")
    with pytest.raises(ValidationError) as exc:
        talks.record_talk(ws, _talk(lead, talk_date=D(2026, 11, 21)))
    assert exc.value.message == "谈话日期不能晚于今天（2026-11-20）"
    assert talks.list_talks(ws, lead_id=lead.id) == []


def test_a_talk_on_a_case_with_its_record_scan_and_timelines(ws, tmp_path):
    lead = _lead(ws, disposition="preliminary_verification")
    case = cases.open_case(ws, lead_id=lead.id, filing_date=D(2026, 11, 10), title="张三违规收受礼金案")
    scan = tmp_path / "诫勉谈话记录.pdf"
    scan.write_bytes(b"%PDF-1.4 signed talk record")
    with pytest.raises(ValidationError) as exc:
        talks.record_talk(ws, _talk(lead, lead_id=None, case_id=case.id, person_id=None, person_name="张三",
                                    talk_date=D(2026, 11, 9)))
    assert exc.value.message == "谈话日期（2026-11-09）不能早于立案日期（2026-11-10）"
    v = talks.record_talk(ws, _talk(lead, lead_id=None, case_id=case.id, person_id=case.persons[0].id,
                                    kind="admonishment", talk_date=D(2026, 11, 18), attachment=scan))
    (a,) = attachments.list_attachments(ws, ("case", case.id))
    assert (v.record_attachment_id, v.record_attachment_name, v.owner_number, a.filename) == (
        a.id, "诫勉谈话记录.pdf", case.number, "诫勉谈话记录.pdf")
    assert [t.id for t in talks.list_talks(ws, case_id=case.id)] == [v.id]
    assert timeline.timeline(ws, "case", case.id)[-1].text_zh == (
        "诫勉（2026-11-18）：谈话对象 张三，谈话人 李四、赵六，地点 镇纪委谈话室")


def test_permissions_follow_the_lead_and_case_actions(ws):
    lead = _lead(ws)
    v = talks.record_talk(ws, _talk(lead))
    sign_in_as(ws, "clerk1", ["clerk"])
    with pytest.raises(PermissionDenied) as exc:
        talks.record_talk(ws, _talk(lead))
    assert exc.value.message == "您没有“登记和处置问题线索”的权限，请联系纪委书记或系统管理员"
    with pytest.raises(PermissionDenied):
        talks.get_talk(ws, v.id)
    with pytest.raises(PermissionDenied):
        item_print.talk_sheet_pdf(ws, v.id)


# ------------------------------------------------------------------ the print sheet
def test_the_printed_talk_record_is_one_a4_page_filled_from_the_record(ws):
    lead = _lead(ws)
    v = talks.record_talk(ws, dataclasses.replace(_talk(lead), kind="integrity_talk", interviewers="李四、赵六、王五"))
    reader = PdfReader(io.BytesIO(item_print.talk_sheet_pdf(ws, v.id)))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    lines = [line.strip() for line in page.extract_text().splitlines()]
    for expected in ("谈话记录", "单位：青山镇纪委", "廉政谈话", "2026-11-05", "镇纪委谈话室", "李四、赵六、王五",
                     lead.number, "张三", "青山镇农业办", "主任", "就反映问题进行谈话提醒，本人表示接受", "谈话对象签字",
                     "谈话人签字"):
        assert expected in lines, expected
    fonts = {str(f.get_object().get("/BaseFont")) for f in page["/Resources"]["/Font"].values()}
    assert fonts == {str(f.get_object().get("/BaseFont")) for f in PdfReader(io.BytesIO(
        item_print.lead_sheet_pdf(ws, lead.id))).pages[0]["/Resources"]["/Font"].values()}


@pytest.mark.both_db
def test_a_talk_record_changed_in_the_file_is_named_by_check_deep(ws, capsys):
    lead = _lead(ws)
    v = talks.record_talk(ws, _talk(lead))
    assert run_cli_on(capsys, ws, "check", "--deep")[0] == 0
    # The attacker makes a one-person talk look like a two-person one, with SQL outside the app.
    attack(ws, f"UPDATE talk_records SET interviewers = '李四、王五' WHERE id = {v.id}")
    code, text = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1
    assert f"谈话记录（talk_records #{v.id}）：内容与审计日志记录的不一致（在程序外被修改）" in text
