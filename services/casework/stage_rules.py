"""A case's stages (DOMAIN §3): 立案 → 审查调查 → 移送审理 → 审结 → 结案, none skipped, each dated in order.

The rules hold for what is entered in the app: ``cases.advance_case`` moves a case one stage on (never past
one), only once its 立案 is approved by the secretary (``Case.filing_approver_id``: at once when the secretary
opens the case, else ``cases.approve_filing``), and 结案 needs the 审查调查 and 审理 dates before it, in order.
A case brought in by ``import-ledger`` (``Case.imported``) keeps what the old ledger holds — a closed case
without the intermediate dates stays valid — and any stage entered for it in the app follows these rules.
"""
from __future__ import annotations

from models import Case
from models.enums import CaseStage

from services.errors import StateError, ValidationError

STAGES: list[tuple[str, str]] = [  # (stage code, date column), in order
    (CaseStage.filed.value, "filing_date"),
    (CaseStage.investigating.value, "investigation_date"),
    (CaseStage.referred_for_trial.value, "trial_referral_date"),
    (CaseStage.trial_concluded.value, "trial_concluded_date"),
    (CaseStage.closed.value, "closing_date"),
]
STAGE_INDEX = {code: i for i, (code, _) in enumerate(STAGES)}

__all__ = ["STAGES", "STAGE_INDEX", "check_advance", "stage_label"]


def stage_label(code: str) -> str:
    m = CaseStage.from_text(code)
    return m.label if m else code


def check_advance(c: Case, target: CaseStage) -> None:
    """Whether ``c`` may enter ``target`` now (the date is checked by the caller against the previous stage)."""
    cur, new = STAGE_INDEX[c.stage], STAGE_INDEX[target.value]
    if new <= cur:
        raise StateError(f"案件 {c.number} 已处于“{stage_label(c.stage)}”阶段，不能再进入“{target.label}”阶段")
    if new > cur + 1:
        raise StateError(f"案件 {c.number} 处于“{stage_label(c.stage)}”阶段，须先进入“{stage_label(STAGES[cur + 1][0])}”"
                         f"阶段，不能跳过中间阶段直接进入“{target.label}”阶段")
    if c.filing_approver_id is None and not c.imported:  # an imported case was filed (and approved) outside
        raise StateError(f"案件 {c.number} 的立案尚未经纪委书记审批，审批后才能进入“{target.label}”阶段")
    if target is CaseStage.closed:
        previous = None
        for code, column in STAGES[:-1]:
            when = getattr(c, column)
            if when is None:
                raise StateError(f"案件 {c.number} 没有{stage_label(code)}日期，结案须依次经过审查调查、移送审理和审结")
            if previous is not None and when < previous[1]:
                raise ValidationError(f"{stage_label(code)}日期（{when.isoformat()}）早于{stage_label(previous[0])}日期"
                                      f"（{previous[1].isoformat()}），请先更正后再结案", field="date")
            previous = (code, when)
