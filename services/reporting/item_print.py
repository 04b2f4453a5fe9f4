"""One-page print sheets: 信访举报登记表, 问题线索处置审批表, 立案审批表, 谈话记录 (PDF bytes)."""
from __future__ import annotations

from models import Organization
from models.enums import CaseStage

from services.casework import talks
from services.casework.cases import get_case, stage_label
from services.casework.intake import get_complaint, reveal_identity
from services.casework.leads import get_lead
from services.errors import AuthenticationError, PermissionDenied
from services.reporting.fonts import find_cjk_font
from services.reporting.item_sheet import render_item_sheet
from services.security.permissions import allowed
from services.storage import settings
from services.storage.workspace import Workspace

_YES = {True: "是", False: "否", None: "未填"}


def _d(value) -> str:
    return value.isoformat() if value else ""


def _subject_line(sub: dict) -> str:
    parts = [sub["name"], sub["unit"], sub["post"], sub["rank_label"],
             f"中共党员：{_YES[sub['is_party_member']]}", f"监察对象：{_YES[sub['is_supervised_object']]}"]
    return "，".join(p for p in parts if p)


def _person_line(p) -> str:
    party = "中共党员" + (f"（{p.party_join_date:%Y-%m}入党）" if p.party_join_date else "") if p.is_party_member else "非中共党员"
    if not p.party_membership_known:   # left 不详 at intake, not yet confirmed
        party = "中共党员：不详"
    parts = [p.name, p.gender, p.ethnicity, f"{p.birth_month:%Y-%m}生" if p.birth_month else "",
             " ".join(x for x in (p.unit, p.post) if x), p.rank_label, party,
             "主动交代" if p.self_reported else "", f"金额（万元）：{p.amount_confiscated:g}/{p.amount_seized:g}/"
             f"{p.amount_restitution:g}" if (p.amount_confiscated or p.amount_seized or p.amount_restitution) else ""]
    return "，".join(x for x in parts if x)


def _org_and_font(ws: Workspace):
    with ws.reading() as s:
        org = s.query(Organization).first()
        name = org.name if org else ""
        font_path = settings.get(s, settings.FONT_PATH) or None
    return name, find_cjk_font(font_path)


def complaint_sheet_pdf(ws: Workspace, complaint_id: int) -> bytes:
    """信访举报登记表. The identity is printed only for a user who may see it, and that is an audited view."""
    v = get_complaint(ws, complaint_id)
    ident, note = v.identity_masked, "反映人身份信息已按保密规定隐去部分内容。"
    if v.has_identity and allowed(ws.current_user.roles, "identity.view"):
        try:
            ident = reveal_identity(ws, complaint_id, purpose="print")
            note = "本表含反映人身份信息，属保密材料，严禁泄露（《纪检监察机关处理检举控告工作规则》）。"
        except (PermissionDenied, AuthenticationError):
            pass
    if not v.has_identity:
        note = ""
    sections = [
        ("基本情况", [("编号", v.number), ("收件日期", _d(v.received_date)), ("来源渠道", v.channel_label),
                      ("类型", v.kind_label), ("署名情况", v.signature_label),
                      ("初次/重复", f"重复件（原件 {v.original_number}）" if v.is_repeat else "初次件")]),
        ("反映人", [("姓名", ident.get("name", "")), ("联系电话", ident.get("phone", "")),
                    ("身份证号", ident.get("id_number", "")), ("单位或地址", ident.get("address", ""))]),
    ]
    subjects = [(f"被反映人{i}" if len(v.subjects) > 1 else "被反映人", _subject_line(sub))
                for i, sub in enumerate(v.subjects, 1)] or [("被反映人", "")]
    sections.append(("被反映人（姓名，单位，职务，职级，是否中共党员，是否监察对象）", subjects))
    sections += [
        ("反映的问题", [("主要问题", v.main_problem), ("问题类别", v.discipline_label),
                        ("八项规定问题", v.eight_rules_label)]),
        ("办理情况", [("办理状态", v.state_label), ("状态日期", _d(v.state_date)),
                      ("说明", v.state_reason or v.referred_to), ("接待人/登记人", v.receiver_name),
                      ("拟办意见", ""), ("领导批示", "")]),
    ]
    org, font = _org_and_font(ws)
    return render_item_sheet("信访举报登记表", org, sections, footer_note=note, font=font)


