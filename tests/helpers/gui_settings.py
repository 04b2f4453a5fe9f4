"""The 设置 page opened at one of its tabs, for the tests of that tab."""
from __future__ import annotations

from gui.pages.registry import PAGE_SPECS
from gui.pages.settings_page import SettingsPage

SETTINGS = next(s for s in PAGE_SPECS if s.key == "settings")


def deadlines_page(ctx, qtbot) -> SettingsPage:
    """设置 at 1280×800, shown, on its 办理时限与节假日 tab."""
    page = SettingsPage(ctx, SETTINGS)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.tabs.setCurrentWidget(page.deadlines_tab)
    return page
