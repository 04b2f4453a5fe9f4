"""Building packages: the real files on disk, read back; failures leave nothing behind."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import zipfile
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from services.errors import AuthenticationError, DomainError, IntegrityFailure, StateError, ValidationError
from services.storage.files import FileWriteError
from services.submission.package import bag as bagmod, build_package, layout, verify_package
from tests.services.submission.package.conftest import ORG_CODE, ORG_NAME, PERIOD, issue_raw, utcnow

NAME = f"{ORG_CODE}_{PERIOD}_月报_r1"


def test_package_layout_and_contents(package, township, sample_xlsx):
    folder = package.folder
    assert folder.name == NAME and package.zip_path.name == NAME + ".zip"
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files == sorted(layout.EXPECTED_FILES)
    assert sorted(folder.parent.iterdir()) == sorted([folder, package.zip_path])  # no temp leftovers
    info = (folder / "bag-info.txt").read_text("utf-8")
    for line in (f"Source-Organization: {ORG_NAME}", f"External-Identifier: {ORG_CODE}",
                 f"Report-Period: {PERIOD}", "Report-Revision: 1", "Audit-Chain-Head: " + "9f" * 32,
                 "Payload-Oxum: ", "Bagging-Date: "):
        assert line in info
    assert "sha512" not in " ".join(os.listdir(folder))
    assert "signature.p7s" not in (folder / "tagmanifest-sha256.txt").read_text()
    report = json.loads((folder / "data/report.json").read_text("utf-8"))
    assert report["org_code"] == ORG_CODE and report["org_name"] == ORG_NAME
    assert report["period"] == PERIOD and report["revision"] == 1
    assert report["figures"]["complaints_received"]["ytd"] == 19
    assert (folder / "data/report.xlsx").read_bytes() == sample_xlsx
    sigs = PdfFileReader(BytesIO((folder / "data/report.pdf").read_bytes())).embedded_signatures
    assert len(sigs) == 1 and sigs[0].sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    tm_hash = hashlib.sha256((folder / "tagmanifest-sha256.txt").read_bytes()).hexdigest()
    assert package.tagmanifest_sha256 == tm_hash
    assert package.zip_sha256 == hashlib.sha256(package.zip_path.read_bytes()).hexdigest()
    assert package.sha256 == package.zip_sha256 and package.file_name == NAME + ".zip"
    with zipfile.ZipFile(package.zip_path) as zf:
        names = {n for n in zf.namelist() if not n.endswith("/")}
    assert names == {f"{NAME}/{rel}" for rel in layout.EXPECTED_FILES}


def test_untouched_package_passes_as_folder_and_zip(package, township):
    for target in (package.folder, package.zip_path):
        report = verify_package(target, root_pem=township.root.cert_pem, expected_org_code=ORG_CODE)
        assert report.accepted, report.to_json()
        assert [c.code for c in report.checks] == [
            "structure", "bag_valid", "cms_signature", "pdf_signature", "same_signer", "cert_chain",
            "not_revoked", "signing_time", "organization", "period_revision", "report_schema", "pdf_binding"]
        data = json.loads(report.to_json())
        assert data["accepted"] is True and data["org_code"] == ORG_CODE and data["revision"] == 1


def test_visible_stamp_is_drawn_in_the_box_with_an_embedded_cjk_font(package, tmp_path):
    pdf = package.folder / "data/report.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts or "wqy" in fonts.lower()
    assert " yes " in fonts  # embedded
    subprocess.run(["pdftoppm", "-r", "60", "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / "p")],
                   check=True)
    png = next(tmp_path.glob("p*.png"))
    from PIL import Image  # pillow comes with reportlab
    img = Image.open(png).convert("RGB")
    scale = 60 / 72
    w, h = img.size
    box = (int(360 * scale), int(h - 140 * scale), int(540 * scale), int(h - 60 * scale))
    assert _red_pixels(img.crop(box)) > 200  # frame and characters in seal red
    assert _red_pixels(img.crop((0, 0, w, int(h / 2)))) == 0


def _red_pixels(img) -> int:
    raw = img.tobytes()
    return sum(1 for i in range(0, len(raw), 3) if raw[i] > 150 and raw[i + 1] < 110 and raw[i + 2] < 110)


def test_without_box_there_is_an_invisible_signature_only(tmp_path, build_args, township):
    res = build_package(tmp_path, **build_args(signature_box=None, stamp_font_path=None))
    pdf = (res.folder / "data/report.pdf").read_bytes()
    sig = PdfFileReader(BytesIO(pdf)).embedded_signatures[0]
    rect = [float(v) for v in sig.sig_field["/Rect"]]
    assert rect == [0, 0, 0, 0]
    assert res.zip_path is None and res.sha256 == res.tagmanifest_sha256
    assert verify_package(res.folder, root_pem=township.root.cert_pem).accepted


def _assert_empty(path):
    assert list(path.iterdir()) == []


def test_wrong_passphrase_writes_nothing(tmp_path, build_args):
    with pytest.raises(AuthenticationError, match="口令错误"):
        build_package(tmp_path, make_zip=True, **build_args(passphrase=b"wrong-pass-9"))
    _assert_empty(tmp_path)


def test_unwritable_out_dir_writes_nothing(tmp_path, build_args):
    out = tmp_path / "ro"
    out.mkdir()
    # root ignores mode bits; the immutable attribute stops root too (ext4/xfs/btrfs)
    as_root = os.geteuid() == 0
    locked = subprocess.run(["chattr", "+i", str(out)] if as_root else ["chmod", "555", str(out)],
                            capture_output=True).returncode == 0
    if not locked:  # a filesystem without chattr: /proc refuses new entries, even to root
        out = Path("/proc/self")
    try:
        with pytest.raises(FileWriteError, match="无法写入输出文件夹"):
            build_package(out, make_zip=True, **build_args())
    finally:
        if locked:
            subprocess.run(["chattr", "-i", str(out)] if as_root else ["chmod", "755", str(out)], check=True)
    assert not [p for p in os.listdir(out) if p.startswith((".jijian", ORG_CODE))]


def test_expired_certificate_writes_nothing(tmp_path, build_args, township):
    now = utcnow()
    expired = issue_raw(township.root, township.key_pem, not_before=now - timedelta(days=60),
                        not_after=now - timedelta(days=1), serial=0x3003)
    with pytest.raises(ValidationError, match="过期"):
        build_package(tmp_path, make_zip=True, **build_args(cert_pem=expired))
    _assert_empty(tmp_path)
    # the session cert, used after its end date
    with pytest.raises(ValidationError, match="过期"):
        build_package(tmp_path, now=now + timedelta(days=800), **build_args())
    _assert_empty(tmp_path)


def test_cert_of_another_org_or_mismatched_report_is_refused(tmp_path, build_args):
    with pytest.raises(ValidationError, match="不一致"):
        build_package(tmp_path, **build_args(org_code="XX-9"))
    with pytest.raises(ValidationError, match="不一致"):
        build_package(tmp_path, **build_args(report_json={"period": "2025-04"}))
    _assert_empty(tmp_path)


def test_bad_input_is_refused_in_chinese(tmp_path, build_args):
    cases = [
        (dict(period="2025-13"), "报告期"),
        (dict(revision=-1), "修订号"),
        (dict(pdf_bytes=b"not a pdf"), "PDF"),
        (dict(signature_box=(7, (360, 60, 540, 140))), "页码"),
        (dict(chain_pems=[]), "根证书"),
    ]
    for overrides, words in cases:
        with pytest.raises(DomainError, match=words):
            build_package(tmp_path, make_zip=True, **build_args(**overrides))
    _assert_empty(tmp_path)


def test_existing_package_is_never_overwritten(package, build_args):
    before = package.zip_path.read_bytes()
    with pytest.raises(StateError, match="已存在"):
        build_package(package.folder.parent, make_zip=True, **build_args())
    assert package.zip_path.read_bytes() == before
    assert sorted(p.name for p in package.folder.parent.iterdir()) == [NAME, NAME + ".zip"]
    # the next revision is fine
    res = build_package(package.folder.parent, **build_args(revision=2))
    assert res.folder.name.endswith("_r2")


def test_failure_while_writing_the_zip_removes_the_folder_too(tmp_path, build_args, monkeypatch):
    def disk_full(folder, zip_path, when):
        zip_path.write_bytes(b"PK partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bagmod, "write_zip", disk_full)  # a full USB stick cannot be staged here
    with pytest.raises(IntegrityFailure, match="写入文件包失败"):
        build_package(tmp_path, make_zip=True, **build_args())
    _assert_empty(tmp_path)
