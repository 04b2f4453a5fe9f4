"""The settings tabs are declared once (gui.settings.registry): who sees which tab, in which mode."""
from __future__ import annotations

from gui.pages.settings_page import SettingsPage
from gui.settings.certificates_county import CountyCertificatesTab
from gui.settings.certificates_township import TownshipCertificatesTab
from gui.settings.registry import SETTINGS_TABS, tabs_for

EVERYONE = ["password_tab", "system_tab", "deadlines_tab"]


def _attrs(roles, mode):
    return [t.attr for t in tabs_for(frozenset(roles), mode)]


def test_each_role_sees_the_tabs_its_permissions_allow():
    assert _attrs({"admin", "secretary"}, "township") == ["users_tab", "identity_grants_tab", *EVERYONE,
                                                          "certificates_tab", "backup_tab"]
    assert _attrs({"admin"}, "county") == ["users_tab", *EVERYONE, "certificates_tab", "backup_tab"]
    assert _attrs({"secretary"}, "township") == ["identity_grants_tab", *EVERYONE, "certificates_tab", "backup_tab"]
    assert _attrs({"clerk"}, "township") == EVERYONE
    assert _attrs({"officer"}, "county") == EVERYONE


def test_the_certificates_tab_is_the_modes_own_class():
    roles = frozenset({"secretary"})
    town = next(t for t in tabs_for(roles, "township") if t.attr == "certificates_tab")
    county = next(t for t in tabs_for(roles, "county") if t.attr == "certificates_tab")
    assert (town.factory, town.permission) == (TownshipCertificatesTab, "keys.manage")
    assert (county.factory, county.permission) == (CountyCertificatesTab, "ca.manage")
    # each (attribute, mode) is declared once
    pairs = [(t.attr, mode) for t in SETTINGS_TABS for mode in t.modes]
    assert len(pairs) == len(set(pairs))


def test_the_page_builds_the_township_certificates_tab(admin_ctx, qtbot):
    page = SettingsPage(admin_ctx)
    qtbot.addWidget(page)
    assert type(page.certificates_tab) is TownshipCertificatesTab
    assert page.tabs.tabText(page.tabs.indexOf(page.certificates_tab)) == "证书"
    assert page.users_tab is not None and page.backup_tab is not None
