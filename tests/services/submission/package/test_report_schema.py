"""report.json is held to jijian.monthly-report/1 by verify. Each attack is made as the township's
key holder would: change report.json, sign the PDF again over the changed report (so the PDF's
binding agrees), rebuild the bag manifests and sign the tag manifest with the real township key.
Only the schema check then stands between the county and the figures."""
from __future__ import annotations

import json

import pytest

from services.errors import ValidationError
from services.submission.package import build_package, sign_pdf, verify_package
from tests.services.submission.package.conftest import ORG_NAME, TOWN_PASS, resign, utcnow

SCHEMA_FAIL = "report.json 不符合月报数据格式："
ALL_FROM_REPORT = {"organization", "period_revision", "report_schema", "pdf_binding"}


def _sign_pdf_for(folder, town, sample_pdf, report: dict) -> None:
    signer = sign_pdf.load_signer(town.key_pem, TOWN_PASS, town.cert_pem, [town.root.cert_pem])
    signed = sign_pdf.sign_report_pdf(sample_pdf, signer, org_name=ORG_NAME, signing_time=utcnow(),
                                      stamp_font_path=None, signature_box=None, report=report)
    (folder / "data/report.pdf").write_bytes(signed)


def forge(package, town, sample_pdf, edit):
    folder = package.folder
    path = folder / "data/report.json"
    report = json.loads(path.read_text("utf-8"))
    edit(report)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True), "utf-8")
    _sign_pdf_for(folder, town, sample_pdf, report)
    resign(folder, town)
    return verify_package(folder, root_pem=town.root.cert_pem)


def _set(path: str, value):
    def edit(report):
        *parents, leaf = path.split(".")
        node = report
        for part in parents:
            node = node[part]
        node[leaf] = value
    return edit


def _delete(path: str):
    def edit(report):
        *parents, leaf = path.split(".")
        node = report
        for part in parents:
            node = node[part]
        del node[leaf]
    return edit


CASES = [
    (_set("figures.complaints_received.month", "many"), "“收到信访举报”的本月数应为 0 至 10000000 的整数，现为 “many”"),
    (_set("figures.complaints_received.ytd", -3), "“收到信访举报”的元至本月数应为 0 至 10000000 的整数，现为 -3"),
    (_set("figures.cases_filed.month", True), "“立案”的本月数应为 0 至 10000000 的整数，现为 true"),
    (_set("figures.cases_filed.ytd_last_year", 2.0), "“立案”的去年同期数应为 0 至 10000000 的整数，现为 2.0"),
    (_set("figures.cases_filed.ytd", 10 ** 12), "“立案”的元至本月数应为 0 至 10000000 的整数，现为 1000000000000"),
    (_set("figures.cases_filed.month", 5), "“立案”的本月数（5）大于元至本月数（0）"),
    (_set("figures.complaints_received.change_pct", "18.8%"),
     "“收到信访举报”的同比增减应为数字或空（null），现为 “18.8%”"),
    (_set("figures.complaints_received.change_pct", 99.0),
     "“收到信访举报”的同比增减为 99.0，按元至本月数和去年同期数应为 18.8"),
    (_set("figures.bonus_points", {"month": 1, "ytd": 1, "ytd_last_year": 0, "change_pct": None}),
     "统计数据中有月报表没有的项：bonus_points"),
    (_set("figures.complaints_by_channel.carrier_pigeon", {"month": 0, "ytd": 0, "ytd_last_year": 0, "change_pct": None}),
     "统计数据中有月报表没有的项：complaints_by_channel.carrier_pigeon"),
    (_delete("figures.cases_filed"), "统计数据缺少“立案”（cases_filed）"),
    (_delete("figures.complaints_by_channel.letter"), "统计数据缺少“收到信访举报（来信）”（complaints_by_channel.letter）"),
    (_set("figures.complaints_by_kind", 5), "统计数据中的“complaints_by_kind”应为一个对象，现为 5"),
    (_set("figures.cases_closed.note", "x"), "“结案”有不应有的项：note"),
    (_set("org.code", "QS-0999"), "填报单位（org）的单位代码为 “QS-0999”，签名证书为“QS-0101”"),
    (_set("org.name", "别的镇纪委"), "填报单位（org）的名称为 “别的镇纪委”，签名证书为“青石镇纪委”"),
    (_set("org.mode", "county"), "填报单位（org）的 mode 应为 township（乡镇），现为 “county”"),
    (_delete("org.county"), "填报单位（org）缺少：county"),
    (_set("hack", 1), "report.json 有不应有的项：hack"),
    (_delete("footer"), "report.json 缺少：footer"),
    (_set("footer.signer", "某人"), "落款（footer）有不应有的项：signer"),
    (_set("footer.reviewer", 5), "落款（footer）的 reviewer 应为文字，现为 5"),
    (_set("footer.form_number", ["表1"]), "落款（footer）的 form_number 应为文字，现为 [\"表1\"]"),
    (_set("schema", "jijian.monthly-report/9"), "schema 应为“jijian.monthly-report/1”，现为 “jijian.monthly-report/9”"),
    (_set("finalized", False), "finalized 应为 true（已定稿），现为 false"),
    (_set("narrative", 7), "narrative 应为文字，现为 7"),
    (_set("audit_head", "ab" * 32),
     "audit_head（abababababababab…）与 bag-info 的 Audit-Chain-Head（9f9f9f9f9f9f9f9f…）不一致"),
]


