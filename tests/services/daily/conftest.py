"""Fixtures for the daily-work services: users by role, form helpers."""
from __future__ import annotations

import datetime as dt

import pytest

from services.casework.intake import ComplaintInput, SubjectInput, register_complaint
from tests.conftest import ADMIN_PASSWORD, sign_in_as
from services.security import users

VALID_ID = "11010519491231002X"  # GB 11643 example number with a correct check digit


@pytest.fixture
def as_role(ws):
    """Switch the signed-in user: ``as_role("clerk")``; ``as_role("secretary")`` signs in as wang again."""
    def switch(role: str):
        if role == "secretary":
            users.login(ws, "wang", ADMIN_PASSWORD)
        else:
            sign_in_as(ws, f"u_{role}", [role])
        return ws.current_user
    return switch


def complaint_input(**over) -> ComplaintInput:
    base = dict(received_date=dt.date(2026, 11, 2), channel="letter", kind="accusation", signature="real_name",
                complainant_name="赵六", complainant_phone="13812345678", complainant_id_number=VALID_ID,
                complainant_address="青山镇东街12号",
                subjects=[SubjectInput(name="张三", unit="青山村村委会", post="村主任", rank="village_cadre",
                                       is_party_member=True, is_supervised_object=True)],
                main_problem="反映张三违规吃喝、收受礼金问题", discipline="integrity", receiver_name="李登记")
    base.update(over)
    return ComplaintInput(**base)


@pytest.fixture
def register(ws):
    def make(**over):
        return register_complaint(ws, complaint_input(**over))
    return make
