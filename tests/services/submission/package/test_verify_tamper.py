"""Every test writes a real package, mutates it on disk, and asserts exactly which named
checks fail (and that the reasons are Chinese and to the point)."""
from __future__ import annotations

import json
import os
import shutil
import struct
import warnings
import zipfile
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from services.errors import ValidationError
from services.submission import pki
from services.submission.package import Limits, bag as bagmod, sign_pdf, verify_package
from tests.services.submission.package.conftest import (
    AUDIT_HEAD, COUNTY_PASS, ORG_CODE, ORG_NAME, PERIOD, TOWN_PASS, issue_raw, report_json, resign, utcnow,
)

NAME = f"{ORG_CODE}_{PERIOD}_月报_r1"
NOT_CHECKED = "未检查"


def failed(report) -> set[str]:
    return report.failed_codes


def verify(path, town, **kw):
    return verify_package(path, root_pem=town.root.cert_pem, **kw)


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    old = data[offset]
    # stay in the same character class so text files keep parsing
    if chr(old).isdigit():
        data[offset] = ord("0") + (old - ord("0") + 1) % 10
    elif chr(old).isalpha():
        data[offset] = old ^ 0x01 if chr(old ^ 0x01).isalpha() else ord("x")
    else:
        data[offset] = old ^ 0x01
    path.write_bytes(bytes(data))


def test_untouched_package_passes(package, township):
    assert verify(package.folder, township).accepted
    assert verify(package.zip_path, township).accepted


# ---- one byte changed ---------------------------------------------------------------------

def test_byte_changed_in_signed_pdf(package, township):
    pdf = package.folder / "data/report.pdf"
    data = pdf.read_bytes()
    flip(pdf, data.index(b"ReportLab Generated PDF document") + 2)  # a comment inside the signed range
    report = verify(package.folder, township)
    assert failed(report) == {"bag_valid", "pdf_signature"}
    assert "data/report.pdf" in report.check("bag_valid").reason_zh
    assert "签章后被改动" in report.check("pdf_signature").reason_zh


def test_byte_changed_in_xlsx(package, township):
    xlsx = package.folder / "data/report.xlsx"
    flip(xlsx, len(xlsx.read_bytes()) // 2)
    report = verify(package.folder, township)
    assert failed(report) == {"bag_valid"}
    assert "data/report.xlsx" in report.check("bag_valid").reason_zh


def test_figure_changed_in_report_json(package, township):
    path = package.folder / "data/report.json"
    text = path.read_text("utf-8")
    path.write_text(text.replace('"ytd": 19', '"ytd": 18'), "utf-8")
    report = verify(package.folder, township)
    # the 同比 no longer fits the counts, and the figures are not those the PDF was signed with
    assert failed(report) == {"bag_valid", "report_schema", "pdf_binding"}
    assert "data/report.json" in report.check("bag_valid").reason_zh


@pytest.mark.parametrize("name, needle, expected", [
    ("bagit.txt", b"0.97", {"bag_valid"}),
    ("bag-info.txt", b"jijian-desk", {"bag_valid"}),
    ("manifest-sha256.txt", b" data/report.xlsx", {"bag_valid"}),
    ("tagmanifest-sha256.txt", b" bag-info.txt", {"bag_valid", "cms_signature"}),
])
def test_byte_changed_in_tag_file(package, township, name, needle, expected):
    path = package.folder / name
    data = path.read_bytes()
    at = data.index(needle)
    flip(path, at - 1 if needle.startswith(b" ") else at + 1)
    report = verify(package.folder, township)
    assert failed(report) == expected, report.to_json()


def test_byte_changed_in_signature(package, township):
    path = package.folder / "signature.p7s"
    flip(path, len(path.read_bytes()) - 1)  # inside the ECDSA signature value
    report = verify(package.folder, township)
    assert failed(report) == {"cms_signature"}
    assert "tagmanifest" in report.check("cms_signature").reason_zh


# ---- files added, removed, renamed --------------------------------------------------------

def test_payload_file_added(package, township):
    (package.folder / "data/notes.txt").write_text("补充说明", "utf-8")
    report = verify(package.folder, township)
    assert failed(report) == {"structure", "bag_valid"}
    assert "data/notes.txt" in report.check("structure").reason_zh


def test_tag_file_added(package, township):
    (package.folder / "readme.txt").write_text("x", "utf-8")
    report = verify(package.folder, township)
    assert failed(report) == {"structure"}  # bagit allows extra tag files; we do not


def test_payload_file_removed(package, township):
    (package.folder / "data/report.xlsx").unlink()
    report = verify(package.folder, township)
    assert failed(report) == {"structure", "bag_valid"}
    assert "data/report.xlsx" in report.check("structure").reason_zh


def test_signature_removed(package, township):
    (package.folder / "signature.p7s").unlink()
    report = verify(package.folder, township)
    assert failed(report) == {"structure", "cms_signature", "same_signer", "signing_time"}
    assert "signature.p7s" in report.check("cms_signature").reason_zh


def test_folder_renamed_to_another_revision(package, township):
    renamed = package.folder.with_name(f"{ORG_CODE}_{PERIOD}_月报_r2")
    package.folder.rename(renamed)
    report = verify(renamed, township)
    assert failed(report) == {"period_revision"}
    assert "修订号" in report.check("period_revision").reason_zh


# ---- the PDF changed after signing, manifests fixed and re-signed ---------------------------

def test_incremental_update_after_signing(package, township):
    pdf = package.folder / "data/report.pdf"
    w = IncrementalPdfFileWriter(BytesIO(pdf.read_bytes()))
    page_ref = w.find_page_for_modification(0)[0]
    annot = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
        generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
        generic.pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(v) for v in (50, 50, 80, 80)]),
        generic.pdf_name("/Contents"): generic.TextStringObject("数字已更正"),
    })
    page = page_ref.get_object()
    page["/Annots"] = generic.ArrayObject([w.add_object(annot)])
    w.update_container(page)
    out = BytesIO()
    w.write(out)
    pdf.write_bytes(out.getvalue())
    resign(package.folder, township)
    report = verify(package.folder, township)
    assert failed(report) == {"pdf_signature"}
    assert "增量更新" in report.check("pdf_signature").reason_zh


