"""The one date field of every form: typed or picked from a calendar, in the interface's language.

``DateEdit`` is a spin box of its own (not a QDateEdit): its text is what the clerk typed until Enter, Tab
or a click elsewhere, then it is read by ``gui.date_input`` (2026-12-06, 2026/12/6, 20261206,
2026年12月6日) and shown as ``yyyy-MM-dd``. An empty field (``allow_empty``) shows ``empty_text`` as its
placeholder and its value is None — no stand-in date. Text that is not a date in range is never dropped
silently: the field shows its previous value again and says why beside it (``last_message``).

The calendar (the arrow at the right, or Alt+↓ / F4) opens at the field's date, else at its anchor (a
related date the form sets with ``set_anchor``), else today; it speaks the interface language
(``apply_interface_locale``) and always shows all six week rows. Up/Down step a day (a month in a month
field); the wheel does too, but only once the field has focus (``gui.wheel_guard``).
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPixmap, QValidator
from PySide6.QtWidgets import (QAbstractSpinBox, QCalendarWidget, QFrame, QHBoxLayout, QLineEdit, QPushButton,
                               QLabel, QTableView, QVBoxLayout, QWidget)

from resources import ICONS_DIR

from .date_input import may_become_date, normalize, parse_typed_date, parse_typed_month

INTERFACE_LOCALES = {"zh": (QLocale.Language.Chinese, QLocale.Country.China),
                     "en": (QLocale.Language.English, QLocale.Country.UnitedStates)}


def apply_interface_locale(lang: str) -> QLocale:
    """Make ``lang``'s locale Qt's default, so calendars (month and day names, first weekday) follow the
    interface language. Called once the language is known (``create_app_context``)."""
    language, country = INTERFACE_LOCALES.get(lang, INTERFACE_LOCALES["zh"])
    locale = QLocale(language, country)
    QLocale.setDefault(locale)
    return locale


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


_FORMATS = {"yyyy-MM-dd": "%Y-%m-%d", "yyyy-MM": "%Y-%m"}


def link_range(first: "DateEdit", last: "DateEdit") -> None:
    """A 从…到… pair: the calendar of an empty end opens at the start's month, an empty start's at the end's."""
    first.dateChanged.connect(lambda *_: last.set_anchor(first.value()))
    last.dateChanged.connect(lambda *_: first.set_anchor(last.value()))


def _arrow_icon() -> QIcon:
    """The drop-down arrow the combo boxes show (10×6), centred in a 16×16 icon, sharp at 200 %."""
    pixmap = QPixmap(32, 32)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    QIcon(str(ICONS_DIR / "arrow-down.svg")).paint(painter, QRect(3, 5, 10, 6))
    painter.end()
    return QIcon(pixmap)


