"""A person's optional 身份证号: checked, encrypted at rest, shown masked to those who may see identities,
every view audited; the same number in two cases is one person (人数) and one 廉政档案."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import AuditEvent, Person
from services.casework import cases, measures, person_identity
from services.errors import IntegrityFailure, PermissionDenied, ValidationError
from services.reporting.figures import compute_figures
from services.reporting.layout import get_figure
from services.security import users
from tests.conftest import ADMIN_PASSWORD, sign_in_as
from tests.helpers.outside_sql import run_outside
from tests.helpers.sanction_case import open_case
from tests.services.daily.conftest import VALID_ID

D = dt.date


def _two_cases(ws):
    """王五 investigated in two cases (two person rows)."""
    first = open_case(ws, filing_date=D(2026, 3, 2))
    second = open_case(ws, filing_date=D(2026, 9, 1), title="再次立案")
    return first.persons[0].id, second.persons[0].id


def _add(ws, pid, kind, day, category="party_sanction"):
    return measures.add_measure(ws, person_id=pid, category=category, kind=kind, decision_date=day)


def test_a_bad_number_is_refused_and_nothing_stored(ws):
    pid, _ = _two_cases(ws)
    wrong = VALID_ID[:17] + "1"
    with pytest.raises(ValidationError) as e:
        person_identity.set_id_number(ws, pid, wrong)
    assert e.value.message == "身份证号校验位（第18位）不正确，可能有数字输错，请核对"
    with pytest.raises(ValidationError) as e:
        person_identity.set_id_number(ws, pid, "1101051949")
    assert e.value.message == "身份证号应为18位，当前为10位"
    with ws.reading() as s:
        p = s.get(Person, pid)
        assert (p.id_number_enc, p.id_number_index) == (None, None)


def test_the_number_is_encrypted_masked_and_every_view_audited(ws):
    pid, _ = _two_cases(ws)
    assert person_identity.set_id_number(ws, pid, VALID_ID.lower()) == "11****************"
    assert cases.get_case(ws, 1).persons[0].has_id_number and not cases.get_case(ws, 2).persons[0].has_id_number
    assert person_identity.masked_id_number(ws, pid) == "11****************"
    ws.engine.dispose()
    raw = b"".join(p.read_bytes() for p in ws.data_dir.glob("jijian.sqlite*"))
    assert VALID_ID.encode() not in raw and VALID_ID.lower().encode() not in raw
    with ws.reading() as s:
        events = s.execute(select(AuditEvent.action, AuditEvent.entity, AuditEvent.detail_json)
                           .where(AuditEvent.action.in_(["person.id_number", "identity.view"]))
                           .order_by(AuditEvent.id)).all()
    assert [(a, t) for a, t, _ in events] == [("person.id_number", "case"), ("identity.view", "person")]
    assert all(VALID_ID not in d and "11****" not in d for _, _, d in events)


def test_an_officer_neither_enters_nor_sees_it(ws):
    pid, _ = _two_cases(ws)
    person_identity.set_id_number(ws, pid, VALID_ID)
    sign_in_as(ws, "u_officer", ["officer"])
    with pytest.raises(PermissionDenied):
        person_identity.masked_id_number(ws, pid)
    with pytest.raises(PermissionDenied):
        person_identity.integrity_file(ws, pid)
    with pytest.raises(PermissionDenied):
        person_identity.set_id_number(ws, pid, VALID_ID)
    assert cases.get_case(ws, 1).persons[0].has_id_number      # the officer sees only that one is entered


@pytest.mark.both_db
def test_ciphertext_copied_to_another_person_is_refused(ws):
    """An attacker with the file copies one person's encrypted number onto another row: it does not decrypt."""
    a, b = _two_cases(ws)
    person_identity.set_id_number(ws, a, VALID_ID)
    run_outside(ws, f"UPDATE persons SET id_number_enc = (SELECT id_number_enc FROM persons WHERE id = {a}) "
                    f"WHERE id = {b}")
    with pytest.raises(IntegrityFailure):
        person_identity.masked_id_number(ws, b)


def test_the_same_number_in_two_cases_is_one_person_and_one_integrity_file(ws):
    a, b = _two_cases(ws)
    _add(ws, a, "party_warning", D(2026, 11, 3))
    _add(ws, b, "gov_demerit", D(2026, 11, 20), category="government_sanction")

    def sanctioned():
        with ws.reading() as s:
            return get_figure(compute_figures(s, "2026-11"), "persons_sanctioned")["month"]

    assert sanctioned() == 2                      # two rows, nothing says they are one person
    person_identity.set_id_number(ws, a, VALID_ID)
    person_identity.set_id_number(ws, b, VALID_ID)
    assert sanctioned() == 1
    f = person_identity.integrity_file(ws, b)
    assert (f.name, f.id_number_masked) == ("王五", "11****************")
    assert [(e.kind, e.date, e.measures) for e in f.entries] == [
        ("案件", D(2026, 3, 2), ["2026-11-03 党纪警告"]), ("案件", D(2026, 9, 1), ["2026-11-20 记过"])]
    person_identity.set_id_number(ws, b, "")      # cleared: two persons again
    assert sanctioned() == 2
    assert [e.person_id for e in person_identity.integrity_file(ws, a).entries] == [a]


def test_without_the_key_nothing_is_entered(ws):
    pid, _ = _two_cases(ws)
    ws.identity_vault.lock()
    with pytest.raises(PermissionDenied) as e:
        person_identity.set_id_number(ws, pid, VALID_ID)
    assert e.value.message.startswith("身份信息密钥未解锁")
    users.login(ws, "wang", ADMIN_PASSWORD)
    assert person_identity.set_id_number(ws, pid, VALID_ID) == "11****************"
