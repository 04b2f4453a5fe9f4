"""Field validators and display masks for the registration forms.

Every validator returns the normalized value or raises :class:`ValidationError` (Chinese message,
``field`` = the English field code); none raises anything else, whatever it is given.

身份证号: the 18-character number of GB 11643-1999 only. 15-digit first-generation numbers are
rejected with their own message: those cards ceased to be valid on 2013-01-01, and the clerk should
ask for the current 18-digit number rather than have the system guess the century.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime

from services.errors import ValidationError
# The display masks (one rule per field) live in services.security.identity_masks; re-exported here.
from services.security.identity_masks import mask_address, mask_id_number, mask_name, mask_phone  # noqa: F401

__all__ = [
    "EARLIEST_DATE", "CHANNELS", "KINDS", "SIGNATURES", "DISCIPLINES", "RANKS", "MAX_LENGTHS",
    "id_check_digit", "validate_id_number", "validate_phone", "validate_name", "validate_text",
    "validate_date", "check_order", "validate_complaint_fields",
    "mask_name", "mask_phone", "mask_id_number", "mask_address",
]

EARLIEST_DATE = date(2000, 1, 1)

# Codes of DOMAIN §8 (models.enums uses the same ones), with the labels used in messages.
CHANNELS = {"letter": "来信", "visit": "来访", "phone": "来电", "online": "网络",
            "referred_from_above": "上级转办交办", "inspection_transfer": "巡视巡察移交",
            "audit_transfer": "审计移送", "other": "其他"}
KINDS = {"accusation": "检举控告", "suggestion": "批评建议", "appeal": "申诉",
         "out_of_scope": "业务范围外", "no_substance": "无实质内容"}
SIGNATURES = {"real_name": "实名", "signed": "署名", "anonymous": "匿名"}
DISCIPLINES = {"political": "政治纪律", "organizational": "组织纪律", "integrity": "廉洁纪律",
               "mass": "群众纪律", "work": "工作纪律", "life": "生活纪律",
               "duty_violation": "职务违法", "duty_crime": "职务犯罪"}
RANKS = {"county_level": "县处级", "township_level": "乡科级", "general_cadre": "一般干部",
         "village_cadre": "村（社区）干部", "institution_staff": "事业单位/企业人员", "other": "其他"}

MAX_LENGTHS = {"number": 40, "name": 50, "address": 200, "unit": 100, "post": 100,
               "main_problem": 10000, "receiver": 50, "repeat_of": 40, "subjects": 50}

# --------------------------------------------------------------------------- helpers
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _err(message: str, field: str | None) -> ValidationError:
    return ValidationError(message, field=field)


def _as_str(value: object, label: str, field: str | None) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # more digits than Python converts
            pass
    raise _err(f"{label}应为文字", field)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not _CONTROL.sub("", value).strip())


def validate_text(value: object, *, label: str, field: str | None = None, max_length: int = 200,
                  required: bool = False) -> str | None:
    """Free text: stripped, control characters removed, length capped; empty → None."""
    if value is None:
        text = ""
    else:
        text = _CONTROL.sub("", _as_str(value, label, field).replace("\r\n", "\n")).strip()
    if not text:
        if required:
            raise _err(f"请填写{label}", field)
        return None
    if len(text) > max_length:
        raise _err(f"{label}不能超过{max_length}个字（当前{len(text)}个字）", field)
    return text


_NAME_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", "∙": "·", "．": "·", "。": "·"})


def validate_name(value: object, *, label: str = "姓名", field: str | None = "name") -> str:
    """A person's name: letters (汉字 or Latin) with optional spaces and the middle dot ``·``."""
    text = validate_text(value, label=label, field=field, max_length=MAX_LENGTHS["name"], required=True)
    assert text is not None
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(_NAME_DOTS))
    # NFKC can turn one character into several (e.g. ligatures); re-check the cap.
    if len(text) > MAX_LENGTHS["name"]:
        raise _err(f"{label}不能超过{MAX_LENGTHS['name']}个字", field)
    if not all(ch.isalpha() or ch in "· -'" for ch in text) or not any(ch.isalpha() for ch in text):
        raise _err(f"{label}只能包含汉字、字母和间隔号“·”，不能有数字或其他符号", field)
    return text


