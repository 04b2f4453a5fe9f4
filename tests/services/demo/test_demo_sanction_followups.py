"""The demo's 处分执行 and 回访教育 follow each sanction: the order of the dates, within the demo's end and the
effect period, checked by the services' own rules; and the due list shows the few left open."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import ExecutionStep, FollowUpVisit, Measure, Person, SanctionExecution
from models.enums import ExecutionItem, FollowUpForm
from services import demo
from services.casework import follow_ups, sanction_rules, timeline
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


def test_a_demo_case_timeline_shows_its_execution_and_visits(generated):
    """The demo writes these rows in bulk (no event of their own): the case's timeline lists each, in date order,
    and a visit recorded through the service afterwards is listed once (its own event)."""
    ws, _summary = generated
    with ws.reading() as s:
        m, e = s.execute(select(Measure, SanctionExecution).join(SanctionExecution, SanctionExecution.measure_id == Measure.id)
                         .where(SanctionExecution.delivered_date.is_not(None), SanctionExecution.filed_date.is_not(None),
                                Measure.id.in_(select(ExecutionStep.measure_id)),
                                Measure.id.in_(select(FollowUpVisit.measure_id)))
                         .order_by(Measure.id)).first()
        person, label = s.get(Person, m.person_id).name, sanction_rules.label_of(m.kind)
        step = s.execute(select(ExecutionStep).where(ExecutionStep.measure_id == m.id)).scalars().first()
        visit = s.execute(select(FollowUpVisit).where(FollowUpVisit.measure_id == m.id)).scalars().first()
        case_id, measure_id, effect_end = m.case_id, m.id, m.effect_end
        dates = (e.announced_date, e.delivered_date, e.filed_date, step.done_date, step.item, step.note, visit.visit_date,
                 FollowUpForm(visit.form).label, visit.by_whom)
    announced, delivered, filed, done, item, note, visited, how, by = dates
    events = timeline.timeline(ws, "case", case_id)
    texts = [ev.text_zh for ev in events]
    for text in (f"宣布对{person}的{label}决定（{announced.isoformat()}）",
                 f"向{person}送达{label}决定书（{delivered.isoformat()}）",
                 f"{person}的{label}决定材料归入档案（{filed.isoformat()}）",
                 f"执行对{person}的{label}：{ExecutionItem(item).label}（{done.isoformat()}）" + (f"，{note}" if note else ""),
                 f"对{person}回访教育（{visited.isoformat()}）：{how}，回访人 {by}"):
        assert texts.count(text) == 1, text
    assert [ev.who for ev in events if ev.action == "measure.follow_up"][:1] == [by]
    assert [ev.at for ev in events] == sorted(ev.at for ev in events)

    later = min(END, effect_end)
    follow_ups.record_visit(ws, measure_id, visit_date=later, form="phone", by_whom="李四、赵六")
    texts = [ev.text_zh for ev in timeline.timeline(ws, "case", case_id)]
    assert texts.count(f"对{person}回访教育（{later.isoformat()}）：电话回访，回访人 李四、赵六") == 1
