import datetime as dt
import io
import json

from pypdf import PdfReader

from cli.app import run_cli
from services.casework import cases, intake, leads
from services.casework.intake import SubjectInput
from services.reporting import item_print
from services.security import audit
from tests.conftest import ADMIN_PASSWORD
from tests.services.daily.conftest import VALID_ID
from tests.helpers.verification import approve_plan

D = dt.date


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text().replace(" ", "")


def _identity_views(ws, complaint_id):
    with ws.reading() as s:
        return [e.detail_json for e in audit.events_for(s, "complaint", complaint_id) if e.action == "identity.view"]


def test_complaint_sheet_shows_identity_only_to_the_permitted_and_audits_it(ws, register, as_role):
    v = register(subjects=[SubjectInput(name="张三", unit="青山村村委会"), SubjectInput(name="李四", unit="青山镇")])
    text = _text(item_print.complaint_sheet_pdf(ws, v.id))
    for expected in ("信访举报登记表", v.number, "2026-11-02", "检举控告", "张三", "李四", "违规吃喝", "赵六", VALID_ID):
        assert expected in text
    assert len(_identity_views(ws, v.id)) == 1 and '"print"' in _identity_views(ws, v.id)[0]
    as_role("officer")
    text = _text(item_print.complaint_sheet_pdf(ws, v.id))
    assert v.number in text and "赵*" in text and "赵六" not in text and VALID_ID not in text
    assert len(_identity_views(ws, v.id)) == 1


def test_lead_and_case_sheets(ws, register):
    v = register(received_date=D(2026, 10, 8), subjects=[SubjectInput(name="张三", unit="青山村村委会",
                                                                      is_party_member=True)])
    lead_id = intake.accept(ws, v.id, D(2026, 10, 9)).lead_id
    leads.dispose(ws, lead_id, "preliminary_verification", D(2026, 10, 12), "书记专题会集体研究", "王一、王二")
    approve_plan(ws, lead_id, D(2026, 10, 12))
    text = _text(item_print.lead_sheet_pdf(ws, lead_id))
    for expected in ("问题线索处置审批表", "XS2026-0001", "初步核实", "书记专题会集体研究", "王一、王二", "张三",
                     "初核工作方案", "核查组2人，调取账目、约谈知情人，一个月内完成", "已审批（王书记，2026-10-12）"):
        assert expected in text
    c = cases.open_case(ws, lead_id=lead_id, filing_date=D(2026, 10, 20), title="张三违纪案")
    text = _text(item_print.case_sheet_pdf(ws, c.id))
    for expected in ("立案审批表", "LA2026-0001", "张三违纪案", "2026-10-20", "张三", "立案"):
        assert expected in text


def test_cli_list_and_show_without_identity(ws, register, capsys, monkeypatch):
    v = register()
    register(main_problem="建议公开低保名单", kind="suggestion", subjects=[])
    monkeypatch.setenv("JIJIAN_PASSWORD", ADMIN_PASSWORD)
    base = ["--data-dir", str(ws.data_dir), "--user", "wang", "complaints"]
    assert run_cli(base + ["list", "--text", "违规吃喝", "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["total"] == 1 and data["rows"][0]["number"] == v.number
    assert run_cli(base + ["show", v.number, "--json"]) == 0
    out = capsys.readouterr().out
    shown = json.loads(out)
    assert shown["number"] == v.number and shown["subjects"][0]["name"] == "张三"
    for secret in ("赵", "13812345678", "138****5678", VALID_ID):
        assert secret not in out
    assert run_cli(base + ["list", "--from", "2026-13-01"]) == 2
    assert run_cli(base + ["show", "XF2099-0001"]) == 1


def test_case_sheet_with_several_persons_stays_on_one_page(ws):
    from decimal import Decimal
    from services.casework.persons import PersonInput
    persons = [PersonInput(name=n, gender="男", ethnicity="汉族", birth_month=D(1970 + i, 3, 1), unit="青山镇财政所",
                           post="会计", rank="general_cadre", is_party_member=True, party_join_date=D(1995, 7, 1),
                           amount_confiscated=Decimal("1.25")) for i, n in enumerate(("王五", "赵强", "孙丽"))]
    c = cases.open_case(ws, filing_date=D(2026, 10, 20), title="财政所违规发放津补贴案", persons=persons,
                        eight_rules=True, eight_rules_type="allowances")
    text = _text(item_print.case_sheet_pdf(ws, c.id))
    for expected in ("LA2026-0001", "王五", "赵强", "孙丽", "1995-07入党", "违规发放津补贴或福利", "1.25"):
        assert expected in text
