"""月报: pick a month, see its figures, edit 情况说明 and the form's foot, preview / print / export, 定稿, 更正.

This module is the page and its figures view (period, loading, state); the draft editor, the output and
the revisions are mixins in report_draft, report_output and report_revisions.

Figures are computed by ``services.reporting.monthly_report`` on the database worker; the page only shows them.
What is previewed, printed and exported is the PDF the service renders (the frozen one once the
month is finalized), so the paper copy is the document that is signed.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractSpinBox, QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QSizePolicy, QSplitter, QTableWidget, QTabWidget, QVBoxLayout, QWidget)

from services.reporting import monthly_report
from services.security.permissions import allowed

from ..figures_table import build_figures_table, fill_figures
from ..context import AppContext, org_summary
from ..form_widgets import DateEdit
from ..pdf_preview import PdfPreviewDialog
from ..print_pdf import LoadedPdf
from ..vocabulary import period_label
from ..widgets import primary, sha_details, show_error
from .base import Page
from .report_draft import FOOT_FIELDS, DraftEditor
from .report_output import ReportOutput
from .report_revisions import HISTORY_HEADERS, Revisions, local_time

__all__ = ["FOOT_FIELDS", "HISTORY_HEADERS", "ReportPage", "last_month", "local_time"]


def last_month(today: dt.date) -> tuple[int, int]:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


class ReportPage(DraftEditor, Revisions, ReportOutput, Page):
    """The 月报 page. Built by the registry as ``ReportPage(ctx, spec)``."""

    sig_saved = Signal(str)
    """The draft of this period (``"YYYY-MM"``) was saved."""

    sig_finalized = Signal(str, int)
    """A period was finalized as this revision."""

    sig_loaded = Signal(str)
    """The figures of this period are on screen (after every load, also in tests)."""

    sig_exported = Signal(str)
    """The report was exported to this path."""

    def __init__(self, ctx: AppContext, spec: Any = None, parent: QWidget | None = None):
        super().__init__(ctx, spec, parent)
        self.doc: dict[str, Any] | None = None
        self.history: list[monthly_report.RevisionView] = []
        self.draft_seen = 0   # the stored draft's version when shown: a newer save from another desk is refused
        self._period = ""
        self._dirty = False
        self._saved_at = ""
        self._shown_period = ""
        self._filling = False
        self._request = 0
        self._history_pdf: LoadedPdf | None = None
        self.history_pdf_bytes: bytes | None = None
        self.preview: PdfPreviewDialog | None = None
        self._build()
        year, month = last_month(ctx.ws.today())
        self._set_combos(year, month)
        self._period = self.selected_period()
        self.refresh()

    def _build(self) -> None:
        title = QLabel(self.tr("月报"))
        title.setObjectName("PageTitle")
        org = org_summary(self.ctx.ws)
        self.org_name = org.name if org else ""
        self.year_combo = QComboBox()
        this_year = self.ctx.ws.today().year
        for y in range(this_year, this_year - 11, -1):
            self.year_combo.addItem(self.tr("{y}年").format(y=y), y)
        self.month_combo = QComboBox()
        for m in range(1, 13):
            self.month_combo.addItem(self.tr("{m}月").format(m=m), m)
        self.year_combo.setAccessibleName(self.tr("报告年份"))
        self.month_combo.setAccessibleName(self.tr("报告月份"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setToolTip(self.tr("按数据库中的最新数据重新统计"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(110)
        self.busy_bar.setTextVisible(False)
        self.busy_label = QLabel(self.tr("正在统计……"))
        self.busy_label.setObjectName("Hint")
        self._set_busy(False)

        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        org_label = QLabel(self.org_name)
        org_label.setObjectName("PageLead")
        head.addWidget(org_label)
        head.addStretch(1)
        head.addWidget(self.busy_label)
        head.addWidget(self.busy_bar)
        head.addSpacing(8)
        head.addWidget(QLabel(self.tr("报告期：")))
        head.addWidget(self.year_combo)
        head.addWidget(self.month_combo)
        head.addWidget(self.refresh_button)

        self.banner = QLabel()
        self.banner.setObjectName("ReportBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()

        self.table = self._build_table()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_text_tab(), self.tr("情况说明和表尾"))
        self.tabs.addTab(self._build_history_tab(), self.tr("修订历史"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([600, 480])

        self.state_label = QLabel()
        self.state_label.setObjectName("Hint")
        # the state ("… 已保存", an export path) wraps in its own room instead of widening the window
        self.state_label.setWordWrap(True)
        self.state_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"))
        self.preview_button = QPushButton(self.tr("预览/打印…"))
        self.pdf_button = QPushButton(self.tr("导出PDF…"))
        self.xlsx_button = QPushButton(self.tr("导出Excel…"))
        self.finalize_button = primary(QPushButton(self.tr("定稿…")))
        self.correct_button = QPushButton(self.tr("更正…"))
        bar = QHBoxLayout()
        bar.addWidget(self.state_label, 1)
        for b in (self.save_button, self.preview_button, self.pdf_button, self.xlsx_button):
            bar.addWidget(b)
        bar.addSpacing(16)
        bar.addWidget(self.correct_button)
        bar.addWidget(self.finalize_button)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 14)
        lay.setSpacing(10)
        lay.addLayout(head)
        lay.addWidget(self.banner)
        lay.addWidget(splitter, 1)
        lay.addLayout(bar)

        self.year_combo.currentIndexChanged.connect(self._period_changed)
        self.month_combo.currentIndexChanged.connect(self._period_changed)
        self.refresh_button.clicked.connect(self._refresh_clicked)
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(lambda: self.open_preview())  # not clicked(bool) as the PDF
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.finalize_button.clicked.connect(self.finalize)
        self.correct_button.clicked.connect(self.correct)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    def _build_table(self) -> QTableWidget:
        table, self.figure_rows = build_figures_table()
        return table

    def selected_period(self) -> str:
        return f"{self.year_combo.currentData():04d}-{self.month_combo.currentData():02d}"

    def _set_combos(self, year: int, month: int) -> None:
        for combo, value in ((self.year_combo, year), (self.month_combo, month)):
            combo.blockSignals(True)
            index = combo.findData(value)
            if index < 0 and combo is self.year_combo:
                combo.addItem(self.tr("{y}年").format(y=value), value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    @property
    def period(self) -> str:
        return self._period

    @property
    def roles(self) -> frozenset[str]:
        user = self.ctx.ws.current_user
        return user.roles if user else frozenset()

    def is_finalized(self) -> bool:
        return bool(self.doc and self.doc.get("finalized"))

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)

    def page_shown(self) -> None:
        """Called by the main window when the page comes to the front: figures may have changed."""
        if not self._dirty:
            self.refresh()

    def _refresh_clicked(self) -> None:
        if self._resolve_unsaved():
            self.refresh()

    def _period_changed(self, *_args) -> None:
        new = self.selected_period()
        if new == self._period:
            return
        if not self._resolve_unsaved():
            year, month = (int(x) for x in self._period.split("-"))
            self._set_combos(year, month)
            return
        self._period = new
        self.refresh()

    def refresh(self) -> None:
        """Recompute the shown period's document and revisions on the database worker."""
        self._request += 1
        request, period, ws = self._request, self._period, self.ctx.ws
        self._set_busy(True)
        self._lock_while_loading()

        def work() -> tuple[dict[str, Any], list[monthly_report.RevisionView], int]:
            seen = monthly_report.draft_version(ws, period)   # first: a save in between is refused, never lost
            return monthly_report.build_document(ws, period), monthly_report.revisions(ws, period), seen

        self.ctx.db.submit(work, on_done=lambda result: self._loaded(request, result),
                           on_error=lambda exc: self._load_failed(request, exc))

    def _lock_while_loading(self) -> None:
        """Nothing can be typed or saved until the period's document is on screen."""
        self.table.setEnabled(False)
        self.narrative.setReadOnly(True)
        for edit in self.foot_edits.values():
            edit.setReadOnly(True)
        for button in (self.save_button, self.preview_button, self.pdf_button, self.xlsx_button,
                       self.finalize_button, self.correct_button):
            button.setEnabled(False)

    def _loaded(self, request: int, result) -> None:
        if request != self._request:
            return  # an older request; a newer one is on its way
        self._set_busy(False)
        self.table.setEnabled(True)
        self.doc, self.history, self.draft_seen = result
        self._fill_figures(self.doc["figures"])
        self._fill_text(self.doc)
        self._fill_history(self.history)
        self._apply_state()
        self.sig_loaded.emit(self.doc["period"])

    def _load_failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self._set_busy(False)
        self.table.setEnabled(True)
        self.doc = None  # nothing may be saved over a draft that could not be read
        self.state_label.setText(self.tr("统计失败，请稍后点“刷新”重试。"))
        show_error(self, exc, self.tr("月报统计失败"))

    def _banner_state(self, state: str) -> None:
        """final (settled, calm) or open (a correction in progress); colours in resources/style.qss."""
        self.banner.setProperty("state", state)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)

    def _fill_figures(self, figures: dict[str, Any]) -> None:
        fill_figures(self.table, self.figure_rows, figures)

    def _apply_state(self) -> None:
        doc = self.doc or {}
        final = self.is_finalized()
        correcting = doc.get("correction")
        latest = next((h for h in reversed(self.history) if h.sha256), None)
        self.banner.setToolTip("")
        if final and latest is not None:
            self._banner_state("final")
            self.banner.setText(self.tr("已定稿（第{n}版）　{when} 由 {who} 定稿　校验码：{sha}…\n"
                                        "定稿后的月报不能修改；如需修改，请由纪委书记点“更正”生成新的修订版。")
                                .format(n=latest.revision, when=local_time(latest.finalized_at),
                                        who=latest.finalized_by or "—", sha=latest.sha256[:16]))
            self.banner.setToolTip(sha_details(latest.sha256))
            self.banner.show()
        elif correcting:
            self._banner_state("open")
            self.banner.setText(self.tr("正在更正：第{n}版（更正第{old}版），原因：{reason}\n"
                                        "修改情况说明或表尾并保存后，请重新定稿；定稿前，第{old}版仍是有效版本。")
                                .format(n=doc.get("revision"), old=correcting.get("supersedes"),
                                        reason=correcting.get("reason") or ""))
            self.banner.show()
        else:
            self.banner.hide()
        can_edit = allowed(self.roles, "report.edit") and not final
        self.narrative.setReadOnly(not can_edit)
        for edit in self.foot_edits.values():
            edit.setReadOnly(not can_edit)
        date_edit: DateEdit = self.foot_edits["date"]
        date_edit.setCalendarPopup(can_edit)
        date_edit.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows if can_edit
                                   else QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.save_button.setEnabled(can_edit)
        may_finalize = allowed(self.roles, "report.finalize")
        self.finalize_button.setEnabled(may_finalize and not final)
        self.correct_button.setEnabled(may_finalize and final)
        only_secretary = self.tr("只有纪委书记可以定稿和更正月报")
        self.finalize_button.setToolTip(only_secretary if not may_finalize else
                                        self.tr("本月报已定稿") if final else
                                        self.tr("冻结本月统计数字、情况说明和 PDF，生成第{n}版").format(n=doc.get("revision")))
        self.correct_button.setToolTip(only_secretary if not may_finalize else
                                       self.tr("定稿后发现错误时，说明原因，生成新的修订版") if final else
                                       self.tr("尚未定稿的月报直接修改即可，无需更正"))
        for button in (self.preview_button, self.pdf_button, self.xlsx_button):
            button.setEnabled(True)
        self._update_state_label()

    def _update_state_label(self) -> None:
        doc = self.doc
        if doc is None:
            self.state_label.setText("")
            return
        period = period_label(doc["period"])
        if self.is_finalized():
            text = self.tr("{p}月报　已定稿（第{n}版）").format(p=period, n=doc["revision"])
        else:
            text = self.tr("{p}月报　草稿（将定稿为第{n}版）").format(p=period, n=doc["revision"])
            if self._dirty:
                text += self.tr("　● 有未保存的修改")
            elif self._saved_at:
                text += self.tr("　{time} 已保存").format(time=self._saved_at)
        self.state_label.setText(text)