def test_report_org_differs_from_certificate(package, township):
    path = package.folder / "data/report.json"
    data = json.loads(path.read_text("utf-8"))
    data["org_code"] = "QS-0102"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    resign(package.folder, township)
    report = verify(package.folder, township)
    assert failed(report) == {"organization", "pdf_binding"}
    assert "QS-0102" in report.check("organization").reason_zh
    assert report.check("pdf_binding").reason_zh == "报表 PDF 签章时记录的单位代码为“QS-0101”，report.json 为“QS-0102”"


def test_expected_org_code(package, township):
    report = verify(package.folder, township, expected_org_code="QS-0999")
    assert failed(report) == {"organization"}
    assert "不是预期的单位" in report.check("organization").reason_zh


# ---- certificates ---------------------------------------------------------------------------

def test_signed_by_a_certificate_from_another_root(tmp_path, build_args, other_root_township, township):
    from services.submission.package import build_package

    res = build_package(tmp_path, **build_args(
        key_pem=other_root_township.key_pem, cert_pem=other_root_township.cert_pem,
        chain_pems=[other_root_township.root.cert_pem]))
    assert verify(res.folder, other_root_township).accepted  # fine for its own root
    report = verify(res.folder, township)
    assert failed(report) == {"cms_signature", "pdf_signature", "cert_chain"}
    assert "根证书" in report.check("cms_signature").reason_zh
    assert "不是由" in report.check("cert_chain").reason_zh


def _stage(tmp_path, town, cert_pem, sample_pdf, sample_xlsx, stamp_font, now) -> Path:
    """A package assembled from the building blocks, bypassing build_package's own checks."""
    folder = tmp_path / NAME
    folder.mkdir()
    signer = sign_pdf.load_signer(town.key_pem, TOWN_PASS, cert_pem, [town.root.cert_pem])
    report = {**report_json(), "org_code": ORG_CODE, "org_name": ORG_NAME, "period": PERIOD, "revision": 1}
    signed = sign_pdf.sign_report_pdf(sample_pdf, signer, org_name=ORG_NAME, signing_time=now,
                                      stamp_font_path=stamp_font, signature_box=(0, (360, 60, 540, 140)),
                                      report=report)
    bagmod.stage_bag(folder, signer=signer, org_code=ORG_CODE, org_name=ORG_NAME, period=PERIOD,
                     revision=1, report_bytes=json.dumps(report).encode(),
                     signed_pdf=signed, xlsx_bytes=sample_xlsx, audit_head=AUDIT_HEAD, signing_time=now)
    return folder


