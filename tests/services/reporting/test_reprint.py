"""Printing a letter again from its timeline entry (issue 12): once the 告知, 反馈, 转办 or 函询 is recorded, the entry
names its letter (``TimelineEvent.document``) and ``notice_print.reprint_doc`` fills it from the stored record —
a real one-page PDF (read back with pdftotext) — while the timeline keeps the entry and adds the print."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from services.casework import contacts, inquiries, intake, leads, referrals, timeline
from services.errors import ValidationError
from services.reporting import notice_print
from tests.services.daily.conftest import complaint_input

pytestmark = pytest.mark.both_db

D = dt.date


def _pdf_text(tmp_path, pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the letter back"
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert [line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")] == ["1"]
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(out.split())


def _entries(ws, entity, item_id):
    return [(e.text_zh, e.document) for e in timeline.timeline(ws, entity, item_id)]


def test_the_notice_and_the_feedback_print_again_from_their_entries(ws, tmp_path):
    c = intake.register_complaint(ws, complaint_input(received_date=D(2026, 10, 12)))
    lead = intake.accept(ws, c.id, D(2026, 10, 13)).lead_id
    contacts.record_acceptance_notice(ws, c.id, D(2026, 10, 15), "书面", "李登记")
    leads.dispose(ws, lead, "closed", D(2026, 10, 20), "集体研究：予以了结")
    leads.conclude_lead(ws, lead, "concluded", D(2026, 10, 20), "经初步了解，反映问题不属实，予以了结")
    contacts.record_feedback(ws, c.id, D(2026, 11, 3), "当面", "基本满意", "李登记", "当面反馈，反映人表示理解")
    entries = _entries(ws, "complaint", c.id)
    notice = [d for t, d in entries if t.startswith("向实名反映人告知受理情况（2026-10-15）")]
    feedback = [d for t, d in entries if t.startswith("向实名反映人反馈处理结果（2026-11-03）")]
    assert notice == [("acceptance_notice", c.id)] and feedback == [("feedback_notice", c.id)]

    text = _pdf_text(tmp_path, notice_print.render_letter(notice_print.reprint_doc(ws, *notice[0])))
    for expected in ("受理告知书", f"编号：{c.number}", "赵六同志：", "我委已于2026年10月13日依规受理", "2026年10月15日"):
        assert expected in text, expected
    text = _pdf_text(tmp_path, notice_print.render_letter(notice_print.reprint_doc(ws, *feedback[0])))
    for expected in ("反馈告知书", "经办理，该问题线索已了结（2026年10月20日）", "反映问题不属实，予以了结",
                     "当面反馈，反映人表示理解。如对处理结果有异议", "2026年11月3日"):
        assert expected in text, expected
    after = _entries(ws, "complaint", c.id)
    assert after[:len(entries)] == entries   # the timeline keeps every entry, the prints come after
    assert [x for x in after[len(entries):] if not x[0].startswith("查看反映人身份信息")] == [
        ("打印受理告知书", ("acceptance_notice", c.id)), ("打印反馈告知书", ("feedback_notice", c.id))]


def test_the_referral_letter_and_the_inquiry_notice_print_again(ws, tmp_path):
    c = intake.register_complaint(ws, complaint_input(received_date=D(2026, 10, 12)))
    intake.transfer(ws, c.id, D(2026, 10, 14), "县自然资源局", "青纪转〔2026〕9号", D(2026, 11, 4))
    (r,) = referrals.list_referrals(ws, c.id)
    referrals.record_reply(ws, r.id, D(2026, 11, 2), "已调查处理")
    entries = _entries(ws, "complaint", c.id)
    transfer = [d for t, d in entries if t.startswith("转办至县自然资源局")]
    assert transfer == [("referral_letter", r.id)]
    text = _pdf_text(tmp_path, notice_print.render_letter(notice_print.reprint_doc(ws, *transfer[0])))
    for expected in ("转办函", "青纪转〔2026〕9号", "县自然资源局：", "请于2026年11月4日前", "2026年10月14日"):
        assert expected in text, expected
    assert "赵六" not in text
    assert _entries(ws, "complaint", c.id)[-1] == ("打印转办函", ("referral_letter", r.id))

    other = intake.register_complaint(ws, complaint_input(received_date=D(2026, 11, 2)))
    lead = intake.accept(ws, other.id, D(2026, 11, 2)).lead_id
    leads.dispose(ws, lead, "talk_inquiry", D(2026, 11, 3), "集体研究：谈话函询")
    letter = inquiries.send_letter(ws, lead, D(2026, 11, 4), "张三", "请就收受礼金问题作出书面说明")
    (sent,) = [d for t, d in _entries(ws, "lead", lead) if t.startswith("发出第1轮函询函")]
    assert sent == ("inquiry_notice", letter.id)
    text = _pdf_text(tmp_path, notice_print.render_letter(notice_print.reprint_doc(ws, *sent)))
    for expected in ("函询通知书", "张三同志：", "函询事项：请就收受礼金问题作出书面说明。", "2026年11月4日"):
        assert expected in text, expected
    assert _entries(ws, "lead", lead)[-1] == ("打印函询通知书", ("inquiry_notice", letter.id))


def test_an_unknown_letter_is_refused(ws):
    with pytest.raises(ValidationError) as exc:
        notice_print.reprint_doc(ws, "summons", 1)
    assert exc.value.message == "未知的文书：summons"
