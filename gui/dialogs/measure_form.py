"""处分/处理 entry (MeasureForm), and the small base every item form of the daily work shares.

``ItemDialog``: a non-modal form with Ctrl+S (save), Esc (cancel) and a 保存 / 放弃 / 取消 question when
closing with unsaved changes. ``TimelineTable``: an item's audit events in Chinese.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QSpinBox, QTabWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from models.enums import MeasureCategory
from services.casework import measures, timeline
from services.errors import ValidationError

from ..form_widgets import DateEdit, EnumCombo
from ..geometry import remember_geometry
from ..interaction import Interaction
from ..operations import DbOp, QueryOp
from ..timeline_reprint import TimelineReprint
from .measure_kinds import fill_kinds, label_categories, period_texts
from .sanction_execution import open_execution
from ..widgets import FieldError, FormErrors, form_error_label, primary, show_refusal

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class ItemDialog(QDialog):
    """Base of the lead, case, measure and ledger forms: dirty tracking, Ctrl+S, Esc, ask before losing edits.

    Subclasses implement ``save(then=None)`` (``then()`` once everything pending was saved; on a failure the
    form stays as it is, with the user's input) and call ``watch(widget, ...)`` on their editors so an
    edit marks the form dirty.
    """

    sig_saved = Signal(str, int)
    """Something was written for an item: (entity "lead"|"case"|"ledger"|"measure", id)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = False
        self._loading = False
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=lambda: self.save())

    def frame_with_tabs(self, tabs: list[tuple[QWidget, str]], print_label: str) -> None:
        """Lay out the lead and case forms: ``self.heading``, ``self.status``, the tabs and a 时间线 tab,
        ``self.general`` (the form's error line), then 打印… / 保存 / 关闭."""
        self.timeline = TimelineTable(self)
        self.tabs = QTabWidget(self)
        for widget, title in tabs:
            self.tabs.addTab(widget, title)
        self.tabs.addTab(self.timeline, self.tr("时间线"))
        self.print_button = QPushButton(print_label, self)
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button = primary(QPushButton(self.tr("保存"), self))
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.errors.summary_label(self))   # 有 N 处需要修改
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.status)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.general)
        lay.addLayout(buttons)

    # ---- dirty state -------------------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self._dirty

    def set_dirty(self, dirty: bool = True) -> None:
        if self._loading:
            return
        self._dirty = dirty
        title = self.windowTitle().removesuffix(" *")
        self.setWindowTitle(f"{title} *" if dirty else title)

    def watch(self, *widgets: QWidget) -> None:
        """Mark the form dirty when any of ``widgets`` is edited by the user."""
        for w in widgets:
            if isinstance(w, QLineEdit):
                w.textEdited.connect(lambda *_: self.set_dirty())
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(lambda *_: self.set_dirty())
            elif isinstance(w, QComboBox):
                w.activated.connect(lambda *_: self.set_dirty())
                w.currentIndexChanged.connect(lambda *_: self.set_dirty())
            elif isinstance(w, QCheckBox) or hasattr(w, "toggled"):
                w.toggled.connect(lambda *_: self.set_dirty())
            elif isinstance(w, QSpinBox) or hasattr(w, "valueChanged"):
                w.valueChanged.connect(lambda *_: self.set_dirty())
            if hasattr(w, "dateChanged"):
                w.dateChanged.connect(lambda *_: self.set_dirty())

    # ---- service calls -----------------------------------------------------------------------------------
    def run(self, fn: Callable[[], Any], errors: FormErrors | None = None,
            then: Callable[[Any], None] | None = None) -> None:
        """Run the write ``fn`` as a DbOp and hand its result to ``then``. On failure the form stays as it
        is: a ValidationError at its fields in ``errors``, another DomainError in their general line."""
        if errors is not None:
            errors.clear()
        DbOp(self, fn).success(then or (lambda _result: None)).failure(lambda exc: self.show_failure(exc, errors)).run()

    def show_failure(self, exc: BaseException, errors: FormErrors | None = None) -> None:
        """Where a failed write is told: at the fields of ``errors`` when it can be, else in a box."""
        show_refusal(self, errors, exc)

    def show_stored(self, fetch: Callable[[], Any], then: Callable[[], None] | None = None) -> None:
        """Read the item again (``fetch``, a QueryOp), show it with ``self._show(view)``, then ``then()``."""
        def shown(view) -> None:
            self._show(view)
            if then:
                then()

        QueryOp(self, fetch).success(shown).run()

    def save(self, then: Callable[[], None] | None = None) -> None:  # pragma: no cover - every subclass has one
        raise NotImplementedError

    # ---- closing -----------------------------------------------------------------------------------------
    def ask_unsaved(self) -> str:
        """保存 / 放弃 / 取消 — what to do with the unsaved changes."""
        choice = Interaction.choose(self, self.tr("本表有尚未保存的修改。要保存吗？"),
                                    [self.tr("保存"), self.tr("放弃"), self.tr("取消")], title=self.tr("有未保存的修改"))
        return {0: SAVE, 1: DISCARD}.get(choice, CANCEL)

    def reject(self) -> None:
        """Esc, 关闭 and the close box all come here; unsaved changes are never dropped silently."""
        if self._dirty:
            answer = self.ask_unsaved()
            if answer == CANCEL:
                return
            if answer == SAVE:
                self.save(then=self._close)   # closes once saved; a failure keeps the form open
                return
        self._close()

    def _close(self) -> None:
        self._dirty = False
        QDialog.reject(self)


