"""The documents handed out (issue 14 item 16): 受理告知书, 反馈告知书, 转办函, 函询通知书 — each one A4 page
filled from its record, the complainant's name only for a role that may see it (an audited view), and each
print kept in the item's timeline."""
from __future__ import annotations

import datetime as dt
import io
import os
import subprocess

import pytest
from pypdf import PdfReader

from services.casework import inquiries, intake, leads, referrals, timeline
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput
from services.errors import StateError
from services.reporting import notice_print
from services.security import audit
from tests.services.daily.conftest import VALID_ID

D = dt.date


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert [round(float(x)) for x in page.mediabox[2:]] == [595, 842]   # A4
    return page.extract_text().replace(" ", "").replace("\n", "")


def _keep_png(pdf: bytes, name: str) -> None:
    """With NOTICE_PNG_DIR set, the page as PNG for a look (pdftoppm -r 70)."""
    folder = os.environ.get("NOTICE_PNG_DIR")
    if folder:
        path = os.path.join(folder, f"{name}.pdf")
        with open(path, "wb") as fh:
            fh.write(pdf)
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-singlefile", path, path[:-4]], check=True)


def _events(ws, entity, item_id, action):
    with ws.reading() as s:
        return [e.detail_json for e in audit.events_for(s, entity, item_id) if e.action == action]


def _lines(ws, entity, item_id):
    return [e.text_zh for e in timeline.timeline(ws, entity, item_id)]


def test_acceptance_and_feedback_notices_are_addressed_to_the_complainant(ws, register, as_role):
    v = register()
    with pytest.raises(StateError) as exc:
        notice_print.acceptance_notice_pdf(ws, v.id)
    assert exc.value.message == f"信访件 {v.number} 尚未受理，受理（或作出其他处理）后再打印受理告知书"
    lead_id = intake.accept(ws, v.id, D(2026, 11, 3)).lead_id
    intake.record_acceptance_notice(ws, v.id, D(2026, 11, 5), "written", "李登记")
    pdf = notice_print.acceptance_notice_pdf(ws, v.id)
    _keep_png(pdf, "acceptance")
    text = _text(pdf)
    for expected in ("受理告知书", f"编号：{v.number}", "赵六同志：", "您于2026年11月2日通过来信反映张三有关问题的检举控告",
                     "我委已于2026年11月3日依规受理", "特此告知。", "青山镇纪委", "2026年11月5日", "属保密材料"):
        assert expected in text
    assert VALID_ID not in text and "13812345678" not in text
    assert len(_events(ws, "complaint", v.id, "identity.view")) == 1
    assert '"print_notice"' in _events(ws, "complaint", v.id, "identity.view")[0]
    assert _lines(ws, "complaint", v.id)[-2:] == ["查看反映人身份信息（打印告知书）", "打印受理告知书"]

    with pytest.raises(StateError) as exc:
        notice_print.feedback_notice_pdf(ws, v.id)
    assert exc.value.message == f"信访件 {v.number} 尚未办结，办结后再打印反馈告知书"
    leads.dispose(ws, lead_id, "closed", D(2026, 11, 6), "纪委会议集体研究", "")
    leads.conclude_lead(ws, lead_id, "concluded", D(2026, 11, 10), "经核查，反映的问题不属实")
    intake.record_feedback(ws, v.id, D(2026, 11, 12), "written", "satisfied", "李登记")
    pdf = notice_print.feedback_notice_pdf(ws, v.id)
    _keep_png(pdf, "feedback")
    text = _text(pdf)
    for expected in ("反馈告知书", "赵六同志：", "现将办理结果告知如下", "经办理，该问题线索已了结（2026年11月10日）",
                     "经核查，反映的问题不属实", "2026年11月12日"):
        assert expected in text
    assert _lines(ws, "complaint", v.id)[-1] == "打印反馈告知书"

    as_role("officer")  # may view complaints, not identities: the addressee is left blank, nothing revealed
    views = len(_events(ws, "complaint", v.id, "identity.view"))
    text = _text(notice_print.feedback_notice_pdf(ws, v.id))
    assert "赵六" not in text and "赵*" not in text and "反映人姓名已按保密规定隐去" in text
    assert len(_events(ws, "complaint", v.id, "identity.view")) == views


def test_a_notice_for_a_signed_complaint_is_refused(ws, register):
    v = register(signature="signed", complainant_phone=None, complainant_id_number=None)
    intake.accept(ws, v.id, D(2026, 11, 3))
    with pytest.raises(StateError) as exc:
        notice_print.acceptance_notice_pdf(ws, v.id)
    assert "不是实名举报" in exc.value.message


def test_referral_letter_has_the_document_number_and_never_the_complainant(ws, register):
    v = register()
    intake.transfer(ws, v.id, D(2026, 11, 3), "县自然资源局", "青纪转〔2026〕3号", D(2026, 11, 30))
    (r,) = referrals.list_referrals(ws, v.id)
    pdf = notice_print.referral_letter_pdf(ws, r.id)
    _keep_png(pdf, "referral")
    text = _text(pdf)
    for expected in ("转办函", "青纪转〔2026〕3号", "县自然资源局：", "现将2026年11月2日收到的反映张三有关问题的信访举报件",
                     f"（编号：{v.number}）转你单位", "请于2026年11月30日前将办理结果书面报送青山镇纪委",
                     "注意为反映人保密", "特此函告。", f"附件：信访举报件（编号：{v.number}）", "2026年11月3日"):
        assert expected in text
    assert "赵六" not in text and "赵*" not in text
    assert _events(ws, "complaint", v.id, "identity.view") == []
    assert _lines(ws, "complaint", v.id)[-1] == "打印转办函"


def test_inquiry_notice_of_a_round(ws):
    lead = leads.create_lead(ws, LeadInput(source="supervision_found", received_date=D(2026, 10, 8),
                                           summary="反映张三违规收受礼金", persons=[
                                               PersonInput(name="张三", unit="青山镇农业办", post="主任",
                                                           rank="township_level", is_party_member=True)]))
    leads.dispose(ws, lead.id, "talk_inquiry", D(2026, 11, 2), "纪委会议集体研究", "")
    letter = inquiries.send_letter(ws, lead.id, D(2026, 11, 3), "张三", "请就收受礼金问题作出书面说明")
    pdf = notice_print.inquiry_notice_pdf(ws, letter.id)
    _keep_png(pdf, "inquiry")
    text = _text(pdf)
    for expected in ("函询通知书", f"线索编号：{lead.number}", "第1轮函询", "张三同志：", "函询事项：请就收受礼金问题作出书面说明。",
                     f"于{notice_print.chinese_date(letter.reply_due)}前就有关问题作出书面说明", "特此通知。",
                     "青山镇纪委", "2026年11月3日"):
        assert expected in text
    assert _lines(ws, "lead", lead.id)[-1] == "打印函询通知书"
