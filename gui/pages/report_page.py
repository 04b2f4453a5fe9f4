"""月报: pick a month, see its figures, edit 情况说明 and the form's foot, preview / print / export, 定稿, 更正.

Figures are computed by ``services.monthly_report`` on the database worker; the page only shows them.
What is previewed, printed and exported is the PDF the service renders (the frozen one once the
month is finalized), so the paper copy is the document that is signed.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSpinBox, QComboBox, QFileDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox,
                               QPlainTextEdit, QProgressBar, QPushButton, QSizePolicy, QSplitter, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from services import monthly_report
from services.errors import DomainError, ValidationError
from services.files import atomic_write_bytes
from services.permissions import allowed
from services.reports import layout

from ..figures_table import build_figures_table, fill_figures
from ..context import AppContext, org_summary
from ..form_widgets import DateEdit
from ..pdf_preview import PdfPreviewDialog
from ..print_pdf import LoadedPdf
from ..widgets import FieldError, FormErrors, confirm, form_error_label, primary, show_error, show_info

HISTORY_HEADERS = ("版次", "状态", "定稿时间", "定稿人", "SHA-256", "更正原因")
FOOT_FIELDS = ("leader", "preparer", "phone", "date")


def last_month(today: dt.date) -> tuple[int, int]:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


def local_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


class ReportPage(QWidget):
    """The 月报 page. Built by the registry as ``ReportPage(ctx, spec)``."""

    sig_saved = Signal(str)
    """The draft of this period (``"YYYY-MM"``) was saved."""

    sig_finalized = Signal(str, int)
    """A period was finalized as this revision."""

    sig_loaded = Signal(str)
    """The figures of this period are on screen (after every load, also in tests)."""

    def __init__(self, ctx: AppContext, spec: Any = None, parent: QWidget | None = None):
        if isinstance(spec, QWidget) and parent is None:
            spec, parent = None, spec
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self.doc: dict[str, Any] | None = None
        self.history: list[monthly_report.RevisionView] = []
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

    # ------------------------------------------------------------------ building
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

    def _build_text_tab(self) -> QWidget:
        tab = QWidget()
        self.narrative = QPlainTextEdit()
        self.narrative.setPlaceholderText(self.tr("填写本月信访举报和案件办理情况的说明，如主要特点、重点工作、存在问题等。"))
        self.narrative.setAccessibleName(self.tr("情况说明"))
        self.narrative_count = QLabel()
        self.narrative_count.setObjectName("Hint")
        self.narrative_error = FieldError()
        self.general_error = form_error_label()
        self.errors = FormErrors(self.general_error)
        self.errors.add("narrative", self.narrative, self.narrative_error)

        foot = QGroupBox(self.tr("表尾"))
        form = QFormLayout(foot)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        unit = QLabel(self.org_name)
        form.addRow(self.tr("填报单位："), unit)
        self.foot_edits: dict[str, QWidget] = {}
        labels = {"leader": self.tr("负责人："), "preparer": self.tr("填报人："), "phone": self.tr("联系电话："),
                  "date": self.tr("填报日期：")}
        for key in FOOT_FIELDS:
            if key == "date":
                edit: QWidget = DateEdit(allow_empty=True, empty_text=self.tr("（未填）"))
                edit.setMaximumDate(QDate(self.ctx.ws.today().year + 1, 12, 31))
                edit.dateChanged.connect(self._edited)
            else:
                edit = QLineEdit()
                edit.setMaxLength(40)
                edit.textEdited.connect(self._edited)
            edit.setAccessibleName(labels[key].rstrip("："))
            err = FieldError()
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(err)
            form.addRow(labels[key], box)
            self.foot_edits[key] = edit
            self.errors.add(f"footer.{key}", edit, err)
        self.foot_edits["phone"].setPlaceholderText(self.tr("如 0871-1234567 或 13800001111"))
        self.narrative.textChanged.connect(self._edited)
        self.narrative.textChanged.connect(self._update_count)

        lay = QVBoxLayout(tab)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(6)
        caption = QLabel(self.tr("情况说明"))
        caption.setStyleSheet("font-weight:bold;")
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addStretch(1)
        row.addWidget(self.narrative_count)
        lay.addLayout(row)
        lay.addWidget(self.narrative, 1)
        lay.addWidget(self.narrative_error)
        lay.addWidget(foot)
        lay.addWidget(self.general_error)
        return tab

    def _build_history_tab(self) -> QWidget:
        tab = QWidget()
        self.history_table = QTableWidget(0, len(HISTORY_HEADERS))
        self.history_table.setHorizontalHeaderLabels([self.tr(h) for h in HISTORY_HEADERS])
        self.history_table.verticalHeader().hide()
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HISTORY_HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.history_table.setMaximumHeight(170)
        self.history_empty = QLabel(self.tr("本月报尚未定稿，还没有修订版本。定稿后，每一版都保存在这里，可随时查看和打印。"))
        self.history_empty.setObjectName("Hint")
        self.history_empty.setWordWrap(True)
        self._no_pdf = QPdfDocument(self)
        self.history_view = QPdfView()
        self.history_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.history_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.history_note = QLabel()
        self.history_note.setObjectName("Hint")
        self.history_note.setWordWrap(True)
        self.history_print = QPushButton(self.tr("预览/打印此版…"))
        self.history_print.setEnabled(False)
        self.history_print.clicked.connect(self._preview_selected_revision)
        self.history_table.itemSelectionChanged.connect(self._history_selected)
        lay = QVBoxLayout(tab)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(6)
        lay.addWidget(self.history_empty)
        lay.addWidget(self.history_table)
        row = QHBoxLayout()
        row.addWidget(self.history_note, 1)
        row.addWidget(self.history_print)
        lay.addLayout(row)
        lay.addWidget(self.history_view, 100)
        lay.addStretch(1)  # takes the room while no PDF is shown
        return tab

    # ------------------------------------------------------------------ state
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

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _edited(self, *_args) -> None:
        if self._filling:
            return
        self._dirty = True
        self._update_state_label()

    def _update_count(self) -> None:
        n = len(self.narrative.toPlainText())
        self.narrative_count.setText(self.tr("{n} / {max} 字").format(n=n, max=monthly_report.NARRATIVE_MAX))

    # ------------------------------------------------------------------ loading
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

        def work() -> tuple[dict[str, Any], list[monthly_report.RevisionView]]:
            return monthly_report.build_document(ws, period), monthly_report.revisions(ws, period)

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
        self.doc, self.history = result
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

    def _fill_text(self, doc: dict[str, Any]) -> None:
        self._filling = True
        try:
            self.errors.clear()
            self.narrative.setPlainText(doc.get("narrative") or "")
            footer = doc.get("footer") or {}
            for key in ("leader", "preparer", "phone"):
                self.foot_edits[key].setText(str(footer.get(key) or ""))
            date_edit: DateEdit = self.foot_edits["date"]
            try:
                date_edit.set_value(dt.date.fromisoformat(footer.get("date") or ""))
            except ValueError:
                date_edit.clear_value()
        finally:
            self._filling = False
        self._dirty = False
        if doc.get("period") != self._shown_period:
            self._saved_at = ""
        self._shown_period = doc.get("period") or ""
        self._update_count()

    def _fill_history(self, history: list[monthly_report.RevisionView]) -> None:
        self.history_table.blockSignals(True)
        self.history_table.clearSelection()
        self.history_table.setRowCount(len(history))
        for r, rev in enumerate(history):
            sha = (rev.sha256 or "")[:8] + ("…" if rev.sha256 else "")
            cells = (self.tr("第{n}版").format(n=rev.revision), rev.status_label, local_time(rev.finalized_at),
                     rev.finalized_by, sha, rev.correction_reason)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, rev.revision)
                if c == 4 and rev.sha256:
                    item.setToolTip(rev.sha256)
                if c == 5 and rev.correction_reason:
                    item.setToolTip(rev.correction_reason)
                self.history_table.setItem(r, c, item)
        self.history_table.blockSignals(False)
        self.history_table.setVisible(bool(history))
        self.history_empty.setVisible(not history)
        self._show_history_pdf(None)
        self.history_note.setText(self.tr("选择一个版次，即在下方显示该版定稿时冻结的 PDF。") if history else "")

    def _apply_state(self) -> None:
        doc = self.doc or {}
        final = self.is_finalized()
        correcting = doc.get("correction")
        latest = next((h for h in reversed(self.history) if h.sha256), None)
        if final and latest is not None:
            self._banner_state("final")
            self.banner.setText(self.tr("已定稿（第{n}版）　{when} 由 {who} 定稿　SHA-256：{sha}\n"
                                        "定稿后的月报不能修改；如需修改，请由纪委书记点“更正”生成新的修订版。")
                                .format(n=latest.revision, when=local_time(latest.finalized_at),
                                        who=latest.finalized_by or "—", sha=latest.sha256))
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
        period = layout.period_text(doc["period"])
        if self.is_finalized():
            text = self.tr("{p}月报　已定稿（第{n}版）").format(p=period, n=doc["revision"])
        else:
            text = self.tr("{p}月报　草稿（将定稿为第{n}版）").format(p=period, n=doc["revision"])
            if self._dirty:
                text += self.tr("　● 有未保存的修改")
            elif self._saved_at:
                text += self.tr("　{time} 已保存").format(time=self._saved_at)
        self.state_label.setText(text)

    # ------------------------------------------------------------------ saving
    def _draft_values(self) -> tuple[str, dict[str, str]]:
        footer = {key: self.foot_edits[key].text().strip() for key in ("leader", "preparer", "phone")}
        day = self.foot_edits["date"].value()
        footer["date"] = day.isoformat() if day else ""
        return self.narrative.toPlainText(), footer

    def save(self) -> bool:
        """Save 情况说明 and the foot (Ctrl+S); False when nothing could be saved."""
        if self.doc is None or self.is_finalized() or not allowed(self.roles, "report.edit"):
            return False
        narrative, footer = self._draft_values()
        ws, period = self.ctx.ws, self._period
        self.errors.clear()
        try:
            self.ctx.call_db(self, lambda: monthly_report.save_draft(ws, period, narrative, footer),
                             self.tr("正在保存……"))
        except ValidationError as exc:
            self.errors.show(exc)
            self.tabs.setCurrentIndex(0)
            return False
        except Exception as exc:  # noqa: BLE001 - any failure is shown, and the edits stay
            show_error(self, exc, self.tr("保存失败"))
            return False
        self._dirty = False
        self._saved_at = dt.datetime.now().strftime("%H:%M")
        self._update_state_label()
        self.sig_saved.emit(period)
        return True

    def _ask_unsaved(self) -> str:
        """保存 / 放弃 / 取消 for unsaved edits: returns "save", "discard" or "cancel"."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("未保存的修改"))
        box.setText(self.tr("{p}月报的情况说明或表尾有未保存的修改，是否保存？")
                    .format(p=layout.period_text(self._period)))
        save = box.addButton(self.tr("保存"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("放弃修改"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def _resolve_unsaved(self) -> bool:
        """True when the page may move on (nothing unsaved, saved, or discarded on request)."""
        if not self._dirty:
            return True
        answer = self._ask_unsaved()
        if answer == "save":
            return self.save()
        if answer == "discard":
            self._dirty = False
            return True
        return False

    def can_leave(self) -> bool:
        """Ask about unsaved edits before the user leaves the page, logs out or closes the window."""
        return self._resolve_unsaved()

    def _save_before_output(self) -> bool:
        """Previews and exports show what is stored, so unsaved edits are saved first."""
        return not self._dirty or self.save()

    # ------------------------------------------------------------------ output
    def _title(self, revision: int | None = None) -> str:
        doc = self.doc or {}
        n = revision or doc.get("revision") or 1
        state = "" if revision or self.is_finalized() else self.tr("（草稿）")
        return self.tr("{org}{p}月报第{n}版{state}").format(org=self.org_name, p=layout.period_text(self._period),
                                                         n=n, state=state)

    def current_pdf(self) -> bytes:
        """The PDF the page would print: frozen when finalized, else the saved draft rendered now."""
        ws, period = self.ctx.ws, self._period
        return self.ctx.call_db(self, lambda: monthly_report.export_pdf(ws, period), self.tr("正在生成 PDF……"))

    def current_xlsx(self) -> bytes:
        ws, period = self.ctx.ws, self._period
        return self.ctx.call_db(self, lambda: monthly_report.export_xlsx(ws, period), self.tr("正在生成 Excel……"))

    def open_preview(self, pdf: bytes | None = None, title: str | None = None) -> PdfPreviewDialog | None:
        """预览/打印: the PDF in a preview with 打印…; returns the (window-modal, open) dialog."""
        if pdf is None and not self._save_before_output():
            return None
        try:
            data = pdf if pdf is not None else self.current_pdf()
            dialog = PdfPreviewDialog(data, title or self._title(), self, settings=self.ctx.settings,
                                      default_name=(title or self._title()) + ".pdf")
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("无法预览"))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "preview", None))
        self.preview = dialog
        dialog.open()
        return dialog

    def export(self, kind: str) -> Path | None:
        """导出PDF / 导出Excel: ask where, write the service's bytes atomically; the path written or None."""
        if not self._save_before_output():
            return None
        suffix, caption, filt = ((".pdf", self.tr("导出PDF"), self.tr("PDF 文件 (*.pdf)")) if kind == "pdf" else
                                 (".xlsx", self.tr("导出Excel"), self.tr("Excel 工作簿 (*.xlsx)")))
        folder = self.ctx.settings.value("report_page/export_dir", str(Path.home()))
        default = str(Path(folder) / (self._title() + suffix))
        path, _ = QFileDialog.getSaveFileName(self, caption, default, filt)
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        try:
            data = self.current_pdf() if kind == "pdf" else self.current_xlsx()
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("导出失败"))
            return None
        try:
            atomic_write_bytes(target, data)
        except DomainError as exc:  # FileWriteError: disk full, read-only stick, no permission
            show_error(self, exc, self.tr("导出失败"))
            return None
        self.ctx.settings.setValue("report_page/export_dir", str(target.parent))
        self.state_label.setText(self.tr("已导出：{path}").format(path=target))
        return target

    # ------------------------------------------------------------------ finalize / correct
    def finalize(self) -> bool:
        """定稿 (secretary only): confirm, save pending edits, freeze; shows the SHA-256 afterwards."""
        if not allowed(self.roles, "report.finalize") or self.is_finalized() or self.doc is None:
            return False
        if not self._save_before_output():
            return False
        n = self.doc.get("revision")
        message = self.tr("定稿将冻结{p}月报第{n}版：本月的统计数字、情况说明、表尾和 PDF 一并存档并计算 SHA-256，"
                          "此后不能再修改；如发现错误，只能通过“更正”生成新的修订版。\n\n确定定稿吗？") \
            .format(p=layout.period_text(self._period), n=n)
        if not confirm(self, message, self.tr("月报定稿")):
            return False
        ws, period = self.ctx.ws, self._period
        try:
            view = self.ctx.call_db(self, lambda: monthly_report.finalize(ws, period), self.tr("正在定稿……"))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("定稿未完成"))
            return False
        self.refresh()
        self.sig_finalized.emit(period, view.revision)
        show_info(self, self.tr("{p}月报已定稿（第{n}版）。\n\nSHA-256：\n{sha}")
                  .format(p=layout.period_text(period), n=view.revision, sha=view.sha256), self.tr("定稿完成"))
        return True

    def correct(self) -> bool:
        """更正: ask the reason and open the next revision as a draft."""
        if not allowed(self.roles, "report.finalize") or not self.is_finalized():
            return False
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("月报更正"))
        dialog.setLabelText(self.tr("请填写更正原因（记入修订历史和审计日志）："))
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, True)
        dialog.setOkButtonText(self.tr("开始更正"))
        dialog.setCancelButtonText(self.tr("取消"))
        dialog.resize(460, 260)
        if not dialog.exec():
            return False
        reason = dialog.textValue().strip()
        ws, period = self.ctx.ws, self._period
        try:
            self.ctx.call_db(self, lambda: monthly_report.correct(ws, period, reason), self.tr("正在处理……"))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("更正未完成"))
            return False
        self.refresh()
        return True

    # ------------------------------------------------------------------ history
    def selected_revision(self) -> int | None:
        rows = self.history_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.history_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _history_selected(self) -> None:
        number = self.selected_revision()
        rev = next((h for h in self.history if h.revision == number), None)
        if rev is None or not rev.sha256:
            self._show_history_pdf(None)
            if rev is not None:
                self.history_note.setText(self.tr("第{n}版正在更正，尚未定稿，还没有冻结的 PDF。").format(n=rev.revision))
            return
        ws, period = self.ctx.ws, self._period
        try:
            frozen = self.ctx.call_db(self, lambda: monthly_report.get_revision(ws, period, number))
            self._show_history_pdf(frozen.pdf)
        except Exception as exc:  # noqa: BLE001
            self._show_history_pdf(None)
            show_error(self, exc, self.tr("无法显示该版次"))
            return
        self.history_note.setText(self.tr("第{n}版（{status}）定稿时冻结的 PDF：")
                                  .format(n=rev.revision, status=rev.status_label))
        self.history_note.setToolTip(rev.sha256)

    def _show_history_pdf(self, pdf: bytes | None) -> None:
        old, self._history_pdf = self._history_pdf, (LoadedPdf(pdf) if pdf is not None else None)
        self.history_view.setDocument(self._history_pdf.document if self._history_pdf else self._no_pdf)
        if old is not None:
            old.close()
        self.history_pdf_bytes = pdf
        self.history_view.setVisible(pdf is not None)
        self.history_print.setEnabled(pdf is not None)

    def history_page_count(self) -> int:
        return self._history_pdf.page_count if self._history_pdf else 0

    def _preview_selected_revision(self) -> None:
        number = self.selected_revision()
        if number is not None and self.history_pdf_bytes:
            self.open_preview(self.history_pdf_bytes, self._title(number))
