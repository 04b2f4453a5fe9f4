"""A case's stages (DOMAIN §3): 立案 → 审查调查 → 移送审理 → 审结 → 结案, none skipped, each dated in order.

The rules hold for what is entered in the app: ``cases.advance_case`` moves a case one stage on (never past
one), only once its 立案 is approved by the secretary (``Case.filing_approver_id``: at once when the secretary
opens the case, else ``cases.approve_filing``), and 结案 needs the 审查调查 and 审理 dates before it, in order.
A case brought in by ``import-ledger`` (``Case.imported``) keeps what the old ledger holds — a closed case
without the intermediate dates stays valid — and any stage entered for it in the app follows these rules.

What a stage change asks for (``REQUIREMENTS``, ``check_requirements``): 审结 the 审理意见 the 审理 concluded
with; 结案 the decisions (DOMAIN §3: 审结 → 处分决定 → 结案) — at least one 处分 or 处理 recorded on the case's
persons, or a written reason for 免予处分或不予处分. A stage change names the stage the user saw
(``check_expected``), so a second click on the same screen cannot move the case on twice. The last change
may be undone by the secretary (``check_undo``), except 结案 (it concluded the complaint and counts in the
monthly report) and 立案 (the case's own start).
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

__all__ = ["OPINION_MAX", "REQUIREMENTS", "STAGES", "STAGE_INDEX", "check_advance", "check_expected",
           "check_requirements", "check_undo", "stage_label"]

#: what entering a stage asks for besides its date: (field code, Chinese label) shown by the stage dialog
REQUIREMENTS: dict[str, list[tuple[str, str]]] = {
    CaseStage.trial_concluded.value: [("trial_opinion", "审理意见")],
    CaseStage.closed.value: [("measures", "处分或处理决定（或免予处分、不予处分的理由）")],
}
OPINION_MAX = 2000  # characters of a 审理意见 or a 免予/不予处分 reason


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


def check_expected(c: Case, expected_stage: str | None) -> None:
    """Refuse when the case is no longer at the stage the user saw (a second click, another desk)."""
    if expected_stage is not None and c.stage != expected_stage:
        raise StateError(f"案件 {c.number} 已处于“{stage_label(c.stage)}”阶段，不再是您看到的“{stage_label(expected_stage)}”"
                         "阶段，本次操作未执行；请查看案件当前情况后再操作")


def check_requirements(c: Case, target: CaseStage, *, trial_opinion: str, no_sanction_reason: str,
                       measure_count: int) -> None:
    """What ``target`` asks for (``REQUIREMENTS``), the texts already checked (validate_text); names what is
    missing."""
    if target is CaseStage.trial_concluded:
        if not trial_opinion:
            raise ValidationError(f"案件 {c.number} 进入“审结”阶段须填写审理意见", field="trial_opinion")
    if target is CaseStage.closed:
        if measure_count == 0 and not no_sanction_reason:
            raise ValidationError(f"案件 {c.number} 尚未录入任何处分或处理决定，不能结案：请先在“处分处理”中录入，"
                                  "或写明免予处分、不予处分的理由", field="measures")


def check_undo(c: Case) -> tuple[str, str]:
    """The (stage code, date column) that undoing the last stage change of ``c`` clears (the caller has
    checked ``expected_stage`` with :func:`check_expected`)."""
    if c.stage == CaseStage.closed.value:
        raise StateError(f"案件 {c.number} 已结案，结案不能撤销：结案时已随之办结来源信访件，并计入月报")
    if c.stage == CaseStage.filed.value:
        raise StateError(f"案件 {c.number} 处于“立案”阶段，没有可撤销的阶段变更")
    return STAGES[STAGE_INDEX[c.stage]]
