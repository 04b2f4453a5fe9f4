"""The registration form (ComplaintForm), driven like a clerk would, on a real workspace."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from gui.dialogs.complaint_form import ComplaintForm
from gui.dialogs.repeat_dialog import RepeatDialog
from gui.form_widgets import ActionDialog
from gui.pages.complaints_page import ComplaintsPage
from services.casework import intake, leads, listing
from services.security import audit
from services.storage import attachments
from tests.gui.conftest import type_text, when_modal
from tests.helpers.gui_complaint_form import fill_basic, fill_subject
from tests.helpers.gui_hands import choose, click_button, show
from tests.helpers.gui_records import GOOD_ID, register
from tests.helpers.gui_users import sign_in

BAD_ID = "110101199003071230"   # wrong check digit


def drop_files(widget, paths) -> None:
    """Drag local files over ``widget`` and drop them (enter, then drop: as a file manager does)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    center = widget.rect().center()  # QDragEnterEvent takes a QPoint, QDropEvent a QPointF
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(center, Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the widget refused the dragged files"
    QApplication.sendEvent(widget, QDropEvent(QPointF(center), Qt.DropAction.CopyAction, mime, buttons, mods))


# ------------------------------------------------------------------ registration
def test_register_real_name_complaint_with_two_subjects_and_a_dropped_file(clerk_ctx, qtbot, tmp_path):
    ws = clerk_ctx.workspace
    scan = tmp_path / "来信扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"x" * 5000)
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    assert page.model.rowCount() == 0
    form = show(qtbot, page.new_complaint())
    assert form.receiver.text() == "clerk1"
    fill_basic(form, qtbot)
    type_text(qtbot, form.c_name, "赵铁柱")
    type_text(qtbot, form.c_phone, "139-1234-5678")
    type_text(qtbot, form.c_id_number, GOOD_ID)
    type_text(qtbot, form.c_address, "青山镇幸福路8号")
    fill_subject(form, qtbot, 0, "李四", "青山村委会", "村主任")
    fill_subject(form, qtbot, 1, "王五", "青山村委会")
    choose(form.discipline, "mass")
    drop_files(form.attachments, [scan])
    assert form.attachments.names() == ["来信扫描件.pdf"]

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.view is not None and form.view.number == "XF2026-0001"
    assert "XF2026-0001" in form.title.text() and "已保存" in form.status.text()
    assert not form.is_dirty()
    saved = intake.get_complaint(ws, form.complaint_id)
    assert [(s["name"], s["unit"]) for s in saved.subjects] == [("李四", "青山村委会"), ("王五", "青山村委会")]
    assert saved.signature == "real_name" and saved.channel == "visit" and saved.discipline == "mass"
    assert intake.reveal_identity(ws, saved.id)["id_number"] == GOOD_ID
    files = attachments.list_attachments(ws, ("complaint", saved.id))
    assert [(a.filename, a.size) for a in files] == [("来信扫描件.pdf", scan.stat().st_size)]
    assert form.attachments.names() == ["来信扫描件.pdf"]
    assert page.model.rowCount() == 1 and page.model.row_data(0)["number"] == "XF2026-0001"
    assert page.count_label.text() == "共 1 件"


def _problems_shown(form) -> dict[str, str]:
    return {code: form.field_error(code) for code in form.errors.fields if form.field_error(code)}


def test_each_validation_error_appears_at_its_field_and_nothing_is_saved(clerk_ctx, qtbot, today):
    ws = clerk_ctx.workspace
    form = show(qtbot, ComplaintForm(clerk_ctx))
    fill_basic(form, qtbot, date=today + dt.timedelta(days=3))
    type_text(qtbot, form.c_name, "赵铁柱")
    type_text(qtbot, form.c_phone, "1381234")
    type_text(qtbot, form.c_id_number, BAD_ID)
    form.subjects.remove_current()           # 检举控告 without any subject

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    shown = _problems_shown(form)
    assert set(shown) == {"received_date", "complainant_phone", "complainant_id_number", "subjects"}
    assert "收件日期" in shown["received_date"]
    assert "11位" in shown["complainant_phone"]
    assert shown["complainant_id_number"] == "身份证号校验位（第18位）不正确，可能有数字输错，请核对"
    assert "被反映人" in shown["subjects"]
    assert form.errors.fields["received_date"][1].isVisible()
    assert form.received_date.hasFocus() or QApplication.focusWidget() in (
        form.received_date, form.received_date.lineEdit() if hasattr(form.received_date, "lineEdit") else None)
    assert form.view is None and listing.query_ids(ws, listing.ListQuery()) == []

    # 实名 without any contact: the phone field says what is missing
    form.received_date.set_value(today)
    form.c_phone.clear()
    form.c_id_number.clear()
    fill_subject(form, qtbot, 0, "李四", "青山村委会")   # no earlier complaint: no repeat dialog
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    shown = _problems_shown(form)
    assert list(shown) == ["complainant_phone"]
    assert "实名" in shown["complainant_phone"] and "联系电话" in shown["complainant_phone"]
    assert listing.query_ids(ws, listing.ListQuery()) == []

    # editing the field clears its message
    type_text(qtbot, form.c_phone, "13912345678")
    assert form.field_error("complainant_phone") == ""
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.view is not None and form.view.number == "XF2026-0001"


def test_repeat_dialog_for_same_subject_and_linking_marks_a_repeat(clerk_ctx, qtbot):
    ws = clerk_ctx.workspace
    first = register(clerk_ctx, subjects=[("李四", "青山村委会")], received=dt.date(2026, 10, 8))
    form = show(qtbot, ComplaintForm(clerk_ctx))
    fill_basic(form, qtbot, signature="anonymous")
    fill_subject(form, qtbot, 0, "李四", "青山村委会")
    seen = {}

    def link(dialog):
        assert isinstance(dialog, RepeatDialog)
        seen["rows"] = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        seen["subject"] = dialog.table.item(0, 2).text()
        assert dialog.select_number(first.number)
        click_button(dialog, "选择关联为重复件")

    when_modal(link)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert seen["rows"] == [first.number] and "李四" in seen["subject"]
    saved = intake.get_complaint(ws, form.complaint_id)
    assert saved.is_repeat and saved.original_id == first.id and saved.number == "XF2026-0002"
    assert first.number in form.repeat_note.text() and form.repeat_note.isVisible()


def test_repeat_dialog_cancel_saves_nothing_and_not_repeat_saves_as_new(clerk_ctx, qtbot):
    ws = clerk_ctx.workspace
    register(clerk_ctx, subjects=[("李四", "青山村委会")], received=dt.date(2026, 10, 8))
    form = show(qtbot, ComplaintForm(clerk_ctx))
    fill_basic(form, qtbot, signature="anonymous")
    fill_subject(form, qtbot, 0, "李四", "青山村委会")
    when_modal(lambda d: click_button(d, "取消"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.view is None and len(listing.query_ids(ws, listing.ListQuery())) == 1
    when_modal(lambda d: click_button(d, "不是重复件"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = intake.get_complaint(ws, form.complaint_id)
    assert not saved.is_repeat and saved.number == "XF2026-0002"


# ------------------------------------------------------------------ actions
def test_accepting_an_accusation_creates_a_lead(clerk_ctx, qtbot, today):
    ws = clerk_ctx.workspace
    c = register(clerk_ctx)
    form = show(qtbot, ComplaintForm(clerk_ctx, c.id))
    assert form.action_buttons["accept"].isVisible()
    assert not form.action_buttons["conclude"].isVisible()
    assert not form.action_buttons["feedback"].isVisible()

    def confirm(dialog):
        assert isinstance(dialog, ActionDialog)
        assert dialog.date_edit.value() == today
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(confirm)
    qtbot.mouseClick(form.action_buttons["accept"], Qt.MouseButton.LeftButton)

    view = intake.get_complaint(ws, c.id)
    assert view.state == "accepted" and view.accepted_date == today and view.lead_id
    sign_in(clerk_ctx, "wang")
    lead = leads.get_lead(ws, view.lead_id)
    assert lead.complaint_id == c.id
    assert "已受理" in form.state_label.text() and "问题线索" in form.status.text()
    # 办结 comes with the lead (or its case), not by hand
    assert not form.action_buttons["conclude"].isVisible() and not form.action_buttons["accept"].isVisible()
    assert any("受理" in t for t in form.timeline_texts())


def test_not_accepting_asks_the_reason(clerk_ctx, qtbot):
    ws = clerk_ctx.workspace
    c = register(clerk_ctx, kind="out_of_scope")
    form = show(qtbot, ComplaintForm(clerk_ctx, c.id))
    assert not form.action_buttons["accept"].isVisible()
    steps = []

    def answer(dialog):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no reason yet: stays open
        steps.append(dialog.text_error.text())
        type_text(qtbot, dialog.text_edit, "不属于纪检监察机关受理范围，已告知向法院起诉")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(answer)
    qtbot.mouseClick(form.action_buttons["not_accept"], Qt.MouseButton.LeftButton)
    assert steps and "不予受理理由" in steps[0]
    view = intake.get_complaint(ws, c.id)
    assert view.state == "not_accepted" and "法院" in view.state_reason
    assert not form.action_buttons["feedback"].isVisible()   # 反馈 is owed to a 实名检举控告 only


# ------------------------------------------------------------------ identity masking
def test_clerk_may_see_the_identity(clerk_ctx, qtbot):
    c = register(clerk_ctx)
    form = show(qtbot, ComplaintForm(clerk_ctx, c.id))
    assert form.c_name.text() == "赵**" and form.c_phone.text() == "139****"
    assert form.reveal_button.isVisible()
    qtbot.mouseClick(form.reveal_button, Qt.MouseButton.LeftButton)
    assert form.c_name.text() == "赵铁柱" and form.c_phone.text() == "13912345678"
    assert form.c_id_number.text() == GOOD_ID and form.c_address.text() == "青山镇幸福路8号"
    assert not form.is_dirty()


def test_officer_sees_masked_identity_and_no_reveal_button(ctx, qtbot):
    sign_in(ctx, "wang")
    c = register(ctx, name="张明", phone="13812345678")
    sign_in(ctx, "officer1", ["officer"])
    form = show(qtbot, ComplaintForm(ctx, c.id))
    assert form.c_name.text() == "张**" and form.c_phone.text() == "138****"
    assert form.c_id_number.text() == "11****************" and form.c_address.text() == "****"
    assert "赵铁柱" not in form.c_address.text() and form.c_address.text() != "青山镇幸福路8号"
    assert form.reveal_button.isHidden()
    assert form.save_button.isHidden()               # officers do not register complaints
    assert all(b.isHidden() for b in form.action_buttons.values())


def test_secretary_reveal_writes_an_identity_view_audit_event(ctx, qtbot):
    sign_in(ctx, "wang")
    ws = ctx.workspace
    c = register(ctx)
    with ws.reading() as s:
        before = [e.action for e in audit.events_for(s, "complaint", c.id)]
    assert "identity.view" not in before
    form = show(qtbot, ComplaintForm(ctx, c.id))
    assert form.c_name.text() == "赵**"
    qtbot.mouseClick(form.reveal_button, Qt.MouseButton.LeftButton)
    assert form.c_name.text() == "赵铁柱"
    with ws.reading() as s:
        events = [(e.action, e.username if hasattr(e, "username") else "") for e in audit.events_for(s, "complaint", c.id)]
    assert [a for a, _ in events].count("identity.view") == 1


def test_editing_after_reveal_changes_identity_and_unrevealed_save_keeps_it(clerk_ctx, qtbot):
    ws = clerk_ctx.workspace
    c = register(clerk_ctx)
    form = show(qtbot, ComplaintForm(clerk_ctx, c.id))
    assert form.c_phone.isReadOnly()
    type_text(qtbot, form.main_problem, "补充：涉及金额约两万元")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert intake.reveal_identity(ws, c.id)["phone"] == "13912345678"
    assert intake.get_complaint(ws, c.id).main_problem == "补充：涉及金额约两万元"
    qtbot.mouseClick(form.reveal_button, Qt.MouseButton.LeftButton)
    assert not form.c_phone.isReadOnly()
    type_text(qtbot, form.c_phone, "13700001111")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert intake.reveal_identity(ws, c.id)["phone"] == "13700001111"
    assert form.c_phone.text() == "137****"


# ------------------------------------------------------------------ unsaved changes
def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_text(clerk_ctx, qtbot, prompts):
    form = show(qtbot, ComplaintForm(clerk_ctx))
    type_text(qtbot, form.main_problem, "反映村干部违规发放补贴")
    assert form.is_dirty()

    prompts.answer("取消")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert prompts.texts("choose") == ["登记表有尚未保存的修改。是否保存？"]
    assert form.isVisible() and form.main_problem.toPlainText() == "反映村干部违规发放补贴"

    prompts.answer("取消")
    form.close()
    assert form.isVisible()

    prompts.answer("放弃")
    form.close()
    assert not form.isVisible()
    assert prompts.texts("choose") == ["登记表有尚未保存的修改。是否保存？"] * 3
    assert [s.title for s in prompts.shown] == ["尚未保存"] * 3
    assert listing.query_ids(clerk_ctx.workspace, listing.ListQuery()) == []


def test_closing_and_choosing_save_saves(clerk_ctx, qtbot, prompts):
    form = show(qtbot, ComplaintForm(clerk_ctx))
    fill_basic(form, qtbot, signature="anonymous")
    fill_subject(form, qtbot, 0, "钱七", "青山镇财政所")
    prompts.answer("保存")
    form.close()
    assert not form.isVisible()
    assert prompts.texts() == ["登记表有尚未保存的修改。是否保存？"]
    ids = listing.query_ids(clerk_ctx.workspace, listing.ListQuery())
    assert len(ids) == 1 and intake.get_complaint(clerk_ctx.workspace, ids[0]).subjects[0]["name"] == "钱七"


def test_closing_and_choosing_save_with_a_refused_field_keeps_the_form_and_the_text(clerk_ctx, qtbot, prompts, today):
    form = show(qtbot, ComplaintForm(clerk_ctx))
    fill_basic(form, qtbot, signature="anonymous", date=today + dt.timedelta(days=3))
    fill_subject(form, qtbot, 0, "钱七", "青山镇财政所")
    prompts.answer("保存")
    form.close()
    assert form.isVisible() and form.is_dirty()
    assert form.main_problem.toPlainText() == "反映其在危房改造补助发放中虚报冒领"
    assert set(_problems_shown(form)) == {"received_date"}
    assert prompts.texts() == ["登记表有尚未保存的修改。是否保存？"]     # the refusal is at the field, no box
    assert listing.query_ids(clerk_ctx.workspace, listing.ListQuery()) == []


def test_ctrl_s_saves(clerk_ctx, qtbot):
    form = show(qtbot, ComplaintForm(clerk_ctx))
    fill_basic(form, qtbot, signature="anonymous")
    fill_subject(form, qtbot, 0, "孙八", "青山镇农业站")
    form.main_problem.setFocus()
    qtbot.keyClick(form.main_problem, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.view is not None and form.view.number == "XF2026-0001"


# ------------------------------------------------------------------ attachments and print
def test_attachment_over_the_size_limit_shows_the_service_message(clerk_ctx, qtbot, tmp_path, prompts):
    from services.storage import settings
    ws = clerk_ctx.workspace
    sign_in(clerk_ctx, "wang")
    with ws.transaction() as s:
        settings.put(s, settings.ATTACHMENT_MAX_MB, 1)
    sign_in(clerk_ctx, "clerk1")
    c = register(clerk_ctx)
    big = tmp_path / "录音.wav"
    big.write_bytes(b"\0" * (1024 * 1024 + 10))
    small = tmp_path / "照片.jpg"
    small.write_bytes(b"\xff\xd8" + b"1" * 2000)
    form = show(qtbot, ComplaintForm(clerk_ctx, c.id))
    drop_files(form, [big, small])
    assert prompts.texts("error") == ["附件“录音.wav”超过大小上限 1 MB（至少 1.0 MB），请压缩、分拆后再添加，"
                                      "或请管理员调整“单个附件大小上限”"]
    assert [s.title for s in prompts.shown] == ["附件未保存"]
    assert form.attachments.names() == ["照片.jpg"]
    assert [a.filename for a in attachments.list_attachments(ws, ("complaint", c.id))] == ["照片.jpg"]


def test_print_sheet_shows_the_pdf_preview(clerk_ctx, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter
    from pypdf import PdfReader

    c = register(clerk_ctx)
    form = show(qtbot, ComplaintForm(clerk_ctx, c.id))
    out = tmp_path / "printed.pdf"
    seen = {}

    def preview(dialog):
        seen["title"] = dialog.windowTitle()
        seen["pages"] = dialog.page_count()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        seen["printed"] = dialog.print_to(printer)
        dialog.reject()

    when_modal(preview)
    qtbot.mouseClick(form.print_button, Qt.MouseButton.LeftButton)
    assert c.number in seen["title"] and seen["pages"] >= 1 and seen["printed"] == seen["pages"]
    assert len(PdfReader(str(out)).pages) == seen["pages"]
