"""A complete, internally plausible monthly report document for the rendering tests."""
from __future__ import annotations

import copy
from typing import Any

from services.reporting.layout import SCHEMA, all_key_paths


def figure(month: int, ytd: int, ytd_last_year: int) -> dict[str, Any]:
    pct = None if ytd_last_year == 0 else round((ytd - ytd_last_year) / ytd_last_year * 100, 1)
    return {"month": month, "ytd": ytd, "ytd_last_year": ytd_last_year, "change_pct": pct}


def _set(figures: dict[str, Any], key_path: str, value: dict[str, Any]) -> None:
    *parents, leaf = key_path.split(".")
    node = figures
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


# Distinctive values for the rows the tests look up by hand.
KNOWN = {
    "complaints_received": figure(23, 187, 164),       # +14.0
    "complaints_by_channel.letter": figure(7, 61, 58),
    "cases_filed": figure(3, 29, 0),                    # no base: "—"
    "four_forms.form1": figure(11, 96, 80),            # +20.0
    "double_investigation.held_accountable": figure(0, 4, 8),  # -50.0
}


def sample_figures(seed: int = 0) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for i, key in enumerate(all_key_paths()):
        if key in KNOWN and seed == 0:
            value = KNOWN[key]
        else:
            n = i + seed
            value = figure(n % 6, 10 + (n * 7) % 40, 0 if n % 5 == 0 else 12 + (n * 3) % 30)
        _set(figures, key, copy.deepcopy(value))
    return figures


def sample_document(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "org": {"name": "青山镇纪委", "code": "QS001", "county": "云岭县纪委", "mode": "township"},
        "period": "2026-11",
        "revision": 1,
        "finalized": False,
        "figures": sample_figures(),
        "narrative": ("本月共收到信访举报23件，较上月有所增加，主要集中在村级财务管理和惠农补贴发放方面。\n"
                      "下一步将加大对重复件的督办力度，确保件件有着落、事事有回音。"),
        "footer": {"leader": "李明华", "reviewer": "周建平", "preparer": "王晓红", "phone": "0871-6543210",
                   "date": "2026-12-01", "form_number": "纪信月报1表", "form_authority": "青山县纪委监委"},
    }
    doc.update(overrides)
    return doc


def sample_county_document() -> dict[str, Any]:
    towns = [("QS001", "青山镇", True, 1), ("HX002", "河西乡", True, 2), ("LT003", "柳塘镇", False, None),
             ("BS004", "白石乡", True, 1), ("SK005", "松口镇", False, None)]
    townships = []
    for n, (code, name, submitted, revision) in enumerate(towns, start=1):
        townships.append({"code": code, "name": name, "submitted": submitted, "revision": revision,
                          "figures": sample_figures(seed=n) if submitted else None})
    return sample_document(
        org={"name": "云岭县纪委", "code": "YL000", "county": "云岭县纪委", "mode": "county"},
        revision=2,
        townships=townships,
        narrative="全县5个乡镇中已有3个报送本月月报，柳塘镇、松口镇尚未报送。",
        footer={"leader": "赵国强", "preparer": "陈静", "phone": "0871-6000001", "date": "2026-12-05"},
    )
