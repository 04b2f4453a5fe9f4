"""Scrolling a form over a combo box or a date scrolls the form; it never changes the field."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QLabel, QScrollArea, QWidget

from gui.form_widgets import DateEdit
from gui.wheel_guard import WheelGuard


def _wheel(widget, steps: int = -1) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


def _form(qtbot):
    area = QScrollArea()
    inner = QWidget()
    form = QFormLayout(inner)
    for i in range(12):
        form.addRow(QLabel(f"第{i}行"), QLabel("内容"))
    combo = QComboBox()
    combo.addItems(["（未分类）", "政治纪律", "组织纪律", "廉洁纪律"])
    date = DateEdit()
    form.addRow("问题类别", combo)
    form.addRow("收件日期", date)
    for i in range(12):
        form.addRow(QLabel(f"下{i}行"), QLabel("内容"))
    area.setWidget(inner)
    area.resize(400, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, combo, date


def test_the_application_has_the_guard(make_ctx, qapp):
    make_ctx()  # configure_application ran
    assert len(qapp.findChildren(WheelGuard)) == 1


def test_wheel_over_an_unfocused_combo_or_date_scrolls_the_form(make_ctx, qtbot):
    make_ctx()
    area, combo, date = _form(qtbot)
    area.setFocus()
    bar = area.verticalScrollBar()
    start_date = date.date()
    _wheel(combo)
    assert combo.currentIndex() == 0
    assert bar.value() > 0  # the form scrolled instead
    moved = bar.value()
    _wheel(date)
    assert date.date() == start_date
    assert bar.value() > moved


def test_a_focused_combo_still_takes_the_wheel(make_ctx, qtbot):
    make_ctx()
    area, combo, _date = _form(qtbot)
    area.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    _wheel(combo)
    assert combo.currentIndex() == 1
