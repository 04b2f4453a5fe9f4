"""intake.check_new_complaint: the check register_complaint makes, without writing, and the 重复件 candidates of
a valid form (the question the form asks before saving, issue 14 item 4)."""
from __future__ import annotations

import datetime as dt

import pytest

from services.casework import intake, listing
from services.errors import ValidationError
from tests.services.daily.conftest import complaint_input

pytestmark = pytest.mark.both_db


def _count(ws) -> int:
    return len(listing.query_ids(ws, listing.ListQuery()))


def _problems(exc: ValidationError) -> list[tuple[str | None, str]]:
    return [(p.field, p.message) for p in exc.problems or [exc]]


def test_the_same_problems_as_registering_and_nothing_written(ws):
    bad = complaint_input(channel="", main_problem="", received_date=dt.date(2026, 11, 2))
    with pytest.raises(ValidationError) as checked:
        intake.check_new_complaint(ws, bad)
    with pytest.raises(ValidationError) as registered:
        intake.register_complaint(ws, bad)
    assert _problems(checked.value) == _problems(registered.value)
    assert ("channel", "请选择来源渠道") in _problems(checked.value)
    assert _count(ws) == 0


def test_a_valid_form_gets_the_candidates_registering_would_name(ws):
    first = intake.register_complaint(ws, complaint_input(received_date=dt.date(2026, 10, 8)))
    data = complaint_input(received_date=dt.date(2026, 11, 10))
    found = intake.check_new_complaint(ws, data)
    assert [(c.number, c.id) for c in found] == [(first.number, first.id)]
    assert _count(ws) == 1                                    # the check wrote nothing
    saved = intake.register_complaint(ws, data)
    assert [c.id for c in saved.repeat_candidates] == [c.id for c in found]


def test_no_candidates_for_a_new_subject_and_complainant(ws):
    intake.register_complaint(ws, complaint_input(received_date=dt.date(2026, 10, 8)))
    other = complaint_input(received_date=dt.date(2026, 11, 10), signature="anonymous", complainant_name=None,
                            complainant_phone=None, complainant_id_number=None, complainant_address=None,
                            subjects=[intake.SubjectInput(name="王五", unit="红星村村委会", post="村会计",
                                                          rank="village_cadre", is_party_member=True,
                                                          is_supervised_object=True)])
    assert intake.check_new_complaint(ws, other) == []
