"""The signed-package flow through the shell interface, step by step, with cheap passphrases from the
environment and a fixed date (the October 2026 report, filed on 10 November 2026).

``world`` builds the happy path once per module (county root, township key and certificate, the
finalized report, the package on a stick); each test checks one step or one refusal on that state.
Tests that change the county's records work on a copy of its data dir.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import cli

TODAY = dt.date(2026, 11, 10)
PERIOD, PERIOD_CN = "2026-10", "2026年10月"
NAME = f"QS001_{PERIOD}_月报_r1"
PW = {"JIJIAN_PASSWORD": "secret-123"}
COUNTY_KEY = {**PW, "JIJIAN_KEY_PASSPHRASE": "county-pass-1"}
TOWN_KEY = {**PW, "JIJIAN_KEY_PASSPHRASE": "town-pass-1"}


def run(*args, **kw):
    return cli.run(*args, today=lambda: TODAY, **kw)


def _ok(r):
    assert r.returncode == 0, r.stdout + r.stderr
    return r


@dataclass(frozen=True)
class World:
    tmp: Path
    county: Path
    town: Path
    stick: Path
    root: Path
    csr: Path
    cert: Path
    ca_init: dict
    issued: dict
    installed: dict
    made: dict

    def nowhere(self) -> dict:
        """A default data dir that `verify` must never create."""
        return {"JIJIAN_DATA_DIR": str(self.tmp / "nowhere")}


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    tmp = tmp_path_factory.mktemp("package")
    county, town, stick = tmp / "county", tmp / "town", tmp / "stick"
    stick.mkdir()
    root, csr, cert = tmp / "root.pem", tmp / "req.csr", tmp / "cert.pem"
    _ok(run("--user", "wang", "init", "--org-name", "云岭县纪委", "--org-code", "YL000", "--county-name", "云岭县纪委",
            "--mode", "county", env=PW, data_dir=county))
    ca_init = json.loads(_ok(run("--user", "wang", "ca", "init", "--root-out", str(root), "--json", env=COUNTY_KEY,
                                 data_dir=county)).stdout)
    _ok(run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委",
            env=PW, data_dir=town))
    _ok(run("--user", "wang", "keys", "create", "--csr-out", str(csr), env=TOWN_KEY, data_dir=town))
    issued = json.loads(_ok(run("--user", "wang", "ca", "issue", str(csr), "--out", str(cert), "--json",
                                env=COUNTY_KEY, data_dir=county)).stdout)
    installed = json.loads(_ok(run("--user", "wang", "keys", "install", "--cert", str(cert), "--root", str(root),
                                   "--json", env=TOWN_KEY, data_dir=town)).stdout)
    _ok(run("--user", "wang", "finalize", PERIOD, env=PW, data_dir=town))
    made = json.loads(_ok(run("--user", "wang", "package", PERIOD, "--out", str(stick), "--zip", "--json",
                              env=TOWN_KEY, data_dir=town)).stdout)
    return World(tmp, county, town, stick, root, csr, cert, ca_init, issued, installed, made)


def test_ca_init_writes_the_root_once(world):
    assert world.root.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----") and world.ca_init["fingerprint"]
    r = run("--user", "wang", "ca", "init", "--root-out", str(world.root), env=COUNTY_KEY, data_dir=world.county)
    assert r.returncode == 1 and "不能重复创建" in r.stderr


def test_a_short_key_passphrase_is_refused_and_writes_no_request(world, tmp_path):
    csr = tmp_path / "req.csr"
    r = run("--user", "wang", "keys", "create", "--replace", "--csr-out", str(csr),
            env={**PW, "JIJIAN_KEY_PASSPHRASE": "short"}, data_dir=world.town)
    assert r.returncode == 2 and "口令至少" in r.stderr and not csr.exists()


def test_issue_with_a_wrong_county_passphrase_writes_no_certificate(world, tmp_path):
    cert = tmp_path / "cert.pem"
    r = run("--user", "wang", "ca", "issue", str(world.csr), "--out", str(cert), "--replace",
            env={**PW, "JIJIAN_KEY_PASSPHRASE": "bad-pass-1"}, data_dir=world.county)
    assert r.returncode == 1 and "口令错误" in r.stderr and not cert.exists()


def test_issue_names_the_township_and_refuses_a_second_valid_certificate(world, tmp_path):
    assert world.issued["township_code"] == "QS001" and world.issued["township_name"] == "青山镇纪委"
    r = run("--user", "wang", "ca", "issue", str(world.csr), "--out", str(tmp_path / "again.pem"), env=COUNTY_KEY,
            data_dir=world.county)
    assert r.returncode == 1 and "已有一份有效证书" in r.stderr


def test_installed_certificate_shows_in_key_status(world):
    assert world.installed["has_cert"] is True
    r = _ok(run("--user", "wang", "keys", "status", env=TOWN_KEY, data_dir=world.town))
    assert "QS001" in r.stdout and "剩余天数" in r.stdout


def test_package_of_a_report_not_finalized_is_refused(world, tmp_path):
    r = run("--user", "wang", "package", "2026-09", "--out", str(tmp_path), env=TOWN_KEY, data_dir=world.town)
    assert r.returncode == 1 and "2026年9月月报尚未定稿，不能生成报送包" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_package_with_a_wrong_key_passphrase_leaves_the_stick_empty(world, tmp_path):
    r = run("--user", "wang", "package", PERIOD, "--out", str(tmp_path),
            env={**PW, "JIJIAN_KEY_PASSPHRASE": "bad-pass-1"}, data_dir=world.town)
    assert r.returncode == 1 and "私钥口令错误" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_package_writes_the_folder_and_the_zip(world):
    assert world.made["file_name"] == NAME + ".zip"
    assert sorted(p.name for p in world.stick.iterdir()) == [NAME, NAME + ".zip"]


def test_verify_passes_both_forms_without_a_data_dir(world):
    r = _ok(run("verify", str(world.stick / NAME), "--root", str(world.root), env=world.nowhere()))
    lines = r.stdout.splitlines()
    assert r.stdout.count("✓ 通过") == 11  # without --crl the revocation is not checked, and says so
    assert "! 未核对  证书吊销状态：未提供吊销列表（CRL），未核对吊销状态" in lines
    assert lines[-1] == "结论：其余检查均通过，证书吊销状态未核对（见上面的说明）。"
    r = _ok(run("verify", str(world.stick / (NAME + ".zip")), "--root", str(world.root), "--json",
                env=world.nowhere()))
    report = json.loads(r.stdout)
    assert report["accepted"] is True
    assert {c["code"]: c["status"] for c in report["checks"] if c["status"] != "passed"} == {"not_revoked": "warning"}
    assert not (world.tmp / "nowhere").exists()


def _tampered(world, tmp_path) -> Path:
    tampered = tmp_path / "tampered" / NAME
    shutil.copytree(world.stick / NAME, tampered)
    pdf = bytearray((tampered / "data" / "report.pdf").read_bytes())
    pdf[len(pdf) // 2] ^= 0x01
    (tampered / "data" / "report.pdf").write_bytes(bytes(pdf))
    return tampered


def test_verify_rejects_a_tampered_report(world, tmp_path):
    tampered = _tampered(world, tmp_path)
    r = run("verify", str(tampered), "--root", str(world.root), env=world.nowhere())
    assert r.returncode == 1
    assert "✗ 未通过  BagIt 完整性校验" in r.stdout and "report.pdf" in r.stdout and "不能接收" in r.stdout
    r = run("verify", str(tampered), "--root", str(world.root), "--json", env=world.nowhere())
    failed = {c["code"] for c in json.loads(r.stdout)["checks"] if not c["passed"]}
    assert r.returncode == 1 and {"bag_valid", "pdf_signature"} <= failed


def test_verify_with_an_unreadable_root_is_bad_usage(world, tmp_path):
    r = run("verify", str(world.stick / NAME), "--root", str(tmp_path / "missing.pem"), env=world.nowhere())
    assert r.returncode == 2 and "无法读取根证书文件" in r.stderr


def _county_copy(world, tmp_path) -> Path:
    county = tmp_path / "county"
    shutil.copytree(world.county, county)
    return county


def test_county_imports_the_valid_package_refuses_the_tampered_one_and_sums_up(world, tmp_path):
    county, tampered = _county_copy(world, tmp_path), _tampered(world, tmp_path)
    _ok(run("--user", "wang", "county", "townships", "add", "LS004", "柳树乡纪委", env=PW, data_dir=county))
    r = run("--user", "wang", "county", "import", str(world.stick), str(tampered.parent), "--json", env=PW,
            data_dir=county)
    assert r.returncode == 0  # the valid package went in; the refused one is listed
    outcomes = json.loads(r.stdout)
    assert [(o["township_code"], o["status"]) for o in outcomes] == [("QS001", "imported"), ("QS001", "rejected")]
    assert any("BagIt" in reason for reason in outcomes[1]["reasons"])
    r = _ok(run("--user", "wang", "county", "report", PERIOD, "--json", "--pdf", str(tmp_path / "c.pdf"),
                "--xlsx", str(tmp_path / "c.xlsx"), env=PW, data_dir=county))
    doc = json.loads(r.stdout)
    assert [(t["code"], t["submitted"]) for t in doc["townships"]] == [("LS004", False), ("QS001", True)]
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF") and (tmp_path / "c.xlsx").stat().st_size > 0
    r = _ok(run("--user", "wang", "county", "townships", "list", env=PW, data_dir=county))
    assert "柳树乡纪委" in r.stdout and "证书有效" in r.stdout


def test_a_revoked_certificate_fails_verify_with_the_crl(world, tmp_path):
    county, crl = _county_copy(world, tmp_path), tmp_path / "crl.pem"
    _ok(run("--user", "wang", "ca", "revoke", "--township", "QS001", "--reason", "私钥丢失", "--crl-out", str(crl),
            env=COUNTY_KEY, data_dir=county))
    r = run("verify", str(world.stick / NAME), "--root", str(world.root), "--crl", str(crl), "--json",
            env=world.nowhere())
    report = json.loads(r.stdout)
    assert r.returncode == 1 and "not_revoked" in {c["code"] for c in report["checks"] if not c["passed"]}
    r = _ok(run("--user", "wang", "ca", "list", "--json", env=PW, data_dir=county))
    assert [c["status"] for c in json.loads(r.stdout)] == ["revoked"]
