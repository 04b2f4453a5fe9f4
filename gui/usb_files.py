"""Files and passphrases that travel by USB stick: the passphrase prompt, the last folder used, choosing,
reading and atomically saving a file with its errors shown. Used by 证书, 报送, 备份 and the new-PC restore.

Each purpose ("backup", "submission", "certificates" …) starts in its own last folder (gui.file_places)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from services.errors import DomainError, StateError
from services.storage.files import atomic_write_bytes

from .context import AppContext
from .file_places import remember_folder, start_folder
from .interaction import Interaction
from .widgets import show_error

def _tr(text: str) -> str:
    return QCoreApplication.translate("CertificatesTab", text)


def ask_passphrase(parent: QWidget | None, title: str, label: str, *, twice: bool = False) -> str | None:
    """Ask for a passphrase (masked); ``twice`` asks again to confirm. None when cancelled or mismatched."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    if not ok:
        return None
    if twice:
        again, ok = QInputDialog.getText(parent, title, _tr("请再次输入口令："), QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if again != text:
            show_error(parent, StateError(_tr("两次输入的口令不一致，请重新操作。")), title)
            return None
    return text


def last_dir(ctx: AppContext, purpose: str) -> str:
    """Where a dialog for ``purpose`` starts: its last folder, else Documents, else home."""
    return str(start_folder(ctx.settings, purpose))


def remember_dir(ctx: AppContext, purpose: str, path: Path | str) -> None:
    remember_folder(ctx.settings, purpose, path)


def choose_open_file(parent: QWidget, ctx: AppContext, caption: str, file_filter: str, *,
                     purpose: str = "certificates") -> Path | None:
    path = Interaction.open_path(parent, caption, last_dir(ctx, purpose), file_filter)
    if not path:
        return None
    remember_dir(ctx, purpose, path)
    return Path(path)


def save_file(parent: QWidget, ctx: AppContext, caption: str, default_name: str, file_filter: str,
              data: bytes, *, purpose: str = "certificates") -> Path | None:
    """Ask where, then write ``data`` atomically; errors (stick full, read-only) are shown. The path or None."""
    suffix = Path(default_name).suffix
    path = Interaction.save_path(parent, caption, str(Path(last_dir(ctx, purpose)) / default_name), file_filter)
    if not path:
        return None
    target = Path(path)
    if suffix and target.suffix.lower() != suffix.lower():
        target = target.with_name(target.name + suffix)
    if not write_file(parent, target, data):
        return None
    remember_dir(ctx, purpose, target)
    return target


def write_file(parent: QWidget | None, target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` atomically; False (the error shown: stick full, read-only) when it failed."""
    try:
        atomic_write_bytes(target, data)
    except DomainError as exc:  # a few KB already in memory (a PEM, a rendered PDF): written here, said here
        show_error(parent, exc, _tr("文件未保存"))
        return False
    return True


def read_file(parent: QWidget, path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        show_error(parent, StateError(_tr("无法读取文件 {p}：{e}").format(p=path, e=exc.strerror or exc)))
        return None
