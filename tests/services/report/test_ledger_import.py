"""Importing existing Excel ledgers: everything or nothing, every problem named by sheet, row and column."""
import datetime as dt
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from models import AuditEvent, Case, Complaint, Lead, LedgerEntry, Measure, Person
from models.search import FTS_TABLE, fts_phrase
from services.interchange import ledger_import
from services.reporting.figures import compute_figures
from services.reporting.layout import get_figure
from services.security import audit, identity, row_digest
from services.validation import mask_phone
from tests.conftest import sign_in_as
from tests.helpers.outside_sql import run_outside

from .conftest import C_HEAD, K_HEAD, L_HEAD, M_HEAD, T_HEAD, good_sheets, snapshot, write_book

def where(result) -> set[tuple[str, int, str]]:
    return {(p.sheet, p.row, p.column) for p in result.problems}


@pytest.fixture
def good(tmp_path):
    return write_book(tmp_path / "good.xlsx", good_sheets())


def test_good_workbook_imports_every_sheet(ws, good):
    result = ledger_import.import_workbook(ws, good)
    assert result.problems == [] and result.imported
    assert result.counts == {"信访件": 2, "问题线索": 2, "案件": 1, "处分处理": 3, "一案双查": 1}
    with ws.transaction() as s:
        first, repeat = s.execute(select(Complaint).order_by(Complaint.id)).scalars().all()
        assert (first.number, first.received_date, first.channel, first.kind, first.signature) == (
            "XF2026-0101", dt.date(2026, 3, 2), "letter", "accusation", "real_name")
        assert (first.discipline, first.main_problem, first.is_repeat) == ("integrity", "违规发放补贴", False)
        assert [(x.name, x.unit, x.post, x.rank) for x in first.subjects] == [
            ("李四", "青山镇财政所", "所长", "township_level"), ("王五", "", "会计", None)]
        assert (repeat.channel, repeat.is_repeat, repeat.original_id, repeat.received_date) == (
            "visit", True, first.id, dt.date(2026, 3, 5))
        assert (first.year, first.seq) == (2026, 101)
        # The complainant's identity is sealed, never stored in clear.
        assert first.complainant_name_enc and b"\xe5\xbc\xa0\xe4\xb8\x89" not in first.complainant_name_enc
        assert identity.masked(first)["phone"] == mask_phone("13812345678")
        assert identity.reveal(ws, s, first.id)["name"] == "张三"

        l1, l2 = s.execute(select(Lead).order_by(Lead.id)).scalars().all()
        assert (l1.source, l1.complaint_id, l1.received_date, l1.disposition, l1.disposition_date, l1.result) == (
            "complaint", first.id, dt.date(2026, 3, 2), "preliminary_verification", dt.date(2026, 3, 10), "case_filed")
        assert (l2.source, l2.received_date, l2.result, l2.result_date) == (
            "supervision_found", dt.date(2026, 4, 1), "concluded", dt.date(2026, 4, 20))
        case = s.execute(select(Case)).scalar_one()
        assert (case.lead_id, case.filing_date, case.closing_date, case.stage, case.eight_rules) == (
            l1.id, dt.date(2026, 5, 8), dt.date(2026, 10, 15), "closed", True)
        # The case carries the lead's person: one row for 李四.
        persons = s.execute(select(Person).order_by(Person.id)).scalars().all()
        assert [(p.name, p.lead_id, p.case_id, p.is_party_member) for p in persons] == [
            ("李四", l1.id, case.id, True), ("赵六", l2.id, None, False)]
        measures = s.execute(select(Measure).order_by(Measure.id)).scalars().all()
        assert [(m.kind, m.category, m.case_id, m.lead_id, m.form, m.effect_end, m.document_number) for m in measures] == [
            ("party_serious_warning", "party_sanction", case.id, None, 2, dt.date(2028, 4, 10), "青纪发〔2026〕3号"),
            ("gov_demerit", "government_sanction", case.id, None, 2, dt.date(2027, 10, 12), ""),
            ("criticism", "handling", None, l2.id, 1, None, "")]
        entry = s.execute(select(LedgerEntry)).scalar_one()
        assert (entry.number, entry.case_id, entry.unit, entry.entry_date) == (
            "TZ2026-001", case.id, "青山镇财政所", dt.date(2026, 10, 20))
        assert [(x.name, x.post, x.position_type, x.responsibility, x.outcome, x.accountability_method)
                for x in entry.leaders] == [
            ("孙镇长", "镇长", "principal_leader", "principal", "integrity_talk", None),
            ("周副镇长", "分管副镇长", "leader_in_charge", "leadership", "held_accountable", "admonishment")]

        # One event per sheet and batch, listing [id, number, sheet row] (a lead or case with the detail of the
        # app's lead.create / case.create event) and the digest of the rows as written.
        events = [e for e in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars() if e.entity == "import"]
        assert [(e.action, e.entity_id) for e in events] == [
            ("import.complaints", "good.xlsx"), ("import.leads", "good.xlsx"), ("import.cases", "good.xlsx"),
            ("import.measures", "good.xlsx"), ("import.ledgers", "good.xlsx"), ("ledger.import", "good.xlsx")]
        details = [json.loads(e.detail_json) for e in events]
        assert [(d["sheet"], d["batch"], d["count"], d["items"]) for d in details[:5]] == [
            ("信访件", 1, 2, [[first.id, "XF2026-0101", 2], [repeat.id, "XF2026-0102", 4]]),
            ("问题线索", 1, 2, [
                [l1.id, "XS2026-001", 2, {"number": "XS2026-001", "source": "complaint", "complaint_id": first.id,
                                          "persons": 1, "eight_rules": False, "eight_rules_type": None}],
                [l2.id, "XS2026-002", 3, {"number": "XS2026-002", "source": "supervision_found", "complaint_id": None,
                                          "persons": 1, "eight_rules": False, "eight_rules_type": None}]]),
            ("案件", 1, 1, [[case.id, "LA2026-001", 2, {"number": "LA2026-001", "date": "2026-05-08",
                                                       "lead": "XS2026-001", "eight_rules": True, "approved": False}]]),
            ("处分处理", 1, 3, [[measures[0].id, "LA2026-001", 2], [measures[1].id, "LA2026-001", 3],
                             [measures[2].id, "XS2026-002", 4]]),
            ("一案双查", 1, 1, [[entry.id, "TZ2026-001", 2]])]
        # Each batch event carries the digests of the rows its batch inserted (persons ride with the cases).
        digested = [{t: sorted(int(i) for i in ids) for t, ids in json.loads(e.row_digests or "{}").items()}
                    for e in events]
        assert digested[:5] == [
            {"complaints": [first.id, repeat.id], "complaint_subjects": sorted(x.id for x in first.subjects + repeat.subjects)},
            {"leads": [l1.id, l2.id]}, {"cases": [case.id], "persons": [p.id for p in persons]},
            {"measures": [m.id for m in measures]},
            {"ledger_entries": [entry.id], "ledger_leaders": sorted(x.id for x in entry.leaders)}]
        rows = row_digest.check_rows(s)
        assert rows.ok and rows.unverified == 0, rows.message()
        assert details[5]["counts"] == result.counts
        assert not any("张三" in e.detail_json or "13812345678" in e.detail_json for e in events)
        assert audit.verify_chain(s).ok

        figs = compute_figures(s, "2026-10")
    assert get_figure(figs, "persons_sanctioned")["month"] == 1
    assert (get_figure(figs, "party_sanctions")["month"], get_figure(figs, "government_sanctions")["month"]) == (1, 1)
    assert get_figure(figs, "eight_rules_sanctioned")["month"] == 1
    assert get_figure(figs, "four_forms.form1")["ytd"] == 1     # 赵六: 了结 + 批评教育, one person-time
    assert get_figure(figs, "double_investigation.leaders")["month"] == 2


