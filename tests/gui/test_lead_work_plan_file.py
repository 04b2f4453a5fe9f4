"""The lead form's 初核工作方案 as a chosen file (issue 12): 选择文件… through the prompt seam stores the file as the
lead's attachment and the plan, the box shows its name and opens it, and the secretary approves it as now."""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QDesktopServices

from gui.dialogs.lead_form import LeadForm
from services.casework import leads
from services.storage import attachments
from tests.helpers.gui_hands import click, show
from tests.helpers.gui_records import make_lead


def test_the_plan_is_a_chosen_file_shown_opened_and_approved(wang_ctx, qtbot, prompts, tmp_path, monkeypatch):
    ws = wang_ctx.workspace
    lead = make_lead(ws, received=dt.date(2026, 11, 2))
    leads.dispose(ws, lead.id, "preliminary_verification", dt.date(2026, 11, 3), "纪委会议集体研究", "李四、赵六")
    scan = tmp_path / "初核工作方案（签批件）.pdf"
    scan.write_bytes(b"%PDF-1.4 the signed plan")
    form = show(qtbot, LeadForm(wang_ctx, lead.id))
    form.tabs.setCurrentIndex(1)
    box = form.work_plan_box
    assert box.isVisible() and box.state.text() == "尚未填写工作方案"
    assert box.attachment_name.text() == "未选择（可用已签批的方案扫描件代替文字）" and not box.open_button.isVisible()

    prompts.answer("")                                  # the dialog cancelled: nothing happens
    click(qtbot, box.choose_button)
    assert leads.get_lead(ws, lead.id).work_plan["attachment_id"] is None

    prompts.answer(str(scan))
    click(qtbot, box.choose_button)
    assert prompts.texts("open") == ["选择初核工作方案文件", "选择初核工作方案文件"]
    plan = leads.get_lead(ws, lead.id).work_plan
    assert (plan["text"], plan["attachment_name"]) == ("", "初核工作方案（签批件）.pdf")
    assert [a.filename for a in attachments.list_attachments(ws, ("lead", lead.id))] == ["初核工作方案（签批件）.pdf"]
    qtbot.waitUntil(lambda: box.state.text() == "待纪委书记审批")
    assert box.attachment_name.text() == "初核工作方案（签批件）.pdf" and box.open_button.isVisible()

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    click(qtbot, box.open_button)
    assert len(opened) == 1 and open(opened[0], "rb").read() == b"%PDF-1.4 the signed plan"

    box.approval_date.set_value(dt.date(2026, 11, 4))
    click(qtbot, box.approve_button)                    # the secretary approves the file as the plan
    qtbot.waitUntil(lambda: box.state.text() == "已审批（王书记，2026-11-04）")
    assert not box.choose_button.isVisible() and box.open_button.isVisible()
    assert form.case_button.isVisible()                 # 立案 no longer waits
    assert prompts.texts("error") == []


def test_a_refused_file_is_told_at_the_attachment_row(wang_ctx, qtbot, prompts, tmp_path):
    ws = wang_ctx.workspace
    lead = make_lead(ws, received=dt.date(2026, 11, 2))
    leads.dispose(ws, lead.id, "preliminary_verification", dt.date(2026, 11, 3), "纪委会议集体研究", "李四、赵六")
    empty = tmp_path / "方案.pdf"
    empty.write_bytes(b"")
    form = show(qtbot, LeadForm(wang_ctx, lead.id))
    form.tabs.setCurrentIndex(1)
    prompts.answer(str(empty))
    click(qtbot, form.work_plan_box.choose_button)
    assert form.work_plan_box.errors.message("path") == "附件“方案.pdf”是空文件，请检查扫描件或照片是否保存完整"
    assert leads.get_lead(ws, lead.id).work_plan["attachment_id"] is None
