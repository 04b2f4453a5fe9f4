"""Several desks on one database (issue 13): the complaint's actions (受理, 不予受理, 转办, 上报, 办结) take
the complaint's version the form loaded. An action from a form loaded before another desk's change is
refused with the message naming that desk's user and the time, and changes nothing.
On SQLite (two workspaces on one file) and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest

from models import Complaint, Lead, Referral
from services.casework import intake
from services.errors import ConcurrentEditError
from services.security import audit
from services.storage.record_versions import KEEP
from tests.services.daily.conftest import complaint_input

pytestmark = pytest.mark.both_db

D = dt.date


def _refusal(ws, complaint_id: int, number: str) -> str:
    with ws.reading() as s:
        at = s.get(Complaint, complaint_id).updated_at
    return f"信访件 {number} 已于 {at.astimezone():%Y-%m-%d %H:%M} 由 王书记 修改，{KEEP}"


def _actions(ws, complaint_id: int) -> list[str]:
    with ws.reading() as s:
        return [e.action for e in audit.events_for(s, "complaint", complaint_id)]


def test_accepted_on_desk_a_the_not_accept_of_desk_b_from_the_same_load_is_refused_naming_a(ws, desk_b):
    v = intake.register_complaint(ws, complaint_input())
    seen_a, seen_b = intake.get_complaint(ws, v.id).version, intake.get_complaint(desk_b, v.id).version
    assert seen_a == seen_b
    accepted = intake.accept(ws, v.id, D(2026, 11, 3), expected_version=seen_a)
    assert accepted.state == "accepted" and accepted.version > seen_a
    events = _actions(ws, v.id)

    with pytest.raises(ConcurrentEditError) as refused:
        intake.not_accept(desk_b, v.id, D(2026, 11, 4), "不属于受理范围", expected_version=seen_b)
    assert str(refused.value) == _refusal(ws, v.id, v.number)

    now = intake.get_complaint(desk_b, v.id)   # nothing of the refused action is written
    assert (now.state, now.state_reason, now.state_date, now.version) == ("accepted", "", D(2026, 11, 3),
                                                                         accepted.version)
    assert _actions(ws, v.id) == events
    with ws.reading() as s:
        assert s.query(Lead).filter_by(complaint_id=v.id).count() == 1
    # reloaded, desk B's next action goes through
    sent = intake.report_up(desk_b, v.id, D(2026, 11, 4), "属上级管辖", expected_version=now.version)
    assert (sent.state, sent.version) == ("reported_up", now.version + 1)


@pytest.mark.parametrize("action", ["accept", "not_accept", "transfer", "report_up", "conclude"])
def test_every_action_from_a_form_loaded_before_another_desks_save_is_refused(ws, desk_b, action):
    v = intake.register_complaint(ws, complaint_input(kind="suggestion"))
    if action == "conclude":
        v = intake.accept(ws, v.id, D(2026, 11, 3))
    seen_b = v.version
    edit = complaint_input(kind="suggestion", main_problem="建议公开村务", keep_identity=True, complainant_name="",
                           complainant_phone="", complainant_id_number="", complainant_address="")
    changed = intake.update_complaint(ws, v.id, edit, expected_version=v.version)
    calls = {
        "accept": lambda: intake.accept(desk_b, v.id, D(2026, 11, 4), expected_version=seen_b),
        "not_accept": lambda: intake.not_accept(desk_b, v.id, D(2026, 11, 4), "重复", expected_version=seen_b),
        "transfer": lambda: intake.transfer(desk_b, v.id, D(2026, 11, 4), "县民政局", expected_version=seen_b),
        "report_up": lambda: intake.report_up(desk_b, v.id, D(2026, 11, 4), expected_version=seen_b),
        "conclude": lambda: intake.conclude(desk_b, v.id, D(2026, 11, 4), "已答复", expected_version=seen_b),
    }
    with pytest.raises(ConcurrentEditError) as refused:
        calls[action]()
    assert str(refused.value) == _refusal(ws, v.id, v.number)
    now = intake.get_complaint(desk_b, v.id)
    assert (now.state, now.main_problem, now.version) == (v.state, "建议公开村务", changed.version)
    with ws.reading() as s:
        assert s.query(Referral).filter_by(complaint_id=v.id).count() == 0
