"""A case's stage changes (issue 14 item 5): what each change asks for (审结 the 审理意见, 结案 the measures or a
免予/不予处分 reason), the stage the user saw (a second click moves the case once), and the secretary's undo
of the last change, audited and shown in the timeline."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from models import AuditEvent
from services.casework import cases, measures, timeline
from services.casework.persons import PersonInput
from services.errors import ConcurrentEditError, PermissionDenied, StateError, ValidationError
from services.security import audit, row_digest, users
from tests.conftest import ADMIN_PASSWORD, sign_in_as

pytestmark = pytest.mark.both_db

D = dt.date
OPINION = "经审理，王五违规发放津补贴事实清楚，建议给予党内警告处分"


def _case(ws):
    return cases.open_case(ws, filing_date=D(2026, 9, 1), title="王五违规发放津补贴案",
                           persons=[PersonInput(name="王五", unit="青山镇财政所", is_party_member=True,
                                                is_supervised_object=True)])


def _to_trial(ws, c):
    """审查调查 on 09-02, 移送审理 on 10-01 (each with the stage seen)."""
    v = cases.advance_case(ws, c.id, "investigating", D(2026, 9, 2), expected_stage="filed")
    return cases.advance_case(ws, c.id, "referred_for_trial", D(2026, 10, 1), expected_stage=v.stage,
                              expected_version=v.version)


def _events(ws, case_id: int, action: str) -> list[dict]:
    with ws.reading() as s:
        return [json.loads(e.detail_json) for e in s.execute(select(AuditEvent).where(
            AuditEvent.action == action, AuditEvent.entity == "case", AuditEvent.entity_id == str(case_id))
            .order_by(AuditEvent.id)).scalars()]


def _secretary(ws):
    users.login(ws, "wang", ADMIN_PASSWORD)


# ------------------------------------------------------------------ what a change asks for
def test_trial_concluded_without_the_trial_opinion_is_refused_and_with_it_stored(ws):
    c = _case(ws)
    v = _to_trial(ws, c)
    assert v.next_requirements == [("trial_opinion", "审理意见")]
    with pytest.raises(ValidationError) as exc:
        cases.advance_case(ws, c.id, "trial_concluded", D(2026, 10, 20), expected_stage=v.stage, trial_opinion="  ")
    assert (exc.value.field, exc.value.message) == ("trial_opinion", f"案件 {c.number} 进入“审结”阶段须填写审理意见")
    assert cases.get_case(ws, c.id).stage == "referred_for_trial"                      # nothing written
    done = cases.advance_case(ws, c.id, "trial_concluded", D(2026, 10, 20), expected_stage=v.stage,
                              trial_opinion=OPINION)
    assert (done.stage, done.trial_concluded_date, done.trial_opinion) == ("trial_concluded", D(2026, 10, 20), OPINION)
    assert done.next_requirements == [("measures", "处分或处理决定（或免予处分、不予处分的理由）")]
    assert [e.text_zh for e in timeline.timeline(ws, "case", c.id)][-1] == f"进入“审结”阶段（2026-10-20），审理意见：{OPINION}"


def test_closing_without_any_measure_is_refused_naming_what_is_missing(ws):
    c = _case(ws)
    v = _to_trial(ws, c)
    v = cases.advance_case(ws, c.id, "trial_concluded", D(2026, 10, 20), expected_stage=v.stage, trial_opinion=OPINION)
    with pytest.raises(ValidationError) as exc:
        cases.advance_case(ws, c.id, "closed", D(2026, 10, 30), expected_stage=v.stage)
    assert (exc.value.field, exc.value.message) == (
        "measures", f"案件 {c.number} 尚未录入任何处分或处理决定，不能结案：请先在“处分处理”中录入，或写明免予处分、不予处分的理由")
    assert cases.get_case(ws, c.id).closing_date is None
    measures.add_measure(ws, person_id=v.persons[0].id, case_id=c.id, category="party_sanction", kind="party_warning",
                         decision_date=D(2026, 10, 28), document_number="青纪发〔2026〕5号")
    closed = cases.advance_case(ws, c.id, "closed", D(2026, 10, 30), expected_stage=v.stage)
    assert (closed.stage, closed.closing_date, closed.no_sanction_reason) == ("closed", D(2026, 10, 30), "")


def test_closing_with_a_no_sanction_reason_and_no_measure(ws):
    c = _case(ws)
    v = _to_trial(ws, c)
    v = cases.advance_case(ws, c.id, "trial_concluded", D(2026, 10, 20), expected_stage=v.stage,
                           trial_opinion="情节轻微，主动退还，建议免予处分")
    closed = cases.advance_case(ws, c.id, "closed", D(2026, 10, 30), expected_stage=v.stage,
                                no_sanction_reason="情节轻微并主动退还全部款项，经集体研究免予处分")
    assert (closed.stage, closed.no_sanction_reason) == ("closed", "情节轻微并主动退还全部款项，经集体研究免予处分")
    assert [e.text_zh for e in timeline.timeline(ws, "case", c.id)][-1] == (
        "进入“结案”阶段（2026-10-30），免予处分或不予处分的理由：情节轻微并主动退还全部款项，经集体研究免予处分")


# ------------------------------------------------------------------ the stage the user saw
def test_a_second_click_with_the_same_stage_seen_moves_the_case_once(ws):
    c = _case(ws)
    seen = cases.get_case(ws, c.id)
    cases.advance_case(ws, c.id, "investigating", D(2026, 9, 2), expected_stage=seen.stage,
                       expected_version=seen.version)
    with pytest.raises(StateError) as exc:   # the second click: still the screen of 立案, aiming at the next one
        cases.advance_case(ws, c.id, "referred_for_trial", D(2026, 9, 2), expected_stage=seen.stage,
                           expected_version=seen.version)
    assert exc.value.message == (f"案件 {c.number} 已处于“审查调查”阶段，不再是您看到的“立案”阶段，本次操作未执行；"
                                 "请查看案件当前情况后再操作")
    now = cases.get_case(ws, c.id)
    assert (now.stage, now.trial_referral_date) == ("investigating", None)
    assert [e["stage"] for e in _events(ws, c.id, "case.advance")] == ["investigating"]


def test_a_stale_version_alone_is_refused_naming_who_changed_it(ws):
    c = _case(ws)
    seen = cases.get_case(ws, c.id)
    cases.advance_case(ws, c.id, "investigating", D(2026, 9, 2))           # another desk, without a form
    with pytest.raises(ConcurrentEditError) as exc:
        cases.advance_case(ws, c.id, "referred_for_trial", D(2026, 10, 1), expected_version=seen.version)
    assert exc.value.message.startswith(f"案件 {c.number} 已于 ")
    assert exc.value.message.endswith(" 由 王书记 修改，请关闭后重新打开再改（您的输入仍保留在表单中）")
    assert cases.get_case(ws, c.id).stage == "investigating"


# ------------------------------------------------------------------ undo
def test_undo_by_an_officer_or_a_clerk_is_refused(ws):
    c = _case(ws)
    v = _to_trial(ws, c)
    for name, role in (("zhao", "officer"), ("sun", "clerk")):
        sign_in_as(ws, name, [role])
        with pytest.raises(PermissionDenied) as exc:
            cases.undo_last_stage(ws, c.id, v.stage, "日期填错")
        assert exc.value.message == "您没有“撤销案件的上一阶段”的权限，请联系纪委书记或系统管理员"
    _secretary(ws)
    assert cases.get_case(ws, c.id).stage == "referred_for_trial"
    assert _events(ws, c.id, "case.stage_undo") == []


def test_the_secretary_undoes_the_trial_conclusion_audited_and_the_chain_verifies(ws):
    c = _case(ws)
    v = _to_trial(ws, c)
    v = cases.advance_case(ws, c.id, "trial_concluded", D(2026, 10, 20), expected_stage=v.stage, trial_opinion=OPINION)
    with pytest.raises(ValidationError) as exc:
        cases.undo_last_stage(ws, c.id, v.stage, " ")
    assert (exc.value.field, exc.value.message) == ("reason", "请填写撤销理由")
    with pytest.raises(StateError) as exc:                                   # a stale screen
        cases.undo_last_stage(ws, c.id, "referred_for_trial", "日期填错")
    assert exc.value.message.startswith(f"案件 {c.number} 已处于“审结”阶段，不再是您看到的“移送审理”阶段")

    back = cases.undo_last_stage(ws, c.id, v.stage, "审结日期填错，审理尚未结束", expected_version=v.version)
    assert (back.stage, back.trial_concluded_date, back.trial_opinion, back.trial_referral_date) == (
        "referred_for_trial", None, "", D(2026, 10, 1))
    assert _events(ws, c.id, "case.stage_undo") == [{
        "number": c.number, "stage": "trial_concluded", "date": "2026-10-20", "back_to": "referred_for_trial",
        "reason": "审结日期填错，审理尚未结束", "trial_opinion": OPINION}]
    assert [e.text_zh for e in timeline.timeline(ws, "case", c.id)][-1] == (
        "撤销“审结”阶段（2026-10-20），退回“移送审理”阶段，理由：审结日期填错，审理尚未结束")
    with ws.reading() as s:
        chain, rows = audit.verify_chain(s), row_digest.check_rows(s)
    assert chain.ok, chain.message()
    assert rows.findings == []
    again = cases.advance_case(ws, c.id, "trial_concluded", D(2026, 11, 5), expected_stage=back.stage,
                               trial_opinion=OPINION)                         # entered again, on the right day
    assert (again.stage, again.trial_concluded_date) == ("trial_concluded", D(2026, 11, 5))


def test_undo_refused_for_a_closed_case_and_at_filing(ws):
    c = _case(ws)
    with pytest.raises(StateError) as exc:
        cases.undo_last_stage(ws, c.id, "filed", "误操作")
    assert exc.value.message == f"案件 {c.number} 处于“立案”阶段，没有可撤销的阶段变更"
    v = _to_trial(ws, c)
    v = cases.advance_case(ws, c.id, "trial_concluded", D(2026, 10, 20), expected_stage=v.stage, trial_opinion=OPINION)
    v = cases.advance_case(ws, c.id, "closed", D(2026, 10, 30), expected_stage=v.stage, no_sanction_reason="不予处分")
    with pytest.raises(StateError) as exc:
        cases.undo_last_stage(ws, c.id, "closed", "误操作")
    assert exc.value.message == f"案件 {c.number} 已结案，结案不能撤销：结案时已随之办结来源信访件，并计入月报"
    assert cases.get_case(ws, c.id).closing_date == D(2026, 10, 30)
