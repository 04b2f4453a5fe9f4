"""Display masks of a complainant's identity (反映人), stored unencrypted in ``complaints.complainant_masked``.

The masked preview is what officers without the ``identity.view`` right see, what the printed
registration sheet shows, and what lies in clear in the database file and in every local backup.
So a mask must say no more than "there is a value, and it is from this large area". The rule for
every field: the mask is ``P + T`` where ``P`` is a prefix of the value (of a phone: its first
digits) of at most a fixed number of characters (name 1, phone 4, ID number 2, address 3), never
more than half of it, naming nothing smaller than a province or a long-distance phone area, and
``T`` is a fixed tail of ``*`` (and ``-``). Its shape is fixed, so the mask's length says nothing
about the value's length; an empty value gives ``""`` (field not given). No other piece of the value
appears in the mask (tests/services/security/test_identity_masks.py checks this over random text).

The form's identity fields are 姓名, 联系电话, 身份证号 and 单位或地址 (one field: a work unit or an
address; the form has no e-mail field). Per field:

- 姓名: the first character (usually the surname) and ``**``: ``张三丰`` → ``张**``, ``赵六`` → ``赵**``.
  A one-character value shows nothing (``***``), since its first character is the whole name.
- 联系电话: the extension (``转…``) is dropped; a fixed line keeps its area code (a city, e.g.
  ``0571-****``), anything else its first 3 digits (the mobile carrier block, e.g. ``138****``), and
  only when the number has at least twice as many digits as are shown; else ``****``. The last
  digits, which with the prefix narrow a line down, are never shown.
- 身份证号: the first 2 digits (the province of issue) and 16 ``*`` (18 characters, like the number).
  Never the county and township (digits 3–6), the birth date (7–14), the sequence and gender (15–17)
  or the check digit.
- 单位或地址: a province's short name (``浙江``, ``内蒙古``) and ``****``, only when the text begins with
  that province-level name including its level word (``浙江省…``, ``北京市…``, ``内蒙古自治区…``;
  names longer than six characters are compared on their first six), and the text is at least twice
  as long as what is shown. Anything else — ``红星村五组``, ``县交通局``, ``河北村三组`` — is ``****``. A
  fixed count of leading characters would not do: a township's addresses begin with the village
  (``红星村…``) and its units with their own name, so any prefix of them may point at one household.

The strictest field is the address: the committee serves one township, so the county, the
township and everything below are identifying; the province and the phone's city are not.

``remask_legacy`` turns a mask of the first schema's rules (revision 0003 and earlier: the first
and last digits of a phone and its extension, the first 6 and last 4 of an ID number, the first 6
characters of an address and a short address in full) into the current one without the plaintext,
for migration 0004. The old masks kept every visible character at its place, so the current rule
applied to the old mask, where ``*`` stands for an unknown character, gives the current mask
whenever the characters it shows were visible in the old one, and shows nothing otherwise.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

__all__ = ["FIELDS", "MASKS", "TAILS", "mask_name", "mask_phone", "mask_id_number", "mask_address",
           "mask_identity", "remask_legacy", "remask_legacy_json", "remask_rows"]

FIELDS = ("name", "phone", "id_number", "address")

NAME_TAIL, PHONE_TAIL, LINE_TAIL, ID_TAIL, ADDRESS_TAIL = "**", "****", "-****", "*" * 16, "****"
NAME_HIDDEN, ID_HIDDEN = "***", "*" * 18
#: The fixed tails of each field (a fully hidden mask is a tail too).
TAILS = {"name": (NAME_TAIL, NAME_HIDDEN), "phone": (PHONE_TAIL, LINE_TAIL),
         "id_number": (ID_TAIL, ID_HIDDEN), "address": (ADDRESS_TAIL,)}

# Province-level divisions (GB/T 2260): short name → the full name an address begins with.
_PROVINCES = {s: s + "省" for s in (
    "河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 "
    "青海 台湾").split()}
_PROVINCES.update({s: s + "市" for s in ("北京", "天津", "上海", "重庆")})
_PROVINCES.update({"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区",
                   "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区", "香港": "香港特别行政区",
                   "澳门": "澳门特别行政区"})
_COMPARED = 6  # characters of a full province name compared (the old address mask showed 6)

_EXTENSION = re.compile(r"转|分机|ext|x|#", re.IGNORECASE)
_AREA_CODE = re.compile(r"\s*(0[0-9]{2,3})[-\s]")


def _half(shown: int, length: int) -> bool:
    return 0 < shown and 2 * shown <= length


def mask_name(name: str | None) -> str:
    """``张三丰`` → ``张**``; one character → ``***``."""
    if not name:
        return ""
    if len(name) >= 2 and name[0] != "*":
        return name[0] + NAME_TAIL
    return NAME_HIDDEN


def mask_phone(phone: str | None) -> str:
    """``13812345678`` → ``138****``; ``0571-87654321转88`` → ``0571-****``; ``12388`` → ``****``."""
    return _phone_mask(phone, digit="[0-9]")


def _phone_mask(phone: str | None, digit: str) -> str:
    """``digit``: what counts as a digit of the number (an older mask's ``*`` is a hidden digit)."""
    if not phone:
        return ""
    main = _EXTENSION.split(phone, 1)[0]
    digits = re.findall(digit, main)
    area = _AREA_CODE.match(main)
    if area and _half(len(area[1]), len(digits)):
        return area[1] + LINE_TAIL
    head = "".join(digits[:3])
    if re.fullmatch("[0-9]{3}", head) and _half(len(head), len(digits)):
        return head + PHONE_TAIL
    return PHONE_TAIL


def mask_id_number(id_number: str | None) -> str:
    """``11010519491231002X`` → ``11****************`` (the province of issue only)."""
    if not id_number:
        return ""
    head = id_number[:2]
    if re.fullmatch(r"[0-9]{2}", head) and _half(2, len(id_number)):
        return head + ID_TAIL
    return ID_HIDDEN


def mask_address(address: str | None) -> str:
    """``浙江省杭州市西湖区文三路`` → ``浙江****``; ``红星村五组`` → ``****``."""
    if not address:
        return ""
    return _province_mask(address[:_COMPARED], len(address))


def _province_mask(head: str, length: int) -> str:
    for short, full in _PROVINCES.items():
        if head.startswith(full[:_COMPARED]) and _half(len(short), length):
            return short + ADDRESS_TAIL
    return ADDRESS_TAIL


MASKS = {"name": mask_name, "phone": mask_phone, "id_number": mask_id_number, "address": mask_address}


def mask_identity(values: dict) -> dict:
    """The masked preview of one complainant: field → mask (``""`` for a field not given)."""
    return {f: MASKS[f](values.get(f)) for f in FIELDS}


# --------------------------------------------------------------------------- older masks (migration 0004)

def remask_legacy(field: str, old: object) -> str:
    """The current mask from a mask made by the rules of revision 0003 and earlier, or ``""``.

    Old shapes: name ``张**`` / ``*``; phone digits hidden in place, ``转`` and the extension kept;
    ID number ``110105********002X`` (18) or all ``*``; address the whole text when 6 characters
    or fewer, else its first 6 and ``****``. Anything that is not text is dropped. A mask of the
    current rules stays as it is, so re-masking twice changes nothing.
    """
    if not isinstance(old, str) or not old or field not in MASKS:
        return ""
    if field == "address":
        if len(old) == _COMPARED + len(ADDRESS_TAIL) and old.endswith(ADDRESS_TAIL):
            # first 6 characters of a longer text; its length is at least 7
            return _province_mask(old[:_COMPARED], _COMPARED + 1)
        if old.endswith(ADDRESS_TAIL) and old[:-len(ADDRESS_TAIL)] in ("", *_PROVINCES):
            return old  # already of the current shape (a re-masked backup upgraded again)
        return mask_address(old)  # a short address was kept whole
    if field == "phone":  # digits were hidden in place: "*" is a digit, unknown
        return _phone_mask(old, digit="[0-9*]")
    return MASKS[field](old)  # a name's or ID number's first characters are shown or hidden alike


def remask_legacy_json(text: str | None) -> str:
    """``complainant_masked`` of revision 0003 → the current one; text that is not a JSON object
    becomes ``{}`` (nothing shown) rather than risk keeping what it holds."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        data = None
    if not isinstance(data, dict) or not data:
        return "{}"
    return json.dumps({f: remask_legacy(f, data.get(f)) for f in FIELDS}, ensure_ascii=False)


def remask_rows(rows: Iterable[tuple[int, str | None]], write: Callable[[int, str], None]) -> int:
    """Re-mask ``(complaint id, complainant_masked)`` rows of revision 0003, calling ``write(id, new)``
    for each that changes (migration 0004 and the local backups use it); returns how many changed."""
    changed = 0
    for row_id, old in rows:
        new = remask_legacy_json(old)
        if new != old:
            write(row_id, new)
            changed += 1
    return changed