def test_dry_run_writes_nothing(ws, good):
    before = snapshot(ws)
    result = ledger_import.import_workbook(ws, good, dry_run=True)
    assert result.ok and result.dry_run and not result.imported
    assert result.counts == {"信访件": 2, "问题线索": 2, "案件": 1, "处分处理": 3, "一案双查": 1}
    assert snapshot(ws) == before
    with ws.reading() as s:  # the search triggers suspended for the bulk load came back with the rollback
        assert s.execute(text("SELECT count(*) FROM sqlite_master WHERE type='trigger' "
                              "AND name LIKE 'complaint_search_%'")).scalar_one() == 10
        assert s.execute(text(f"SELECT count(*) FROM {FTS_TABLE}")).scalar_one() == 0


def test_existing_numbers_are_refused(ws, good):
    assert ledger_import.import_workbook(ws, good).imported
    before = snapshot(ws)
    again = ledger_import.import_workbook(ws, good)
    assert where(again) == {("信访件", 2, "编号"), ("信访件", 4, "编号"), ("问题线索", 2, "线索编号"),
                            ("问题线索", 3, "线索编号"), ("案件", 2, "案件编号"), ("一案双查", 2, "台账编号")}
    assert all("已存在" in p.reason_zh for p in again.problems)
    assert snapshot(ws) == before


