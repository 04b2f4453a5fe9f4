"""The columns of a complaint, written one way: checked form values → what a new complaint stores.

``intake.create_in`` (the one writer: the registration form through ``intake.register_complaint``,
scripts, tests) writes ``new_columns`` and ``subject_columns``; the ledger importer's bulk insert
writes the same dicts, so an imported row and a typed one are stored alike: state 已登记, the 登记人 the signed-in user unless the form names another, and a
complaint that came by 上级转办交办 marked as referred down (its 5-working-day limit, DOMAIN §1).
``form_columns`` is the part an edit rewrites.
"""
from __future__ import annotations

from typing import Any

from models import User
from models.enums import Channel, ComplaintState

__all__ = ["form_columns", "new_columns", "subject_columns"]


def form_columns(v: dict[str, Any], *, original_id: int | None, belongs_upper: bool = False,
                 referred_down: bool = False) -> dict[str, Any]:
    """The columns the registration form sets (on create and on edit), from checked values ``v``."""
    is_repeat = bool(v["is_repeat"])
    disciplines = v.get("disciplines") or []
    return {"received_date": v["received_date"], "channel": v["channel"], "kind": v["kind"],
            "signature": v["signature"], "is_repeat": is_repeat,
            "original_id": original_id if is_repeat or original_id else None,
            "main_problem": v.get("main_problem") or "",
            "discipline": v.get("discipline", disciplines[0] if disciplines else None),
            "eight_rules_type": v.get("eight_rules_type"), "receiver_name": v.get("receiver") or "",
            "belongs_upper": bool(belongs_upper), "referred_down": bool(referred_down)}


def new_columns(v: dict[str, Any], user: User, *, original_id: int | None = None, belongs_upper: bool = False,
                referred_down: bool = False) -> dict[str, Any]:
    """Every column of a new complaint but its id, number and sequence, with the registration defaults."""
    cols = form_columns(v, original_id=original_id, belongs_upper=belongs_upper, referred_down=referred_down)
    cols["year"] = v["received_date"].year
    cols["state"] = ComplaintState.registered.value
    cols["registered_by_id"] = cols["updated_by_id"] = user.id  # the last-change user, as the session stamps it
    cols["receiver_name"] = cols["receiver_name"] or (user.display_name or "")[:40]
    cols["referred_down"] = cols["referred_down"] or cols["channel"] == Channel.referred_from_above.value
    return cols


def subject_columns(v: dict[str, Any]) -> list[dict[str, Any]]:
    """The 被反映人 rows (named ones only) of checked values ``v``."""
    return [{"name": s["name"], "unit": s.get("unit") or "", "post": s.get("post") or "", "rank": s.get("rank"),
             "is_party_member": s.get("is_party_member"), "is_supervised_object": s.get("is_supervised_object")}
            for s in v["subjects"] if s.get("name")]
