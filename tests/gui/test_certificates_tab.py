"""设置 → 证书, driven like a user: a county creates its root and issues, a township requests and installs.

Only the passphrase prompts (QInputDialog) and the file dialogs are scripted (``dialogs``: what a user
would type or pick on the USB stick) and the message boxes go through ``prompts``; the keys, certificates
and files are real.
"""
from __future__ import annotations

from cryptography import x509
from PySide6.QtCore import Qt

from gui.pages.certificates_tab import CertificatesTab, short_fp
from services.submission import county_ca, keys, pki
from tests.helpers.gui_certificates import COUNTY_PASS, TOWN_PASS, certify_through_tabs


# ---------------------------------------------------------------- tests

def test_county_root_then_township_request_issue_install(qtbot, make_office, dialogs):
    county_ctx = make_office("云岭县纪委", "YL000", "county")
    town_ctx = make_office("青山镇纪委", "QS001")
    county_tab, town_tab = certify_through_tabs(qtbot, county_ctx, town_ctx, dialogs)
    stick = dialogs.save_dir

    # County: the root exists once, its file is a CA certificate, and the clerk is told what to do with it.
    root = (stick / "县纪委根证书.pem").read_bytes()
    assert pki.is_ca_root(pki.load_certificate(root))
    assert root == county_ca.root_cert_pem(county_ctx.ws)
    assert "已创建" in county_tab.root_state.text()
    assert county_tab.root_fp.text() == short_fp(pki.fingerprint(root))
    assert "发给各乡镇" in county_tab.root_notice.text()
    assert not county_tab.init_root_button.isEnabled()
    # The request travelled with the right words, and was issued for this office.
    assert "请将此文件用U盘交县纪委" in town_tab.step1_notice.text()
    assert "QS001-证书.pem" in county_tab.issue_notice.text() and "交回乡镇" in county_tab.issue_notice.text()
    # the root is named as the CLI's `ca init --root-out 县纪委根证书.pem` writes it, on both sides
    assert county_tab.issue_notice.text().endswith("\n请将此文件连同根证书（县纪委根证书.pem）交回乡镇安装。")
    assert county_tab.cert_table.rowCount() == 1
    row = [county_tab.cert_table.item(0, c).text() for c in range(6)]
    assert row[0] == "QS001" and row[1] == "青山镇纪委" and row[5] == "有效"
    # Passphrases were asked masked, twice where they are set.
    assert any("至少 8 个字符" in p for p in dialogs.prompts)

    # Township: installed; ③ shows subject, 有效期至, days left and the root fingerprint.
    f = town_tab.status_fields
    cert = x509.load_pem_x509_certificate((stick / "QS001-证书.pem").read_bytes())
    assert "QS001" in f["subject"].text() and "青山镇纪委" in f["subject"].text()
    assert f["valid_until"].text() == cert.not_valid_after_utc.astimezone().strftime("%Y-%m-%d")
    days = int(f["days_left"].text().split()[0])
    assert 700 <= days <= 730
    assert f["root_fingerprint"].text() == short_fp(pki.fingerprint(root))
    assert "可以生成报送包" in f["warning"].text()
    assert "已安装" in town_tab.step2_state.text()
    assert keys.key_status(town_ctx.ws)["has_cert"]


def test_mismatched_or_wrong_passphrases_change_nothing(qtbot, make_office, dialogs, prompts):
    county_ctx = make_office("云岭县纪委", "YL000", "county")
    town_ctx = make_office("青山镇纪委", "QS001")
    town_tab = CertificatesTab(town_ctx)
    qtbot.addWidget(town_tab)
    key_file = town_ctx.ws.data_dir / "keys" / "signing-key.pem"

    dialogs.texts += [TOWN_PASS, "town-pass-2"]
    qtbot.mouseClick(town_tab.create_button, Qt.MouseButton.LeftButton)
    assert prompts.texts("error") == ["两次输入的口令不一致，请重新操作。"]
    assert not key_file.exists() and not dialogs.saved

    dialogs.texts += ["short", "short"]
    qtbot.mouseClick(town_tab.create_button, Qt.MouseButton.LeftButton)
    assert prompts.texts("error")[1:] == ["口令至少需要 8 个字符"]
    assert not key_file.exists()
    assert not town_tab.install_button.isEnabled()  # step ② waits for step ①

    # Real key and certificate, then a wrong passphrase at installation: refused, nothing installed.
    dialogs.texts += [TOWN_PASS, TOWN_PASS]
    qtbot.mouseClick(town_tab.create_button, Qt.MouseButton.LeftButton)
    county_ca.init_root(county_ctx.ws, COUNTY_PASS)
    cert = dialogs.save_dir / "cert.pem"
    cert.write_bytes(county_ca.issue(county_ctx.ws, keys.request_pem(town_ctx.ws), COUNTY_PASS))
    root = dialogs.save_dir / "root.pem"
    root.write_bytes(county_ca.root_cert_pem(county_ctx.ws))
    dialogs.opens += [cert, root]
    dialogs.texts.append("wrong-pass-9")
    qtbot.mouseClick(town_tab.install_button, Qt.MouseButton.LeftButton)
    assert prompts.texts("error")[2:] == ["私钥口令错误，请重新输入"]
    assert [s.title for s in prompts.shown if s.kind == "error"][2:] == ["安装证书"]
    assert not (town_ctx.ws.data_dir / "keys" / "signing-cert.pem").exists()
    assert "尚未安装" in town_tab.status_fields["subject"].text()


