"""What the township and county 报送 pages share: small tables and labels, times and periods, and the
page's frame (title line with the office's name, the signals)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from services.submission import county, township

from ..context import AppContext, org_summary
from ..dialogs.verify_dialog import VerifyResultDialog
from ..table_tips import full_text_tips
from .base import Page

MONTHS_BACK = 24
FAIL_FG = QColor("#b91c1c")
PASS_FG = QColor("#166534")
ERROR_STYLE = ("background:#fbeaea; border:1px solid #e8b4b4; border-radius:3px; padding:6px 10px;"
               "color:#7f1616;")


def recent_periods(today: dt.date, count: int = MONTHS_BACK) -> list[str]:
    """This month and the ``count - 1`` before it, newest first, as "YYYY-MM"."""
    y, m = today.year, today.month
    out = []
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


def table(headers: list[str], stretch: int | None = None) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1 if stretch is None else stretch, QHeaderView.ResizeMode.Stretch)
    full_text_tips(t)
    return t


def set_row(t: QTableWidget, r: int, values, color: QColor | None = None) -> None:
    for c, v in enumerate(values):
        item = QTableWidgetItem("" if v is None else str(v))
        if color is not None:
            item.setForeground(QBrush(color))
        t.setItem(r, c, item)


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("Hint")
    label.setWordWrap(True)
    return label


def empty(text: str) -> QLabel:
    """An empty-state line that stands where its table would, text at the top."""
    label = hint(text)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setContentsMargins(4, 8, 4, 8)
    return label


def selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class SubmissionPageBase(Page):
    """The 报送 page's frame; the mode's class builds the body (``_build``) and fills it (``page_shown``)."""

    county_mode = False

    sig_package_written = Signal(object)
    """A package was written and re-verified (a ``submission.SubmissionResult``)."""

    sig_imported = Signal(list)
    """County: packages were processed (a list of ``county.ImportOutcome``)."""

    sig_loaded = Signal(str)
    """County: the 汇总 of this period (``"YYYY-MM"``) is on screen."""

    def __init__(self, ctx: AppContext, spec: Any = None, parent: QWidget | None = None):
        super().__init__(ctx, spec, parent)
        org = ctx.call_db(self, lambda: org_summary(ctx.ws))  # blocking: the page is built from the office
        self.org = org
        user = ctx.ws.current_user
        self.roles = user.roles if user else frozenset()
        title = QLabel(self._title())
        title.setObjectName("PageTitle")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        org_label = QLabel(org.name if org else "")
        org_label.setObjectName("PageLead")
        head.addWidget(org_label)
        head.addStretch(1)
        self.head = head
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 14)
        lay.setSpacing(10)
        lay.addLayout(head)
        self.last_result: township.SubmissionResult | None = None
        self.outcomes: list[county.ImportOutcome] = []
        self.verify_dialog: VerifyResultDialog | None = None
        self.document: dict | None = None
        self._build(lay)
        self.page_shown()

    def _title(self) -> str:
        raise NotImplementedError

    def _build(self, lay: QVBoxLayout) -> None:
        raise NotImplementedError

    def page_shown(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Township: re-read the months, the certificate and the history (nothing in county mode)."""

    def load_consolidated(self) -> dict | None:
        """County: the 汇总 of the chosen month (None in township mode)."""
        return None
