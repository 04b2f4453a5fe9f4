"""Opening a complaint's sealed attachment from its form: the key holder gets the letter under its own name,
an officer (who may see the complaint but not who wrote it) sees only the kind of file and is told why."""
from __future__ import annotations

from PySide6.QtGui import QDesktopServices

from gui.dialogs.complaint_form import ComplaintForm
from services.storage import attachment_sealing, attachments
from tests.helpers.gui_hands import click, show
from tests.helpers.gui_records import register
from tests.helpers.gui_users import sign_in

LETTER = "反映人赵铁柱亲笔来信".encode("utf-8") * 50


def test_the_clerk_opens_the_letter_and_an_officer_is_told_why_not(clerk_ctx, qtbot, tmp_path, prompts, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    ws = clerk_ctx.workspace
    c = register(clerk_ctx)
    scan = tmp_path / "赵铁柱来信.pdf"
    scan.write_bytes(LETTER)
    attachments.add_attachment(ws, ("complaint", c.id), scan)

    form = show(qtbot, ComplaintForm(clerk_ctx, c.id))
    qtbot.waitUntil(lambda: form.attachments.names() == ["赵铁柱来信.pdf"])
    form.attachments.table.selectRow(0)
    click(qtbot, form.attachments.open_button)
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0].endswith("/赵铁柱来信.pdf") and open(opened[0], "rb").read() == LETTER
    form.close()

    sign_in(clerk_ctx, "officer1", ["officer"])
    form = show(qtbot, ComplaintForm(clerk_ctx, c.id))
    qtbot.waitUntil(lambda: form.attachments.names() == ["信访材料.pdf"])
    form.attachments.table.selectRow(0)
    click(qtbot, form.attachments.open_button)
    qtbot.waitUntil(lambda: bool(prompts.texts("error")))
    assert prompts.texts("error") == [attachment_sealing.NEEDS_KEY]
    assert len(opened) == 1
