"""Rows brought in by import-ledger are marked imported (issue 12): the timeline says "导入自台账" with the
import date, an imported closed case without the intermediate dates stays as the old ledger has it, and a
stage entered in the app for an imported case follows the stage rules (casework.stage_rules)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from models import AuditEvent, Case, Complaint, Lead
from services.casework import cases, intake, timeline
from services.errors import StateError
from services.interchange import ledger_import
from tests.services.daily.conftest import complaint_input

from .conftest import good_sheets, write_book

OPEN_CASE = ["LA2026-002", None, "钱七", "青山镇农业服务中心 主任", "乡科级", "是", "是", "2026-09-01", None, "否"]


@pytest.fixture
def imported(ws, tmp_path):
    sheets = good_sheets()
    sheets["案件"].append(OPEN_CASE)
    result = ledger_import.import_workbook(ws, write_book(tmp_path / "旧台账.xlsx", sheets))
    assert result.problems == [] and result.imported
    with ws.reading() as s:
        at = s.execute(select(AuditEvent.at).where(AuditEvent.action == "import.cases")).scalar_one()
        numbers = {n: i for model in (Complaint, Lead, Case) for i, n in s.execute(select(model.id, model.number))}
    return numbers, at.astimezone().date().isoformat()


def test_every_imported_row_is_marked_and_a_typed_one_is_not(ws, imported):
    typed = intake.register_complaint(ws, complaint_input())
    with ws.reading() as s:
        assert [(c.number, c.imported) for c in s.execute(select(Complaint).order_by(Complaint.id)).scalars()] == [
            ("XF2026-0101", True), ("XF2026-0102", True), (typed.number, False)]
        assert [(x.number, x.imported) for x in s.execute(select(Lead).order_by(Lead.id)).scalars()] == [
            ("XS2026-001", True), ("XS2026-002", True)]
        assert [(x.number, x.imported) for x in s.execute(select(Case).order_by(Case.id)).scalars()] == [
            ("LA2026-001", True), ("LA2026-002", True)]
    assert all(e.action != timeline.IMPORT_ACTION for e in timeline.timeline(ws, "complaint", typed.id))


def test_the_timeline_opens_with_the_import_and_its_date(ws, imported):
    numbers, day = imported
    first = timeline.timeline(ws, "complaint", numbers["XF2026-0101"])[0]
    assert (first.text_zh, first.action, first.who) == (
        f"导入自台账“旧台账.xlsx”（导入日期 {day}，“信访件”表第2行）", "ledger.imported", "王书记")
    assert timeline.timeline(ws, "lead", numbers["XS2026-002"])[0].text_zh == (
        f"导入自台账“旧台账.xlsx”（导入日期 {day}，“问题线索”表第3行）")
    case_events = timeline.timeline(ws, "case", numbers["LA2026-001"])
    assert [e.text_zh for e in case_events] == [f"导入自台账“旧台账.xlsx”（导入日期 {day}，“案件”表第2行）"]
    with ws.reading() as s:  # the entry is the batch event itself, not a copy written per item
        detail = json.loads(s.execute(select(AuditEvent.detail_json)
                                      .where(AuditEvent.action == "import.cases")).scalar_one())
    assert detail["items"][0][:2] == [numbers["LA2026-001"], "LA2026-001"]


def test_an_imported_closed_case_keeps_its_missing_dates_and_new_stages_follow_the_rules(ws, imported):
    numbers, _ = imported
    closed = cases.get_case(ws, numbers["LA2026-001"])
    assert (closed.stage, closed.investigation_date, closed.trial_referral_date, closed.trial_concluded_date,
            closed.closing_date, closed.imported) == ("closed", None, None, None, dt.date(2026, 10, 15), True)
    open_id = numbers["LA2026-002"]
    with pytest.raises(StateError) as exc:
        cases.advance_case(ws, open_id, "closed", dt.date(2026, 11, 2))
    assert exc.value.message == ("案件 LA2026-002 处于“立案”阶段，须先进入“审查调查”阶段，"
                                 "不能跳过中间阶段直接进入“结案”阶段")
    # filed (and approved) outside the app: the next stage needs no approval here
    assert cases.advance_case(ws, open_id, "investigating", dt.date(2026, 9, 3)).stage == "investigating"
    assert [e.text_zh for e in timeline.timeline(ws, "case", open_id)][1] == "进入“审查调查”阶段（2026-09-03）"
