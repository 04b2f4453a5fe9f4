"""Sanctions and handling measures (DOMAIN §4, codes of §8): categories, effect periods, 四种形态.

Plain string codes; the kinds and their labels are read from ``models.enums``. Besides the real
measure kinds, two pseudo kinds feed the "four forms" count: ``talk_inquiry_concluded`` (a 谈话函询
lead closed as 了结 or 澄清, form 1) and ``judicial_transfer`` (移送司法机关, a real handling kind, form 4).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from models.enums import HANDLING_GROUPS, GovernmentSanction, Handling, PartySanction
from services.deadlines.rules import add_months
from services.errors import ValidationError

__all__ = [
    "PARTY_SANCTIONS", "GOVERNMENT_SANCTIONS", "HANDLING", "PSEUDO_KINDS", "LABELS",
    "category_of", "label_of", "is_sanction", "effect_months", "effect_end", "restriction_end",
    "period_name", "heading_of", "form_of", "highest_form", "check_measure_allowed", "check_decision_by_closing", "check_after_expulsion",
]

PARTY_SANCTIONS: dict[str, str] = {m.value: m.label for m in PartySanction}
GOVERNMENT_SANCTIONS: dict[str, str] = {m.value: m.label for m in GovernmentSanction}
HANDLING: dict[str, str] = {m.value: m.label for m in Handling}
PSEUDO_KINDS: dict[str, str] = {"talk_inquiry_concluded": "谈话函询了结"}

#: Chinese label of every kind; the sanction labels carry their category to be unambiguous.
LABELS: dict[str, str] = {
    **{k: f"党纪{v}" if k in ("party_warning", "party_serious_warning") else v for k, v in PARTY_SANCTIONS.items()},
    **{k: f"政务{v}" if k == "gov_warning" else v for k, v in GOVERNMENT_SANCTIONS.items()},
    **HANDLING,
    **PSEUDO_KINDS,
}

# Effect periods (影响期) in months. None = no period (开除 ends the public office).
_EFFECT_MONTHS: dict[str, int | None] = {
    "party_warning": 12,
    "party_serious_warning": 18,
    "party_post_removal": 24,
    "party_probation": 24,  # 1 or 2 years; the decided period wins, see effect_end
    "party_expulsion": 60,  # no readmission within 5 years
    "gov_warning": 6,
    "gov_demerit": 12,
    "gov_major_demerit": 18,
    "gov_demotion": 24,
    "gov_dismissal_from_post": 24,
    "gov_expulsion": None,
}

_FORMS: dict[str, int | None] = {
    **dict.fromkeys(
        ("reminder_talk", "criticism", "self_review", "circulated_criticism", "admonishment",
         "talk_inquiry_concluded"), 1),
    **dict.fromkeys(
        ("party_warning", "party_serious_warning", "gov_warning", "gov_demerit", "gov_major_demerit",
         "suspension", "post_adjustment", "ordered_resignation", "removal_from_post"), 2),
    **dict.fromkeys(
        ("party_post_removal", "party_probation", "party_expulsion", "gov_demotion",
         "gov_dismissal_from_post", "gov_expulsion", "demotion"), 3),
    "judicial_transfer": 4,
    "public_exposure": None,  # publicizes a case; counted only as public_exposures
}


def _known(kind: str) -> str:
    if kind not in LABELS:
        raise ValidationError(f"未知的处分或处理方式：{kind}", field="kind")
    return kind


def category_of(kind: str) -> str:
    """``party_sanction`` / ``government_sanction`` / ``handling`` (pseudo kinds are handling)."""
    _known(kind)
    if kind in PARTY_SANCTIONS:
        return "party_sanction"
    if kind in GOVERNMENT_SANCTIONS:
        return "government_sanction"
    return "handling"


def label_of(kind: str) -> str:
    return LABELS[_known(kind)]


def is_sanction(kind: str) -> bool:
    """A party or government sanction (处分), as opposed to organizational handling."""
    return category_of(kind) != "handling"


def effect_months(kind: str, probation_years: float | None = None) -> int | None:
    """The effect period in months, None when the kind has none."""
    _known(kind)
    if kind == "party_probation" and probation_years is not None:
        if probation_years not in (1, 2):
            raise ValidationError("留党察看期限只能为一年或二年", field="probation_years")
        return int(probation_years) * 12
    return _EFFECT_MONTHS.get(kind)


def effect_end(kind: str, decision_date: date, probation_years: float | None = None) -> date | None:
    """The day the effect period ends: ``decision_date`` plus the period, month end clamped.

    Party: 警告 1 y, 严重警告 1.5 y, 撤销党内职务 2 y, 留党察看 the decided 1 or 2 y (default 2),
    开除党籍 5 y (no readmission). Government: 6/12/18/24/24 months; 开除 and handling → None.
    """
    months = effect_months(kind, probation_years)
    return None if months is None else add_months(decision_date, months)


def restriction_end(kind: str, decision_date: date, probation_years: float | None = None) -> date | None:
    """For 留党察看: the end of the 2 years without posts after party rights are restored."""
    if kind != "party_probation":
        return effect_end(kind, decision_date, probation_years)
    end = effect_end(kind, decision_date, probation_years)
    return None if end is None else add_months(end, 24)


def heading_of(kind: str) -> str:
    """The heading a kind is shown under (DOMAIN §4): 党纪处分, 政务处分, 组织处理 (停职检查 · 调整职务 · 责令辞职 ·
    免职 · 降职) or 教育提醒/其他处理 (the other handling kinds, 通报曝光 and 移送司法机关 among them)."""
    category = category_of(kind)
    if category == "party_sanction":
        return "党纪处分"
    if category == "government_sanction":
        return "政务处分"
    return next((title for title, kinds in HANDLING_GROUPS if kind in kinds), HANDLING_GROUPS[-1][0])


def period_name(kind: str) -> str:
    """What a measure's period is called: 政务处分期间 for a government sanction (《公职人员政务处分法》第八条,
    "政务处分的期间"), 影响期 for a party sanction and anything else."""
    return "政务处分期间" if category_of(kind) == "government_sanction" else "影响期"


def form_of(measure_kind: str) -> int | None:
    """The 四种形态 form (1–4) of a measure; ``public_exposure`` is no form → None."""
    return _FORMS[_known(measure_kind)]


def highest_form(kinds: Iterable[str]) -> int | None:
    """The highest form among ``kinds``; None when none of them is a form."""
    forms = [f for f in (form_of(k) for k in kinds) if f is not None]
    return max(forms) if forms else None


def check_measure_allowed(
    kind: str, is_party_member: bool | None, is_supervised_object: bool | None
) -> None:
    """Reject a measure the person cannot receive (DOMAIN §4); ``is_party_member`` None: not confirmed."""
    category = category_of(kind)
    if category == "party_sanction":
        if is_party_member is None:   # left 不详 at intake, or never filled in
            raise ValidationError("被处分人是否为中共党员尚未确认（不详），请先在人员信息中确认后再给予党纪处分",
                                  field="is_party_member")
        if not is_party_member:
            raise ValidationError(
                f"非中共党员不能给予党纪处分（{label_of(kind)}），请改为政务处分或其他处理", field="kind"
            )
    elif category == "government_sanction":
        if is_supervised_object is None:
            raise ValidationError("请先填写被处分人是否为监察对象（公职人员），再给予政务处分",
                                  field="is_supervised_object")
        if not is_supervised_object:
            raise ValidationError(
                f"非监察对象（公职人员）不能给予政务处分（{label_of(kind)}），请改为党纪处分或其他处理",
                field="kind",
            )


def check_decision_by_closing(decision_date: date | None, closing_date: date | None,
                              field: str = "decision_date") -> None:
    """A measure of a case is decided by its 结案 at the latest (DOMAIN §3: 处分决定 → 结案); checked when a
    measure is added to a closed case and when a case with measures is closed."""
    if closing_date is not None and decision_date is not None and decision_date > closing_date:
        raise ValidationError(f"决定日期（{decision_date.isoformat()}）不能晚于案件的结案日期（{closing_date.isoformat()}）",
                              field=field)


def check_after_expulsion(kind: str, decision_date: date, earlier: Iterable[tuple[str, date]],
                          person_name: str) -> None:
    """No sanction on or after the person's 开除党籍 but a 政务处分 (《公职人员政务处分法》 allows it).

    ``earlier``: (kind, decision date) of the person's measures already recorded. Handling measures
    (组织处理 and the like) are no sanctions and stay possible.
    """
    if category_of(kind) != "party_sanction":
        return
    expulsions = sorted(d for k, d in earlier if k == "party_expulsion" and d <= decision_date)
    if expulsions:
        raise ValidationError(f"{person_name}已于{expulsions[0].isoformat()}受到开除党籍处分，此后不能再给予"
                              f"{label_of(kind)}（开除党籍后仍可给予政务处分）", field="kind")
