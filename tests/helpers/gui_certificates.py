"""The whole certificate paper trail by clicks on the two 证书 tabs, for the 证书 and 报送 tests."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui.pages.certificates_tab import CertificatesTab

COUNTY_PASS = "county-pass-1"
TOWN_PASS = "town-pass-1"


def certify_through_tabs(qtbot, county_ctx, town_ctx, dialogs):
    """Root → 县纪委根证书.pem, key → .csr, issue → .pem, install; the county's and the township's tab."""
    stick = dialogs.save_dir
    county_tab = CertificatesTab(county_ctx)
    qtbot.addWidget(county_tab)
    dialogs.texts += [COUNTY_PASS, COUNTY_PASS]
    qtbot.mouseClick(county_tab.init_root_button, Qt.MouseButton.LeftButton)
    assert (stick / "县纪委根证书.pem").is_file()

    town_tab = CertificatesTab(town_ctx)
    qtbot.addWidget(town_tab)
    dialogs.texts += [TOWN_PASS, TOWN_PASS]
    qtbot.mouseClick(town_tab.create_button, Qt.MouseButton.LeftButton)
    csr = stick / "QS001-证书申请.csr"
    assert csr.is_file()

    dialogs.opens.append(csr)
    dialogs.texts.append(COUNTY_PASS)
    qtbot.mouseClick(county_tab.issue_button, Qt.MouseButton.LeftButton)
    cert = stick / "QS001-证书.pem"
    assert cert.is_file()

    dialogs.opens += [cert, stick / "县纪委根证书.pem"]
    dialogs.texts.append(TOWN_PASS)
    qtbot.mouseClick(town_tab.install_button, Qt.MouseButton.LeftButton)
    return county_tab, town_tab
