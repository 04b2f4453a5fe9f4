"""报送: township — sign and write the month's package to a USB stick, self-check, history;
county — receive packages from a stick (every check, every reason) and the county-wide 汇总.

The two are separate classes (``submission_township.TownshipSubmissionPage``,
``submission_county.CountySubmissionPage``); ``SubmissionPage`` chooses the one for this office's mode.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from models.enums import OrgMode

from ..context import AppContext, org_summary
from ..local_times import local_time
from .submission_common import MONTHS_BACK, SubmissionPageBase, recent_periods
from .submission_county import CountySubmissionPage
from .submission_township import TownshipSubmissionPage

__all__ = ["MONTHS_BACK", "CountySubmissionPage", "SubmissionPage", "SubmissionPageBase", "TownshipSubmissionPage",
           "local_time", "page_class_for", "recent_periods"]


def page_class_for(mode: str | None) -> type[SubmissionPageBase]:
    return CountySubmissionPage if mode == OrgMode.county.value else TownshipSubmissionPage


def SubmissionPage(ctx: AppContext, spec: Any = None, parent: QWidget | None = None) -> SubmissionPageBase:  # noqa: N802
    """The 报送 page for this office's mode (township before setup); the registry calls it with ``spec=``."""
    if isinstance(spec, QWidget) and parent is None:
        spec, parent = None, spec
    # blocking: which class the page is depends on the mode, read before the page can be built
    org = ctx.call_db(parent, lambda: org_summary(ctx.ws))
    return page_class_for(org.mode if org else None)(ctx, spec, parent)