def test_revoke_and_export_revocation_list(qtbot, make_office, dialogs):
    county_ctx = make_office("云岭县纪委", "YL000", "county")
    town_ctx = make_office("青山镇纪委", "QS001")
    county_tab, _ = certify_through_tabs(qtbot, county_ctx, town_ctx, dialogs)
    assert not county_tab.revoke_button.isEnabled()  # nothing selected yet
    county_tab.cert_table.selectRow(0)
    assert county_tab.revoke_button.isEnabled()
    dialogs.texts += ["私钥U盘遗失", COUNTY_PASS]
    qtbot.mouseClick(county_tab.revoke_button, Qt.MouseButton.LeftButton)
    row = [county_tab.cert_table.item(0, c).text() for c in range(7)]
    assert row[5] == "已吊销" and row[6] == "私钥U盘遗失"
    assert "已吊销青山镇纪委（QS001）" in county_tab.issue_notice.text()

    dialogs.texts.append(COUNTY_PASS)
    qtbot.mouseClick(county_tab.crl_button, Qt.MouseButton.LeftButton)
    crl = pki.load_crl((dialogs.save_dir / "CRL.pem").read_bytes())
    serial = int(county_tab.cert_table.item(0, 2).text(), 16)
    assert crl.get_revoked_certificate_by_serial_number(serial) is not None


def test_township_is_warned_when_fewer_than_30_days_are_left(qtbot, make_office, dialogs):
    county_ctx = make_office("云岭县纪委", "YL000", "county")
    town_ctx = make_office("青山镇纪委", "QS001")
    county_ca.init_root(county_ctx.ws, COUNTY_PASS)
    csr = keys.create_signing_key(town_ctx.ws, TOWN_PASS)
    cert = county_ca.issue(county_ctx.ws, csr, COUNTY_PASS, valid_days=20)
    keys.install_certificate(town_ctx.ws, cert, county_ca.root_cert_pem(county_ctx.ws), TOWN_PASS)
    tab = CertificatesTab(town_ctx)
    qtbot.addWidget(tab)
    f = tab.status_fields
    assert f["days_left"].text() in ("19 天", "20 天")
    assert "b91c1c" in f["days_left"].styleSheet()
    assert "过期" in f["warning"].text() and "申请新证书" in f["warning"].text()


def test_screens_render(qtbot, make_office, dialogs, tmp_path):
    county_ctx = make_office("云岭县纪委", "YL000", "county")
    town_ctx = make_office("青山镇纪委", "QS001")
    county_tab, town_tab = certify_through_tabs(qtbot, county_ctx, town_ctx, dialogs)
    for name, tab in (("cert_county", county_tab), ("cert_town", town_tab)):
        tab.resize(1280, 800)
        tab.show()
        qtbot.waitExposed(tab)
        assert not tab.grab().isNull()
        tab.grab().save(str(tmp_path / f"{name}.png"))


def test_reissuing_for_a_township_asks_before_replacing(qtbot, make_office, dialogs, prompts):
    county_ctx = make_office("云岭县纪委", "YL000", "county")
    town_ctx = make_office("青山镇纪委", "QS001")
    county_tab, _ = certify_through_tabs(qtbot, county_ctx, town_ctx, dialogs)
    csr = dialogs.save_dir / "QS001-证书申请.csr"
    dialogs.opens.append(csr)
    dialogs.texts.append(COUNTY_PASS)
    prompts.answer(False)
    qtbot.mouseClick(county_tab.issue_button, Qt.MouseButton.LeftButton)
    serial = county_tab.cert_table.item(0, 2).text()
    until = county_tab.cert_table.item(0, 4).text()
    asked = (f"青山镇纪委（QS001）已有一份有效证书（序列号 {serial}，有效期至 {until}）\n\n"
             "确定为其换发新证书吗？原证书在有效期内仍可使用，如需停用请吊销。")
    assert prompts.texts("confirm") == [asked]
    assert county_tab.cert_table.rowCount() == 1
    dialogs.opens.append(csr)
    dialogs.texts.append(COUNTY_PASS)
    prompts.answer(True)
    qtbot.mouseClick(county_tab.issue_button, Qt.MouseButton.LeftButton)
    assert prompts.texts("confirm") == [asked, asked]
    assert county_tab.cert_table.rowCount() == 2
    assert prompts.texts("error") == []
