"""The whole signed-package flow through `python main.py`, with cheap passphrases from the environment."""
from __future__ import annotations

import datetime as dt
import json
import shutil

from tests.cli.test_cli_basics import run

PW = {"JIJIAN_PASSWORD": "secret-123"}
COUNTY_KEY = {**PW, "JIJIAN_KEY_PASSPHRASE": "county-pass-1"}
TOWN_KEY = {**PW, "JIJIAN_KEY_PASSPHRASE": "town-pass-1"}


def _last_month() -> tuple[str, str]:
    first = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}", f"{first.year}年{first.month}月"


def _ok(r):
    assert r.returncode == 0, r.stdout + r.stderr
    return r


def test_keys_certificates_package_verify_import(tmp_path):
    period, period_cn = _last_month()
    county, town, stick = tmp_path / "county", tmp_path / "town", tmp_path / "stick"
    stick.mkdir()
    root, csr, cert = tmp_path / "root.pem", tmp_path / "req.csr", tmp_path / "cert.pem"

    _ok(run("--user", "wang", "init", "--org-name", "云岭县纪委", "--org-code", "YL000", "--county-name", "云岭县纪委",
            "--mode", "county", env=PW, data_dir=county))
    r = _ok(run("--user", "wang", "ca", "init", "--root-out", str(root), "--json", env=COUNTY_KEY, data_dir=county))
    assert root.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----") and json.loads(r.stdout)["fingerprint"]
    r = run("--user", "wang", "ca", "init", "--root-out", str(root), env=COUNTY_KEY, data_dir=county)
    assert r.returncode == 1 and "不能重复创建" in r.stderr

    _ok(run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委",
            env=PW, data_dir=town))
    r = run("--user", "wang", "keys", "create", "--csr-out", str(csr), env={**PW, "JIJIAN_KEY_PASSPHRASE": "short"},
            data_dir=town)
    assert r.returncode == 2 and "口令至少" in r.stderr and not csr.exists()
    _ok(run("--user", "wang", "keys", "create", "--csr-out", str(csr), env=TOWN_KEY, data_dir=town))
    r = run("--user", "wang", "ca", "issue", str(csr), "--out", str(cert), env={**PW, "JIJIAN_KEY_PASSPHRASE": "bad-pass-1"},
            data_dir=county)
    assert r.returncode == 1 and "口令错误" in r.stderr and not cert.exists()
    r = _ok(run("--user", "wang", "ca", "issue", str(csr), "--out", str(cert), "--json", env=COUNTY_KEY, data_dir=county))
    issued = json.loads(r.stdout)
    assert issued["township_code"] == "QS001" and issued["township_name"] == "青山镇纪委"
    r = run("--user", "wang", "ca", "issue", str(csr), "--out", str(cert), env=COUNTY_KEY, data_dir=county)
    assert r.returncode == 1 and "已有一份有效证书" in r.stderr
    r = _ok(run("--user", "wang", "keys", "install", "--cert", str(cert), "--root", str(root), "--json",
                env=TOWN_KEY, data_dir=town))
    assert json.loads(r.stdout)["has_cert"] is True
    r = _ok(run("--user", "wang", "keys", "status", env=TOWN_KEY, data_dir=town))
    assert "QS001" in r.stdout and "剩余天数" in r.stdout

    # Not finalized yet; then a wrong passphrase: refused, the stick stays empty.
    r = run("--user", "wang", "package", period, "--out", str(stick), env=TOWN_KEY, data_dir=town)
    assert r.returncode == 1 and f"{period_cn}月报尚未定稿，不能生成报送包" in r.stderr
    _ok(run("--user", "wang", "finalize", period, env=PW, data_dir=town))
    r = run("--user", "wang", "package", period, "--out", str(stick), env={**PW, "JIJIAN_KEY_PASSPHRASE": "bad-pass-1"},
            data_dir=town)
    assert r.returncode == 1 and "私钥口令错误" in r.stderr
    assert list(stick.iterdir()) == []

    r = _ok(run("--user", "wang", "package", period, "--out", str(stick), "--zip", "--json", env=TOWN_KEY,
                data_dir=town))
    made = json.loads(r.stdout)
    name = f"QS001_{period}_月报_r1"
    assert made["file_name"] == name + ".zip"
    assert sorted(p.name for p in stick.iterdir()) == [name, name + ".zip"]

    # verify needs no data dir: point the default somewhere that must stay absent.
    nowhere = {"JIJIAN_DATA_DIR": str(tmp_path / "nowhere")}
    r = _ok(run("verify", str(stick / name), "--root", str(root), env=nowhere))
    assert r.stdout.count("✓ 通过") == 12 and "全部检查通过" in r.stdout
    r = _ok(run("verify", str(stick / (name + ".zip")), "--root", str(root), "--json", env=nowhere))
    assert json.loads(r.stdout)["accepted"] is True
    assert not (tmp_path / "nowhere").exists()

    tampered = tmp_path / "tampered" / name
    shutil.copytree(stick / name, tampered)
    pdf = bytearray((tampered / "data" / "report.pdf").read_bytes())
    pdf[len(pdf) // 2] ^= 0x01
    (tampered / "data" / "report.pdf").write_bytes(bytes(pdf))
    r = run("verify", str(tampered), "--root", str(root), env=nowhere)
    assert r.returncode == 1
    assert "✗ 未通过  BagIt 完整性校验" in r.stdout and "report.pdf" in r.stdout and "不能接收" in r.stdout
    r = run("verify", str(tampered), "--root", str(root), "--json", env=nowhere)
    failed = {c["code"] for c in json.loads(r.stdout)["checks"] if not c["passed"]}
    assert r.returncode == 1 and {"bag_valid", "pdf_signature"} <= failed
    r = run("verify", str(tampered), "--root", str(tmp_path / "missing.pem"), env=nowhere)
    assert r.returncode == 2 and "无法读取根证书文件" in r.stderr

    # County: the roster, import (the tampered copy is refused and not stored), 汇总.
    _ok(run("--user", "wang", "county", "townships", "add", "LS004", "柳树乡纪委", env=PW, data_dir=county))
    r = run("--user", "wang", "county", "import", str(stick), str(tampered.parent), "--json", env=PW, data_dir=county)
    assert r.returncode == 0  # the valid package went in; the refused one is listed
    outcomes = json.loads(r.stdout)
    assert [(o["township_code"], o["status"]) for o in outcomes] == [("QS001", "imported"), ("QS001", "rejected")]
    assert any("BagIt" in reason for reason in outcomes[1]["reasons"])
    r = _ok(run("--user", "wang", "county", "report", period, "--json", "--pdf", str(tmp_path / "c.pdf"),
                "--xlsx", str(tmp_path / "c.xlsx"), env=PW, data_dir=county))
    doc = json.loads(r.stdout)
    assert [(t["code"], t["submitted"]) for t in doc["townships"]] == [("LS004", False), ("QS001", True)]
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF") and (tmp_path / "c.xlsx").stat().st_size > 0
    r = _ok(run("--user", "wang", "county", "townships", "list", env=PW, data_dir=county))
    assert "柳树乡纪委" in r.stdout and "证书有效" in r.stdout

    # Revocation: the CRL makes `verify` fail on the revocation check.
    crl = tmp_path / "crl.pem"
    _ok(run("--user", "wang", "ca", "revoke", "--township", "QS001", "--reason", "私钥丢失", "--crl-out", str(crl),
            env=COUNTY_KEY, data_dir=county))
    r = run("verify", str(stick / name), "--root", str(root), "--crl", str(crl), "--json", env=nowhere)
    report = json.loads(r.stdout)
    assert r.returncode == 1 and "not_revoked" in {c["code"] for c in report["checks"] if not c["passed"]}
    r = _ok(run("--user", "wang", "ca", "list", "--json", env=PW, data_dir=county))
    assert [c["status"] for c in json.loads(r.stdout)] == ["revoked"]