def test_every_problem_reported_and_nothing_imported(ws, tmp_path):
    with ws.transaction() as s:
        s.add(Lead(number="XS-OLD", source="other", received_date=dt.date(2025, 1, 1)))
    before = snapshot(ws)
    book = write_book(tmp_path / "bad.xlsx", {
        "信访件": [C_HEAD,
                ["XF-1", "2026-13-01", "来信", "检举控告", "匿名", None, None, "李四", None, None, None, "问题"],
                ["XF-2", "2026-01-05", "来函", "批评建议", "匿名", None, None, None, None, None, None, "建议"],
                ["XF-3", "2026-01-06", "来信", None, "匿名"],
                ["XF-4", "2026-01-07", "来电", "批评建议", "匿名", None, None, None, None, None, None, "好的"]],
        "问题线索": [L_HEAD, ["XS-OLD", "其他", None, "钱七", None, None, "是", "暂存待查", "2026-02-01"]],
        "案件": [K_HEAD, ["LA-9", None, "孙八", None, None, "否", "是", "2026-03-01"]],
        "处分处理": [M_HEAD,
                 ["LA-NONE", "孙八", "政务处分", "警告", "2026-04-01"],
                 ["LA-9", "孙八", "党纪处分", "警告", "2026-04-01"]],
    })
    result = ledger_import.import_workbook(ws, book)
    assert where(result) == {("信访件", 2, "收件日期"), ("信访件", 3, "来源渠道"), ("信访件", 4, "类型"),
                             ("问题线索", 2, "线索编号"), ("处分处理", 2, "编号"), ("处分处理", 3, "处理措施")}
    reasons = {(p.sheet, p.row): p.reason_zh for p in result.problems}
    assert "不是有效日期" in reasons[("信访件", 2)]
    assert "来函" in reasons[("信访件", 3)] and "不是可选的值" in reasons[("信访件", 3)]
    assert "请选择类型" in reasons[("信访件", 4)]
    assert "已存在" in reasons[("问题线索", 2)]
    assert "LA-NONE" in reasons[("处分处理", 2)]
    assert "非中共党员不能给予党纪处分" in reasons[("处分处理", 3)]
    assert not result.imported and result.counts == dict.fromkeys(result.counts, 0)
    assert snapshot(ws) == before


def test_consistency_rules_between_rows_and_sheets(ws, tmp_path):
    book = write_book(tmp_path / "rules.xlsx", {
        "问题线索": [L_HEAD,
                 ["XS-1", "其他", "XF-MISSING", "甲", None, None, "是", "暂存待查", "2026-02-01", "2026-02-03", "了结"],
                 ["XS-2", "其他", None, "乙", None, None, "是", "谈话函询", "2026-02-01", "2026-01-03", "澄清"],
                 ["XS-2", "上级交办", None, "乙"]],
        "案件": [K_HEAD, ["LA-1", "XS-NONE", "丙", None, None, "是", None, "2026-03-01", "2026-02-01"]],
        "一案双查": [T_HEAD,
                 ["TZ-1", "LA-1", "某单位", "2026-03-05", "丁", None, None, "主体责任", "函询", "2026-03-01", "诫勉"]],
    })
    result = ledger_import.import_workbook(ws, book)
    assert where(result) == {
        ("问题线索", 2, "关联信访件编号"), ("问题线索", 2, "办结结果"), ("问题线索", 3, "办结日期"),
        ("问题线索", 4, "线索来源"), ("问题线索", 4, "被反映人"),
        ("案件", 2, "关联线索编号"), ("案件", 2, "是否监察对象"), ("案件", 2, "结案日期"),
        ("一案双查", 2, "追责方式"), ("一案双查", 2, "结果日期")}
    assert snapshot(ws)["leads"] == 0


def test_permissions_and_identity_key(ws, good):
    sign_in_as(ws, "zhou", ["officer"])
    before = snapshot(ws)
    result = ledger_import.import_workbook(ws, good)
    assert ("信访件", 1, "") in where(result)
    assert any("没有导入“信访件”的权限" in p.reason_zh for p in result.problems)
    assert any(p.column == "反映人" and "身份信息密钥未解锁" in p.reason_zh for p in result.problems)
    assert snapshot(ws) == before


def test_unreadable_file_and_missing_columns(ws, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"this is not a workbook")
    result = ledger_import.import_workbook(ws, junk)
    assert [(p.sheet, p.row) for p in result.problems] == [("", 0)] and "无法打开工作簿" in result.problems[0].reason_zh
    result = ledger_import.import_workbook(ws, tmp_path / "nope.xlsx")
    assert "找不到文件" in result.problems[0].reason_zh
    book = write_book(tmp_path / "cols.xlsx", {"案件": [[h for h in K_HEAD if h != "立案日期"], ["LA-1"]],
                                              "Sheet9": [["x"]]})
    result = ledger_import.import_workbook(ws, book)
    assert where(result) == {("案件", 1, "立案日期")} and result.ignored_sheets == ["Sheet9"]