class DateEdit(QAbstractSpinBox):
    """A date (or, with ``setDisplayFormat("yyyy-MM")``, a month); with ``allow_empty`` also no date."""

    dateChanged = Signal(QDate)
    """The value changed: the new date, an invalid QDate when it became empty."""

    sig_rejected = Signal(str)
    """Typed text could not be used (the message shown beside the field); the previous value is back."""

    def __init__(self, parent: QWidget | None = None, *, allow_empty: bool = False, empty_text: str = ""):
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.empty_text = empty_text or (self.tr("（不限）") if allow_empty else "")
        self.last_message = ""
        self._month_only = False
        self._anchor: dt.date | None = None
        self._minimum = dt.date(1900, 1, 1) if allow_empty else dt.date(2000, 1, 1)
        self._maximum = dt.date(2100, 12, 31)
        self._value: dt.date | None = None if allow_empty else dt.date.today()
        self._popup: _CalendarPopup | None = None
        self._calendar_enabled = True
        self.setLocale(QLocale())
        super().setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        line = self.lineEdit()
        line.setPlaceholderText(self.empty_text)
        self.popup_action = line.addAction(_arrow_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.popup_action.setToolTip(self.tr("在日历中选择"))
        self.popup_action.triggered.connect(self.show_calendar)
        self._message = _FieldMessage(self)
        line.textEdited.connect(lambda *_: self._message.hide())
        self.editingFinished.connect(self._commit_text)
        self._show_value()

    # --- the public API every form uses ---
    def value(self) -> dt.date | None:
        """The field's date (None when empty); text still being typed in the focused field is read first
        (a save by shortcut sees it)."""
        if self.hasFocus() and self.lineEdit().text() != self._shown_text():
            self._commit_text()
        return self._value

    def set_value(self, value: dt.date | None) -> None:
        if value is None and not self.allow_empty:
            return
        self._set(value)

    def clear_value(self) -> None:
        self.set_value(None)

    def set_anchor(self, value: dt.date | None) -> None:
        """Where the calendar of an empty field opens (a related date of the form); None: today."""
        self._anchor = value

    def anchor(self) -> dt.date:
        return self._anchor or dt.date.today()

    # --- QDateEdit's calls the forms make ---
    def date(self) -> QDate:
        return to_qdate(self._value) if self._value is not None else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self.set_value(from_qdate(value) if value.isValid() else None)

    def minimumDate(self) -> QDate:  # noqa: N802
        return to_qdate(self._minimum)

    def maximumDate(self) -> QDate:  # noqa: N802
        return to_qdate(self._maximum)

    def setMinimumDate(self, value: QDate) -> None:  # noqa: N802
        self._minimum = from_qdate(value)
        self._maximum = max(self._maximum, self._minimum)
        self._clamp()

    def setMaximumDate(self, value: QDate) -> None:  # noqa: N802
        self._maximum = from_qdate(value)
        self._minimum = min(self._minimum, self._maximum)
        self._clamp()

    def setDateRange(self, minimum: QDate, maximum: QDate) -> None:  # noqa: N802
        self._minimum, self._maximum = from_qdate(minimum), max(from_qdate(minimum), from_qdate(maximum))
        self._clamp()

    def setDisplayFormat(self, fmt: str) -> None:  # noqa: N802
        if fmt not in _FORMATS:
            raise ValueError(f"DateEdit shows yyyy-MM-dd or yyyy-MM, not {fmt}")
        self._month_only = fmt == "yyyy-MM"   # a stored day stays as it is; a typed or picked month is its 1st
        self._show_value()

    def displayFormat(self) -> str:  # noqa: N802
        return "yyyy-MM" if self._month_only else "yyyy-MM-dd"

    def setCalendarPopup(self, enable: bool) -> None:  # noqa: N802 - QDateEdit's name: show the arrow or not
        self._calendar_enabled = enable
        self._update_arrow()

    def calendarPopup(self) -> bool:  # noqa: N802
        return self._calendar_enabled

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - a read-only date offers no calendar
        super().setReadOnly(read_only)
        self._update_arrow()

    def setButtonSymbols(self, symbols) -> None:  # noqa: N802 - the calendar arrow stands in for spin arrows
        """Kept for QDateEdit callers: the field never shows spin arrows (Up/Down keys still step)."""

    def _update_arrow(self) -> None:
        self.popup_action.setVisible(self.calendarPopup() and not self.isReadOnly())

    # --- typing ---
    def validate(self, text: str, pos: int):  # noqa: D102 - QAbstractSpinBox API: refuse impossible keystrokes
        if not may_become_date(text):
            return QValidator.State.Invalid
        return QValidator.State.Acceptable if self._parse(text) is not None else QValidator.State.Intermediate

    def _parse(self, text: str) -> dt.date | None:
        return parse_typed_month(text) if self._month_only else parse_typed_date(text)

    def _commit_text(self) -> None:
        text = self.lineEdit().text()
        if text == self._shown_text():
            return
        if not normalize(text):
            if self.allow_empty:
                self._set(None)
            else:
                self._reject(self.tr("日期不能为空，已恢复为 {shown}。").format(shown=self._shown_text()))
            return
        day = self._parse(text)
        if day is None:
            self._reject(self.tr("“{text}”不是有效日期，已恢复为 {shown}。可输入 {forms}。").format(
                text=text.strip(), shown=self._shown_text() or self.empty_text,
                forms=self.tr("2026-12-06、2026/12/6、20261206 或 2026年12月6日")))
        elif day < self._minimum or day > self._maximum:
            limit = (self.tr("日期不能早于 {date}") if day < self._minimum else self.tr("日期不能晚于 {date}")).format(
                date=self._format(self._minimum if day < self._minimum else self._maximum))
            self._reject(self.tr("{limit}，已恢复为 {shown}。").format(
                limit=limit, shown=self._shown_text() or self.empty_text))
        else:
            self._set(day)

    def _reject(self, message: str) -> None:
        self.last_message = message
        self._show_value()
        self.lineEdit().selectAll()
        self._message.show_for(self, message)
        self.sig_rejected.emit(message)

    def shown_message(self) -> str:
        """The refusal shown beside the field now ("" when none is shown)."""
        return self._message.text() if self._message.isVisible() else ""

    # --- stepping (Up/Down keys, and the wheel once focused) ---
    def stepEnabled(self):  # noqa: N802 - Qt API
        if not self.isEnabled() or self.isReadOnly():
            return QAbstractSpinBox.StepEnabledFlag.StepNone
        return QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt API
        self._commit_text()
        if self._value is None:
            self._set(min(max(self.anchor(), self._minimum), self._maximum))
            return
        if self._month_only:
            months = self._value.year * 12 + self._value.month - 1 + steps
            day = dt.date(months // 12, months % 12 + 1, 1)
        else:
            day = self._value + dt.timedelta(days=steps)
        self._set(min(max(day, self._minimum), self._maximum))
        self.lineEdit().selectAll()

    # --- the calendar ---
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Alt+Down / F4 open the calendar, as in QDateEdit
        if event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down
                                            and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def calendar_date(self) -> dt.date:
        """The day the calendar opens at: the value, else the anchor, else today (within the range)."""
        return min(max(self._value or self.anchor(), self._minimum), self._maximum)

    def show_calendar(self) -> "_CalendarPopup | None":
        self._commit_text()
        if self.isReadOnly() or not self.isEnabled() or not self.calendarPopup():
            return None
        if self._popup is None:
            self._popup = _CalendarPopup(self)
        self._popup.open_at(self.calendar_date(), self._minimum, self._maximum)
        return self._popup

    def calendar_popup(self) -> "_CalendarPopup | None":
        return self._popup

    def _picked(self, day: dt.date | None) -> None:
        self._set(day.replace(day=1) if day is not None and self._month_only else day)
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    # --- internals ---
    def _format(self, day: dt.date) -> str:
        return day.strftime(_FORMATS[self.displayFormat()])

    def _shown_text(self) -> str:
        return self._format(self._value) if self._value is not None else ""

    def _show_value(self) -> None:
        self.lineEdit().setText(self._shown_text())

    def _set(self, value: dt.date | None) -> None:
        changed = value != self._value
        self._value = value
        self.last_message = ""
        self._message.hide()
        self._show_value()
        if changed:
            self.dateChanged.emit(self.date())

    def _clamp(self) -> None:
        if self._value is not None:
            self._set(min(max(self._value, self._minimum), self._maximum))

    def hideEvent(self, event) -> None:  # noqa: N802 - the message goes with the field (a dialog closed)
        self._message.hide()
        super().hideEvent(event)

    def sizeHint(self):  # noqa: N802 - room for the widest date or the empty text, and the arrow
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance("0000-00-00 "), metrics.horizontalAdvance(self.empty_text + " "))
        hint.setWidth(max(hint.width(), text + 44))
        return hint

    def minimumSizeHint(self):  # noqa: N802
        return self.sizeHint()


class _FieldMessage(QLabel):
    """Why typed text was refused, in a small box over the field's upper neighbour until the field is edited
    again or for 10 s (a tooltip would vanish at the Tab key's release)."""

    SHOWN_MS = 10_000

    def __init__(self, field: QWidget):
        super().__init__(field, Qt.WindowType.ToolTip)
        self.setObjectName("FormError")
        self.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_for(self, field: QWidget, message: str) -> None:
        self.setText(message)
        self.setFixedWidth(min(max(field.width(), 320), 520))
        self.setFixedHeight(self.heightForWidth(self.width()))
        top = field.mapToGlobal(QPoint(0, 0))
        area = (field.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        y = top.y() - self.height() - 2            # above: over the row already done, not the next one
        if y < area.top():
            y = top.y() + field.height() + 2
        self.move(max(area.left(), min(top.x(), area.right() - self.width() + 1)), y)
        self.show()
        self._timer.start(self.SHOWN_MS)


class _CalendarPopup(QFrame):
    """The calendar under a DateEdit, with 今天 and (for an optional date) 清空."""

    def __init__(self, field: DateEdit):
        super().__init__(field, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint)
        self.field = field
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("DatePopup")
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(field.locale())
        self.calendar.setFirstDayOfWeek(field.locale().firstDayOfWeek())
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(lambda d: self._choose(from_qdate(d)))
        self.calendar.activated.connect(lambda d: self._choose(from_qdate(d)))
        self.today_button = QPushButton(self.tr("今天"), self)
        self.today_button.clicked.connect(lambda: self._choose(dt.date.today()))
        self.clear_button = QPushButton(self.tr("清空"), self)
        self.clear_button.clicked.connect(lambda: self._choose(None))
        self.clear_button.setVisible(field.allow_empty)
        buttons = QHBoxLayout()
        buttons.addWidget(self.today_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        lay.addWidget(self.calendar)
        lay.addLayout(buttons)

    def open_at(self, day: dt.date, minimum: dt.date, maximum: dt.date) -> None:
        self.calendar.setDateRange(to_qdate(minimum), to_qdate(maximum))
        self.calendar.setSelectedDate(to_qdate(day))
        self.calendar.setCurrentPage(day.year, day.month)
        self.today_button.setEnabled(minimum <= dt.date.today() <= maximum)
        self._fit_all_rows()
        self.move(self._place())
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _fit_all_rows(self) -> None:
        """Make the calendar big enough for all six week rows and seven days at their smallest size:
        QCalendarWidget's own size hint ignores the style sheet's header padding and cut the last row."""
        self.calendar.ensurePolished()
        view = self.calendar.findChild(QTableView)
        self.calendar.setMinimumSize(self.calendar.sizeHint())
        self.adjustSize()
        self.calendar.layout().activate()
        if view is not None and view.model() is not None:
            frame = 2 * view.frameWidth()
            rows, cols = view.model().rowCount(), view.model().columnCount()
            need_h = rows * (view.verticalHeader().minimumSectionSize() + 2) + frame
            need_w = cols * view.horizontalHeader().minimumSectionSize() + frame
            grow_h, grow_w = max(0, need_h - view.height()), max(0, need_w - view.width())
            if grow_h or grow_w:
                hint = self.calendar.sizeHint()
                self.calendar.setMinimumSize(hint.width() + grow_w, hint.height() + grow_h)
                self.adjustSize()

    def _place(self) -> QPoint:
        """Below the field, else above it; always inside the screen's available area."""
        field = self.field
        below = field.mapToGlobal(QPoint(0, field.height()))
        screen = field.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        size = self.size()
        x = min(max(below.x(), area.left()), area.right() - size.width() + 1)
        y = below.y()
        if y + size.height() > area.bottom() + 1:
            y = max(field.mapToGlobal(QPoint(0, 0)).y() - size.height(), area.top())
        return QPoint(x, y)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Esc closes without a change
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            self.field.setFocus(Qt.FocusReason.PopupFocusReason)
            return
        super().keyPressEvent(event)

    def _choose(self, day: dt.date | None) -> None:
        self.close()
        self.field._picked(day)
