"""处分执行 (DOMAIN §3, §9): 宣布, delivery, 档案 filing and execution items — their order on the edges, the
one-month 宣布 limit on the due list (against 宣布, not 结案), the timeline, permissions."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from models import ExecutionStep, SanctionExecution
from services.casework import execution, follow_ups, measures, timeline
from services.deadlines import due_list
from services.errors import PermissionDenied, ValidationError
from tests.conftest import sign_in_as
from tests.helpers.sanction_case import close_case, open_case
from tests.helpers.outside_sql import run_cli_on
from tests.services.audit_attack import attack

D = dt.date


@pytest.fixture
def sanction(ws):
    c = open_case(ws)
    return measures.add_measure(ws, person_id=c.persons[0].id, category="party_sanction", kind="party_serious_warning",
                                decision_date=D(2026, 10, 12), document_number="青纪发〔2026〕7号")


def _announce_rows(ws, case_id: int, today: dt.date | None = None):
    return [(r.item_number, r.label, r.due, r.status.value) for r in due_list.due_items(ws, today, include_ok=True)
            if r.item_id == case_id and r.limit_code == "execution"]


def test_dates_keep_the_order_of_the_work(ws, sanction):
    with pytest.raises(ValidationError) as exc:
        execution.record_execution(ws, sanction.id, announced_date=D(2026, 10, 11))
    assert (exc.value.field, exc.value.message) == (
        "announced_date", "宣布日期（2026-10-11）不能早于处分决定日期（2026-10-12）")
    with pytest.raises(ValidationError) as exc:
        execution.record_execution(ws, sanction.id, delivered_date=D(2026, 10, 20))
    assert (exc.value.field, exc.value.message) == ("delivered_date", "请先登记宣布日期，再登记送达日期")
    with pytest.raises(ValidationError) as exc:
        execution.record_execution(ws, sanction.id, announced_date=D(2026, 11, 21))
    assert exc.value.message == "宣布日期不能晚于今天（2026-11-20）"
    with ws.reading() as s:
        assert s.scalar(select(func.count()).select_from(SanctionExecution)) == 0

    assert execution.execution_of(ws, sanction.id).announce_due == D(2026, 11, 12)   # as on the due list
    v = execution.record_execution(ws, sanction.id, announced_date=D(2026, 10, 12))   # the decision's day
    assert (v.announced_date, v.delivered_date, v.filed_date) == (D(2026, 10, 12), None, None)
    with pytest.raises(ValidationError) as exc:
        execution.record_execution(ws, sanction.id, delivered_date=D(2026, 10, 11))
    assert exc.value.message == "送达日期（2026-10-11）不能早于宣布日期（2026-10-12）"
    v = execution.record_execution(ws, sanction.id, delivered_date=D(2026, 10, 13), filed_date=D(2026, 10, 30),
                                   note="当面宣布并送达")
    assert (v.announced_date, v.delivered_date, v.filed_date, v.note) == (
        D(2026, 10, 12), D(2026, 10, 13), D(2026, 10, 30), "当面宣布并送达")
    with pytest.raises(ValidationError) as exc:       # a corrected 宣布 may not pass the delivery
        execution.record_execution(ws, sanction.id, announced_date=D(2026, 10, 14))
    assert (exc.value.field, exc.value.message) == ("announced_date", "宣布日期（2026-10-14）不能晚于已登记的送达日期（2026-10-13）")
    assert execution.execution_of(ws, sanction.id).announced_date == D(2026, 10, 12)


def test_execution_items_after_announcement(ws, sanction):
    with pytest.raises(ValidationError) as exc:
        execution.add_step(ws, sanction.id, item="post", done_date=D(2026, 10, 20))
    assert (exc.value.field, exc.value.message) == ("item", "请先登记宣布日期，再登记执行事项")
    execution.record_execution(ws, sanction.id, announced_date=D(2026, 10, 15))
    with pytest.raises(ValidationError) as exc:
        execution.add_step(ws, sanction.id, item="pay", done_date=D(2026, 10, 14))
    assert exc.value.message == "执行日期（2026-10-14）不能早于宣布日期（2026-10-15）"
    with pytest.raises(ValidationError) as exc:
        execution.add_step(ws, sanction.id, item="", done_date=D(2026, 10, 20))
    assert exc.value.message == "请选择执行事项"
    with pytest.raises(ValidationError) as exc:
        execution.add_step(ws, sanction.id, item="other", done_date=D(2026, 10, 20))
    assert (exc.value.field, exc.value.message) == ("note", "执行事项为“其他”时，请在说明中写明执行了什么")
    execution.add_step(ws, sanction.id, item="pay", done_date=D(2026, 11, 1), note="自11月起调整工资档次")
    v = execution.add_step(ws, sanction.id, item="post", done_date=D(2026, 10, 15), note="免去财政所会计职务")
    assert [(x.item_label, x.done_date, x.note) for x in v.steps] == [
        ("职务调整", D(2026, 10, 15), "免去财政所会计职务"), ("工资待遇调整", D(2026, 11, 1), "自11月起调整工资档次")]


def test_only_a_sanction_of_a_case_is_executed(ws):
    c = open_case(ws)
    talk = measures.add_measure(ws, person_id=c.persons[0].id, category="handling", kind="admonishment",
                                decision_date=D(2026, 10, 12))
    with pytest.raises(ValidationError) as exc:
        execution.record_execution(ws, talk.id, announced_date=D(2026, 10, 12))
    assert exc.value.message == "“诫勉”不是党纪处分或政务处分，无需登记处分执行"


def test_announcement_is_due_a_month_after_the_decision_whether_or_not_the_case_is_closed(ws, sanction):
    label = "处分决定宣布执行"
    assert _announce_rows(ws, sanction.case_id, D(2026, 11, 11)) == [
        ("LA2026-0001 王五", label, D(2026, 11, 12), "due_soon")]
    assert _announce_rows(ws, sanction.case_id, D(2026, 11, 13)) == [
        ("LA2026-0001 王五", label, D(2026, 11, 12), "overdue")]
    close_case(ws, sanction.case_id, D(2026, 11, 16))     # 结案 does not meet the 宣布 limit
    assert _announce_rows(ws, sanction.case_id) == [("LA2026-0001 王五", label, D(2026, 11, 12), "overdue")]
    execution.record_execution(ws, sanction.id, announced_date=D(2026, 11, 17))
    assert _announce_rows(ws, sanction.case_id) == []


def test_handling_measures_owe_no_announcement(ws):
    c = open_case(ws)
    measures.add_measure(ws, person_id=c.persons[0].id, category="handling", kind="criticism",
                         decision_date=D(2026, 10, 1))
    assert _announce_rows(ws, c.id) == []


def test_timeline_shows_each_step(ws, sanction):
    execution.record_execution(ws, sanction.id, announced_date=D(2026, 10, 14))
    execution.record_execution(ws, sanction.id, announced_date=D(2026, 10, 13), delivered_date=D(2026, 10, 15),
                               filed_date=D(2026, 10, 30))
    execution.add_step(ws, sanction.id, item="post", done_date=D(2026, 10, 16), note="免去会计职务")
    texts = [e.text_zh for e in timeline.timeline(ws, "case", sanction.case_id)]
    assert texts[-5:] == [
        "宣布对王五的党纪严重警告决定（2026-10-14）",
        "宣布对王五的党纪严重警告决定（2026-10-13），原登记为2026-10-14",
        "向王五送达党纪严重警告决定书（2026-10-15）",
        "王五的党纪严重警告决定材料归入档案（2026-10-30）",
        "执行对王五的党纪严重警告：职务调整（2026-10-16），免去会计职务",
    ]


def test_permissions_like_measures(ws, sanction):
    sign_in_as(ws, "clerk1", ["clerk"])
    with pytest.raises(PermissionDenied):
        execution.record_execution(ws, sanction.id, announced_date=D(2026, 10, 14))
    with pytest.raises(PermissionDenied):
        execution.add_step(ws, sanction.id, item="post", done_date=D(2026, 10, 16))
    sign_in_as(ws, "officer1", ["officer"])
    assert execution.record_execution(ws, sanction.id, announced_date=D(2026, 10, 14)).announced_date == D(2026, 10, 14)
    with ws.reading() as s:
        assert s.scalar(select(func.count()).select_from(ExecutionStep)) == 0


@pytest.mark.both_db
def test_a_backdated_announcement_or_visit_in_the_file_is_named_by_check_deep(ws, sanction, capsys):
    execution.record_execution(ws, sanction.id, announced_date=D(2026, 11, 16))          # late: due 11-12
    execution.add_step(ws, sanction.id, item="post", done_date=D(2026, 11, 17), note="免去会计职务")
    visit = follow_ups.record_visit(ws, sanction.id, visit_date=D(2026, 11, 18), form="phone", by_whom="李明、张华")
    with ws.reading() as s:
        exec_id = s.scalar(select(SanctionExecution.id))
        step_id = s.scalar(select(ExecutionStep.id))
    # The attacker moves the 宣布 into the month, the execution item to another day, the phone call to a home visit.
    attack(ws, f"UPDATE sanction_executions SET announced_date = '2026-11-10' WHERE id = {exec_id}",
           f"UPDATE execution_steps SET done_date = '2026-11-16' WHERE id = {step_id}",
           f"UPDATE follow_up_visits SET form = 'home_visit' WHERE id = {visit.id}")
    code, text = run_cli_on(capsys, ws, "check", "--deep")
    assert code == 1
    for name, table, row in (("处分执行记录", "sanction_executions", exec_id), ("执行事项", "execution_steps", step_id),
                             ("回访记录", "follow_up_visits", visit.id)):
        assert f"{name}（{table} #{row}）：内容与审计日志记录的不一致（在程序外被修改）" in text
