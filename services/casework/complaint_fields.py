"""The registration form (登记表) checked as a whole: its coded choices and its rules (DOMAIN §1).

``validate_complaint_fields`` runs each field's validator (``services.validation``) and the rules
between the fields, and reports every problem at once. The coded choices are the vocabularies of
``models.enums`` (DOMAIN §8): a field takes a code, or its Chinese label as the CLI and the ledger
import give it.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from models.enums import Channel, CodedEnum, ComplaintKind, Discipline, Rank, Signature
from services.errors import ValidationError
from services.validation import (MAX_LENGTHS, Collector, is_blank, raise_all, validate_date, validate_id_number,
                                 validate_name, validate_phone, validate_text)

__all__ = ["validate_complaint_fields"]

_TRUE = {"是", "true", "yes", "1", "y"}
_FALSE = {"否", "false", "no", "0", "n"}


def _as_bool(value: object, label: str, field: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if not text:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise ValidationError(f"{label}应为“是”或“否”", field=field)


def _code(value: object, vocabulary: type[CodedEnum], label: str, field: str, required: bool) -> str | None:
    if value is None or value == "":
        if required:
            raise ValidationError(f"请选择{label}", field=field)
        return None
    if isinstance(value, str):
        for member in vocabulary:  # the code as given, or the Chinese label (CLI, imports)
            if value == member.value or value.strip() == member.label:
                return member.value
    raise ValidationError(f"{label}“{value}”不是可选的值", field=field)


def _subject(c: Collector, raw: object, i: int) -> dict:
    prefix, who = f"subjects[{i}]", f"第{i + 1}个被反映人的"
    if not isinstance(raw, Mapping):
        c.add(f"{who}信息格式不正确", prefix)
        return {}
    out = dict(raw)
    out["name"] = None
    if not is_blank(raw.get("name")):
        out["name"] = c.run(validate_name, raw.get("name"), label=f"{who}姓名", field=f"{prefix}.name")
    elif any(not is_blank(raw.get(k)) for k in ("unit", "post", "rank")):  # a row whose name was forgotten
        c.add(f"请填写{who}姓名（或删除该行）", f"{prefix}.name")
    for key, label in (("unit", "单位"), ("post", "职务")):
        out[key] = c.run(validate_text, raw.get(key), label=f"{who}{label}", field=f"{prefix}.{key}",
                         max_length=MAX_LENGTHS[key])
    out["rank"] = c.run(_code, raw.get("rank"), Rank, f"{who}职级", f"{prefix}.rank", False)
    for key, label in (("is_party_member", "是否中共党员"), ("is_supervised_object", "是否监察对象")):
        out[key] = c.run(_as_bool, raw.get(key), f"{who}{label}", f"{prefix}.{key}")
    return out


def validate_complaint_fields(values: Mapping[str, object], today: date,
                              stored_identity: tuple[bool, bool] | None = None, *,
                              content_withheld: bool = False) -> dict:
    """Check a whole registration form (DOMAIN §1) and return the normalized values.

    Keys: number, received_date, channel, kind, signature, complainant_name, complainant_phone,
    complainant_id_number, complainant_address (单位或地址), subjects (list of dicts: name, unit,
    post, rank, is_party_member, is_supervised_object), main_problem, disciplines (list of codes),
    is_repeat, repeat_of, receiver (接待人/登记人). Other keys pass through unchanged.
    Rules: 实名 needs a name and a contact (phone or address); 署名 needs a name; 匿名 has none;
    申诉 cannot be anonymous; 检举控告 needs a named subject and the main problem (every kind but
    无实质内容 needs the main problem); a 被反映人 row with a unit, post or rank needs a name;
    a repeat names its original; 职务违法/职务犯罪 need a
    subject who may be a 监察对象. Every problem is reported at once in ``.problems``.
    ``stored_identity`` (an edit keeping the sealed identity): (a name is stored, a contact is stored),
    which the rules then read instead of the empty complainant fields.
    ``content_withheld`` (属上级纪委管辖, ``upper_level``): neither the main problem nor the identity is kept,
    so neither is required; the signature stands as declared.
    """
    if not isinstance(values, Mapping):
        raise ValidationError("登记表内容格式不正确")
    c = Collector()
    out = dict(values)
    get = values.get

    out["number"] = c.run(validate_text, get("number"), label="编号", field="number",
                          max_length=MAX_LENGTHS["number"])
    out["received_date"] = c.run(validate_date, get("received_date"), today, label="收件日期",
                                 field="received_date")
    out["channel"] = c.run(_code, get("channel"), Channel, "来源渠道", "channel", True)
    kind = out["kind"] = c.run(_code, get("kind"), ComplaintKind, "类型", "kind", True)
    signature = out["signature"] = c.run(_code, get("signature"), Signature, "署名情况", "signature", True)

    out["complainant_name"] = out["complainant_phone"] = out["complainant_id_number"] = None
    if not is_blank(get("complainant_name")):
        out["complainant_name"] = c.run(validate_name, get("complainant_name"), label="反映人姓名",
                                        field="complainant_name")
    if not is_blank(get("complainant_phone")):
        out["complainant_phone"] = c.run(validate_phone, get("complainant_phone"), field="complainant_phone")
    if not is_blank(get("complainant_id_number")):
        out["complainant_id_number"] = c.run(validate_id_number, get("complainant_id_number"), today=today,
                                             field="complainant_id_number")
    out["complainant_address"] = c.run(
        validate_text, get("complainant_address"), label="反映人单位或地址", field="complainant_address",
        max_length=MAX_LENGTHS["address"])
    # A given but malformed value already has its own problem; don't also call it missing.
    name_given = not is_blank(get("complainant_name"))
    contact_given = not is_blank(get("complainant_phone")) or not is_blank(get("complainant_address"))
    if stored_identity is not None:
        name_given, contact_given = stored_identity

    if content_withheld:
        pass  # the identity goes up with the original (upper_level refuses one typed here)
    elif signature == "real_name":
        if not name_given:
            c.add("实名举报须填写反映人姓名", "complainant_name")
        if not contact_given:
            c.add("实名举报须填写反映人联系电话或单位、地址（至少一项）", "complainant_phone")
    elif signature == "signed" and not name_given:
        c.add("署名举报须填写反映人姓名；没有姓名请将署名情况改为匿名", "complainant_name")
    elif signature == "anonymous" and name_given:
        c.add("匿名举报不应填写反映人姓名；有姓名请将署名情况改为署名或实名", "signature")
    if kind == "appeal" and signature == "anonymous":
        c.add("申诉须由本人署名提出，请填写申诉人姓名并将署名情况改为实名或署名", "signature")

    raw_subjects = get("subjects")
    subjects: list[dict] = []
    if raw_subjects is None:
        raw_subjects = []
    if isinstance(raw_subjects, (list, tuple)):
        if len(raw_subjects) > MAX_LENGTHS["subjects"]:
            c.add(f"被反映人不能超过{MAX_LENGTHS['subjects']}人", "subjects")
        else:
            subjects = [_subject(c, raw, i) for i, raw in enumerate(raw_subjects)]
    else:
        c.add("被反映人信息格式不正确", "subjects")
    out["subjects"] = subjects
    if kind == "accusation" and not any(s.get("name") for s in subjects):
        c.add("检举控告须至少填写一名被反映人的姓名", "subjects")

    out["main_problem"] = c.run(validate_text, get("main_problem"), label="反映的主要问题",
                                field="main_problem", max_length=MAX_LENGTHS["main_problem"],
                                required=kind not in (None, "no_substance") and not content_withheld)

    disciplines: list[str] = []
    raw_disc = get("disciplines")
    if isinstance(raw_disc, str):
        raw_disc = [raw_disc]
    if raw_disc is None:
        raw_disc = []
    if isinstance(raw_disc, (list, tuple, set, frozenset)):
        for item in raw_disc:
            code = c.run(_code, item, Discipline, "问题类别", "disciplines", False)
            if code and code not in disciplines:
                disciplines.append(code)
    else:
        c.add("问题类别格式不正确", "disciplines")
    out["disciplines"] = disciplines
    if {"duty_violation", "duty_crime"} & set(disciplines) and subjects and all(
        s.get("is_supervised_object") is False for s in subjects
    ):
        c.add("职务违法、职务犯罪只适用于监察对象（公职人员），被反映人均不是监察对象", "disciplines")

    is_repeat = out["is_repeat"] = bool(c.run(_as_bool, get("is_repeat"), "是否重复件", "is_repeat"))
    repeat_of = get("repeat_of")
    if isinstance(repeat_of, int) and not isinstance(repeat_of, bool):
        out["repeat_of"] = repeat_of
    else:
        out["repeat_of"] = c.run(validate_text, repeat_of, label="原件编号", field="repeat_of",
                                 max_length=MAX_LENGTHS["repeat_of"])
    if is_repeat and out["repeat_of"] is None and not any(p.field == "repeat_of" for p in c.problems):
        c.add("重复件须关联原件（填写原件编号）", "repeat_of")
    out["receiver"] = c.run(validate_text, get("receiver"), label="接待人/登记人", field="receiver",
                            max_length=MAX_LENGTHS["receiver"])

    raise_all(c.problems, "登记表")
    return out
