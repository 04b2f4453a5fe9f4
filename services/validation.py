"""Field validators and display masks for the registration forms.

Every validator returns the normalized value or raises :class:`ValidationError` (Chinese message,
``field`` = the English field code); none raises anything else, whatever it is given. A form's
checks run through one ``Collector`` and end in ``raise_all``: every problem reported at once. The
registration form as a whole is checked in ``services.casework.complaint_fields``.

身份证号: the 18-character number of GB 11643-1999 only. 15-digit first-generation numbers are
rejected with their own message: those cards ceased to be valid on 2013-01-01, and the clerk should
ask for the current 18-digit number rather than have the system guess the century.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from services.errors import ValidationError
# The display masks (one rule per field) live in services.security.identity_masks; re-exported here.
from services.security.identity_masks import mask_address, mask_id_number, mask_name, mask_phone  # noqa: F401

__all__ = [
    "EARLIEST_DATE", "MAX_LENGTHS", "is_blank",
    "id_check_digit", "validate_id_number", "validate_phone", "validate_name", "validate_names", "validate_text",
    "validate_date", "action_date", "check_order", "Collector", "raise_all",
    "mask_name", "mask_phone", "mask_id_number", "mask_address",
]

EARLIEST_DATE = date(2000, 1, 1)

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


def is_blank(value: object) -> bool:
    """Nothing given: None, or text of only spaces and control characters."""
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


_NAME_SEPARATORS = re.compile(r"[、,，;；\s]+")


def validate_names(value: object, *, label: str, field: str | None = None, minimum: int = 2) -> list[str]:
    """Several people's names in one field ("李四、赵六"; 、 ，, ; and spaces separate them), each checked
    by :func:`validate_name`; at least ``minimum`` distinct people, so one name given twice is refused."""
    text = validate_text(value, label=label, field=field, max_length=500) or ""
    names: list[str] = []
    for part in _NAME_SEPARATORS.split(text):
        if not part:
            continue
        name = validate_name(part, label=f"{label}“{part}”", field=field)
        if name in names:
            raise _err(f"{label}中“{name}”填写了两次，须由至少{minimum}名不同人员进行", field)
        names.append(name)
    if len(names) < minimum:
        raise _err(f"{label}须至少{minimum}人（当前{len(names)}人），姓名之间用顿号分隔，如：李四、赵六", field)
    return names


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


# --------------------------------------------------------------------------- problems of a whole form
class Collector:
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
