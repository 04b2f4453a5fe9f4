"""Several desks on one database (issue 13): a save over someone else's newer save is refused with a
message naming who changed the record and when; nothing of the later save is written, and after
reopening the record the later desk saves. On SQLite (two workspaces on the one file) and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt

import pytest

from models import Lead
from services.casework import leads
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput
from services.errors import ConcurrentEditError
from services.security import users
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.second_desk import second_desk

pytestmark = pytest.mark.both_db  # on SQLite and on PostgreSQL (tests/conftest.py --db)

D = dt.date
KEEP = "请关闭后重新打开再改（您的输入仍保留在表单中）"


@pytest.fixture
def desk_b(ws, today):
    """A second desk on the same database, signed in as 李干部 (an officer)."""
    with second_desk(ws, today, "li", "李干部", ["officer"]) as other:
        yield other


def _lead(ws) -> leads.LeadView:
    return leads.create_lead(ws, LeadInput(source="supervision_found", received_date=D(2026, 10, 8),
                                           summary="反映某村干部优亲厚友", persons=[PersonInput(name="张三")]))


def _changed_at(ws, lead_id: int) -> str:
    with ws.reading() as s:
        return f"{s.get(Lead, lead_id).updated_at.astimezone():%Y-%m-%d %H:%M}"


def test_the_later_of_two_saves_from_one_loaded_version_is_refused_naming_who_and_when(ws, desk_b):
    lead = _lead(ws)
    seen_by_a = leads.get_lead(ws, lead.id)
    seen_by_b = leads.get_lead(desk_b, lead.id)
    assert seen_by_a.version == seen_by_b.version == 1

    saved = leads.dispose(ws, lead.id, "talk_inquiry", D(2026, 10, 9), "纪委会议集体研究",
                          expected_version=seen_by_a.version)
    assert saved.version == 2
    with pytest.raises(ConcurrentEditError) as refused:
        leads.dispose(desk_b, lead.id, "closed", D(2026, 10, 10), "李干部的研究意见",
                      expected_version=seen_by_b.version)
    assert str(refused.value) == f"线索 {lead.number} 已于 {_changed_at(ws, lead.id)} 由 王书记 修改，{KEEP}"
    now = leads.get_lead(desk_b, lead.id)   # B's save wrote nothing
    assert (now.disposition, now.collective_note, now.version) == ("talk_inquiry", "纪委会议集体研究", 2)


def test_after_reopening_the_later_desk_saves_and_the_first_is_refused_in_turn(ws, desk_b):
    lead = _lead(ws)
    leads.dispose(ws, lead.id, "talk_inquiry", D(2026, 10, 9), "纪委会议集体研究", expected_version=1)
    reopened = leads.get_lead(desk_b, lead.id)
    concluded = leads.conclude_lead(desk_b, lead.id, "concluded", D(2026, 10, 20), "函询后了结",
                                    expected_version=reopened.version)
    assert (concluded.result, concluded.version) == ("concluded", 3)
    with pytest.raises(ConcurrentEditError) as refused:
        leads.conclude_lead(ws, lead.id, "clarified", D(2026, 10, 21), "", expected_version=2)
    assert str(refused.value) == f"线索 {lead.number} 已于 {_changed_at(ws, lead.id)} 由 李干部 修改，{KEEP}"


def test_a_save_without_a_loaded_version_is_not_checked(ws, desk_b):
    lead = _lead(ws)
    leads.dispose(ws, lead.id, "talk_inquiry", D(2026, 10, 9), "纪委会议集体研究")
    assert leads.get_lead(desk_b, lead.id).version == 2


def test_a_complaint_edited_on_two_desks_keeps_the_first_save(ws, desk_b):
    from dataclasses import replace

    from models import Complaint
    from services.casework import intake
    from tests.services.daily.conftest import complaint_input

    users.login(desk_b, "wang", ADMIN_PASSWORD)   # registering needs complaint.register
    first = intake.register_complaint(ws, complaint_input())
    seen = intake.get_complaint(desk_b, first.id).version
    data = replace(complaint_input(), main_problem="王书记改的问题")
    assert intake.update_complaint(ws, first.id, data, expected_version=first.version).version == first.version + 1
    with pytest.raises(ConcurrentEditError) as refused:
        intake.update_complaint(desk_b, first.id, replace(data, main_problem="另一处改的问题"), expected_version=seen)
    with ws.reading() as s:
        when = f"{s.get(Complaint, first.id).updated_at.astimezone():%Y-%m-%d %H:%M}"
    assert str(refused.value) == f"信访件 {first.number} 已于 {when} 由 王书记 修改，{KEEP}"
    assert intake.get_complaint(desk_b, first.id).main_problem == "王书记改的问题"