class TimelineTable(QTableWidget):
    """An item's audit events (time, who, what), oldest first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("时间"), self.tr("操作人"), self.tr("内容")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def load(self, ctx, entity: str, item_id: int) -> None:
        if getattr(self, "reprint", None) is None:   # 重新打印 a 函询通知书 (or a 告知书) from its entry
            self.reprint = TimelineReprint(self, self, lambda: self.load(*self.loaded))
        self.loaded = (ctx, entity, item_id)
        QueryOp(self, lambda: timeline.timeline(ctx.workspace, entity, item_id), ctx=ctx).success(self._fill).run()

    def _fill(self, events) -> None:
        self.setRowCount(len(events))
        for row, ev in enumerate(events):
            at = ev.at.astimezone() if ev.at.tzinfo else ev.at
            for col, text in enumerate((at.strftime("%Y-%m-%d %H:%M"), ev.who, ev.text_zh)):
                self.setItem(row, col, QTableWidgetItem(text))
        self.reprint.set_events(events)

    def texts(self) -> list[str]:
        return [self.item(r, 2).text() for r in range(self.rowCount())]


def result_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MeasureForm(ItemDialog):
    """新增处分/处理 for a person of a case (or lead); after saving it shows 影响期至 and 第X种形态.

    ``persons``: [(person_id, "name（单位 职务）", is_party_member or None when 不详)] of the case or lead.
    """

    def __init__(self, ctx, *, persons: list[tuple[int, str, bool]], case_id: int | None = None,
                 lead_id: int | None = None, person_id: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.case_id, self.lead_id = case_id, lead_id
        self.saved = None
        self.setWindowTitle(self.tr("新增处分/处理"))
        today = ctx.workspace.today()

        self.person = QComboBox(self)
        for pid, text, member in persons:
            self.person.addItem(text + ("" if member else self.tr("（中共党员：不详）") if member is None
                                        else self.tr("（非中共党员）")), pid)
        if person_id is not None and self.person.findData(person_id) >= 0:
            self.person.setCurrentIndex(self.person.findData(person_id))
        self.category = EnumCombo(MeasureCategory, parent=self)
        label_categories(self.category)   # 组织处理/其他处理: the two headings of DOMAIN §4
        self.kind = QComboBox(self)
        self.decision_date = DateEdit(self)
        self.decision_date.setMaximumWidth(180)
        self.decision_date.set_value(today)
        self.document_number = QLineEdit(self)
        self.document_number.setPlaceholderText(self.tr("如 青纪发〔2026〕5号"))
        self.probation = QComboBox(self)
        self.probation.addItem(self.tr("二年"), 2)
        self.probation.addItem(self.tr("一年"), 1)
        self.note = QPlainTextEdit(self)
        self.note.setFixedHeight(70)
        self.effect_end = result_label(self.tr("（保存后计算）"))
        self.form_label = result_label(self.tr("（保存后计算）"))

        self.general = form_error_label(self)
        self.errors = FormErrors(self.general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in (("person_id", self.tr("处分/处理对象"), self.person),
                                   ("category", self.tr("类别"), self.category),
                                   ("kind", self.tr("处分/处理方式"), self.kind),
                                   ("probation_years", self.tr("留党察看期限"), self.probation),
                                   ("decision_date", self.tr("决定日期"), self.decision_date),
                                   ("document_number", self.tr("文号"), self.document_number),
                                   ("note", self.tr("备注"), self.note)):
            err = self.errors.add(code, editor, FieldError(self))
            form.addRow(text, editor)
            form.addRow("", err)
        # refusals about the person's membership (is_party_member / is_supervised_object) belong to the kind
        for code in ("is_party_member", "is_supervised_object"):
            self.errors.fields[code] = self.errors.fields["kind"]
        self.probation_row_label = form.labelForField(self.probation)
        form.addRow(self.tr("影响期至"), self.effect_end)
        self.effect_end_label = form.labelForField(self.effect_end)   # 政务处分期间至 for a 政务处分
        form.addRow(self.tr("四种形态"), self.form_label)

        self.save_button = primary(QPushButton(self.tr("保存"), self))
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.reject)
        self.execution_button = QPushButton(self.tr("处分执行与回访…"), self)   # once a 处分 is saved
        self.execution_button.setVisible(False)
        self.execution_button.clicked.connect(self.open_execution)
        buttons = QHBoxLayout()
        buttons.addWidget(self.execution_button)
        buttons.addStretch(1)
        buttons.addWidget(self.errors.summary_label(self))
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.general)
        lay.addStretch(1)
        lay.addLayout(buttons)

        self.category.currentIndexChanged.connect(self._fill_kinds)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._loading = True
        self._fill_kinds()
        self._loading = False
        self.watch(self.person, self.category, self.kind, self.decision_date, self.document_number, self.probation,
                   self.note)
        self.resize(520, 520)
        remember_geometry(self, ctx.settings)

    def _fill_kinds(self) -> None:
        cat = MeasureCategory.from_text(self.category.value() or "")
        self.kind.blockSignals(True)
        fill_kinds(self.kind, cat)
        self.kind.blockSignals(False)
        self._kind_changed()

    def _kind_changed(self) -> None:
        probation = self.kind.currentData() == "party_probation"
        self.probation.setVisible(probation)
        if self.probation_row_label is not None:
            self.probation_row_label.setVisible(probation)

    def set_kind(self, category: str, kind: str) -> None:
        self.category.set_value(category)
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def save(self, then: Callable[[], None] | None = None) -> None:
        if self.saved is not None:
            if then:
                then()
            return
        kind = self.kind.currentData()
        if kind is None:   # nothing preselected: the kind is the user's choice
            self.errors.show(ValidationError(self.tr("请选择处分/处理方式"), field="kind"))
            return
        years = self.probation.currentData() if kind == "party_probation" else None
        ws = self.ctx.workspace
        self.run(lambda: measures.add_measure(
            ws, person_id=self.person.currentData(), case_id=self.case_id, lead_id=self.lead_id,
            category=self.category.value(), kind=kind, decision_date=self.decision_date.value(),
            document_number=self.document_number.text().strip(), note=self.note.toPlainText().strip(),
            probation_years=years), self.errors, lambda view: self._saved(view, then))

    def _saved(self, view, then: Callable[[], None] | None) -> None:
        self.saved = view
        period_label, period_value = period_texts(view.kind, view.effect_end)
        self.effect_end_label.setText(period_label)
        self.effect_end.setText(period_value)
        self.form_label.setText(view.form_label or self.tr("不计入四种形态"))
        for w in (self.person, self.category, self.kind, self.decision_date, self.document_number, self.probation,
                  self.note):
            w.setEnabled(False)
        self.save_button.setEnabled(False)
        self.execution_button.setVisible(view.category != "handling")
        self.set_dirty(False)
        self.setWindowTitle(self.tr("处分/处理 — {person}：{kind}").format(person=view.person_name,
                                                                          kind=view.kind_label))
        self.sig_saved.emit("measure", view.id)
        if then:
            then()

    def open_execution(self):
        """处分执行与回访 of the saved sanction; what it records is told on as this form's ``sig_saved``."""
        dialog = open_execution(self, self.saved.id)
        dialog.sig_saved.connect(lambda *_: self.sig_saved.emit("measure", self.saved.id))
        return dialog


def effect_text(end: dt.date | None) -> str:
    return end.isoformat() if end else ""
