"""`keys install-crl`: once the township holds the county's revocation list, `package` refuses a revoked certificate."""
from __future__ import annotations

from cli.app import run_cli
from services.reporting import monthly_report
from services.submission import county_ca, pki
from services.submission.cert_trust import revoked_message
from tests.conftest import ADMIN_PASSWORD
from tests.services.submission.conftest import COUNTY_PASS, PERIOD, TOWN_PASS, certify, make_county


def test_installed_crl_stops_packaging_with_a_revoked_certificate(ws, tmp_path, monkeypatch, capsys):
    monthly_report.finalize(ws, PERIOD)
    county = make_county(tmp_path / "county")
    try:
        cert = pki.load_certificate(certify(ws, county))
        crl_pem = county_ca.revoke(county, township_code="QS001", reason="私钥丢失", passphrase=COUNTY_PASS)["crl_pem"]
    finally:
        county.close()
    crl_file = tmp_path / "crl.pem"
    crl_file.write_bytes(crl_pem)
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setenv("JIJIAN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("JIJIAN_KEY_PASSPHRASE", TOWN_PASS)
    base = ["--data-dir", str(ws.data_dir), "--user", "wang"]
    capsys.readouterr()

    assert run_cli(base + ["keys", "install-crl", str(crl_file)]) == 0
    crl = pki.load_crl(crl_pem)
    assert capsys.readouterr().out == (f"已安装县纪委吊销列表（共吊销 1 份证书，更新于 "
                                       f"{crl.last_update_utc.isoformat()[:16].replace('T', ' ')} UTC）\n")

    assert run_cli(base + ["package", PERIOD, "--out", str(stick)]) == 1
    when = crl.get_revoked_certificate_by_serial_number(cert.serial_number).revocation_date_utc
    assert capsys.readouterr().err == f"错误：不能生成报送包：{revoked_message(cert, when)}\n"
    assert list(stick.iterdir()) == []