def test_template_has_headers_and_drop_downs_and_imports_empty(ws, tmp_path):
    path = ledger_import.write_template(tmp_path / "模板.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["信访件", "问题线索", "案件", "处分处理", "一案双查", "填写说明"]
    heads = [c.value for c in wb["信访件"][1]]
    assert heads[:5] == ["编号*", "收件日期*", "来源渠道*", "类型*", "署名情况*"]
    assert heads[5:9] == ["反映人", "联系电话", "身份证号", "住址"]  # the identity, sealed on import
    assert [c.value.rstrip("*") for c in wb["案件"][1]] == K_HEAD
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in wb["信访件"].data_validations.dataValidation}
    assert lists["C2"] == '"来信,来访,来电,网络,上级转办交办,巡视巡察移交,审计移送,其他"'
    assert lists["O2"] == '"是,否"'
    measure_lists = [dv.formula1 for dv in wb["处分处理"].data_validations.dataValidation]
    assert '"党纪处分,政务处分,组织处理"' in measure_lists
    assert any("留党察看" in f and "诫勉" in f and "记大过" in f for f in measure_lists)
    outcome = [dv.formula1 for dv in wb["一案双查"].data_validations.dataValidation]
    assert '"了结,函询,廉政谈话,追责"' in outcome
    wb.close()
    result = ledger_import.import_workbook(ws, path)
    assert result.ok and sum(result.counts.values()) == 0 and result.ignored_sheets == []


def test_a_case_on_a_lead_already_in_the_system_takes_over_its_person(ws, tmp_path):
    first = write_book(tmp_path / "线索.xlsx", {"问题线索": [L_HEAD, [
        "XS2026-009", "监督检查发现", None, "钱七", "青山镇农业服务中心 站长", "乡科级", "是", "初步核实", "2026-03-10",
        "2026-04-01", "立案"]]})
    assert ledger_import.import_workbook(ws, first).imported
    second = write_book(tmp_path / "案件.xlsx", {
        "案件": [K_HEAD, ["LA2026-009", "XS2026-009", "钱七", "青山镇财政所 所长", None, "是", "否", "2026-04-02"],
                 ["LA2026-009", None, "孙八", None, None, "否", "是"]],
        "处分处理": [M_HEAD, ["LA2026-009", "钱七", "党纪处分", "警告", "2026-06-01"]]})
    result = ledger_import.import_workbook(ws, second)
    assert result.problems == [] and result.counts["案件"] == 1
    with ws.reading() as s:
        lead = s.execute(select(Lead)).scalar_one()
        case = s.execute(select(Case)).scalar_one()
        persons = s.execute(select(Person).order_by(Person.id)).scalars().all()
        assert [(p.name, p.lead_id, p.case_id, p.unit, p.post, p.rank, p.is_party_member, p.is_supervised_object)
                for p in persons] == [
            ("钱七", lead.id, case.id, "青山镇财政所", "所长", "township_level", True, False),
            ("孙八", None, case.id, "", "", None, False, True)]
        measure = s.execute(select(Measure)).scalar_one()
        assert (measure.person_id, measure.case_id, measure.kind) == (persons[0].id, case.id, "party_warning")


def test_imported_complaints_are_in_the_full_text_index(ws, good):
    # The search triggers are suspended during the bulk load; the new rows are indexed at its end.
    assert ledger_import.import_workbook(ws, good).imported
    query = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q ORDER BY rowid")
    with ws.reading() as s:
        numbers = dict(s.execute(select(Complaint.id, Complaint.number)).all())
        hits = {term: [numbers[i] for i in s.execute(query, {"q": fts_phrase(term)}).scalars()]
                for term in ("违规发放", "青山镇财政所", "同一问题再次", "XF2026-0102")}
        triggers = s.execute(text("SELECT count(*) FROM sqlite_master WHERE type='trigger' "
                                  "AND name LIKE 'complaint_search_%'")).scalar_one()
    assert hits == {"违规发放": ["XF2026-0101"], "青山镇财政所": ["XF2026-0101"], "同一问题再次": ["XF2026-0102"],
                    "XF2026-0102": ["XF2026-0102"]}
    assert triggers == 10  # all back


@pytest.mark.both_db
def test_an_imported_row_changed_outside_the_app_is_named(ws, good):
    assert ledger_import.import_workbook(ws, good).imported
    run_outside(ws, "UPDATE complaints SET main_problem = '无' WHERE number = 'XF2026-0101'")
    with ws.reading() as s:
        rows = row_digest.check_rows(s)
        cid = s.execute(select(Complaint.id).where(Complaint.number == "XF2026-0101")).scalar_one()
    assert [(f.table, f.row_id, f.kind) for f in rows.findings] == [("complaints", cid, "changed")]