# --------------------------------------------------------------------------- 身份证号
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)


def id_check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def validate_id_number(value: object, *, today: date | None = None, field: str | None = "id_number") -> str:
    """An 18-character 身份证号 (GB 11643-1999); returns it with an upper-case X."""
    today = today or date.today()
    text = unicodedata.normalize("NFKC", _as_str(value, "身份证号", field)).strip()
    text = re.sub(r"\s+", "", text).upper()
    if not text:
        raise _err("请填写身份证号", field)
    if len(text) == 15 and re.fullmatch(r"[0-9]{15}", text):
        raise _err("15位旧身份证号已于2013年停止使用，请填写18位身份证号", field)
    if len(text) != 18:
        raise _err(f"身份证号应为18位，当前为{len(text)}位", field)
    if not re.fullmatch(r"[0-9]{17}[0-9X]", text):
        raise _err("身份证号只能由数字组成，最后一位可以是X", field)
    if text[:2] not in _PROVINCES:
        raise _err("身份证号前两位（省级地区码）不正确，请核对", field)
    try:
        birth = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise _err(f"身份证号中的出生日期（第7–14位“{text[6:14]}”）不是有效日期", field) from None
    if birth.year < 1900:
        raise _err(f"身份证号中的出生年份{birth.year}早于1900年，请核对", field)
    if birth > today:
        raise _err(f"身份证号中的出生日期{birth.isoformat()}晚于今天，请核对", field)
    if id_check_digit(text[:17]) != text[17]:
        raise _err("身份证号校验位（第18位）不正确，可能有数字输错，请核对", field)
    return text


# --------------------------------------------------------------------------- 电话
_PHONE_HELP = "应为11位手机号、带区号的固定电话（如0571-87654321）或12388等服务号码"
_EXT_SPLIT = re.compile(r"(?:转|分机|ext\.?|x|#)", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-–—()（）.]+")
_SERVICE = re.compile(r"1[02][0-9]{3}|95[0-9]{3,6}|[48]00[0-9]{7}")


def validate_phone(value: object, *, field: str | None = "phone") -> str:
    """Mobile → ``13812345678``; fixed line → ``0571-87654321`` (``转123`` for an extension);
    service numbers (12388, 95xxx, 400/800) → digits."""
    def bad(reason: str) -> ValidationError:
        return _err(f"联系电话格式不正确：{reason}", field)

    text = unicodedata.normalize("NFKC", _as_str(value, "联系电话", field)).strip()
    if not text:
        raise bad("未填写号码")
    if len(text) > 40:
        raise bad("号码过长")
    parts = _EXT_SPLIT.split(text)
    if len(parts) > 2:
        raise bad("分机号只能有一个")
    main, ext = parts[0], (parts[1].strip() if len(parts) == 2 else None)
    if ext is not None and not re.fullmatch(r"[0-9]{1,6}", ext):
        raise bad("分机号应为1至6位数字")
    main = main.strip()
    if main.startswith("+86"):
        main = main[3:]
    elif main.startswith("0086"):
        main = main[4:]
    groups = [g for g in _SEPARATORS.split(main) if g]
    if not groups or not all(re.fullmatch(r"[0-9]+", g) for g in groups):
        raise bad("只能包含数字、空格和短横线")
    digits = "".join(groups)
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]

    if digits.startswith("1") and len(digits) == 11:
        if ext is not None:
            raise bad("手机号不能带分机号")
        if not re.fullmatch(r"1[3-9][0-9]{9}", digits):
            raise bad("手机号第二位应为3至9")
        return digits
    if _SERVICE.fullmatch(digits):
        if ext is not None:
            raise bad("服务号码不能带分机号")
        return digits
    if digits.startswith("0"):
        if len(groups) == 3 and ext is None and len(groups[1]) in (7, 8) and len(groups[2]) <= 6:
            groups, ext = groups[:2], groups[2]
        if len(groups) >= 2 and groups[0].startswith("0"):
            area, local = groups[0], "".join(groups[1:])
        else:
            cut = 3 if digits.startswith(("010", "02")) else 4
            area, local = digits[:cut], digits[cut:]
        if not re.fullmatch(r"010|02[0-9]|0[3-9][0-9]{2}", area):
            raise bad(f"区号“{area}”不正确")
        if not re.fullmatch(r"[2-9][0-9]{6,7}", local):
            raise bad("固定电话号码（区号后）应为7至8位，且不以0或1开头")
        return f"{area}-{local}" + (f"转{ext}" if ext else "")
    if re.fullmatch(r"[2-9][0-9]{6,7}", digits):
        raise bad("固定电话请加区号，如0571-87654321")
    if digits.startswith("1") and 7 <= len(digits) < 11:
        raise bad(f"手机号应为11位，当前为{len(digits)}位")
    raise bad(_PHONE_HELP)


