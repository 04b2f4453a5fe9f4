"""County mode's 汇总: the townships' latest figures summed into one county-wide report (PDF, Excel).

The packages come from ``county`` (接收); this reads what it kept: the latest accepted revision per
township and month.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

from sqlalchemy import select

from models import ReceivedPackage, Township
from models.enums import OrgMode, PackageStatus

from services.reporting import excel_form, pdf_form
from services.reporting.form_foot import default_footer
from services.reporting.figures import change_pct, parse_period
from services.reporting.fonts import find_cjk_font
from services.reporting.layout import SCHEMA, period_text, zero_figures
from services.security.permissions import require
from services.storage import settings
from services.storage.workspace import Workspace
from services.submission.keys import require_mode

COUNTS = ("month", "ytd", "ytd_last_year")


def normalized_period(period: str) -> str:
    year, month = parse_period(period)
    return f"{year:04d}-{month:02d}"


def _add(total: dict[str, Any], figures: dict[str, Any]) -> None:
    for name, value in figures.items():
        if not isinstance(value, dict):
            continue
        if "month" in value:
            slot = total.setdefault(name, {n: 0 for n in COUNTS})
            for n in COUNTS:
                slot[n] = slot.get(n, 0) + int(value.get(n) or 0)
        else:
            _add(total.setdefault(name, {}), value)


def _finish(total: dict[str, Any]) -> None:
    for value in total.values():
        if "month" in value:
            value["change_pct"] = change_pct(value["ytd"], value["ytd_last_year"])
        else:
            _finish(value)


def sum_figures(figure_sets: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Every figure summed (month, ytd, ytd_last_year); 同比 recomputed from the sums."""
    total = zero_figures()
    for figures in figure_sets:
        _add(total, figures)
    _finish(total)
    return total


def consolidated_document(ws: Workspace, period: str) -> dict[str, Any]:
    """The county-wide report of a month: summed figures, the per-township table, 未报送 list."""
    require(ws.current_user, "report.view")
    period = normalized_period(period)
    with ws.reading() as s:
        org = require_mode(s, OrgMode.county.value)
        latest: dict[str, ReceivedPackage] = {}
        for r in s.execute(select(ReceivedPackage).where(
                ReceivedPackage.period == period, ReceivedPackage.status == PackageStatus.accepted.value)
                ).scalars():
            if r.township_code not in latest or r.revision > latest[r.township_code].revision:
                latest[r.township_code] = r
        roster = {t.code: t for t in s.execute(select(Township)).scalars()}
        codes = sorted({c for c, t in roster.items() if t.active} | set(latest))
        towns, sums = [], []
        for code in codes:
            r = latest.get(code)
            name = r.township_name if r else roster[code].name
            if r is None:
                towns.append({"code": code, "name": name, "submitted": False, "revision": None, "figures": None,
                              "received_at": None, "sha256": None})
                continue
            figures = json.loads(r.document_json)["figures"]
            sums.append(figures)
            towns.append({"code": code, "name": name, "submitted": True, "revision": r.revision,
                          "figures": figures, "received_at": r.received_at.isoformat(), "sha256": r.sha256})
        footer = default_footer(s, ws.today().isoformat())   # the county's own foot, 表号 and 制表机关
        org_dict = {"name": org.name, "code": org.code, "county": org.county_name, "mode": OrgMode.county.value}
    missing = [{"code": t["code"], "name": t["name"]} for t in towns if not t["submitted"]]
    narrative = f"本表汇总 {len(towns) - len(missing)} 个乡镇（共 {len(towns)} 个）报送的{period_text(period)}月报。"
    if missing:
        narrative += "未报送：" + "、".join(t["name"] for t in missing) + "。"
    return {"schema": SCHEMA, "org": org_dict, "period": period, "revision": 1, "finalized": True,
            "figures": sum_figures(sums), "narrative": narrative, "footer": footer, "townships": towns,
            "not_submitted": missing, "generated_at": ws.now().isoformat()}


def _font(ws: Workspace):
    with ws.reading() as s:
        return find_cjk_font(settings.get(s, settings.FONT_PATH) or None)


def county_report_pdf(ws: Workspace, period: str) -> bytes:
    return pdf_form.render_report_pdf(consolidated_document(ws, period), font=_font(ws))


def county_report_xlsx(ws: Workspace, period: str) -> bytes:
    return excel_form.render_report_xlsx(consolidated_document(ws, period))
