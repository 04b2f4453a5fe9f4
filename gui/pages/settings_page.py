"""设置: the tabs declared in gui.settings.registry (用户管理, 修改我的密码, 系统设置, 办理时限与节假日, 证书,
备份与恢复), each shown by its permission and the office's mode."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from models.enums import OrgMode

from ..context import org_summary
from ..settings.registry import SETTINGS_TABS, tabs_for
from .base import Page


class SettingsPage(Page):
    """The 设置 page; ``settings_saved`` tells the main window to re-read the idle time."""

    settings_saved = Signal()
    sig_restore_done = Signal(object)
    """A backup was restored: the old context is closed; carries the new AppContext."""

    def __init__(self, ctx, spec=None, parent: QWidget | None = None):
        super().__init__(ctx, spec, parent)
        roles = ctx.workspace.current_user.roles
        title = QLabel(self.tr("设置"))
        title.setObjectName("PageTitle")
        self.tabs = QTabWidget()
        # blocking: which tabs the page holds depends on the mode, read before the page can be built
        org = ctx.call_db(self, lambda: org_summary(ctx.workspace))
        mode = org.mode if org is not None else OrgMode.township.value
        for entry in SETTINGS_TABS:
            setattr(self, entry.attr, None)
        for entry in tabs_for(roles, mode):
            tab = entry.factory(ctx)
            setattr(self, entry.attr, tab)
            for tab_signal, page_signal in entry.signals:
                getattr(tab, tab_signal).connect(getattr(self, page_signal))
            self.tabs.addTab(tab, entry.display_title())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.setSpacing(14)
        lay.addWidget(title)
        lay.addWidget(self.tabs, 1)

    def can_leave(self) -> bool:
        """Unsaved deadline limits are saved, discarded or kept (the user is asked)."""
        return self.deadlines_tab.can_leave()

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]
