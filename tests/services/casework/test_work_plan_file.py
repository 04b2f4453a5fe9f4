"""初核工作方案 as a chosen file (issue 12, "初核 needs a 工作方案 (text or attachment) approved by the secretary"):
the file is stored as the lead's attachment with the plan in one transaction, and a plan that is only that
file passes the rule once approved; neither text nor file is refused in Chinese, and nothing is written."""
from __future__ import annotations

import datetime as dt

import pytest

from services.casework import leads, work_plan
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput
from services.errors import StateError, ValidationError
from services.storage import attachments

pytestmark = pytest.mark.both_db  # the import and the plan's file are written in one transaction
D = dt.date


def _lead(ws) -> int:
    return leads.create_lead(ws, LeadInput(source="supervision_found", received_date=D(2026, 10, 8),
                                           summary="反映张三违规发放津补贴", persons=[
                                               PersonInput(name="张三", unit="青山镇财政所", post="所长",
                                                           rank="township_level", is_party_member=True)])).id


def test_a_plan_that_is_only_a_chosen_file_passes_the_rule(ws, tmp_path):
    lead = _lead(ws)
    leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "李四、赵六")
    scan = tmp_path / "初核工作方案（已签批）.pdf"
    scan.write_bytes(b"%PDF-1.4 signed plan")
    plan = work_plan.record_plan(ws, lead, "", file=scan)
    stored = attachments.list_attachments(ws, ("lead", lead))
    assert [(a.id, a.filename) for a in stored] == [(plan.attachment_id, "初核工作方案（已签批）.pdf")]
    assert (plan.text, plan.attachment_name, plan.approved) == ("", "初核工作方案（已签批）.pdf", False)
    assert attachments.open_attachment_path(ws, plan.attachment_id).read_bytes() == b"%PDF-1.4 signed plan"

    approved = work_plan.approve_plan(ws, lead, D(2026, 10, 10))
    assert (approved.approved, approved.approver_name, approved.attachment_name) == (
        True, "王书记", "初核工作方案（已签批）.pdf")
    view = leads.conclude_lead(ws, lead, "concluded", D(2026, 11, 2), "查无实据")   # the rule lets 初核 conclude
    assert view.result == "concluded"


def test_neither_text_nor_file_is_refused_and_a_missing_file_writes_nothing(ws, tmp_path):
    lead = _lead(ws)
    leads.dispose(ws, lead, "preliminary_verification", D(2026, 10, 9), "集体研究", "李四、赵六")
    number = leads.get_lead(ws, lead).number
    with pytest.raises(ValidationError) as exc:
        work_plan.record_plan(ws, lead, "  ", None)
    assert (exc.value.field, exc.value.message) == ("work_plan", "请填写初核工作方案，或选择本线索的一个附件作为工作方案")
    gone = tmp_path / "不存在.pdf"
    with pytest.raises(ValidationError) as exc:
        work_plan.record_plan(ws, lead, "核查组李四、赵六", file=gone)
    assert (exc.value.field, exc.value.message) == ("path", f"找不到文件“{gone}”，请重新选择")
    assert leads.get_lead(ws, lead).work_plan["text"] == ""                    # nothing written
    assert attachments.list_attachments(ws, ("lead", lead)) == []
    with pytest.raises(StateError) as exc:
        work_plan.approve_plan(ws, lead, D(2026, 10, 10))
    assert exc.value.message == f"线索 {number} 尚未填写初核工作方案，无可审批的内容"
