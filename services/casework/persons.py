"""The persons of a lead or a case (被反映人 / 被调查人): the form's input, its checks, the view.

Shared by leads (the persons a disposition is about) and cases (the persons investigated); intake
builds the persons of the lead that an accepted 检举控告 becomes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from models import Person
from models.enums import Rank

from services.errors import ValidationError
from services.validation import validate_name, validate_text


@dataclass
class PersonInput:
    name: str = ""
    gender: str = ""
    ethnicity: str = ""
    birth_month: dt.date | str | None = None
    party_join_date: dt.date | str | None = None
    unit: str = ""
    post: str = ""
    rank: str | None = None
    is_party_member: bool | None = False   # None: 不详 (unknown at intake; a party sanction waits for it)
    is_supervised_object: bool = True
    self_reported: bool = False
    amount_confiscated: Decimal | float | str = 0
    amount_seized: Decimal | float | str = 0
    amount_restitution: Decimal | float | str = 0


@dataclass
class PersonView:
    id: int
    lead_id: int | None
    case_id: int | None
    name: str
    gender: str
    ethnicity: str
    birth_month: dt.date | None
    party_join_date: dt.date | None
    unit: str
    post: str
    rank: str | None
    rank_label: str
    is_party_member: bool
    is_supervised_object: bool
    self_reported: bool
    amount_confiscated: Decimal
    amount_seized: Decimal
    amount_restitution: Decimal
    party_membership_known: bool = True   # False: 不详, is_party_member then means nothing
    has_id_number: bool = False   # a 身份证号 is entered (person_identity; never the number here)
    version: int = 0   # hand it back as expected_version to cases.update_person (record_versions)

    @property
    def party_member(self) -> bool | None:
        """是 True, 否 False, 不详 None."""
        return self.is_party_member if self.party_membership_known else None


def _amount(value: Any, label: str, field_code: str) -> Decimal:
    try:
        d = Decimal(str(value if value not in (None, "") else 0)).quantize(Decimal("0.0001"))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{label}应为数字（单位：万元）", field=field_code) from None
    if d < 0 or d >= Decimal("1e10"):
        raise ValidationError(f"{label}应在0到99亿万元之间", field=field_code)
    return d


def _past_date(value: Any, today: dt.date, label: str, field_code: str) -> dt.date | None:
    """A past date of a life event (birth, joining the party): 1900 to today; "1975-03" means the 1st."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        text = value.strip().replace("/", "-").replace(".", "-")
        try:
            value = dt.date.fromisoformat(text if text.count("-") == 2 else f"{text}-01")
        except ValueError:
            raise ValidationError(f"{label}格式不正确，应为“1975-03”或“1975-03-01”", field=field_code) from None
    if not isinstance(value, dt.date):
        raise ValidationError(f"{label}格式不正确", field=field_code)
    if value > today:
        raise ValidationError(f"{label}不能晚于今天", field=field_code)
    if value.year < 1900:
        raise ValidationError(f"{label}不能早于1900年", field=field_code)
    return value


def validate_person(p: PersonInput, today: dt.date, prefix: str = "") -> tuple[dict, list[ValidationError]]:
    """Normalized person fields and the list of problems (fields prefixed, e.g. ``persons[0].name``)."""
    problems: list[ValidationError] = []
    out: dict[str, Any] = {}

    def run(key, fn, *a, **kw):
        try:
            out[key] = fn(*a, **kw)
        except ValidationError as exc:
            problems.append(exc)
            out[key] = None

    f = (lambda k: f"{prefix}{k}")
    run("name", validate_name, p.name, label="姓名", field=f("name"))
    for key, label, n in (("gender", "性别", 4), ("ethnicity", "民族", 20), ("unit", "单位", 100), ("post", "职务", 100)):
        run(key, validate_text, getattr(p, key), label=label, field=f(key), max_length=n)
        out[key] = out[key] or ""
    run("birth_month", _past_date, p.birth_month, today, "出生年月", f("birth_month"))
    run("party_join_date", _past_date, p.party_join_date, today, "入党时间", f("party_join_date"))
    if out["gender"] and out["gender"] not in ("男", "女"):
        problems.append(ValidationError("性别应为“男”或“女”", field=f("gender")))
    if p.rank and Rank.from_text(p.rank) is None:
        problems.append(ValidationError(f"职级“{p.rank}”不是可选的值", field=f("rank")))
    out["rank"] = Rank.from_text(p.rank).value if p.rank and Rank.from_text(p.rank) else None
    if out.get("party_join_date") and not p.is_party_member:
        problems.append(ValidationError("填写了入党时间的人员应为中共党员，请核对“是否中共党员”", field=f("is_party_member")))
    if out.get("party_join_date") and out.get("birth_month") and out["party_join_date"] < out["birth_month"]:
        problems.append(ValidationError("入党时间不能早于出生年月", field=f("party_join_date")))
    for key, label in (("amount_confiscated", "收缴金额"), ("amount_seized", "没收金额"),
                       ("amount_restitution", "责令退赔金额")):
        run(key, _amount, getattr(p, key), label, f(key))
    out["is_party_member"] = bool(p.is_party_member)
    out["party_membership_known"] = p.is_party_member is not None
    out["is_supervised_object"] = bool(p.is_supervised_object)
    out["self_reported"] = bool(p.self_reported)
    return out, problems


def person_view(p: Person) -> PersonView:
    rank = Rank.from_text(p.rank) if p.rank else None
    return PersonView(p.id, p.lead_id, p.case_id, p.name, p.gender, p.ethnicity, p.birth_month, p.party_join_date,
                      p.unit, p.post, p.rank, rank.label if rank else "", p.is_party_member, p.is_supervised_object,
                      p.self_reported, p.amount_confiscated, p.amount_seized, p.amount_restitution,
                      p.party_membership_known, p.id_number_index is not None, p.version or 0)


def new_person(values: dict, *, lead_id: int | None = None, case_id: int | None = None) -> Person:
    return Person(lead_id=lead_id, case_id=case_id, **values)
