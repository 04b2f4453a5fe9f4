"""回访教育 (DOMAIN §9): a visit due 回访提前天数 before the effect period ends, on the due list until one is
recorded; the visit within the effect period; the timeline; the setting declared once."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from models import FollowUpVisit
from services.casework import follow_ups, measures, timeline
from services.deadlines import due_list
from services.errors import PermissionDenied, ValidationError
from services.storage import settings
from tests.conftest import sign_in_as
from tests.helpers.sanction_case import open_case

D = dt.date


@pytest.fixture
def warning(ws):
    """党纪警告 decided 2025-12-20: the effect period ends 2026-12-20, the visit is due 2026-11-20 (30 days)."""
    c = open_case(ws, filing_date=D(2025, 11, 3))
    return measures.add_measure(ws, person_id=c.persons[0].id, category="party_sanction", kind="party_warning",
                                decision_date=D(2025, 12, 20))


def _rows(ws, case_id: int, today: dt.date | None = None, include_ok: bool = False):
    return [(r.item_number, r.label, r.due, r.status.value) for r in due_list.due_items(ws, today, include_ok=include_ok)
            if r.item_id == case_id and r.limit_code == "follow_up"]


def test_the_setting_is_declared_once_with_a_default_of_30_days(ws):
    spec = settings.spec("deadlines.follow_up_lead_days")
    assert (spec.type, spec.default, spec.label, spec.minimum, spec.maximum) == (
        int, 30, "回访提前天数（影响期届满前）", 1, 150)
    assert follow_ups.follow_up_plan(ws, measures.add_measure(
        ws, person_id=open_case(ws).persons[0].id, category="party_sanction", kind="party_warning",
        decision_date=D(2026, 4, 1)).id).due == D(2027, 3, 2)


def test_the_visit_is_due_before_the_effect_period_ends_and_overdue_after(ws, warning):
    assert warning.effect_end == D(2026, 12, 20)
    row = ("LA2025-0001 王五", "回访教育", D(2026, 11, 20))
    assert _rows(ws, warning.case_id, D(2026, 11, 17)) == []                       # the 4th working day from today
    assert _rows(ws, warning.case_id, D(2026, 11, 18)) == [(*row, "due_soon")]     # the 3rd, today counted
    assert _rows(ws, warning.case_id, D(2026, 11, 20)) == [(*row, "due_soon")]     # the due day
    assert _rows(ws, warning.case_id, D(2026, 11, 21)) == [(*row, "overdue")]
    assert _rows(ws, warning.case_id, D(2026, 12, 20)) == [(*row, "overdue")]      # the period's last day
    assert _rows(ws, warning.case_id, D(2026, 12, 21)) == []                       # the period is over
    assert _rows(ws, warning.case_id, D(2026, 1, 5), include_ok=True) == [(*row, "ok")]


def test_the_setting_moves_the_due_date(ws, warning):
    settings.update(ws, {"deadlines.follow_up_lead_days": 60})
    assert _rows(ws, warning.case_id, D(2026, 11, 20)) == [("LA2025-0001 王五", "回访教育", D(2026, 10, 21), "overdue")]
    with pytest.raises(ValidationError):
        settings.update(ws, {"deadlines.follow_up_lead_days": 0})


def test_a_recorded_visit_takes_it_off_the_due_list(ws, warning):
    assert len(_rows(ws, warning.case_id)) == 1
    v = follow_ups.record_visit(ws, warning.id, visit_date=D(2026, 11, 18), form="home_visit", by_whom="李明、张华",
                                note="思想稳定，工作积极")
    assert (v.visit_date, v.form_label, v.by_whom, v.note) == (D(2026, 11, 18), "上门回访", "李明、张华", "思想稳定，工作积极")
    assert _rows(ws, warning.case_id) == []
    plan = follow_ups.follow_up_plan(ws, warning.id)
    assert (plan.person_name, plan.kind_label, plan.effect_end, plan.due, [x.id for x in plan.visits]) == (
        "王五", "党纪警告", D(2026, 12, 20), D(2026, 11, 20), [v.id])
    assert timeline.timeline(ws, "case", warning.case_id)[-1].text_zh == \
        "对王五回访教育（2026-11-18）：上门回访，回访人 李明、张华"


def test_the_visit_falls_within_the_effect_period(ws):
    c = open_case(ws, filing_date=D(2025, 4, 1))
    m = measures.add_measure(ws, person_id=c.persons[0].id, category="government_sanction", kind="gov_warning",
                             decision_date=D(2026, 5, 10))
    assert m.effect_end == D(2026, 11, 10)
    with pytest.raises(ValidationError) as exc:
        follow_ups.record_visit(ws, m.id, visit_date=D(2026, 11, 11), form="talk", by_whom="李明")
    assert (exc.value.field, exc.value.message) == (
        "visit_date", "回访日期（2026-11-11）不能晚于影响期届满日（2026-11-10），回访教育应在影响期内进行")
    with pytest.raises(ValidationError) as exc:
        follow_ups.record_visit(ws, m.id, visit_date=D(2026, 5, 9), form="talk", by_whom="李明")
    assert exc.value.message == "回访日期（2026-05-09）不能早于处分决定日期（2026-05-10）"
    with pytest.raises(ValidationError) as exc:
        follow_ups.record_visit(ws, m.id, visit_date=D(2026, 11, 10), form="talk", by_whom=" ")
    assert (exc.value.field, exc.value.message) == ("by_whom", "请填写回访人")
    with pytest.raises(ValidationError) as exc:
        follow_ups.record_visit(ws, m.id, visit_date=D(2026, 11, 10), form="letter", by_whom="李明")
    assert (exc.value.field, exc.value.message) == ("form", "请选择回访形式")
    with ws.reading() as s:
        assert s.scalar(select(func.count()).select_from(FollowUpVisit)) == 0
    assert follow_ups.record_visit(ws, m.id, visit_date=D(2026, 11, 10), form="talk", by_whom="李明").form_label == \
        "谈心谈话"   # the period's last day


def test_a_measure_without_an_effect_period_owes_no_visit(ws):
    c = open_case(ws)
    m = measures.add_measure(ws, person_id=c.persons[0].id, category="handling", kind="criticism",
                             decision_date=D(2026, 10, 1))
    assert follow_ups.follow_up_plan(ws, m.id).due is None
    with pytest.raises(ValidationError) as exc:
        follow_ups.record_visit(ws, m.id, visit_date=D(2026, 10, 2), form="talk", by_whom="李明")
    assert exc.value.message == "“批评教育”没有影响期，无需回访教育"
    assert _rows(ws, c.id, include_ok=True) == []


def test_permissions_like_measures(ws, warning):
    sign_in_as(ws, "clerk1", ["clerk"])
    with pytest.raises(PermissionDenied):
        follow_ups.record_visit(ws, warning.id, visit_date=D(2026, 11, 18), form="phone", by_whom="李明")
    with pytest.raises(PermissionDenied):
        follow_ups.follow_up_plan(ws, warning.id)
