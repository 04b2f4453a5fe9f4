"""重新打印 from the timeline (issue 12): after the 受理告知, the 反馈, the 转办 or the 函询函 is recorded, its entry in
the form's 时间线 prints the letter again from the stored record — right-click → 重新打印… or a double click —
into the PDF preview, and the timeline (read again) keeps the entry and shows the print."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess

from PySide6.QtCore import Qt

from gui.dialogs.complaint_form import ComplaintForm
from gui.dialogs.lead_form import LeadForm
from gui.pdf_preview import PdfPreviewDialog
from services.casework import contacts, inquiries, intake, leads, referrals
from tests.helpers.followup_gui import register, show

D = dt.date


def _text(tmp_path, preview: PdfPreviewDialog) -> str:
    path = tmp_path / "shown.pdf"
    path.write_bytes(preview.pdf_bytes)
    assert preview.page_count() == 1
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(out.split())


def _row(table, text_start: str) -> int:
    (row,) = [r for r in range(table.rowCount()) if table.item(r, 2).text().startswith(text_start)]
    return row


def _texts(table) -> list[str]:
    return [table.item(r, 2).text() for r in range(table.rowCount())]


def test_the_recorded_notice_and_feedback_print_again_from_the_complaint_timeline(admin_ctx, qtbot, tmp_path):
    assert shutil.which("pdftotext")
    ws = admin_ctx.workspace
    c = register(admin_ctx, received=D(2026, 10, 12))
    lead = intake.accept(ws, c.id, D(2026, 10, 13)).lead_id
    contacts.record_acceptance_notice(ws, c.id, D(2026, 10, 15), "书面", "王书记")
    leads.dispose(ws, lead, "closed", D(2026, 10, 20), "集体研究：予以了结")
    leads.conclude_lead(ws, lead, "concluded", D(2026, 10, 20), "经初步了解，反映问题不属实，予以了结")
    contacts.record_feedback(ws, c.id, D(2026, 11, 3), "电话", "满意", "王书记", "电话反馈，反映人表示满意")
    form = show(qtbot, ComplaintForm(admin_ctx, c.id))
    assert not form.action_buttons["acceptance_notice"].isVisible()   # recorded: the record dialog is gone
    form.tabs.setCurrentWidget(form.timeline)
    table = form.timeline
    before = _texts(table)
    row = _row(table, "向实名反映人告知受理情况（2026-10-15）")
    assert table.item(row, 2).toolTip() == "双击或右键“重新打印受理告知书”"
    assert form.timeline_reprint.row_menu(_row(table, "办结")) is None   # nothing to print there
    menu = form.timeline_reprint.row_menu(row)
    assert [a.text() for a in menu.actions()] == ["重新打印受理告知书…"]
    menu.actions()[0].trigger()
    preview = form.letter_previews[-1]
    assert preview.isVisible() and preview.windowTitle() == f"预览 — 受理告知书 {c.number}"
    text = _text(tmp_path, preview)
    for expected in ("受理告知书", f"编号：{c.number}", "赵铁柱同志：", "我委已于2026年10月13日依规受理", "2026年10月15日"):
        assert expected in text, expected
    after = _texts(table)
    assert after[:len(before)] == before and after[-1] == "打印受理告知书"   # read again, the entry kept
    preview.close()

    row = _row(table, "向实名反映人反馈处理结果（2026-11-03）")
    table.scrollToItem(table.item(row, 2))
    rect = table.visualItemRect(table.item(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())   # the view wants the press
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    preview = form.letter_previews[-1]
    assert preview.windowTitle() == f"预览 — 反馈告知书 {c.number}"
    text = _text(tmp_path, preview)
    for expected in ("反馈告知书", "经办理，该问题线索已了结（2026年10月20日）", "电话反馈，反映人表示满意", "2026年11月3日"):
        assert expected in text, expected
    assert _texts(table)[-1] == "打印反馈告知书"
    # the print's own entry prints the same letter again
    assert form.timeline_reprint.title(table.rowCount() - 1) == "反馈告知书"
    for w in (preview, form):
        w.close()


def test_the_referral_letter_prints_again_from_its_transfer_entry(admin_ctx, qtbot, tmp_path):
    ws = admin_ctx.workspace
    c = register(admin_ctx, received=D(2026, 10, 12))
    intake.transfer(ws, c.id, D(2026, 10, 14), "县自然资源局", "青纪转〔2026〕9号", D(2026, 11, 4))
    referrals.record_reply(ws, referrals.list_referrals(ws, c.id)[0].id, D(2026, 11, 2), "已调查处理")
    form = show(qtbot, ComplaintForm(admin_ctx, c.id))
    table = form.timeline
    form.timeline_reprint.row_menu(_row(table, "转办至县自然资源局")).actions()[0].trigger()
    preview = form.letter_previews[-1]
    text = _text(tmp_path, preview)
    for expected in ("转办函", "青纪转〔2026〕9号", "县自然资源局：", "请于2026年11月4日前", "2026年10月14日"):
        assert expected in text, expected
    assert "赵铁柱" not in text and _texts(table)[-1] == "打印转办函"
    for w in (preview, form):
        w.close()


def test_the_inquiry_notice_prints_again_from_the_lead_timeline(admin_ctx, qtbot, tmp_path):
    ws = admin_ctx.workspace
    c = register(admin_ctx, received=D(2026, 11, 2))
    lead = intake.accept(ws, c.id, D(2026, 11, 2)).lead_id
    leads.dispose(ws, lead, "talk_inquiry", D(2026, 11, 3), "集体研究：谈话函询")
    inquiries.send_letter(ws, lead, D(2026, 11, 4), "李四", "请就低保评定问题作出书面说明")
    form = show(qtbot, LeadForm(admin_ctx, lead))
    table = form.timeline
    menu = table.reprint.row_menu(_row(table, "发出第1轮函询函"))
    assert [a.text() for a in menu.actions()] == ["重新打印函询通知书…"]
    menu.actions()[0].trigger()
    preview = table.letter_previews[-1]
    text = _text(tmp_path, preview)
    for expected in ("函询通知书", "李四同志：", "函询事项：请就低保评定问题作出书面说明。", "2026年11月4日"):
        assert expected in text, expected
    assert table.texts()[-1] == "打印函询通知书"
    for w in (preview, form):
        w.close()