def test_signed_after_the_certificate_expired(tmp_path, township, sample_pdf, sample_xlsx, stamp_font):
    now = utcnow()
    expired = issue_raw(township.root, township.key_pem, not_before=now - timedelta(days=60),
                        not_after=now - timedelta(days=1), serial=0x4004)
    folder = _stage(tmp_path, township, expired, sample_pdf, sample_xlsx, stamp_font, now)
    report = verify(folder, township, now=now)
    assert failed(report) == {"cms_signature", "pdf_signature", "cert_chain", "signing_time"}
    assert "过期" in report.check("cms_signature").reason_zh
    assert "不在证书有效期" in report.check("signing_time").reason_zh


def test_valid_package_checked_after_the_certificate_expired(package, township):
    later = utcnow() + timedelta(days=800)
    report = verify(package.folder, township, now=later)
    # signed in time, but without a trusted timestamp a B-B signature is only good while the cert is
    assert failed(report) == {"cms_signature", "pdf_signature", "cert_chain"}


def test_certificate_without_non_repudiation(tmp_path, township, sample_pdf, sample_xlsx, stamp_font):
    now = utcnow()
    cert = issue_raw(township.root, township.key_pem, not_before=now - timedelta(days=1),
                     not_after=now + timedelta(days=30), serial=0x5005, non_repudiation=False)
    folder = _stage(tmp_path, township, cert, sample_pdf, sample_xlsx, stamp_font, now)
    report = verify(folder, township)
    assert failed(report) == {"cms_signature", "pdf_signature", "cert_chain"}
    assert "密钥用途" in report.check("cms_signature").reason_zh
    assert "不可否认" in report.check("cert_chain").reason_zh


def test_revoked_certificate_with_crl(package, township):
    root = township.root
    crl = pki.build_crl(root.key_pem, COUNTY_PASS, root.cert_pem, [(township.serial, utcnow() - timedelta(minutes=1))])
    report = verify(package.folder, township, crl_pem=crl)
    assert failed(report) == {"cms_signature", "pdf_signature", "not_revoked"}
    assert "吊销" in report.check("not_revoked").reason_zh
    assert "吊销" in report.check("cms_signature").reason_zh
    # a CRL that lists other serials only
    clean = pki.build_crl(root.key_pem, COUNTY_PASS, root.cert_pem, [(999, utcnow())])
    assert verify(package.folder, township, crl_pem=clean).accepted


def test_stale_crl_is_not_enough(package, township):
    root = township.root
    stale = pki.build_crl(root.key_pem, COUNTY_PASS, root.cert_pem, [], next_update_days=1,
                          now=utcnow() - timedelta(days=3))
    report = verify(package.folder, township, crl_pem=stale)
    assert failed(report) == {"cms_signature", "pdf_signature", "not_revoked"}
    assert "吊销列表已" in report.check("not_revoked").reason_zh and "过期" in report.check("not_revoked").reason_zh


def test_crl_from_another_root_is_a_settings_error(package, township, other_root_township):
    r = other_root_township.root
    with pytest.raises(ValidationError, match="吊销列表"):
        verify(package.folder, township, crl_pem=pki.build_crl(r.key_pem, COUNTY_PASS, r.cert_pem, []))


# ---- hostile archives and folders -----------------------------------------------------------

