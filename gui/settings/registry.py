"""The settings tabs, declared once each (in the manner of Picard's options pages).

Each entry names the page attribute that holds the tab, the class, the title (translated in context
"SettingsPage"), the permission that shows it (None: everyone), the modes it belongs to and which of
its signals the page passes on. ``SettingsPage`` builds the tabs the user may see, in this order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from models.enums import OrgMode
from services.security.permissions import allowed

from ..pages.backup_tab import BackupTab
from ..pages.deadlines_tab import DeadlinesTab
from .certificates_county import CountyCertificatesTab
from .certificates_township import TownshipCertificatesTab
from .identity_grants_tab import IdentityGrantsTab
from .password_tab import PasswordTab
from .system_tab import SystemSettingsTab
from .users_tab import UsersTab

BOTH_MODES = (OrgMode.township.value, OrgMode.county.value)


@dataclass(frozen=True)
class SettingsTab:
    attr: str                                  # the SettingsPage attribute holding the tab
    factory: Callable[..., QWidget]            # called as factory(ctx)
    title: str                                 # Chinese source text, context "SettingsPage"
    permission: str | None = None              # shown to holders of it; None: everyone
    modes: tuple[str, ...] = BOTH_MODES
    signals: tuple[tuple[str, str], ...] = ()  # (tab signal, page signal) passed on

    def display_title(self) -> str:
        return QCoreApplication.translate("SettingsPage", self.title)

    def shown_to(self, roles, mode: str) -> bool:
        return mode in self.modes and (self.permission is None or allowed(roles, self.permission))


SETTINGS_TABS: tuple[SettingsTab, ...] = (
    SettingsTab("users_tab", UsersTab, QT_TRANSLATE_NOOP("SettingsPage", "用户管理"), "users.manage"),
    SettingsTab("identity_grants_tab", IdentityGrantsTab, QT_TRANSLATE_NOOP("SettingsPage", "身份信息授权"),
                "identity.grant"),
    SettingsTab("password_tab", PasswordTab, QT_TRANSLATE_NOOP("SettingsPage", "修改我的密码")),
    SettingsTab("system_tab", SystemSettingsTab, QT_TRANSLATE_NOOP("SettingsPage", "系统设置"),
                signals=(("saved", "settings_saved"),)),
    SettingsTab("deadlines_tab", DeadlinesTab, QT_TRANSLATE_NOOP("SettingsPage", "办理时限与节假日")),
    SettingsTab("certificates_tab", TownshipCertificatesTab, QT_TRANSLATE_NOOP("SettingsPage", "证书"), "keys.manage",
                (OrgMode.township.value,)),
    SettingsTab("certificates_tab", CountyCertificatesTab, QT_TRANSLATE_NOOP("SettingsPage", "证书"), "ca.manage",
                (OrgMode.county.value,)),
    SettingsTab("backup_tab", BackupTab, QT_TRANSLATE_NOOP("SettingsPage", "备份与恢复"), "backup.run",
                signals=(("sig_restore_done", "sig_restore_done"),)),
)


def tabs_for(roles, mode: str) -> list[SettingsTab]:
    """The tabs a user with ``roles`` sees in an office of ``mode``, in order."""
    return [t for t in SETTINGS_TABS if t.shown_to(roles, mode)]
