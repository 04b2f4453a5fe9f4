"""月报 page, the draft editor: 情况说明 and the form's foot, saving them (Ctrl+S), and asking about
unsaved edits before the page moves on. A mixin of ``ReportPage`` (translations stay in its context)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QScrollArea, QVBoxLayout, QWidget)

from services.errors import ValidationError
from services.reporting import monthly_report
from services.security.permissions import allowed

from ..form_widgets import DateEdit
from ..interaction import Interaction
from ..vocabulary import period_label
from ..widgets import FieldError, FormErrors, form_error_label, show_error

FOOT_FIELDS = ("leader", "reviewer", "preparer", "phone", "date")
TEXT_FIELDS = FOOT_FIELDS[:-1]


class NarrativeEdit(QPlainTextEdit):
    """The 情况说明: six lines at least and by default (at 768 px the foot's rows had left it one line), more
    where the window is taller."""

    def _six_lines(self) -> int:
        return 6 * self.fontMetrics().lineSpacing() + 12

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(super().sizeHint().width(), self._six_lines())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(super().minimumSizeHint().width(), self._six_lines())


class DraftEditor:
    """The 情况说明和表尾 tab of ``ReportPage`` and the saving of the draft."""

    def _build_text_tab(self) -> QWidget:
        tab = QWidget()
        self.narrative = NarrativeEdit()
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
        form.addRow(self.tr("单位（盖章）："), unit)
        self.foot_edits: dict[str, QWidget] = {}
        labels = {"leader": self.tr("负责人："), "reviewer": self.tr("审核人："), "preparer": self.tr("填表人："),
                  "phone": self.tr("联系电话："), "date": self.tr("填报日期：")}
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
        # the foot's rows keep their error space: where the window is low, the tab scrolls instead of
        # squeezing the 情况说明 to one line
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(tab)
        return scroll

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def _edited(self, *_args) -> None:
        if self._filling:
            return
        self._dirty = True
        self._update_state_label()

    def _update_count(self) -> None:
        n = len(self.narrative.toPlainText())
        self.narrative_count.setText(self.tr("{n} / {max} 字").format(n=n, max=monthly_report.NARRATIVE_MAX))

    def _fill_text(self, doc: dict[str, Any]) -> None:
        self._filling = True
        try:
            self.errors.clear()
            self.narrative.setPlainText(doc.get("narrative") or "")
            footer = doc.get("footer") or {}
            for key in TEXT_FIELDS:
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

    def _draft_values(self) -> tuple[str, dict[str, str]]:
        footer = {key: self.foot_edits[key].text().strip() for key in TEXT_FIELDS}
        day = self.foot_edits["date"].value()
        footer["date"] = day.isoformat() if day else ""
        return self.narrative.toPlainText(), footer

    def save(self) -> bool:
        """Save 情况说明 and the foot (Ctrl+S); False when nothing could be saved."""
        if self.doc is None or self.is_finalized() or not allowed(self.roles, "report.edit"):
            return False
        narrative, footer = self._draft_values()
        ws, period, seen = self.ctx.ws, self._period, self.draft_seen
        self.errors.clear()
        try:  # blocking: leaving the page, signing out and output all need the answer now
            self.draft_seen = self.ctx.call_db(
                self, lambda: monthly_report.save_draft(ws, period, narrative, footer, expected_version=seen),
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
        answer = Interaction.choose(self, self.tr("{p}月报的情况说明或表尾有未保存的修改，是否保存？")
                                    .format(p=period_label(self._period)),
                                    [self.tr("保存"), self.tr("放弃修改"), self.tr("取消")], title=self.tr("未保存的修改"))
        return {0: "save", 1: "discard"}.get(answer, "cancel")

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