def _zip_with(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def _entries_of(package) -> dict[str, bytes]:
    with zipfile.ZipFile(package.zip_path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if not n.endswith("/")}


def _assert_only_structure_ran(report, words):
    assert not report.accepted
    assert words in report.check("structure").reason_zh, report.check("structure").reason_zh
    for c in report.checks[1:]:
        assert not c.passed and c.reason_zh.startswith(NOT_CHECKED)


def test_zip_with_dotdot_names(package, township, tmp_path):
    entries = _entries_of(package)
    entries[f"{NAME}/../../evil.txt"] = b"owned"
    bad = _zip_with(tmp_path / "bad.zip", entries)
    report = verify(bad, township)
    _assert_only_structure_ran(report, "..")
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()


@pytest.mark.parametrize("name, words", [
    ("/etc/evil", "绝对路径"),
    ("C:/evil", "绝对路径"),
    (f"{NAME}\\data\\evil", "反斜杠"),
])
def test_zip_with_unsafe_names(package, township, tmp_path, name, words):
    entries = _entries_of(package)
    entries[name] = b"x"
    report = verify(_zip_with(tmp_path / "bad.zip", entries), township)
    _assert_only_structure_ran(report, words)


def test_zip_with_symlink_and_duplicate_entries(package, township, tmp_path):
    entries = _entries_of(package)
    bad = tmp_path / "link.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        for n, d in entries.items():
            zf.writestr(n, d)
        link = zipfile.ZipInfo(f"{NAME}/data/link")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
    _assert_only_structure_ran(verify(bad, township), "符号链接")
    dup = tmp_path / "dup.zip"
    with zipfile.ZipFile(dup, "w") as zf:
        for n, d in entries.items():
            zf.writestr(n, d)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zf.writestr(f"{NAME}/data/report.json", b"{}")
    _assert_only_structure_ran(verify(dup, township), "重复")


def test_zip_bomb(package, township, tmp_path):
    entries = _entries_of(package)
    entries[f"{NAME}/data/report.json"] = b" " * (9 * 1024 * 1024)  # over the 8 MB cap, ~9 KB packed
    bomb = _zip_with(tmp_path / "bomb.zip", entries)
    assert bomb.stat().st_size < 200 * 1024
    _assert_only_structure_ran(verify(bomb, township), "超过大小上限")


def test_zip_with_lying_size_header(package, township, tmp_path):
    """The central directory claims a tiny size; the limit is counted on the bytes read."""
    entries = _entries_of(package)
    entries[f"{NAME}/data/report.json"] = b" " * (3 * 1024 * 1024)
    bomb = _zip_with(tmp_path / "liar.zip", entries)
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as zf:
        info = zf.getinfo(f"{NAME}/data/report.json")
    # patch the uncompressed-size field of this entry's central directory record
    pos = 0
    while True:
        pos = data.index(b"PK\x01\x02", pos)
        name_len = struct.unpack("<H", data[pos + 28:pos + 30])[0]
        if data[pos + 46:pos + 46 + name_len].decode() == info.filename:
            break
        pos += 4
    struct.pack_into("<I", data, pos + 24, 100)
    bomb.write_bytes(bytes(data))
    small = Limits(per_file={**Limits().per_file, "data/report.json": 1024 * 1024})
    report = verify_package(bomb, root_pem=township.root.cert_pem, limits=small)
    assert not report.accepted
    _assert_only_structure_ran(report, "损坏")  # zipfile stops at the claimed size; the CRC then fails


def test_too_many_entries(package, township, tmp_path):
    entries = _entries_of(package)
    for i in range(40):
        entries[f"{NAME}/data/x{i}.txt"] = b"x"
    _assert_only_structure_ran(verify(_zip_with(tmp_path / "many.zip", entries), township), "过多")


def test_extra_symlink_in_folder_is_not_followed(package, township, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("不应被读取", "utf-8")
    os.symlink(secret, package.folder / "data/extra.txt")
    report = verify(package.folder, township)
    assert failed(report) == {"structure"}
    assert "符号链接" in report.check("structure").reason_zh


def test_payload_replaced_by_symlink_to_identical_copy(package, township, tmp_path):
    xlsx = package.folder / "data/report.xlsx"
    copy = tmp_path / "copy.xlsx"
    shutil.copy(xlsx, copy)
    xlsx.unlink()
    os.symlink(copy, xlsx)
    report = verify(package.folder, township)
    # bagit alone would follow the link and pass; the private copy has no such file
    assert failed(report) == {"structure", "bag_valid"}
    assert "符号链接" in report.check("structure").reason_zh


def test_reasons_are_chinese_and_json_is_complete(package, township):
    (package.folder / "data/report.xlsx").unlink()
    data = json.loads(verify(package.folder, township).to_json())
    assert data["accepted"] is False
    assert len(data["checks"]) == 12
    for c in data["checks"]:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in c["reason_zh"] + c["title_zh"])


def test_zip_with_an_extra_member_does_not_extract_it(package, township, tmp_path):
    entries = _entries_of(package)
    entries[f"{NAME}/data/notes.txt"] = b"x"
    report = verify(_zip_with(tmp_path / "extra.zip", entries), township)
    assert failed(report) == {"structure"}
    assert "data/notes.txt" in report.check("structure").reason_zh
