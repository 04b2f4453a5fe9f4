"""Editing the deadline limits and the holiday override table: validation, permissions, audit."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models import AuditEvent
from services.deadlines import due_list
from services.errors import NotFoundError, PermissionDenied, ValidationError
from services.storage import settings

D = dt.date


def _actions(ws) -> list[tuple[str, str]]:
    with ws.reading() as s:
        return [(e.action, e.entity_id) for e in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()]


def _stored(ws) -> dict:
    with ws.reading() as s:
        return settings.get(s, settings.DEADLINE_OVERRIDES)


def test_limits_table_shows_defaults_and_current_amounts(ws):
    rows = {r["code"]: r for r in due_list.limits_table(ws)}
    pv = rows["preliminary_verification"]
    assert (pv["label"], pv["amount"], pv["default"], pv["unit_label"], pv["applies_to"]) == \
        ("初步核实", 2, 2, "个月", "lead")
    assert rows["acceptance_notice"]["unit_label"] == "个工作日" and rows["talk_inquiry"]["unit_label"] == "日"

    stored = due_list.set_limits(ws, {"preliminary_verification": 3, "acceptance_notice": 15})
    assert stored == {"preliminary_verification": 3}  # a default amount is not stored
    assert _stored(ws) == {"preliminary_verification": 3}
    rows = {r["code"]: r for r in due_list.limits_table(ws)}
    assert rows["preliminary_verification"]["amount"] == 3 and rows["preliminary_verification"]["default"] == 2
    assert ("setting.change", settings.DEADLINE_OVERRIDES.key) in _actions(ws)

    assert due_list.set_limits(ws, {}) == {}  # 恢复默认
    assert _stored(ws) == {}


def test_bad_limits_are_refused_all_at_once_and_nothing_is_stored(ws):
    due_list.set_limits(ws, {"investigation": 4})
    before = _actions(ws)
    with pytest.raises(ValidationError) as info:
        due_list.set_limits(ws, {"investigation": 5, "preliminary_verification": 0,
                                          "talk_inquiry": -3, "acceptance_notice": "两周"})
    problems = {p.field: p.message for p in info.value.problems}
    assert problems == {
        "preliminary_verification": "“初步核实”的期限应在1至24个月之间",
        "talk_inquiry": "“谈话函询办理”的期限应在1至366日之间",
        "acceptance_notice": "“实名举报受理告知”的期限应为整数",
    }
    assert "3项" in info.value.message
    assert _stored(ws) == {"investigation": 4} and _actions(ws) == before

    with pytest.raises(ValidationError) as info:
        due_list.set_limits(ws, {"no_such_limit": 3})
    assert info.value.problems[0].field == "no_such_limit" and "未知的期限项目" in info.value.message


def test_a_stored_bad_setting_can_be_shown_as_defaults_and_replaced(ws):
    with ws.transaction() as s:  # what the old raw JSON box allowed
        settings.put(s, settings.DEADLINE_OVERRIDES, {"talk_inquiry_days": 20})
    with pytest.raises(ValidationError):
        due_list.limits_table(ws)
    rows = due_list.limits_table(ws, defaults_only=True)
    assert [r["amount"] for r in rows] == [r["default"] for r in rows]
    due_list.set_limits(ws, {r["code"]: r["amount"] for r in rows})
    assert _stored(ws) == {} and len(due_list.limits_table(ws)) == len(rows)


def test_holiday_overrides_are_listed_by_date_and_removed_with_audit(ws):
    assert due_list.list_holiday_overrides(ws) == []
    assert due_list.is_workday(ws, D(2026, 11, 23))
    due_list.set_holiday_override(ws, D(2026, 11, 23), False, "镇里调休")
    due_list.set_holiday_override(ws, D(2026, 11, 21), True, "周六补班")
    listed = due_list.list_holiday_overrides(ws)
    assert listed == [{"day": D(2026, 11, 21), "is_workday": True, "note": "周六补班"},
                      {"day": D(2026, 11, 23), "is_workday": False, "note": "镇里调休"}]
    assert not due_list.is_workday(ws, D(2026, 11, 23))
    assert due_list.is_workday(ws, D(2026, 11, 21))

    due_list.remove_holiday_override(ws, D(2026, 11, 23))
    assert [r["day"] for r in due_list.list_holiday_overrides(ws)] == [D(2026, 11, 21)]
    assert due_list.is_workday(ws, D(2026, 11, 23))
    assert ("calendar.override_removed", "2026-11-23") in _actions(ws)
    before = _actions(ws)
    with pytest.raises(NotFoundError, match="没有录入过节假日调整"):
        due_list.remove_holiday_override(ws, D(2026, 11, 23))
    assert _actions(ws) == before


def test_only_settings_managers_change_limits_or_days(ws, as_role):
    due_list.set_holiday_override(ws, D(2026, 11, 23), False, "镇里调休")
    as_role("officer")
    assert [r["day"] for r in due_list.list_holiday_overrides(ws)] == [D(2026, 11, 23)]  # may read
    assert len(due_list.limits_table(ws)) == 9
    for attempt in (lambda: due_list.set_limits(ws, {"investigation": 4}),
                    lambda: due_list.remove_holiday_override(ws, D(2026, 11, 23)),
                    lambda: due_list.set_holiday_override(ws, D(2026, 11, 24), False)):
        with pytest.raises(PermissionDenied, match="修改系统设置"):
            attempt()
    as_role("secretary")
    assert _stored(ws) == {} and len(due_list.list_holiday_overrides(ws)) == 1
