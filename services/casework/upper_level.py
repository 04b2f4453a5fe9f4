"""属上级纪委管辖 items (DOMAIN §1, §9): registered without copying their content.

《纪检监察机关处理检举控告工作规则》第十五条: an item that belongs to the upper level is sent up within 5
working days, and its content is not copied or excerpted (不得复制、摘抄检举控告内容). The register keeps what
is needed to account for it and to chase the 5-day limit, nothing of what it says:

- kept: 编号, 收件日期, 来源渠道, 类型, 署名情况 (as declared: 实名/署名/匿名, without the identity), 重复件 and
  its original, 接待人/登记人, the 被反映人 (姓名, 单位, 职务, 职级, and whether 党员 / 监察对象), a short 事由 that
  is the 问题类别 (and the 八项规定 type) picked from the lists — never free text — and the 报送上级 date
  (``intake.report_up``);
- refused: 反映的主要问题 (the content), the complainant's identity (name, phone, ID number, address: the
  upper level receives them with the original), and attachments (scans of the letter).

:func:`problems` is the form's check (``intake_form.validate_form``); the attachment refusal sits in
``services.storage.attachments`` (which may not import casework), worded there: :data:`ATTACHMENT_REFUSED`.
"""
from __future__ import annotations

from typing import Any

from models.enums import Discipline, EightRulesType

from services.errors import ValidationError
from services.storage.attachments import UPPER_LEVEL_REFUSED
from services.validation import is_blank

__all__ = ["ALLOWED_FIELDS", "ATTACHMENT_REFUSED", "CONTENT_REFUSED", "IDENTITY_REFUSED", "problems", "reason_text"]

ALLOWED_FIELDS = ("received_date", "channel", "kind", "signature", "is_repeat", "original_id", "receiver_name",
                  "subjects", "discipline", "eight_rules_type", "belongs_upper", "referred_down")
CONTENT_REFUSED = ("属上级纪委管辖的信访件不得复制、摘抄检举控告内容（《纪检监察机关处理检举控告工作规则》第十五条），"
                   "请清空“反映的主要问题”；事由请选择问题类别")
IDENTITY_REFUSED = "属上级纪委管辖的信访件只登记署名情况，反映人信息随原件报送上级，请清空反映人姓名、电话、身份证号和地址"
ATTACHMENT_REFUSED = UPPER_LEVEL_REFUSED  # said where attachments are added (storage may not import casework)
_IDENTITY = ("complainant_name", "complainant_phone", "complainant_id_number", "complainant_address")


def problems(data: Any, *, stored_identity: bool = False, has_attachments: bool = False) -> list[ValidationError]:
    """What an upper-level registration (a ``ComplaintInput``) may not hold; ``stored_identity``: an edit
    that keeps a sealed identity; ``has_attachments``: an edit of a complaint that already has some."""
    out: list[ValidationError] = []
    if has_attachments:
        out.append(ValidationError(f"本件已有附件。{ATTACHMENT_REFUSED}", field="belongs_upper"))
    if not is_blank(data.main_problem):
        out.append(ValidationError(CONTENT_REFUSED, field="main_problem"))
    if any(not is_blank(getattr(data, f)) for f in _IDENTITY) or stored_identity:
        out.append(ValidationError(IDENTITY_REFUSED, field="complainant_name"))
    return out


def reason_text(subjects: list[dict], discipline: str | None, eight_rules_type: str | None = None) -> str:
    """The short 事由 of an upper-level item: "反映张三（青山镇财政所 所长）涉嫌违反廉洁纪律问题"."""
    names = "、".join(s["name"] + (f"（{' '.join(x for x in (s.get('unit'), s.get('post')) if x)}）"
                                  if s.get("unit") or s.get("post") else "") for s in subjects if s.get("name"))
    d = Discipline.from_text(discipline) if discipline else None
    er = EightRulesType.from_text(eight_rules_type) if eight_rules_type else None
    what = (f"涉嫌违反{d.label}" if d and d.label.endswith("纪律") else f"涉嫌{d.label}" if d else "") \
        + (f"（{er.label}）" if er else "")
    return f"反映{names or '有关人员'}{what}问题"