# --------------------------------------------------------------------------- 日期
_DATE_FORMS = (
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})"),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]?"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
)


def _parse_date(value: object, label: str, field: str | None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        for form in _DATE_FORMS:
            m = form.fullmatch(text)
            if m:
                try:
                    return date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    raise _err(f"{label}“{text}”不是有效日期", field) from None
    raise _err(f"{label}格式不正确，应为“2025-01-31”这样的日期", field)


def _date_label(label: str) -> str:
    return label if label.endswith(("日期", "时间", "日")) else f"{label}日期"


def validate_date(value: object, today: date, *, label: str = "日期", field: str | None = None,
                  required: bool = True) -> date | None:
    """A date not after ``today`` and not before 2000-01-01; accepts ``date`` or text."""
    label = _date_label(label)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _err(f"请填写{label}", field)
        return None
    d = _parse_date(value, label, field)
    if d > today:
        raise _err(f"{label}不能晚于今天（{today.isoformat()}）", field)
    if d < EARLIEST_DATE:
        raise _err(f"{label}不能早于2000年1月1日", field)
    return d


def action_date(value: object, today: date, label: str, field_code: str = "date",
                not_before: tuple[str, date | None] | None = None) -> date:
    """The date of an action on an item: not in the future, not before 2000, not before an earlier event
    (``not_before`` = (its label, its date))."""
    d = validate_date(value, today, label=label, field=field_code)
    assert d is not None
    if not_before and not_before[1] and d < not_before[1]:
        raise ValidationError(f"{label}（{d.isoformat()}）不能早于{not_before[0]}（{not_before[1].isoformat()}）",
                              field=field_code)
    return d


def check_order(stages: list[tuple]) -> None:
    """Stages ``(label_zh, date | None[, field])`` in their order; each must not precede any earlier
    one. Raises one ValidationError naming both stages (``.problems`` when several are wrong)."""
    problems: list[ValidationError] = []
    latest: tuple[str, date] | None = None
    for stage in stages:
        label, when = stage[0], stage[1]
        field = stage[2] if len(stage) > 2 else None
        if when is None:
            continue
        if isinstance(when, datetime):
            when = when.date()
        if latest is not None and when < latest[1]:
            problems.append(_err(f"{_date_label(label)}不能早于{_date_label(latest[0])}", field))
        else:
            latest = (label, when)
    raise_all(problems)


def raise_all(problems: list[ValidationError], what: str = "填写的内容") -> None:
    """Nothing when ``problems`` is empty; else one ValidationError: the only problem as it is (at its
    field), or all of them numbered under "<what>有N处需要修改" (``.problems`` keeps each)."""
    if not problems:
        return
    if len(problems) == 1:
        only = problems[0]
        raise ValidationError(only.message, field=only.field, problems=problems)
    listing = "；".join(f"{i}. {p.message}" for i, p in enumerate(problems, 1))
    raise ValidationError(f"{what}有{len(problems)}处需要修改：{listing}", problems=problems)


# --------------------------------------------------------------------------- 登记表
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
    raise _err(f"{label}应为“是”或“否”", field)


def _code(value: object, table: Mapping[str, str], label: str, field: str, required: bool) -> str | None:
    if value is None or value == "":
        if required:
            raise _err(f"请选择{label}", field)
        return None
    if isinstance(value, str):
        if value in table:
            return value
        for code, zh in table.items():  # the Chinese label is accepted too (CLI, imports)
            if value.strip() == zh:
                return code
    raise _err(f"{label}“{value}”不是可选的值", field)


class _Collector:
    """Runs each check, keeps its value or its error."""

    def __init__(self) -> None:
        self.problems: list[ValidationError] = []

    def run(self, check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except ValidationError as exc:
            self.problems.append(exc)
            return None

    def add(self, message: str, field: str | None) -> None:
        self.problems.append(_err(message, field))


def _subject(c: _Collector, raw: object, i: int) -> dict:
    prefix, who = f"subjects[{i}]", f"第{i + 1}个被反映人的"
    if not isinstance(raw, Mapping):
        c.add(f"{who}信息格式不正确", prefix)
        return {}
    out = dict(raw)
    out["name"] = None
    if not _blank(raw.get("name")):
        out["name"] = c.run(validate_name, raw.get("name"), label=f"{who}姓名", field=f"{prefix}.name")
    for key, label in (("unit", "单位"), ("post", "职务")):
        out[key] = c.run(validate_text, raw.get(key), label=f"{who}{label}", field=f"{prefix}.{key}",
                         max_length=MAX_LENGTHS[key])
    out["rank"] = c.run(_code, raw.get("rank"), RANKS, f"{who}职级", f"{prefix}.rank", False)
    for key, label in (("is_party_member", "是否中共党员"), ("is_supervised_object", "是否监察对象")):
        out[key] = c.run(_as_bool, raw.get(key), f"{who}{label}", f"{prefix}.{key}")
    return out


def validate_complaint_fields(values: Mapping[str, object], today: date) -> dict:
    """Check a whole registration form (DOMAIN §1) and return the normalized values.

    Keys: number, received_date, channel, kind, signature, complainant_name, complainant_phone,
    complainant_id_number, complainant_address (单位或地址), subjects (list of dicts: name, unit,
    post, rank, is_party_member, is_supervised_object), main_problem, disciplines (list of codes),
    is_repeat, repeat_of, receiver (接待人/登记人). Other keys pass through unchanged.
    Rules: 实名 needs a name and a contact (phone or address); 署名 needs a name; 匿名 has none;
    申诉 cannot be anonymous; 检举控告 needs a named subject and the main problem (every kind but
    无实质内容 needs the main problem); a repeat names its original; 职务违法/职务犯罪 need a
    subject who may be a 监察对象. Every problem is reported at once in ``.problems``.
    """
    if not isinstance(values, Mapping):
        raise ValidationError("登记表内容格式不正确")
    c = _Collector()
    out = dict(values)
    get = values.get

    out["number"] = c.run(validate_text, get("number"), label="编号", field="number",
                          max_length=MAX_LENGTHS["number"])
    out["received_date"] = c.run(validate_date, get("received_date"), today, label="收件日期",
                                 field="received_date")
    out["channel"] = c.run(_code, get("channel"), CHANNELS, "来源渠道", "channel", True)
    kind = out["kind"] = c.run(_code, get("kind"), KINDS, "类型", "kind", True)
    signature = out["signature"] = c.run(_code, get("signature"), SIGNATURES, "署名情况", "signature", True)

    out["complainant_name"] = out["complainant_phone"] = out["complainant_id_number"] = None
    if not _blank(get("complainant_name")):
        out["complainant_name"] = c.run(validate_name, get("complainant_name"), label="反映人姓名",
                                        field="complainant_name")
    if not _blank(get("complainant_phone")):
        out["complainant_phone"] = c.run(validate_phone, get("complainant_phone"), field="complainant_phone")
    if not _blank(get("complainant_id_number")):
        out["complainant_id_number"] = c.run(validate_id_number, get("complainant_id_number"), today=today,
                                             field="complainant_id_number")
    out["complainant_address"] = c.run(
        validate_text, get("complainant_address"), label="反映人单位或地址", field="complainant_address",
        max_length=MAX_LENGTHS["address"])
    # A given but malformed value already has its own problem; don't also call it missing.
    name_given = not _blank(get("complainant_name"))
    contact_given = not _blank(get("complainant_phone")) or not _blank(get("complainant_address"))

    if signature == "real_name":
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
                                required=kind not in (None, "no_substance"))

    disciplines: list[str] = []
    raw_disc = get("disciplines")
    if isinstance(raw_disc, str):
        raw_disc = [raw_disc]
    if raw_disc is None:
        raw_disc = []
    if isinstance(raw_disc, (list, tuple, set, frozenset)):
        for item in raw_disc:
            code = c.run(_code, item, DISCIPLINES, "问题类别", "disciplines", False)
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
