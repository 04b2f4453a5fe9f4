"""首次设置 → 从备份恢复: bring an office's backup onto a new PC (a fresh data dir).

A fresh data dir belongs to no office yet, so the restore service takes another office's backup
there only when the operator says so (``allow_foreign``): the dialog names the office the backup
belongs to and shows the 迁入 checkbox, which must be ticked before 恢复 is enabled. The checkbox
appears only for a fresh data dir; a data dir that already names its office (e.g. its database was
lost but its local backups remain) restores its own backups without it, and never another's.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QVBoxLayout, QWidget

from services.errors import DomainError
from services.storage import backup, maintenance

from .context import AppContext
from .interaction import Interaction
from .pages.backup_tab import RestoreFailed, perform_restore
from .pages.certificates_tab import ask_passphrase, last_dir, remember_dir
from .widgets import ok_cancel_row, show_error


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreNewPc", text)


class ConfirmMoveDialog(QDialog):
    """Which office the backup holds, and (fresh data dir only) the explicit 迁入 checkbox."""

    def __init__(self, file: Path, org_label: str, fresh: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_tr("从备份恢复"))
        text = QLabel(_tr("备份文件：{name}\n备份所属单位：{org}\n\n恢复后，这台电脑将使用该单位的数据，"
                          "请用原来的用户名和密码登录。").format(name=file.name, org=org_label))
        text.setWordWrap(True)
        self.move_check = QCheckBox(_tr("我确认：这是本单位的数据，要把它迁入这台新电脑（本机尚未设置任何单位）"))
        self.move_check.setVisible(fresh)
        self.ok_button, row = ok_cancel_row(self, _tr("恢复"), self.accept, self.reject)
        self.ok_button.setEnabled(not fresh)
        self.move_check.toggled.connect(self.ok_button.setEnabled)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(self.move_check)
        lay.addLayout(row)
        self.setMinimumWidth(460)


def restore_into_new_pc(parent: QWidget, ctx: AppContext, file: Path | str | None = None) -> AppContext | None:
    """Pick a backup, confirm its office (and the move), restore; the new context, or None if nothing changed.

    On a failed restore the data dir is as it was and the error is shown; ``RestoreFailed`` is raised
    so the caller adopts the re-opened context.
    """
    title = _tr("从备份恢复")
    if file is None:
        chosen = Interaction.open_path(parent, _tr("选择备份文件"), last_dir(ctx, "backup"),
                                       _tr("备份文件 (*.jjbak *.sqlite3)"))
        if not chosen:
            return None
        file = chosen
    file = Path(file)
    remember_dir(ctx, "backup", file)
    passphrase = None
    try:
        if backup.is_encrypted(file):
            passphrase = ask_passphrase(parent, title, _tr("输入这份备份的口令："))
            if passphrase is None:
                return None
        org = maintenance.backup_organization(file, passphrase)
    except (DomainError, OSError) as exc:
        show_error(parent, exc if isinstance(exc, DomainError) else DomainError(str(exc)), title)
        return None
    label = org.label() if org else _tr("（备份中没有单位信息）")
    dialog = ConfirmMoveDialog(file, label, maintenance.data_dir_is_fresh(ctx.ws.data_dir), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        return perform_restore(ctx, file, passphrase, parent, allow_foreign=dialog.move_check.isChecked())
    except RestoreFailed as exc:
        show_error(parent, exc, _tr("恢复未完成，数据保持原样"))
        raise
