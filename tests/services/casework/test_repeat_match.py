"""重复件 candidates: the same subject by normalized unit, the same complainant by blind index; proposed, never linked."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from services.casework import intake
from services.casework.intake import SubjectInput
from services.casework.repeat_match import normalize_unit
from tests.services.daily.conftest import VALID_ID, complaint_input

D = dt.date
OTHER_ID = "110105194912310038"   # another valid number (check digit 8)
ANON = dict(signature="anonymous", complainant_name=None, complainant_phone=None, complainant_id_number=None,
            complainant_address=None)


@pytest.fixture
def register(ws):
    return lambda **over: intake.register_complaint(ws, complaint_input(**over))


def _subject(name: str, unit: str) -> list[SubjectInput]:
    return [SubjectInput(name=name, unit=unit, post="", rank="village_cadre", is_party_member=True,
                         is_supervised_object=True)]


@pytest.mark.parametrize("stored, typed", [
    ("青山镇人民政府", "青山镇政府"),
    ("青山镇政府", "青山镇 人民政府"),
    ("ＱＳ村村委会", "QS村村委会"),          # full width vs half width
    ("青山村　村委会", "青山村村委会"),         # an ideographic space
])
def test_a_unit_spelled_differently_still_matches(ws, register, stored, typed):
    first = register(subjects=_subject("张三", stored), **ANON)
    new = register(subjects=_subject("张三", typed), received_date=D(2026, 11, 10), **ANON)
    assert [(c.number, c.match) for c in new.repeat_candidates] == [(first.number, "被反映人相同")]
    assert not intake.get_complaint(ws, new.id).is_repeat   # proposed only


def test_another_unit_or_another_name_does_not_match(ws, register):
    register(subjects=_subject("张三", "青山镇人民政府"), **ANON)
    assert register(subjects=_subject("张三", "红星镇政府"), received_date=D(2026, 11, 10), **ANON).repeat_candidates == []
    assert register(subjects=_subject("张四", "青山镇政府"), received_date=D(2026, 11, 10), **ANON).repeat_candidates == []
    assert normalize_unit(" 青山镇人民政府 ") == normalize_unit("青山镇政府") == "青山镇政府"


def test_the_same_complainant_phone_matches_about_another_subject(ws, register):
    first = register(subjects=_subject("王五", "红星村村委会"), complainant_id_number=None)
    new = register(subjects=_subject("李四", "青山镇政府"), received_date=D(2026, 11, 10),
                   complainant_phone="138 1234 5678", complainant_id_number=None)
    assert [(c.number, c.match, c.subject) for c in new.repeat_candidates] == \
        [(first.number, "反映人电话相同", "王五（红星村村委会）")]
    saved = intake.get_complaint(ws, new.id)
    assert not saved.is_repeat and saved.original_id is None   # it never links on its own


def test_the_same_id_number_and_subject_name_both_reasons(ws, register):
    first = register(complainant_phone="13900001111")
    new = register(received_date=D(2026, 11, 10), complainant_phone="13700002222")
    assert [(c.number, c.match) for c in new.repeat_candidates] == [(first.number, "被反映人相同、反映人身份证号相同")]
    other = register(received_date=D(2026, 11, 11), subjects=_subject("钱七", "东街社区"),
                     complainant_phone="13600003333", complainant_id_number=OTHER_ID)
    assert other.repeat_candidates == []


def test_the_search_before_saving_uses_the_typed_phone_and_id(ws, register):
    first = register(subjects=_subject("王五", "红星村村委会"))
    found = intake.find_repeat_candidates(ws, [], D(2026, 11, 10), phone="13812345678")
    assert [(c.number, c.match) for c in found] == [(first.number, "反映人电话相同")]
    found = intake.find_repeat_candidates(ws, [], D(2026, 11, 10), id_number=VALID_ID.lower())
    assert [(c.number, c.match) for c in found] == [(first.number, "反映人身份证号相同")]
    assert intake.find_repeat_candidates(ws, [], D(2026, 11, 10), phone="13800000000") == []
    # two years and a day later it is no longer a candidate
    assert intake.find_repeat_candidates(ws, [], D(2028, 11, 3), phone="13812345678") == []


def test_the_match_is_by_index_not_by_the_clear_number(ws, register):
    """The clear phone is nowhere in the database, so the match can only come from the blind index."""
    # SQLite only: it reads the file's bytes (the server's counterpart greps a pg_dump: test_server_database)
    register(subjects=_subject("王五", "红星村村委会"))
    raw = b"".join(p.read_bytes() for p in ws.data_dir.glob("jijian.sqlite*"))
    assert b"13812345678" not in raw
    con = sqlite3.connect(ws.data_dir / "jijian.sqlite")
    try:
        (index,), = con.execute("SELECT complainant_phone_index FROM complaints").fetchall()
    finally:
        con.close()
    assert index and "13812345678" not in index
    assert len(intake.find_repeat_candidates(ws, [], D(2026, 11, 10), phone="13812345678")) == 1