def _work_plan_section(v) -> list:
    """初核's 工作方案 and the secretary's approval of it (casework.work_plan), for a lead under 初核."""
    if v.disposition != "preliminary_verification":
        return []
    plan = v.work_plan or {}
    text = plan.get("text") or (f"见附件“{plan['attachment_name']}”" if plan.get("attachment_name") else "")
    approval = (f"已审批（{plan.get('approver_name', '')}，{_d(plan.get('approved_date'))}）" if plan.get("approved")
                else "待纪委书记审批" if text else "")
    return [("初核工作方案", [("工作方案", text), ("书记审批", approval)])]


def _eight_rules_text(v) -> str:
    """是（sub-type） / 否, for a lead or a case view."""
    return ("是" + (f"（{v.eight_rules_label}）" if v.eight_rules_label else "")) if v.eight_rules else "否"


def lead_sheet_pdf(ws: Workspace, lead_id: int) -> bytes:
    """问题线索处置审批表."""
    v = get_lead(ws, lead_id)
    persons = [(f"涉及人员{i}", "，".join(x for x in (p.name, p.unit, p.post, p.rank_label) if x))
               for i, p in enumerate(v.persons, 1)] or [("涉及人员", "")]
    sections = [
        ("线索情况", [("编号", v.number), ("线索来源", v.source_label), ("收到日期", _d(v.received_date)),
                      ("关联信访件", v.complaint_number), ("八项规定问题", _eight_rules_text(v)),
                      ("线索摘要", v.summary)]),
        ("涉及人员", persons),
        ("处置", [("处置方式", v.disposition_label), ("处置日期", _d(v.disposition_date)),
                  ("集体研究情况", v.collective_note), ("承办人员", v.verifiers),
                  ("书记审批", f"已审批（{v.approver_name}）" if v.approved else "")]),
        *_work_plan_section(v),
        ("办理结果", [("结果", v.result_label), ("日期", _d(v.result_date)), ("情况说明", v.result_note)]),
    ]
    org, font = _org_and_font(ws)
    return render_item_sheet("问题线索处置审批表", org, sections, font=font)


def case_sheet_pdf(ws: Workspace, case_id: int) -> bytes:
    """立案审批表 with the persons, the stages and the measures."""
    v = get_case(ws, case_id)
    sections = [
        ("案件情况", [("编号", v.number), ("案件名称", v.title), ("线索编号", v.lead_number),
                      ("立案日期", _d(v.filing_date)), ("立案审批人", v.filing_approver),
                      ("当前阶段", stage_label(v.stage)),
                      ("违反中央八项规定精神", _eight_rules_text(v)), ("简要案情", v.summary)]),
    ]
    persons = [(f"被调查人{i}" if len(v.persons) > 1 else "被调查人", _person_line(p))
               for i, p in enumerate(v.persons, 1)] or [("被调查人", "")]
    sections.append(("被调查人（姓名，性别，民族，出生年月，单位及职务，职级，政治面貌，是否主动交代，"
                     "收缴/没收/责令退赔）", persons))
    stages = [(CaseStage.investigating.label, _d(v.investigation_date)),
              (CaseStage.referred_for_trial.label, _d(v.trial_referral_date)),
              (CaseStage.trial_concluded.label, _d(v.trial_concluded_date)),
              (CaseStage.closed.label, _d(v.closing_date))]
    sections.append(("办理阶段", stages))
    if v.measures:
        sections.append(("处分处理", [(m["person_name"], f"{m['kind_label']}（{_d(m['decision_date'])}"
                                      + (f"，{m['document_number']}" if m["document_number"] else "") + "）")
                                     for m in v.measures]))
    sections.append(("审批意见", [("承办部门意见", ""), ("纪委书记意见", "")]))
    org, font = _org_and_font(ws)
    return render_item_sheet("立案审批表", org, sections, font=font)


def talk_sheet_pdf(ws: Workspace, talk_id: int) -> bytes:
    """谈话记录 filled from a recorded talk; the signature lines stay blank for the people present."""
    v = talks.get_talk(ws, talk_id)
    owner = ("问题线索" if v.lead_id else "案件", v.owner_number)
    sections = [
        ("谈话情况", [("谈话类型", v.kind_label), ("谈话时间", _d(v.talk_date)), ("谈话地点", v.place),
                      ("谈话人", "、".join(v.interviewers)), (f"关联{owner[0]}", owner[1])]),
        ("谈话对象", [("姓名", v.person_name), ("单位", v.person_unit), ("职务", v.person_post)]),
        ("谈话内容", [("主要内容", v.summary), ("记录附件", v.record_attachment_name)]),
        ("签字", [("谈话对象签字", ""), ("谈话人签字", "")]),
    ]
    org, font = _org_and_font(ws)
    return render_item_sheet("谈话记录", org, sections, font=font)
