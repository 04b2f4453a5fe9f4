"""The signed PDF is tied to report.json: the period, org code, revision and digests written into
the PDF's /Info when it is signed (and covered by that signature) must match report.json."""
from __future__ import annotations

import asyncio
import json
import shutil
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers

from services.submission.package import build_package, pdf_binding, sign_pdf, verify_package
from tests.services.submission.package.conftest import ORG_NAME, TOWN_PASS, resign


def _verify(folder, town):
    return verify_package(folder, root_pem=town.root.cert_pem)


def _swap_pdf(src_folder, dst_folder, town) -> None:
    shutil.copyfile(src_folder / "data/report.pdf", dst_folder / "data/report.pdf")
    resign(dst_folder, town)


def test_the_binding_is_in_the_signed_revision(package):
    raw = (package.folder / "data/report.pdf").read_bytes()
    report = json.loads((package.folder / "data/report.json").read_text("utf-8"))
    info = PdfFileReader(BytesIO(raw)).trailer["/Info"]
    assert {k: str(info["/" + k]) for k in pdf_binding.binding_for(report)} == pdf_binding.binding_for(report)
    assert str(info["/JJPeriod"]) == "2025-03" and str(info["/JJRevision"]) == "1"
    assert str(info["/JJOrgCode"]) == "QS-0101" and str(info["/JJBinding"]) == "jijian.pdf-binding/1"
    sig = PdfFileReader(BytesIO(raw)).embedded_signatures[0]
    assert str(sig.sig_object["/Reason"]) == "乡镇纪委月报电子签章（2025-03 第 1 版）"
    # the digest is over the parsed report, not its bytes: another layout gives the same binding
    relaid = json.loads(json.dumps(report, indent=None, sort_keys=False))
    assert pdf_binding.binding_for(relaid) == pdf_binding.binding_for(report)


def test_another_months_signed_pdf_in_this_package_is_refused(tmp_path, build_args, township, package):
    (tmp_path / "feb").mkdir()
    february = build_package(tmp_path / "feb", **build_args(period="2025-02"))
    _swap_pdf(february.folder, package.folder, township)
    report = _verify(package.folder, township)
    assert report.failed_codes == {"pdf_binding"}
    assert report.check("pdf_binding").reason_zh == "报表 PDF 签章时记录的报告期为“2025-02”，report.json 为“2025-03”"


def test_another_revisions_signed_pdf_is_refused(tmp_path, build_args, township, package):
    second = build_package(package.folder.parent, **build_args(revision=2))
    _swap_pdf(package.folder, second.folder, township)
    report = _verify(second.folder, township)
    assert report.failed_codes == {"pdf_binding"}
    assert report.check("pdf_binding").reason_zh == "报表 PDF 签章时记录的修订号为“1”，report.json 为“2”"


def test_pdf_signed_over_other_figures_is_refused(tmp_path, build_args, township, package):
    from tests.services.submission.package.conftest import report_json
    other = report_json()
    other["figures"]["complaints_received"] = {"month": 9, "ytd": 21, "ytd_last_year": 16, "change_pct": 31.3}
    (tmp_path / "other").mkdir()
    forged = build_package(tmp_path / "other", **build_args(report_json=other))
    _swap_pdf(forged.folder, package.folder, township)
    report = _verify(package.folder, township)
    assert report.failed_codes == {"pdf_binding"}
    assert report.check("pdf_binding").reason_zh == (
        "报表 PDF 签章时记录的统计数据摘要与 report.json 的统计数据不符（两者不是同一份月报的数字）")


def test_pdf_signed_over_another_narrative_is_refused(tmp_path, build_args, township, package):
    from tests.services.submission.package.conftest import report_json
    other = {**report_json(), "narrative": "另一份情况说明。"}
    (tmp_path / "other").mkdir()
    forged = build_package(tmp_path / "other", **build_args(report_json=other))
    _swap_pdf(forged.folder, package.folder, township)
    report = _verify(package.folder, township)
    assert report.failed_codes == {"pdf_binding"}
    assert report.check("pdf_binding").reason_zh == "报表 PDF 签章时记录的报表摘要与 report.json 不符（情况说明、落款等内容被改动）"


def test_binding_entries_changed_after_signing_break_the_signature(package, township):
    path = package.folder / "data/report.pdf"
    raw = path.read_bytes()
    entry = b"/JJPeriod (2025\\05503)"  # pyHanko escapes "-" as \055
    assert raw.count(entry) == 1
    path.write_bytes(raw.replace(entry, entry.replace(b"03)", b"02)")))
    resign(package.folder, township)
    report = _verify(package.folder, township)
    assert report.failed_codes == {"pdf_signature", "pdf_binding"}
    assert report.check("pdf_signature").reason_zh == "报表 PDF 的内容与签名不符（签章后被改动）"


def test_pdf_signed_without_a_binding_is_refused(package, township, sample_pdf):
    signer = sign_pdf.load_signer(township.key_pem, TOWN_PASS, township.cert_pem, [township.root.cert_pem])
    meta = signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES, name=ORG_NAME)
    out = BytesIO()
    asyncio.run(signers.PdfSigner(meta, signer).async_sign_pdf(IncrementalPdfFileWriter(BytesIO(sample_pdf)),
                                                                output=out))
    (package.folder / "data/report.pdf").write_bytes(out.getvalue())
    resign(package.folder, township)
    report = _verify(package.folder, township)
    assert report.failed_codes == {"pdf_binding"}
    assert report.check("pdf_binding").reason_zh == (
        "报表 PDF 中没有签章时记录的报表标识（报告期、单位、修订号和数据摘要），无法确认它属于本文件包")
