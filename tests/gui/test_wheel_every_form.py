"""Issue 14 item 1: a real (spontaneous) mouse wheel over a closed drop-down, date or number field never
changes it unless the field has focus — in every form and dialog, by the one guard on the application.

The wheel is sent through the window system (QTest.wheelEvent on the window), as a mouse would: Qt then
focuses a field with the WheelFocus policy before any event filter sees the event (why the complaint form's
八项规定 sub-type still changed with the guard installed)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QScrollArea,
                               QTabWidget, QWidget)

from gui.dialogs.case_form import CaseForm
from gui.dialogs.case_stage_dialog import CaseStageDialog
from gui.dialogs.complaint_followup import ContactDialog, ReferralDialog, TransferDialog
from gui.dialogs.complaint_form import ComplaintForm
from gui.dialogs.lead_form import LeadForm
from gui.dialogs.lead_inquiry import LeadInquiryDialog
from gui.dialogs.ledger_form import LedgerForm
from gui.dialogs.measure_form import MeasureForm
from gui.dialogs.sanction_execution import SanctionExecutionDialog
from gui.dialogs.talk_form import TalkForm
from gui.pages.registry import PAGE_SPECS
from gui.pages.report_page import ReportPage
from gui.pages.settings_page import SettingsPage
from services.casework import measures
from tests.helpers.gui_hands import show
from tests.helpers.gui_records import make_lead, register, verified_case

GUARDED = (QComboBox, QAbstractSpinBox)


def _value(widget) -> tuple:
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    return (widget.text(),)


def _bring_into_view(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            for i in range(parent.count()):
                if parent.widget(i).isAncestorOf(widget):
                    parent.setCurrentIndex(i)
        parent = parent.parentWidget()
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 10, 10)
        parent = parent.parentWidget()
    QApplication.processEvents()


def wheel_over_every_field(qtbot, window: QWidget) -> tuple[list[str], int]:
    """Wheel (down, up, up) over each combo/spin/date field of ``window``: those that changed (or took the
    focus) and how many were wheeled."""
    changed, wheeled = [], 0
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, GUARDED) or not widget.isEnabled():
            continue
        if any(isinstance(p, QAbstractScrollArea) and not isinstance(p, QScrollArea)
               for p in _ancestors(widget, window)):
            continue  # an editor inside a table cell: the table's own business
        _bring_into_view(widget)
        if not widget.isVisible():
            continue  # a section the form's state hides
        focused = QApplication.focusWidget()
        if focused is not None and (focused is widget or widget.isAncestorOf(focused)):
            focused.clearFocus()
        pos = widget.mapTo(window, widget.rect().center())
        hit = window.childAt(pos)
        if hit is None or not (hit is widget or widget.isAncestorOf(hit)):
            continue  # covered or outside the window's visible part
        before = _value(widget)
        for steps in (-1, 1, 1):
            QTest.wheelEvent(window.windowHandle(), pos, QPoint(0, 120 * steps))
            QApplication.processEvents()
        wheeled += 1
        if _value(widget) != before or widget.hasFocus():
            changed.append(f"{type(widget).__name__} {widget.objectName() or _label(widget)}: {before} → "
                           f"{_value(widget)}")
    return changed, wheeled


def _ancestors(widget: QWidget, top: QWidget):
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        yield parent
        parent = parent.parentWidget()


def _label(widget) -> str:
    return widget.toolTip() or widget.accessibleName() or str(widget.geometry())


def test_no_form_or_dialog_changes_a_field_under_the_wheel(wang_ctx, qtbot):
    ctx, ws = wang_ctx, wang_ctx.workspace
    complaint = register(ctx, received=dt.date(2026, 10, 20))
    lead = make_lead(ws)
    case = verified_case(ws)
    person = case.persons[0]
    sanction = measures.add_measure(ws, person_id=person.id, case_id=case.id, category="party_sanction",
                                    kind="party_warning", decision_date=dt.date(2026, 11, 12))
    complaint_form = show(qtbot, ComplaintForm(ctx, complaint.id), (1100, 700))
    case_form = show(qtbot, CaseForm(ctx, case.id), (1100, 700))
    lead_form = show(qtbot, LeadForm(ctx, lead.id), (1100, 700))
    settings_spec = next(s for s in PAGE_SPECS if s.key == "settings")
    windows = {
        "新信访件": lambda: ComplaintForm(ctx),
        "信访件": lambda: complaint_form,
        "转办": lambda: TransferDialog(complaint_form),
        "告知": lambda: ContactDialog(complaint_form, False),
        "反馈": lambda: ContactDialog(complaint_form, True),
        "交办": lambda: ReferralDialog(complaint_form),
        "新问题线索": lambda: LeadForm(ctx),
        "问题线索": lambda: lead_form,
        "初核": lambda: LeadInquiryDialog(ctx, lead.id, lead_form),
        "谈话函询": lambda: TalkForm(ctx, lead=lead_form.view),
        "新案件": lambda: CaseForm(ctx),
        "案件": lambda: case_form,
        "推进阶段": lambda: CaseStageDialog(ctx, case_form.view, case_form),
        "处分处理": lambda: MeasureForm(ctx, persons=[(person.id, person.name, True)], case_id=case.id),
        "处分执行": lambda: SanctionExecutionDialog(ctx, sanction.id),
        "一案双查": lambda: LedgerForm(ctx, case_id=case.id),
        "设置": lambda: SettingsPage(ctx, settings_spec),
        "报表": lambda: ReportPage(ctx),
    }
    changed, counts = {}, {}
    for name, build in windows.items():
        window = build()
        if not window.isVisible():
            window = show(qtbot, window, (1100, 700))
        if isinstance(window, SettingsPage):
            moved, counts[name] = [], 0
            for i in range(window.tabs.count()):
                window.tabs.setCurrentIndex(i)
                tab_moved, n = wheel_over_every_field(qtbot, window)
                moved, counts[name] = moved + tab_moved, counts[name] + n
        else:
            moved, counts[name] = wheel_over_every_field(qtbot, window)
        if moved:
            changed[name] = moved
    assert changed == {}
    # a stored case shows no editable field of its own: its stage dates are entered in 推进阶段
    assert all(n > 0 for name, n in counts.items() if name not in ("交办", "初核", "案件")), counts
