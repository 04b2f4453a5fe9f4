"""Where a file dialog starts: the folder last used for the same purpose, else Documents, else home.

Never the program's folder (a relative or empty start would open there, the working directory of
the installed program). Each purpose (备份, 报送包, 证书, 导入 …) remembers its own folder in the
data dir's QSettings, so choosing a USB stick for a backup does not move the 导入 dialog there.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

KEY_PREFIX = "files/last_dir/"


def _program_folders() -> set[Path]:
    folders = {Path(sys.executable).resolve().parent, Path(__file__).resolve().parent.parent}
    if sys.argv and sys.argv[0]:
        folders.add(Path(sys.argv[0]).resolve().parent)
    return folders


def _usable(folder: str | Path | None) -> Path | None:
    if not folder:
        return None
    path = Path(folder).expanduser()
    if not path.is_absolute() or not path.is_dir():
        return None
    if path.resolve() in _program_folders():
        return None
    return path


def default_folder() -> Path:
    """Documents when it exists, else the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return _usable(documents) or Path.home()


def start_folder(settings: QSettings, purpose: str) -> Path:
    """The folder last used for ``purpose`` when it still exists, else :func:`default_folder`."""
    return _usable(settings.value(KEY_PREFIX + purpose, "")) or default_folder()


def remember_folder(settings: QSettings, purpose: str, path: str | Path) -> None:
    """Keep the folder of ``path`` (or ``path`` itself, a folder) as the start for ``purpose``."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    settings.setValue(KEY_PREFIX + purpose, str(folder))


def anchored(start: str | Path | None) -> str:
    """A dialog's start made absolute: empty → the default folder, a bare file name → inside it."""
    if not start:
        return str(default_folder())
    path = Path(start)
    if path.is_absolute():
        return str(path)
    return str(default_folder() / path)
