"""The measure rules of issue 12 on their edges: a decision by the case's 结案 at the latest, nothing but a
政务处分 after 开除党籍, and party membership that stays 不详 from intake until it is confirmed."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from models import Person
from services.casework import cases, intake, leads, measures
from services.casework.intake import SubjectInput
from services.casework.persons import PersonInput
from services.errors import ValidationError
from services.reporting import item_print
from tests.helpers.sanction_case import close_case, open_case
from tests.services.daily.conftest import complaint_input
from tests.helpers.verification import approve_plan

D = dt.date


def _add(ws, person_id: int, kind: str, day: dt.date, category: str = "party_sanction"):
    return measures.add_measure(ws, person_id=person_id, category=category, kind=kind, decision_date=day)


# ------------------------------------------------------------------ decision date and 结案
def test_a_measure_is_decided_by_the_closing_date_at_the_latest(ws):
    c = open_case(ws)
    close_case(ws, c.id, D(2026, 6, 30))
    pid = c.persons[0].id
    with pytest.raises(ValidationError) as exc:
        _add(ws, pid, "party_warning", D(2026, 7, 1))
    assert (exc.value.field, exc.value.message) == (
        "decision_date", "决定日期（2026-07-01）不能晚于案件的结案日期（2026-06-30）")
    assert measures.measures_of(ws, case_id=c.id) == []
    m = _add(ws, pid, "party_warning", D(2026, 6, 30))     # on the closing day itself: allowed
    assert (m.kind_label, m.decision_date) == ("党纪警告", D(2026, 6, 30))


def test_a_case_is_not_closed_before_a_decision_it_holds(ws):
    c = open_case(ws)
    _add(ws, c.persons[0].id, "party_warning", D(2026, 6, 30))
    with pytest.raises(ValidationError) as exc:
        close_case(ws, c.id, D(2026, 6, 29))
    assert (exc.value.field, exc.value.message) == (
        "date", "决定日期（2026-06-30）不能晚于案件的结案日期（2026-06-29）")
    assert cases.get_case(ws, c.id).closing_date is None
    assert cases.advance_case(ws, c.id, "closed", D(2026, 6, 30)).closing_date == D(2026, 6, 30)


# ------------------------------------------------------------------ after 开除党籍
def test_no_party_sanction_on_or_after_expulsion_but_a_government_sanction(ws):
    c = open_case(ws)
    pid = c.persons[0].id
    _add(ws, pid, "party_expulsion", D(2026, 5, 10))
    with pytest.raises(ValidationError) as exc:
        _add(ws, pid, "party_serious_warning", D(2026, 5, 10))      # the same day counts as after
    assert (exc.value.field, exc.value.message) == (
        "kind", "王五已于2026-05-10受到开除党籍处分，此后不能再给予党纪严重警告（开除党籍后仍可给予政务处分）")
    with pytest.raises(ValidationError) as exc:
        _add(ws, pid, "party_expulsion", D(2026, 6, 1))
    assert exc.value.message == "王五已于2026-05-10受到开除党籍处分，此后不能再给予开除党籍（开除党籍后仍可给予政务处分）"
    gov = _add(ws, pid, "gov_expulsion", D(2026, 5, 12), category="government_sanction")
    handling = _add(ws, pid, "removal_from_post", D(2026, 5, 12), category="handling")
    assert [m.kind for m in measures.measures_of(ws, person_id=pid)] == ["party_expulsion", gov.kind, handling.kind]


def test_a_party_sanction_dated_before_the_expulsion_is_not_after_it(ws):
    c = open_case(ws)
    pid = c.persons[0].id
    _add(ws, pid, "party_expulsion", D(2026, 5, 10))
    assert _add(ws, pid, "party_warning", D(2026, 5, 9)).kind == "party_warning"


def test_the_expulsion_of_another_person_does_not_count(ws):
    c = open_case(ws, PersonInput(name="王五", is_party_member=True), PersonInput(name="赵六", is_party_member=True))
    wang, zhao = (p.id for p in c.persons)
    _add(ws, wang, "party_expulsion", D(2026, 5, 10))
    assert _add(ws, zhao, "party_warning", D(2026, 5, 11)).person_name == "赵六"


# ------------------------------------------------------------------ party membership 不详
def _lead_from_complaint(ws, member):
    v = intake.register_complaint(ws, complaint_input(
        received_date=D(2026, 10, 8), subjects=[SubjectInput(name="张三", unit="青山村村委会", is_party_member=member)]))
    return intake.accept(ws, v.id, D(2026, 10, 8)).lead_id


@pytest.mark.parametrize(("member", "known", "stored"), [(None, False, False), (True, True, True),
                                                         (False, True, False)])
def test_membership_left_open_at_intake_stays_unknown_on_the_lead(ws, member, known, stored):
    lead_id = _lead_from_complaint(ws, member)
    with ws.reading() as s:
        p = s.execute(select(Person).where(Person.lead_id == lead_id)).scalar_one()
        assert (p.party_membership_known, p.is_party_member) == (known, stored)
    view = leads.get_lead(ws, lead_id).persons[0]
    assert (view.party_membership_known, view.party_member) == (known, member)


def test_unknown_membership_survives_the_move_to_verification(ws):
    lead_id = _lead_from_complaint(ws, None)
    leads.dispose(ws, lead_id, "talk_inquiry", D(2026, 10, 9), "集体研究决定谈话函询")
    follow = leads.conclude_lead(ws, lead_id, "to_verification", D(2026, 10, 20), "函询说明不清").followup_lead_id
    assert leads.get_lead(ws, follow).persons[0].party_member is None


def test_a_party_sanction_waits_for_the_membership_to_be_confirmed(ws):
    lead_id = _lead_from_complaint(ws, None)
    leads.dispose(ws, lead_id, "preliminary_verification", D(2026, 10, 9), "集体研究", "王一、王二")
    approve_plan(ws, lead_id, D(2026, 10, 9))
    c = cases.open_case(ws, lead_id=lead_id, filing_date=D(2026, 11, 2), title="张三违纪案", filing_approver="王书记")
    pid = c.persons[0].id
    with pytest.raises(ValidationError) as exc:
        _add(ws, pid, "party_warning", D(2026, 11, 10))
    assert (exc.value.field, exc.value.message) == (
        "is_party_member", "被处分人是否为中共党员尚未确认（不详），请先在人员信息中确认后再给予党纪处分")
    assert measures.measures_of(ws, case_id=c.id) == []
    # a government sanction does not depend on party membership
    assert _add(ws, pid, "gov_warning", D(2026, 11, 10), category="government_sanction").kind == "gov_warning"
    confirmed = cases.update_person(ws, pid, PersonInput(name="张三", unit="青山村村委会", is_party_member=True))
    assert (confirmed.party_membership_known, confirmed.is_party_member) == (True, True)
    assert _add(ws, pid, "party_warning", D(2026, 11, 10)).kind == "party_warning"
    with pytest.raises(ValidationError) as exc:
        cases.update_person(ws, pid, PersonInput(name="张三", unit="青山村村委会", is_party_member=None))
    assert exc.value.message == "张三已受党纪处分，不能改为非中共党员或“不详”"


def test_the_case_sheet_prints_unknown_membership_as_unknown(ws):
    c = open_case(ws, PersonInput(name="张三", unit="青山村村委会", is_party_member=None))
    text = PdfReader(io.BytesIO(item_print.case_sheet_pdf(ws, c.id))).pages[0].extract_text()
    assert "张三，青山村村委会，中共党员：不详" in text.replace("\n", "")