@pytest.mark.parametrize("edit, problem", CASES, ids=[c[1][:24] for c in CASES])
def test_signed_report_json_off_the_schema_is_refused(package, township, sample_pdf, edit, problem):
    report = forge(package, township, sample_pdf, edit)
    assert report.failed_codes == {"report_schema"}
    assert report.check("report_schema").reason_zh == SCHEMA_FAIL + problem


def test_the_foot_of_an_earlier_version_or_this_one_is_accepted(package, township, sample_pdf):
    """审核人, 表号 and 制表机关 are optional: a report written before they were on the form passes, and so
    does one that holds them."""
    def earlier(report):
        for key in ("reviewer", "form_number", "form_authority"):
            report["footer"].pop(key, None)
    assert "report_schema" not in forge(package, township, sample_pdf, earlier).failed_codes
    held = _set("footer", {"leader": "王书记", "reviewer": "周建平", "preparer": "李会计", "phone": "0871-6543210",
                           "date": "2026-12-01", "form_number": "纪信月报1表", "form_authority": "云岭县纪委监委"})
    assert "report_schema" not in forge(package, township, sample_pdf, held).failed_codes


def test_every_problem_is_counted(package, township, sample_pdf):
    def edit(report):
        for name in ("cases_filed", "cases_closed", "persons_sanctioned", "party_sanctions", "government_sanctions",
                     "admonishment_talks", "public_exposures", "preliminary_verifications", "leads_disposed", "x"):
            report["figures"].setdefault(name, {})["month"] = -1
    reason = forge(package, township, sample_pdf, edit).check("report_schema").reason_zh
    assert reason.startswith(SCHEMA_FAIL) and reason.endswith("（另有 2 处问题）")
    assert reason.count("；") == 7


@pytest.mark.parametrize("raw, reason", [
    (b'{"month": NaN}', "report.json 含有非法的数值 NaN"),
    (b'{"a": 1e999}', "report.json 含有超出范围的数字 1e999"),
    (b'{"a": 1' + b"0" * 5000 + b"}", "report.json 含有位数过多的数字（5001 位）"),
    (b'{"org_code": "QS-0101", "org_code": "QS-0102"}', "report.json 中的键“org_code”出现了多次"),
    (b"[" * 100_000 + b"]" * 100_000, "report.json 嵌套层数过多"),
    (b'["not", "an", "object"]', "report.json 的内容应为一个对象（{…}）"),
    ("{\"a\": \"镇\"}".encode("gbk"), "report.json 不是 UTF-8 文本"),
])
def test_report_json_that_is_not_strict_json_is_refused(package, township, raw, reason):
    (package.folder / "data/report.json").write_bytes(raw)
    resign(package.folder, township)
    report = verify_package(package.folder, root_pem=township.root.cert_pem)
    assert report.failed_codes == ALL_FROM_REPORT
    for code in ALL_FROM_REPORT - {"pdf_binding"}:
        assert report.check(code).reason_zh == reason
    assert report.org_code is None and report.revision is None


def test_township_cannot_build_a_package_off_the_schema(tmp_path, build_args):
    from tests.services.submission.package.conftest import report_json
    bad = report_json()
    bad["figures"]["cases_filed"]["month"] = "七"
    with pytest.raises(ValidationError) as err:
        build_package(tmp_path, **build_args(report_json=bad))
    assert err.value.message == ("报表数据不符合月报数据格式，未生成文件包："
                                 "“立案”的本月数应为 0 至 10000000 的整数，现为 “七”")
    assert list(tmp_path.iterdir()) == []
