import datetime as dt

import chinese_calendar

from services.casework import intake, leads
from services.casework.intake import SubjectInput
from services.deadlines import due_list
from services.deadlines.rules import DueStatus
from services.deadlines import holiday_schedule
from services.deadlines.workdays import unknown_year_warning
from services.reporting import dashboard
from services.storage import settings

D = dt.date


def _notice(ws, complaint_id, today=None):
    rows = due_list.due_items(ws, today, include_ok=True)
    return next(r for r in rows if r.item_type == "complaint" and r.item_id == complaint_id
                and r.limit_code == "acceptance_notice")


def test_acceptance_notice_counts_working_days_over_national_day(ws, register):
    v = register(received_date=D(2026, 9, 29))
    due = _notice(ws, v.id).due
    # Count the 15 working days by hand from the official calendar (holidays and the 10-10 调休 Saturday).
    day, n = D(2026, 9, 29), 0
    while n < 15:
        day += dt.timedelta(days=1)
        n += chinese_calendar.is_workday(day)
    assert due == day == D(2026, 10, 26)
    row = _notice(ws, v.id)
    assert row.status is DueStatus.OVERDUE and row.status.label == "已超期" and "已超期" in row.message
    intake.accept(ws, v.id, D(2026, 9, 30))
    intake.record_acceptance_notice(ws, v.id, D(2026, 10, 9), "phone", "李登记")
    assert not [r for r in due_list.due_items(ws) if r.item_id == v.id and r.item_type == "complaint"]


def test_due_soon_and_a_holiday_override_that_moves_a_deadline(ws, register):
    soon = register(received_date=D(2026, 11, 3))     # due 11-24: within 3 working days of Fri 11-20
    later = register(received_date=D(2026, 11, 4))    # due 11-25: outside the window
    repeat = register(received_date=D(2026, 11, 4), is_repeat=True, original_id=soon.id)
    assert _notice(ws, soon.id).due == D(2026, 11, 24) and _notice(ws, soon.id).status.label == "即将到期"
    assert _notice(ws, later.id).status is DueStatus.OK
    listed = [(r.item_id, r.status) for r in due_list.due_items(ws)]
    assert (soon.id, DueStatus.DUE_SOON) in listed and later.id not in [i for i, _ in listed]
    assert repeat.id not in [i for i, _ in listed]  # a repeat gets no acceptance notice
    due_list.set_holiday_override(ws, D(2026, 11, 23), False, "镇里调休")
    assert _notice(ws, soon.id).due == D(2026, 11, 25)
    with ws.transaction() as s:
        settings.put(s, settings.DEADLINE_OVERRIDES, {"acceptance_notice": 10})
    assert _notice(ws, soon.id).due == D(2026, 11, 17) and _notice(ws, soon.id).status is DueStatus.OVERDUE


def test_calendar_warning_for_a_year_not_yet_published(ws):
    # the fixture's assumption: schedules are published up to 2026; the next three months reach 2027
    assert due_list.calendar_warnings(ws) == [unknown_year_warning(2027)]
    due_list.set_holiday_override(ws, D(2027, 2, 6), True, "春节调休上班")
    assert due_list.calendar_warnings(ws) == [unknown_year_warning(2027)]  # one day is not the whole schedule
    holiday_schedule.mark_complete(ws, 2027)
    assert due_list.calendar_warnings(ws) == []


def test_lead_limit_and_sanction_effect_end_are_listed(ws, register):
    v = register(received_date=D(2026, 9, 1), signature="anonymous", complainant_name=None, complainant_phone=None,
                 complainant_id_number=None, complainant_address=None)
    lead_id = intake.accept(ws, v.id, D(2026, 9, 2)).lead_id
    leads.dispose(ws, lead_id, "talk_inquiry", D(2026, 10, 15), "集体研究")
    row = next(r for r in due_list.due_items(ws) if r.item_type == "lead")
    assert row.label == "谈话函询办理" and row.due == D(2026, 11, 16) and row.status is DueStatus.OVERDUE


def test_dashboard_month_against_same_month_last_year(ws, register):
    for d in (D(2026, 11, 2), D(2026, 11, 18), D(2026, 10, 9), D(2025, 11, 5), D(2025, 10, 30)):
        register(received_date=d, subjects=[SubjectInput(name="张三", unit="青山村")])
    counters = {c.key: c for c in dashboard.headline(ws)}
    received = counters["complaints_received"]
    assert (received.month, received.same_month_last_year, received.change_pct) == (2, 1, 100.0)
    assert counters["cases_filed"].change_pct is None and received.label_zh == "收到信访举报（件）"
    trend = dashboard.trend(ws)
    assert len(trend) == 12 and trend[0][0] == "2025-12" and trend[-1] == ("2026-11", 2, 0, 0)
    assert dict((m, c) for m, c, _, _ in trend)["2026-10"] == 1
