"""The registration form for an item that belongs to the upper level (属上级纪委管辖, issue 12): ticking the box
shows the rule's note and disables what may not be registered; what is saved has no content and no identity."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui.pages.complaints_page import ComplaintsPage
from services.casework import intake
from tests.gui.conftest import type_text
from tests.helpers.gui_complaint_form import fill_basic, fill_subject
from tests.helpers.gui_hands import show

NOTE = ("属上级纪委管辖的信访件不得复制、摘抄检举控告内容（《纪检监察机关处理检举控告工作规则》第十五条）："
        "只登记收件信息、署名情况、被反映人和问题类别（事由），不填写反映的主要问题、反映人信息，不添加附件；"
        "原件请在5个工作日内报送上级纪委。")


def test_ticking_belongs_upper_shows_the_note_disables_the_content_and_saves_none_of_it(clerk_ctx, qtbot):
    ws = clerk_ctx.workspace
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    form = show(qtbot, page.new_complaint())
    fill_basic(form, qtbot)                                   # types a main problem, as a clerk might first
    type_text(qtbot, form.c_name, "赵铁柱")
    type_text(qtbot, form.c_phone, "13912345678")
    fill_subject(form, qtbot, 0, "李书记", "青山镇党委", "书记")
    identity = (form.c_name, form.c_phone, form.c_id_number, form.c_address)
    assert not form.upper_note.isVisible() and form.main_problem.isEnabled()

    qtbot.mouseClick(form.belongs_upper, Qt.MouseButton.LeftButton)
    assert form.belongs_upper.isChecked() and form.upper_note.isVisible() and form.upper_note.text() == NOTE
    assert not form.main_problem.isEnabled() and not form.attachments.add_button.isEnabled()
    assert [w.isEnabled() for w in identity] == [False] * 4
    form.signature.setCurrentIndex(form.signature.findData("signed"))   # the signature stays choosable
    assert [w.isEnabled() for w in identity] == [False] * 4

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.view is not None)
    saved = intake.get_complaint(ws, form.complaint_id)
    assert (saved.belongs_upper, saved.main_problem, saved.has_identity, saved.signature) == (True, "", False, "signed")
    assert [(s["name"], s["unit"], s["post"]) for s in saved.subjects] == [("李书记", "青山镇党委", "书记")]
    assert form.upper_note.isVisible() and not form.main_problem.isEnabled()   # shown again as saved


def test_unticking_gives_the_fields_back_with_what_was_typed(clerk_ctx, qtbot):
    page = show(qtbot, ComplaintsPage(clerk_ctx))
    form = show(qtbot, page.new_complaint())
    fill_basic(form, qtbot)
    qtbot.mouseClick(form.belongs_upper, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.belongs_upper, Qt.MouseButton.LeftButton)
    assert not form.upper_note.isVisible() and form.main_problem.isEnabled()
    assert form.main_problem.toPlainText() == "反映其在危房改造补助发放中虚报冒领"
    assert form.c_name.isEnabled() and form.attachments.add_button.isEnabled()
