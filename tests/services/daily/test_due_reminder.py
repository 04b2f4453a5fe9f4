"""The 工作台 compares this month so far with the same days of last year's month; the reminder counts
(issue 14, item 12)."""
import datetime as dt

from services.casework import intake, leads
from services.casework.intake import SubjectInput
from services.deadlines import due_list
from services.reporting import dashboard

D = dt.date


def test_mid_month_counts_the_same_days_of_last_years_month_not_the_whole_month(ws, register):
    assert ws.today() == D(2026, 11, 20)   # the fixtures' day, mid-month
    for d in (D(2026, 11, 3), D(2026, 11, 20),                    # this month so far: 2
              D(2025, 11, 1), D(2025, 11, 20),                    # last year, 1st–20th: 2
              D(2025, 11, 21), D(2025, 11, 28), D(2025, 11, 30),  # later in last year's month: not compared
              D(2025, 10, 31), D(2025, 12, 1)):
        register(received_date=d, subjects=[SubjectInput(name="张三", unit="青山村")])
    received = {c.key: c for c in dashboard.headline(ws)}["complaints_received"]
    assert (received.month, received.same_month_last_year, received.change_pct) == (2, 2, 0.0)
    assert received.period == (D(2026, 11, 1), D(2026, 11, 20))
    assert received.last_period == (D(2025, 11, 1), D(2025, 11, 20))


def test_the_same_days_of_a_shorter_month_end_at_its_last_day():
    assert dashboard.same_days_last_year(D(2028, 2, 29)) == ((D(2028, 2, 1), D(2028, 2, 29)),
                                                             (D(2027, 2, 1), D(2027, 2, 28)))
    assert dashboard.same_days_last_year(D(2026, 1, 9)) == ((D(2026, 1, 1), D(2026, 1, 9)),
                                                            (D(2025, 1, 1), D(2025, 1, 9)))


def test_due_counts_split_overdue_and_due_soon(ws, register):
    v = register(received_date=D(2026, 9, 1), signature="anonymous", complainant_name=None, complainant_phone=None,
                 complainant_id_number=None, complainant_address=None)
    lead_id = intake.accept(ws, v.id, D(2026, 9, 2)).lead_id
    leads.dispose(ws, lead_id, "talk_inquiry", D(2026, 10, 15), "集体研究")   # due 11-16: overdue
    register(received_date=D(2026, 11, 2), signature="real_name")          # 受理告知 due 11-23: due soon
    rows = due_list.due_items(ws)
    assert due_list.due_counts(rows) == (1, 1)
