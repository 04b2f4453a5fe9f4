"""The demo generator bulk-inserts rows for speed; a sample of them must pass the validators of the one
writers (the registration form's whole-form check, the person check) and carry the columns the
complaint writer would give them."""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from models import Complaint, Person
from services import demo
from services.casework import intake_form
from services.casework.complaint_columns import form_columns, subject_columns
from services.casework.persons import PersonInput, validate_person
from services.security import identity, setup, users
from services.storage.workspace import open_workspace
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO

END = dt.date(2026, 11, 20)
_PERSON_FIELDS = {f.name for f in dataclasses.fields(PersonInput)}


def _demo_ws(path):
    ws = open_workspace(path, today=lambda: END, crypto=CHEAP_CRYPTO)
    setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    demo.generate_demo(ws, complaints=400, end=END, identity_columns=demo.identity_sealer(ws))
    return ws


def _as_input(ws, s, c: Complaint) -> intake_form.ComplaintInput:
    clear = identity.reveal(ws, s, c.id) if identity.has_identity(c) else dict.fromkeys(identity.FIELDS)
    return intake_form.ComplaintInput(
        received_date=c.received_date, channel=c.channel, kind=c.kind, signature=c.signature,
        complainant_name=clear["name"] or None, complainant_phone=clear["phone"] or None,
        complainant_id_number=clear["id_number"] or None, complainant_address=clear["address"] or None,
        subjects=[intake_form.SubjectInput(x.name, x.unit, x.post, x.rank, x.is_party_member, x.is_supervised_object)
                  for x in c.subjects],
        main_problem=c.main_problem, discipline=c.discipline, eight_rules_type=c.eight_rules_type,
        receiver_name=c.receiver_name, belongs_upper=c.belongs_upper, referred_down=c.referred_down,
        is_repeat=c.is_repeat, original_id=c.original_id)


def test_a_sample_of_demo_rows_passes_the_writers_validators(tmp_path):
    ws = _demo_ws(tmp_path / "demo")
    with ws.transaction() as s:
        complaints = s.execute(select(Complaint).order_by(Complaint.id)).scalars().all()
        sample = complaints[::7]
        assert len(sample) >= 50
        for c in sample:
            data = _as_input(ws, s, c)
            v = intake_form.validate_form(ws, s, data)  # raises on any problem, naming the field
            stored = {k: getattr(c, k) for k in form_columns(v, original_id=c.original_id)}
            assert form_columns(v, original_id=c.original_id, belongs_upper=c.belongs_upper,
                                referred_down=c.referred_down) == stored, c.number
            assert c.referred_down == (c.channel == "referred_from_above"), c.number  # as the writer derives it
            assert [tuple(r.values()) for r in subject_columns(v)] == [
                (x.name, x.unit, x.post, x.rank, x.is_party_member, x.is_supervised_object) for x in c.subjects]
        persons = s.execute(select(Person).order_by(Person.id)).scalars().all()[::5]
        assert len(persons) >= 30
        for p in persons:
            values, problems = validate_person(PersonInput(**{k: getattr(p, k) for k in _PERSON_FIELDS}), END)
            assert problems == [], (p.name, [x.message for x in problems])
            assert (values["name"], values["rank"]) == (p.name, p.rank)
