"""初核 and case stages on their edges (DOMAIN §2, §3, §9; issue 12 "Rules to tighten"): two distinct
verifiers, the 工作方案 approved by the secretary before 初核's result, no stage skipped, every 立案 approved
by the secretary, and the 立案审批 limit after 初核 on the due list."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import AuditEvent, Lead
from services.casework import cases, leads, timeline, work_plan
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput
from services.deadlines import due_list
from services.errors import PermissionDenied, StateError, ValidationError
from services.security import row_digest, users
from services.storage import attachments
from tests.conftest import ADMIN_PASSWORD, sign_in_as
from tests.helpers.outside_sql import run_outside
from tests.helpers.verification import approve_plan

D = dt.date


def _lead(ws, received: dt.date = dt.date(2026, 10, 8)) -> int:
    return leads.create_lead(ws, LeadInput(source="supervision_found", received_date=received,
                                           summary="反映张三违规发放津补贴", persons=[
                                               PersonInput(name="张三", unit="青山镇财政所", post="所长",
                                                           rank="township_level", is_party_member=True)])).id


def _as_officer(ws):
    sign_in_as(ws, "zhao", ["officer"])


def _as_secretary(ws):
    users.login(ws, "wang", ADMIN_PASSWORD)


def _dues(ws, item_type: str, item_id: int, code: str):
    return [(r.label, r.due) for r in due_list.due_items(ws, include_ok=True)
            if (r.item_type, r.item_id, r.limit_code) == (item_type, item_id, code)]


# ------------------------------------------------------------------ verifiers
def test_one_name_twice_is_not_two_verifiers(ws):
    lead = _lead(ws)
    with pytest.raises(ValidationError) as exc:
        leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "李四、 李四")
    assert [(p.field, p.message) for p in exc.value.problems or [exc.value]] == [
        ("verifiers", "核查人员“李四”重复填写，初步核实须由至少2名不同人员承办")]
    assert leads.get_lead(ws, lead).disposition is None  # nothing stored


def test_a_single_verifier_is_refused_and_separators_are_trimmed(ws):
    lead = _lead(ws)
    with pytest.raises(ValidationError) as exc:
        leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", " 李四 、")
    assert exc.value.message == "初步核实须由至少2名人员承办，请填写核查人员（用顿号分隔）"
    v = leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", " 李四 ，赵六,钱七 ")
    assert v.verifiers == "李四、赵六、钱七"


def test_verifier_names_split_on_each_separator():
    assert work_plan.verifier_names("李四、赵六，钱七,孙八") == ["李四", "赵六", "钱七", "孙八"]
    assert work_plan.check_verifiers("李四、赵六")[1] is None


# ------------------------------------------------------------------ 工作方案
def test_verification_result_and_filing_wait_for_the_approved_work_plan(ws):
    lead = _lead(ws)
    leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "李四、赵六")
    number = leads.get_lead(ws, lead).number
    with pytest.raises(StateError) as exc:
        cases.open_case(ws, lead_id=lead, filing_date=D(2026, 11, 2), title="张三违纪案")
    assert exc.value.message == f"线索 {number} 的初核工作方案尚未经纪委书记审批，审批后才能立案"
    with pytest.raises(StateError) as exc:
        leads.conclude_lead(ws, lead, "concluded", D(2026, 11, 2), "查无实据")
    assert exc.value.message == f"线索 {number} 的初核工作方案尚未经纪委书记审批，审批后才能登记初核结果"
    with pytest.raises(StateError) as exc:
        work_plan.approve_plan(ws, lead, D(2026, 10, 10))
    assert exc.value.message == f"线索 {number} 尚未填写初核工作方案，无可审批的内容"

    work_plan.record_plan(ws, lead, "核查组李四、赵六，调取财政所账目")
    with pytest.raises(ValidationError) as exc:
        work_plan.approve_plan(ws, lead, D(2026, 10, 8))  # the day before the disposition
    assert exc.value.message == "工作方案审批日期（2026-10-08）不能早于处置日期（2026-10-09）"
    plan = work_plan.approve_plan(ws, lead, D(2026, 10, 10))
    assert (plan.approved, plan.approver_name, plan.approved_date) == (True, "王书记", D(2026, 10, 10))
    with pytest.raises(StateError) as exc:
        work_plan.record_plan(ws, lead, "改写的方案")
    assert exc.value.message == f"线索 {number} 的初核工作方案已经纪委书记审批，不能再修改"

    c = cases.open_case(ws, lead_id=lead, filing_date=D(2026, 11, 2), title="张三违纪案")
    assert c.filing_approved and c.filing_approver == "王书记"
    texts = [e.text_zh for e in timeline.timeline(ws, "lead", lead)]
    assert texts[2:4] == ["填写初核工作方案", "纪委书记审批初核工作方案（2026-10-10）"]


def test_the_plan_is_text_or_an_attachment_of_the_same_lead_and_only_the_secretary_approves(ws, tmp_path):
    lead, other = _lead(ws), _lead(ws)
    leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "李四、赵六")
    scan = tmp_path / "初核工作方案.pdf"
    scan.write_bytes(b"%PDF-1.4 plan")
    foreign = attachments.add_attachment(ws, ("lead", other), scan)
    with pytest.raises(ValidationError) as exc:
        work_plan.record_plan(ws, lead, "", foreign.id)
    assert (exc.value.field, exc.value.message) == ("work_plan_attachment_id",
                                                    "作为工作方案的附件须是本线索的附件，请先在本线索中添加")
    with pytest.raises(ValidationError) as exc:
        work_plan.record_plan(ws, lead, "   ")
    assert exc.value.message == "请填写初核工作方案，或选择本线索的一个附件作为工作方案"
    own = attachments.add_attachment(ws, ("lead", lead), scan)
    assert work_plan.record_plan(ws, lead, "", own.id).attachment_name == "初核工作方案.pdf"

    _as_officer(ws)
    with pytest.raises(PermissionDenied) as exc:
        work_plan.approve_plan(ws, lead, D(2026, 10, 10))
    assert exc.value.message == "您没有“审批线索处置”的权限，请联系纪委书记或系统管理员"
    _as_secretary(ws)
    assert work_plan.approve_plan(ws, lead, D(2026, 10, 10)).approved


@pytest.mark.both_db
def test_an_approval_forged_in_the_file_is_named_by_the_deep_check(ws):
    """The attack: an officer who cannot approve writes the secretary's id into the lead's row with sqlite3."""
    lead = _lead(ws)
    leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "李四、赵六")
    work_plan.record_plan(ws, lead, "核查组李四、赵六")
    number = leads.get_lead(ws, lead).number
    run_outside(ws, "UPDATE leads SET work_plan_approver_id = 1, work_plan_approved_date = '2026-10-10' "
                    f"WHERE id = {lead}")
    with ws.reading() as s:
        findings = row_digest.check_rows(s).findings
    assert [(f.table, f.label, f.kind) for f in findings] == [("leads", f"问题线索 {number}（leads #{lead}）", "changed")]
    with ws.reading() as s:  # and no approval event exists for it
        assert s.execute(select(AuditEvent).where(AuditEvent.action == "lead.work_plan_approve")).first() is None


# ------------------------------------------------------------------ stages
def test_a_case_cannot_skip_a_stage(ws):
    c = cases.open_case(ws, filing_date=D(2026, 9, 1), title="直接立案",
                        persons=[PersonInput(name="王五", is_party_member=True)])
    assert c.next_stages == ["investigating"]
    with pytest.raises(StateError) as exc:
        cases.advance_case(ws, c.id, "closed", D(2026, 11, 2))
    assert exc.value.message == (f"案件 {c.number} 处于“立案”阶段，须先进入“审查调查”阶段，"
                                 "不能跳过中间阶段直接进入“结案”阶段")
    cases.advance_case(ws, c.id, "investigating", D(2026, 9, 2))
    with pytest.raises(StateError) as exc:
        cases.advance_case(ws, c.id, "trial_concluded", D(2026, 10, 2))
    assert exc.value.message == (f"案件 {c.number} 处于“审查调查”阶段，须先进入“移送审理”阶段，"
                                 "不能跳过中间阶段直接进入“审结”阶段")
    cases.advance_case(ws, c.id, "referred_for_trial", D(2026, 10, 1))
    cases.advance_case(ws, c.id, "trial_concluded", D(2026, 10, 20), trial_opinion="建议免予处分")
    closed = cases.advance_case(ws, c.id, "closed", D(2026, 10, 20),  # the same day is in order
                                no_sanction_reason="情节轻微，免予处分")
    assert (closed.investigation_date, closed.trial_referral_date, closed.trial_concluded_date,
            closed.closing_date) == (D(2026, 9, 2), D(2026, 10, 1), D(2026, 10, 20), D(2026, 10, 20))


def test_a_direct_filing_by_an_officer_waits_for_the_secretary(ws):
    _as_officer(ws)
    c = cases.open_case(ws, filing_date=D(2026, 11, 2), title="直接立案",
                        persons=[PersonInput(name="王五", is_party_member=True)])
    assert (c.filing_approved, c.filing_approver) == (False, "")
    with pytest.raises(StateError) as exc:
        cases.advance_case(ws, c.id, "investigating", D(2026, 11, 3))
    assert exc.value.message == f"案件 {c.number} 的立案尚未经纪委书记审批，审批后才能进入“审查调查”阶段"
    with pytest.raises(PermissionDenied) as exc:
        cases.approve_filing(ws, c.id)
    assert exc.value.message == "您没有“审批立案”的权限，请联系纪委书记或系统管理员"
    _as_secretary(ws)
    v = cases.approve_filing(ws, c.id)
    assert (v.filing_approved, v.filing_approver) == (True, "王书记")
    with pytest.raises(StateError) as exc:
        cases.approve_filing(ws, c.id)
    assert exc.value.message == f"案件 {c.number} 的立案已经审批"
    assert cases.advance_case(ws, c.id, "investigating", D(2026, 11, 3)).stage == "investigating"
    assert [e.text_zh for e in timeline.timeline(ws, "case", c.id)][1] == "纪委书记审批立案"


@pytest.mark.both_db
def test_closing_needs_the_intermediate_dates_in_order_even_when_a_row_was_edited_behind_the_app(ws):
    c = cases.open_case(ws, filing_date=D(2026, 9, 1), title="直接立案",
                        persons=[PersonInput(name="王五", is_party_member=True)])
    for stage, day in (("investigating", D(2026, 9, 2)), ("referred_for_trial", D(2026, 10, 1)),
                       ("trial_concluded", D(2026, 10, 20))):
        cases.advance_case(ws, c.id, stage, day, trial_opinion="建议免予处分")
    run_outside(ws, f"UPDATE cases SET investigation_date = NULL WHERE id = {c.id}")  # the 审查调查 date taken out
    with pytest.raises(StateError) as exc:
        cases.advance_case(ws, c.id, "closed", D(2026, 11, 2))
    assert exc.value.message == f"案件 {c.number} 没有审查调查日期，结案须依次经过审查调查、移送审理和审结"


# ------------------------------------------------------------------ 立案审批 limit
def test_the_filing_approval_limit_after_verification_is_on_the_due_list(ws):
    lead = _lead(ws, received=D(2026, 8, 20))
    leads.dispose(ws, lead, "preliminary_verification", D(2026, 9, 1), "集体研究", "李四、赵六")
    # 初核 2 months from 09-01: 11-01 is a Sunday, so 11-02; 立案审批 1 month after that
    assert _dues(ws, "lead", lead, "preliminary_verification") == [("初步核实", D(2026, 11, 2))]
    assert _dues(ws, "lead", lead, "filing_approval") == [("立案审批", D(2026, 12, 2))]
    due_list.set_limits(ws, {"filing_approval": 2})
    assert _dues(ws, "lead", lead, "filing_approval") == [("立案审批", D(2027, 1, 4))]  # 01-02 is a Saturday
    due_list.set_limits(ws, {"filing_approval": 1})

    approve_plan(ws, lead, D(2026, 9, 2))
    _as_officer(ws)
    c = cases.open_case(ws, lead_id=lead, filing_date=D(2026, 11, 16), title="张三违纪案")
    assert _dues(ws, "lead", lead, "filing_approval") == []  # 初核 ended with the 立案
    assert _dues(ws, "case", c.id, "filing_approval") == [("立案审批", D(2026, 12, 16))]
    _as_secretary(ws)
    cases.approve_filing(ws, c.id)
    assert _dues(ws, "case", c.id, "filing_approval") == []


def test_an_imported_lead_and_case_keep_their_history_but_new_stages_follow_the_rules(ws):
    lead = _lead(ws)
    leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "李四、赵六")
    with ws.transaction() as s:  # as import-ledger writes it: disposed outside, no 工作方案 in the old ledger
        s.get(Lead, lead).imported = True
    c = cases.open_case(ws, lead_id=lead, filing_date=D(2026, 11, 2), title="张三违纪案")
    with pytest.raises(StateError) as exc:
        cases.advance_case(ws, c.id, "trial_concluded", D(2026, 11, 3))
    assert exc.value.message.startswith(f"案件 {c.number} 处于“立案”阶段，须先进入“审查调查”阶段")
