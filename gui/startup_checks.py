"""Before the workspace is opened: check the database file; if it is damaged, offer the newest good backup.

``gui/app.py`` calls ``check_before_open(None, data_dir)`` before ``create_app_context``; False means
"do not open" (the user chose 退出, or no restore was possible).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from services.errors import DomainError
from services.storage import maintenance
from services.storage.workspace import open_workspace

from .interaction import Interaction
from .widgets import show_error, show_info


def _tr(text: str) -> str:
    return QCoreApplication.translate("startup_checks", text)


def check_before_open(parent: QWidget | None, data_dir: Path | str) -> bool:
    """True when the data dir may be opened (sound, or restored from a backup just now)."""
    data_dir = Path(data_dir)
    report = maintenance.startup_check(data_dir)
    if report.ok:
        return True
    good = report.newest_good_backup
    text = report.message
    if good is not None:
        text += "\n\n" + _tr("恢复后，损坏的数据库文件会另存保留（不删除），备份之后录入的内容需要重新录入。")
    buttons = ([_tr("从最近的完好备份恢复")] if good else []) + [_tr("退出")]
    if Interaction.choose(parent, text, buttons, title=_tr("数据库检查未通过")) != 0 or good is None:
        return False
    try:
        result = maintenance.restore_backup(data_dir, good, None)
    except DomainError as exc:  # restore before start-up, no context yet: modal by nature
        show_error(parent, exc, _tr("恢复未完成"))
        return False
    try:  # record it in the restored database's audit log (nobody is signed in yet)
        ws = open_workspace(data_dir)
        try:
            maintenance.note_restore(ws, result, good)
        finally:
            ws.close()
    except DomainError as exc:  # the restore itself succeeded: say that the audit note did not
        show_error(parent, exc, _tr("恢复已完成，但未能记入审计日志"))
    aside = result.moved_aside.name if result.moved_aside else ""
    show_info(parent, _tr("已从备份“{name}”恢复数据。损坏的数据库已另存为“{aside}”。\n请登录后核对最近录入的内容。")
              .format(name=good.name, aside=aside), _tr("已恢复"))
    return True
