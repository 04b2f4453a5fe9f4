"""The timeline of an item: its audit events, rendered in Chinese."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from models import AuditEvent, Case, Complaint, Lead, User
from models.enums import (AccountabilityMethod, CaseStage, Channel, ComplaintKind, ContactMethod, Disposition,
                          EightRulesType, ExecutionItem, FeedbackResponse, FollowUpForm, InquiryAssessment,
                          InquiryOutcome, LeadResult, LeadSource, LedgerOutcome, Responsibility, TalkKind)

from services.casework import sanction_rules
from services.casework.timeline_records import Documents, record_events
from services.security.permissions import require
from services.storage.workspace import Workspace

_VIEW_PERM = {"complaint": "complaint.view", "lead": "lead.view", "case": "case.view", "ledger": "case.view"}


@dataclass
class TimelineEvent:
    at: dt.datetime
    who: str
    text_zh: str
    action: str = ""
    document: tuple[str, int] | None = None   # the letter it can be printed again as (timeline_records.Documents)


def _l(enum_cls, code) -> str:
    m = enum_cls.from_text(code) if code else None
    return m.label if m else (code or "")


_FIELD_LABELS = {"received_date": "收件日期", "channel": "来源渠道", "kind": "类型", "signature": "署名情况",
                 "main_problem": "反映的主要问题", "discipline": "问题类别", "eight_rules_type": "八项规定问题类型",
                 "receiver_name": "接待人/登记人", "belongs_upper": "属上级管辖", "referred_down": "上级转办",
                 "is_repeat": "重复件", "original_id": "原件", "subjects": "被反映人", "identity": "反映人信息"}


def _d(detail: dict, key: str = "date") -> str:
    return f"（{detail[key]}）" if detail.get(key) else ""


def _how(detail: dict) -> str:
    """"，电话，经办人 李登记" for a 告知/反馈 event (older events have neither)."""
    how = f"，{_l(ContactMethod, detail['method'])}" if detail.get("method") else ""
    return how + (f"，经办人 {detail['by']}" if detail.get("by") else "")


_RENDER: dict[str, Callable[[dict], str]] = {
    "complaint.create": lambda d: f"登记信访件 {d.get('number', '')}：{_l(ComplaintKind, d.get('kind'))}，"
                                  f"{_l(Channel, d.get('channel'))}" + ("，重复件" if d.get("is_repeat") else ""),
    "complaint.update": lambda d: "修改登记信息：" + "、".join(_FIELD_LABELS.get(k, k) for k in d.get("changed", {}))
                                  if d.get("changed") else "保存登记信息（无改动）",
    "complaint.link_repeat": lambda d: f"关联为重复件，原件 {d.get('original', '')}",
    "complaint.accept": lambda d: f"受理{_d(d)}",
    "complaint.not_accept": lambda d: f"不予受理{_d(d)}：{d.get('reason', '')}",
    "complaint.transfer": lambda d: f"转办至{d.get('to', '')}{_d(d)}"
                                    + (f"，文号 {d['document_number']}" if d.get("document_number") else "")
                                    + (f"，回复期限 {d['due']}" if d.get("due") else ""),
    "complaint.referral_reminder": lambda d: f"向{d.get('to', '')}催办{_d(d)}",
    "complaint.referral_reply": lambda d: f"收到{d.get('to', '')}的回复{_d(d)}：{d.get('result', '')}",
    "complaint.report_up": lambda d: f"报送上级{_d(d)}",
    "complaint.conclude": lambda d: f"办结{_d(d)}" + (f"，随{d['via']}办结" if d.get("via") else ""),
    "complaint.notice": lambda d: f"向实名反映人告知受理情况{_d(d)}{_how(d)}",
    "complaint.feedback": lambda d: f"向实名反映人反馈处理结果{_d(d)}{_how(d)}"
                                    + (f"，反映人{_l(FeedbackResponse, d['response'])}" if d.get("response") else ""),
    "identity.view": lambda d: "查看反映人身份信息" + {"print": "（打印登记表）", "print_notice": "（打印告知书）"}.get(
        d.get("purpose"), ""),
    "complaint.printed": lambda d: f"打印{d.get('document', '')}",
    "lead.printed": lambda d: f"打印{d.get('document', '')}",
    "attachment.add": lambda d: f"添加附件“{d.get('filename', '')}”",
    "attachment.open": lambda d: "打开加密保存的附件",
    "attachment.seal": lambda d: "附件改为加密保存",
    "lead.create": lambda d: f"登记问题线索 {d.get('number', '')}，来源：{_l(LeadSource, d.get('source'))}"
                             + (f"，{_eight_rules(d)}" if d.get("eight_rules") else "")
                             + (f"，{d['note']}" if d.get("note") else ""),
    "lead.classify": lambda d: f"八项规定问题类别改为：{_eight_rules(d) if d.get('eight_rules') else '不涉及'}",
    "lead.dispose": lambda d: f"处置方式：{_l(Disposition, d.get('disposition'))}{_d(d)}"
                              + ("，纪委书记已审批" if d.get("approved") else "，待纪委书记审批"),
    "lead.approve": lambda d: f"纪委书记审批处置方式：{_l(Disposition, d.get('disposition'))}",
    "lead.conclude": lambda d: f"办理结果：{_l(LeadResult, d.get('result'))}{_d(d)}"
                               + (f"，立案 {d['case']}" if d.get("case") else ""),
    "lead.inquiry_send": lambda d: f"发出第{d.get('round', 1)}轮函询函{_d(d)}，函询对象 {d.get('recipient', '')}"
                                   + (f"，回复期限 {d['due']}" if d.get("due") else ""),
    "lead.inquiry_reply": lambda d: f"收到第{d.get('round', 1)}轮函询书面说明{_d(d)}"
                                    + (f"，附件“{d['attachment']}”" if d.get("attachment") else "")
                                    + ("，逾期回复" if d.get("late") else ""),
    "lead.inquiry_assess": lambda d: f"第{d.get('round', 1)}轮函询评估{_d(d)}：{_l(InquiryAssessment, d.get('assessment'))}，"
                                     f"{_l(InquiryOutcome, d.get('outcome'))}"
                                     + (f"，了结函 {d['closing_date']}" if d.get("closing_date") else ""),
    "talk.record": lambda d: f"{_l(TalkKind, d.get('kind'))}{_d(d)}：谈话对象 {d.get('person', '')}，"
                             f"谈话人 {d.get('interviewers', '')}" + (f"，地点 {d['place']}" if d.get("place") else ""),
    "case.create": lambda d: f"立案 {d.get('number', '')}{_d(d)}" + ("，违反中央八项规定精神" if d.get("eight_rules") else ""),
    "case.advance": lambda d: f"进入“{_l(CaseStage, d.get('stage'))}”阶段{_d(d)}"
                              + (f"，审理意见：{d['trial_opinion']}" if d.get("trial_opinion") else "")
                              + (f"，免予处分或不予处分的理由：{d['no_sanction_reason']}"
                                 if d.get("no_sanction_reason") else ""),
    "case.stage_undo": lambda d: f"撤销“{_l(CaseStage, d.get('stage'))}”阶段{_d(d)}，退回“{_l(CaseStage, d.get('back_to'))}”"
                                 f"阶段，理由：{d.get('reason', '')}",
    "case.approve": lambda d: "纪委书记审批立案",
    "lead.work_plan": lambda d: "填写初核工作方案" + ("（附件）" if d.get("attachment_id") else ""),
    "lead.work_plan_approve": lambda d: f"纪委书记审批初核工作方案{_d(d)}",
    "person.update": lambda d: f"修改人员信息：{d.get('name', '')}",
    "person.add": lambda d: f"增加被调查人：{d.get('name', '')}",
    "measure.add": lambda d: f"对{d.get('person', '')}作出{_kind(d.get('kind'))}{_d(d)}"
                             + (f"，文号 {d['document_number']}" if d.get("document_number") else ""),
    "measure.announce": lambda d: f"宣布对{d.get('person', '')}的{_kind(d.get('kind'))}决定{_d(d)}"
                                  + (f"，原登记为{d['previous']}" if d.get("previous") else ""),
    "measure.deliver": lambda d: f"向{d.get('person', '')}送达{_kind(d.get('kind'))}决定书{_d(d)}"
                                 + (f"，原登记为{d['previous']}" if d.get("previous") else ""),
    "measure.file": lambda d: f"{d.get('person', '')}的{_kind(d.get('kind'))}决定材料归入档案{_d(d)}"
                              + (f"，原登记为{d['previous']}" if d.get("previous") else ""),
    "measure.execution_step": lambda d: f"执行对{d.get('person', '')}的{_kind(d.get('kind'))}："
                                        f"{_l(ExecutionItem, d.get('item'))}{_d(d)}"
                                        + (f"，{d['note']}" if d.get("note") else ""),
    "measure.follow_up": lambda d: f"对{d.get('person', '')}回访教育{_d(d)}：{_l(FollowUpForm, d.get('form'))}，"
                                   f"回访人 {d.get('by', '')}",
    "ledger.create": lambda d: f"建立一案双查台账 {d.get('number', '')}：{d.get('unit', '')}，"
                               f"检查领导干部{d.get('leaders', 0)}名",
    "ledger.leader_add": lambda d: f"补充检查领导干部 {d.get('leader', '')}"
                                   + (f"（{d['post']}）" if d.get("post") else "")
                                   + f"，责任类型：{_l(Responsibility, d.get('responsibility'))}",
    "ledger.outcome": lambda d: f"{d.get('leader', '')}的处理结果：{_l(LedgerOutcome, d.get('outcome'))}{_d(d)}"
                                + (f"，{_l(AccountabilityMethod, d['method'])}" if d.get("method") else ""),
}


def _eight_rules(d: dict) -> str:
    sub_type = _l(EightRulesType, d.get("eight_rules_type"))
    return "违反中央八项规定精神" + (f"（{sub_type}）" if sub_type else "")


def _kind(code: str | None) -> str:
    try:
        return sanction_rules.label_of(code or "")
    except Exception:
        return code or ""


def render(action: str, detail: dict[str, Any]) -> str:
    fn = _RENDER.get(action)
    if fn is None:
        return f"操作：{action}"
    try:
        return fn(detail)
    except Exception:  # an old event with an unexpected detail still shows something
        return f"操作：{action}"


_IMPORTED = {"complaint": (Complaint, "import.complaints"), "lead": (Lead, "import.leads"),
             "case": (Case, "import.cases")}
IMPORT_ACTION = "ledger.imported"  # the action of the timeline's "导入自台账" entry (no event of its own)


def _import_event(s: Session, entity: str, id: int) -> tuple[int | None, Any]:
    """(the id of the import batch event that lists this imported item, its sheet row); ledger_write audits
    one such event per sheet and batch, each item as [id, number, sheet row] (a lead or case adds
    its creation detail)."""
    model, action = _IMPORTED.get(entity, (None, ""))
    if model is None or not s.scalar(select(model.imported).where(model.id == id)):
        return None, None
    for eid, detail_json in s.execute(select(AuditEvent.id, AuditEvent.detail_json)
                                      .where(AuditEvent.action == action).order_by(AuditEvent.id)):
        for item in json.loads(detail_json or "{}").get("items", []):
            if item and item[0] == id:
                return eid, item[2] if len(item) > 2 else None
    return None, None


def _imported_text(ev: AuditEvent, detail: dict, row: Any) -> str:
    """"导入自台账“旧台账.xlsx”（导入日期 2026-12-06，“线索”表第3行）"."""
    at = ev.at.astimezone() if ev.at.tzinfo else ev.at
    where = f"，“{detail['sheet']}”表" + (f"第{row}行" if row else "") if detail.get("sheet") else ""
    return f"导入自台账“{detail.get('file', '')}”（导入日期 {at.date().isoformat()}{where}）"


def timeline(ws: Workspace, entity: str, id: int) -> list[TimelineEvent]:
    """Every audit event of the item, oldest first, with who did it and what, in Chinese; an item brought in
    by import-ledger starts with its "导入自台账" entry (the import batch event that lists it)."""
    require(ws.current_user, _VIEW_PERM.get(entity, "audit.view"))
    with ws.reading() as s:
        imported_from, sheet_row = _import_event(s, entity, id)
        own = and_(AuditEvent.entity == entity, AuditEvent.entity_id == str(id))
        rows = s.execute(select(AuditEvent, User.display_name).outerjoin(User, User.id == AuditEvent.user_id)
                         .where(or_(own, AuditEvent.id == imported_from) if imported_from else own)
                         .order_by(AuditEvent.id)).all()
        out = []
        seen: set[tuple[str, str]] = set()
        documents = Documents(s, entity, id)
        for ev, display in rows:
            detail = json.loads(ev.detail_json or "{}")
            if ev.id == imported_from:
                out.append(TimelineEvent(ev.at, display or ev.username or "系统", _imported_text(ev, detail, sheet_row),
                                         IMPORT_ACTION))
                continue
            seen.add((ev.action, str(detail.get("date", ""))))
            out.append(TimelineEvent(ev.at, display or ev.username or "系统", render(ev.action, detail), ev.action,
                                     documents.of(ev.action, detail)))
        extra = [TimelineEvent(at, who, render(action, detail), action, documents.of(action, detail))
                 for at, who, action, detail in record_events(s, entity, id, seen)]
        if extra:   # records without an event of their own (the demo's), in date order among the events
            out = sorted(out + extra, key=lambda e: e.at)
        return out
