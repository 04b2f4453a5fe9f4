"""Two desks making the very first row of a period's 月报 at the same moment (issue 13, several writers).

The race: desk B's save reads the period (no row yet), desk A's save inserts the row and commits, then
B inserts too. B is refused with the message naming A and when (as any save over a newer one), nothing
of B's is written, A's save is intact; B reloads and saves.

On PostgreSQL the race is run as it happens: A's whole save runs and commits between B's read and B's
INSERT. On SQLite it cannot happen (a writing transaction holds the file's one write lock from its first
read, so A's save would wait for B's): A saves first and B's read is the one it would have made just
before, which found no row. Both backends then meet the same INSERT refused by the unique period.
"""
from __future__ import annotations

import pytest

from models import MonthlyReport
from services.errors import ConcurrentEditError, StateError
from services.reporting import monthly_report
from services.security import audit
from services.storage.record_versions import KEEP

pytestmark = pytest.mark.both_db

PERIOD = "2026-10"


def _race(monkeypatch, ws, desk, a_saves) -> None:
    """``desk``'s next read of the period's row runs ``a_saves()`` (another desk's write, committed) right
    after it on PostgreSQL; on SQLite ``a_saves()`` runs now and that read finds no row."""
    read = monthly_report._report
    on_server = ws.engine.dialect.name == "postgresql"
    armed = [True]
    if not on_server:
        a_saves()

    def b_reads(session, period):
        row = read(session, period)
        if armed[0] and session.get_bind().engine is desk.engine:
            armed[0] = False
            if on_server:
                assert row is None
                a_saves()
            else:
                row = None
        return row

    monkeypatch.setattr(monthly_report, "_report", b_reads)


def _events(ws, action: str) -> list[str]:
    with ws.reading() as s:
        return [e.action for e in audit.events_for(s, "monthly_report", PERIOD) if e.action == action]


def test_the_second_desk_making_the_first_draft_at_the_same_moment_is_refused_naming_the_first(
        ws, desk_b, monkeypatch):
    seen_a, seen_b = monthly_report.draft_version(ws, PERIOD), monthly_report.draft_version(desk_b, PERIOD)
    assert seen_a == seen_b == 0
    _race(monkeypatch, ws, desk_b, lambda: monthly_report.save_draft(
        ws, PERIOD, "本月受理信访举报3件。", {"preparer": "王书记"}, expected_version=seen_a))

    with pytest.raises(ConcurrentEditError) as refused:
        monthly_report.save_draft(desk_b, PERIOD, "李副书记写的说明。", {"phone": "0571-88886666"},
                                  expected_version=seen_b)
    with ws.reading() as s:
        at = s.query(MonthlyReport.updated_at).filter_by(period=PERIOD).scalar()
    assert str(refused.value) == f"2026年10月月报的情况说明和表尾已于 {at.astimezone():%Y-%m-%d %H:%M} 由 王书记 修改，{KEEP}"

    doc = monthly_report.build_document(desk_b, PERIOD)   # A's save intact, nothing of B's
    assert (doc["narrative"], doc["footer"]["preparer"], doc["footer"]["phone"]) == ("本月受理信访举报3件。", "王书记", "")
    assert monthly_report.draft_version(desk_b, PERIOD) == 1
    assert _events(ws, "report.edit") == ["report.edit"]
    # reloaded, B's save goes through
    assert monthly_report.save_draft(desk_b, PERIOD, "李副书记写的说明。", expected_version=1) == 2
    assert monthly_report.build_document(ws, PERIOD)["narrative"] == "李副书记写的说明。"


def test_the_second_desk_finalizing_a_period_with_no_row_at_the_same_moment_is_told_it_is_finalized(
        ws, desk_b, monkeypatch):
    _race(monkeypatch, ws, desk_b, lambda: monthly_report.finalize(ws, PERIOD, "王书记定稿"))

    with pytest.raises(StateError) as refused:
        monthly_report.finalize(desk_b, PERIOD, "李副书记定稿")
    assert str(refused.value) == "2026年10月月报第 1 版已经定稿，不能重复定稿；如需修改，请先办理“更正”"
    assert [(r.revision, r.note) for r in monthly_report.revisions(desk_b, PERIOD)] == [(1, "王书记定稿")]
    assert _events(ws, "report.finalize") == ["report.finalize"]
