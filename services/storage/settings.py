"""Settings declared once, with type, default and a Chinese label; stored as JSON in the database."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from models import Setting

from services.errors import ValidationError


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: type
    default: Any
    label: str
    minimum: float | None = None
    maximum: float | None = None


_SPECS: dict[str, SettingSpec] = {}


def declare(key: str, type_: type, default: Any, label: str, minimum=None, maximum=None) -> SettingSpec:
    spec = SettingSpec(key, type_, default, label, minimum, maximum)
    _SPECS[key] = spec
    return spec


LOCKOUT_MAX_FAILURES = declare("auth.lockout_max_failures", int, 5, "连续登录失败锁定次数", 1, 100)
LOCKOUT_MINUTES = declare("auth.lockout_minutes", int, 15, "登录锁定时长（分钟）", 1, 24 * 60)
IDLE_LOCK_MINUTES = declare("auth.idle_lock_minutes", int, 10, "无操作自动锁定（分钟）", 1, 240)
PASSWORD_MIN_LENGTH = declare("auth.password_min_length", int, 8, "密码最短长度", 6, 64)
COMPLAINT_PREFIX = declare("numbering.complaint_prefix", str, "XF", "信访件编号前缀")
LEAD_PREFIX = declare("numbering.lead_prefix", str, "XS", "问题线索编号前缀")
CASE_PREFIX = declare("numbering.case_prefix", str, "LA", "案件编号前缀")
LEDGER_PREFIX = declare("numbering.ledger_prefix", str, "TZ", "一案双查台账编号前缀")
ATTACHMENT_MAX_MB = declare("attachments.max_mb", int, 50, "单个附件大小上限（MB）", 1, 2048)
# Where attachment files live (services.storage.attachments.folder): on a server database every desk
# must see the same files, so a shared folder; empty: the data dir's attachments/ (one desk)
ATTACHMENTS_FOLDER = declare("attachments.folder", str, "",
                             "附件文件夹（多台电脑共用服务器数据库时填共享文件夹，留空为数据目录下的 attachments）")
FONT_PATH = declare("reports.font_path", str, "", "报表字体文件（留空自动查找）")
DUE_SOON_WORKDAYS = declare("deadlines.due_soon_workdays", int, 3, "即将到期提醒（工作日）", 0, 30)
DEADLINE_OVERRIDES = declare("deadlines.limits", dict, {}, "办理时限（覆盖默认值）")
INQUIRY_REPLY_DAYS = declare("deadlines.inquiry_reply_days", int, 15, "函询回复期限（天）", 1, 90)
# 回访教育 is due this many days before a sanction's effect period ends (services.casework.follow_ups says why 30)
FOLLOW_UP_LEAD_DAYS = declare("deadlines.follow_up_lead_days", int, 30, "回访提前天数（影响期届满前）", 1, 150)
# years whose official 放假安排 the user confirmed as entered in full (services.deadlines.holiday_schedule)
HOLIDAY_YEARS_COMPLETE = declare("deadlines.holiday_years_complete", list, [], "已完整录入放假安排的年份")
REPORT_LEADER = declare("report.leader", str, "", "月报负责人")
REPORT_PREPARER = declare("report.preparer", str, "", "月报填报人")
REPORT_PHONE = declare("report.phone", str, "", "月报联系电话")
REPORT_REVIEWER = declare("report.reviewer", str, "", "月报审核人")
# The form's marks, printed below its foot (services.reporting.form_foot); set by the county for its form
REPORT_FORM_NUMBER = declare("report.form_number", str, "", "月报表号")
REPORT_FORM_AUTHORITY = declare("report.form_authority", str, "", "月报制表机关")
BACKUP_KEEP_DAILY = declare("backup.keep_daily", int, 7, "保留每日备份份数", 1, 365)
BACKUP_KEEP_WEEKLY = declare("backup.keep_weekly", int, 4, "保留每周备份份数", 0, 104)


def spec(key: str) -> SettingSpec:
    try:
        return _SPECS[key]
    except KeyError:
        raise ValidationError(f"未知的设置项：{key}") from None


def all_specs() -> list[SettingSpec]:
    return list(_SPECS.values())


def coerce(s: SettingSpec, value: Any) -> Any:
    """Check and convert a value for a setting; a clear Chinese error when it does not fit."""
    try:
        if s.type is bool:
            if isinstance(value, str):
                value = value.strip().lower() in {"1", "true", "yes", "是", "on"}
            out = bool(value)
        elif s.type is dict:
            out = json.loads(value) if isinstance(value, str) else dict(value)
            if not isinstance(out, dict):
                raise TypeError
        else:
            out = s.type(value)
    except (TypeError, ValueError):
        raise ValidationError(f"“{s.label}”的值无效：{value!r}", field=s.key) from None
    if s.minimum is not None and out < s.minimum or s.maximum is not None and out > s.maximum:
        raise ValidationError(f"“{s.label}”应在 {s.minimum} 到 {s.maximum} 之间", field=s.key)
    return out


def get(session: Session, key: str | SettingSpec) -> Any:
    s = key if isinstance(key, SettingSpec) else spec(key)
    row = session.get(Setting, s.key)
    if row is None:
        return s.default
    return json.loads(row.value_json)


def put(session: Session, key: str | SettingSpec, value: Any) -> Any:
    """Store a value (no commit; the caller's transaction records the audit event)."""
    s = key if isinstance(key, SettingSpec) else spec(key)
    value = coerce(s, value)
    row = session.get(Setting, s.key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=s.key, value_json=text))
    else:
        row.value_json = text
    return value


def update(ws, values: dict) -> dict:
    """Store changed settings in one transaction with one audit event each; returns what changed."""
    from services.security import audit
    from services.security.permissions import require
    require(ws.current_user, "settings.manage")
    changed = {}
    with ws.transaction() as s:
        for key, value in values.items():
            old = get(s, key)
            new = coerce(spec(key), value)
            if new != old:
                put(s, key, new)
                audit.record(s, ws.current_user, "setting.change", "setting", key, {"old": old, "new": new})
                changed[key] = new
    return changed


def read_all(ws) -> dict:
    """Every declared setting's current value."""
    with ws.reading() as s:
        return {sp.key: get(s, sp) for sp in all_specs()}
