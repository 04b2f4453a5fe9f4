"""The demo's 处分执行 and 回访教育 follow each sanction: the order of the dates, within the demo's end and the
effect period, checked by the services' own rules; and the due list shows the few left open."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import ExecutionStep, FollowUpVisit, Measure, SanctionExecution
from services import demo
from services.deadlines import due_list
from services.deadlines.rules import follow_up_due
from tests.helpers.demo_ws import demo_township

END = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    ws = demo_township(tmp_path_factory.mktemp("demo_followups") / "data", END)
    summary = demo.generate_demo(ws, complaints=1500, end=END)
    yield ws, summary
    ws.close()


def test_each_announced_sanction_in_order_and_the_visits_within_the_effect_period(generated):
    ws, summary = generated
    with ws.reading() as s:
        sanctions = {m.id: m for m in s.execute(select(Measure).where(Measure.category != "handling")).scalars()}
        executions = s.execute(select(SanctionExecution)).scalars().all()
        steps = s.execute(select(ExecutionStep)).scalars().all()
        visits = s.execute(select(FollowUpVisit)).scalars().all()
        assert (summary.sanction_executions, summary.execution_steps, summary.follow_up_visits) == (
            len(executions), len(steps), len(visits))
        assert len(executions) > 20 and steps and visits
        announced = {}
        for e in executions:
            m = sanctions[e.measure_id]
            assert m.case_id is not None and m.decision_date <= e.announced_date <= END
            assert e.delivered_date is None or e.announced_date <= e.delivered_date <= END
            assert e.filed_date is None or e.announced_date <= e.filed_date <= END
            announced[m.id] = e.announced_date
        for st in steps:
            assert announced[st.measure_id] <= st.done_date <= END and st.item in ("post", "pay")
        for v in visits:
            m = sanctions[v.measure_id]
            assert m.effect_end is not None and m.decision_date <= v.visit_date <= min(m.effect_end, END)
            assert v.visit_date <= follow_up_due(m.effect_end, 30) and len(v.by_whom.split("、")) == 2


def test_the_due_list_shows_the_few_open_ones(generated):
    ws, _summary = generated
    rows = due_list.due_items(ws, END)
    announce = [r for r in rows if r.limit_code == "execution"]
    visits = [r for r in rows if r.limit_code == "follow_up"]
    with ws.reading() as s:
        open_sanctions = len(s.execute(select(Measure.id).where(Measure.effect_end >= END)).all())
    assert len(announce) < 15 and len(visits) < open_sanctions
