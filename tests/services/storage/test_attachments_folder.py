"""The 附件文件夹 setting: attachment files go to and are read from the folder it names (a shared folder)."""
from __future__ import annotations

from services.casework import intake
from services.storage import attachments, settings
from tests.helpers.gui_records import make_lead
from tests.services.daily.conftest import complaint_input


def test_attachments_live_in_the_folder_the_setting_names(ws, tmp_path):
    shared = tmp_path / "share"
    shared.mkdir()
    settings.update(ws, {settings.ATTACHMENTS_FOLDER.key: str(shared)})
    c = intake.register_complaint(ws, complaint_input())
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    a = attachments.add_attachment(ws, ("complaint", c.id), scan)
    assert attachments.folder(ws) == shared
    assert (shared / a.sha256).is_file() and not (ws.attachments_dir / a.sha256).exists()
    assert b"%PDF" not in (shared / a.sha256).read_bytes()  # sealed: the share holds ciphertext
    assert attachments.open_attachment_path(ws, a.id).read_bytes() == b"%PDF-1.4 scan"
    lead = make_lead(ws)
    plan = attachments.add_attachment(ws, ("lead", lead.id), scan)  # a lead's file: under the case-file key
    assert b"%PDF" not in (shared / plan.sha256).read_bytes()
    assert attachments.open_attachment_path(ws, plan.id).read_bytes() == b"%PDF-1.4 scan"
    settings.update(ws, {settings.ATTACHMENTS_FOLDER.key: ""})
    assert attachments.folder(ws) == ws.attachments_dir
