"""Where attachment files live: the 附件文件夹 setting, else the data dir's ``attachments/``."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from services.storage import settings
from services.storage.workspace import Workspace


def folder(ws: Workspace, session: Session | None = None) -> Path:
    """Where attachment files live: the 附件文件夹 setting (a folder every desk of a server database
    shares), else the data dir's ``attachments/``."""
    if session is None:
        with ws.reading() as s:
            value = settings.get(s, settings.ATTACHMENTS_FOLDER)
    else:
        value = settings.get(session, settings.ATTACHMENTS_FOLDER)
    value = str(value or "").strip()
    return Path(value).expanduser() if value else ws.attachments_dir


def stored_path(ws: Workspace, sha256: str, session: Session | None = None) -> Path:
    return folder(ws, session) / sha256
