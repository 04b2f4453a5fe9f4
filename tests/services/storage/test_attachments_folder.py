"""The 附件文件夹 setting: attachment files go to and are read from the folder it names (a shared folder)."""
from __future__ import annotations

from services.casework import intake
from services.storage import attachments, settings
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
    assert attachments.open_attachment_path(ws, a.id) == shared / a.sha256
    assert (shared / a.sha256).read_bytes() == b"%PDF-1.4 scan" and not (ws.attachments_dir / a.sha256).exists()
    settings.update(ws, {settings.ATTACHMENTS_FOLDER.key: ""})
    assert attachments.folder(ws) == ws.attachments_dir
