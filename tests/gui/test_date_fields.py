"""Issue 14 item 2: every date field opens its calendar at today (or the form's related date), speaks the
interface language, reads the dates a clerk types, shows an empty date as its empty text, and fits."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QTableView, QWidget

from gui.date_field import DateEdit, apply_interface_locale
from gui.date_input import parse_typed_date, parse_typed_month
from gui.dialogs.ledger_form import LedgerForm
from gui.pages.complaints_page import ComplaintsPage
from gui.pages.leads_page import LeadsPage
from services.casework import ledger_entries
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import choose, ctrl_s, show
from tests.helpers.gui_records import verified_case

DEC_6 = dt.date(2026, 12, 6)
TYPED = ["2026-12-06", "2026/12/6", "20261206", "2026年12月6日", "2026-12-6", "２０２６－１２－０６"]


@pytest.mark.parametrize("text", TYPED + [" 2026 / 12 / 06 ", "2026.12.06", "2026年12月6号"])
def test_the_typed_forms_name_the_day(text):
    assert parse_typed_date(text) == DEC_6


@pytest.mark.parametrize("text", ["", "2026", "2026-13-01", "2026-02-30", "26-12-06", "2026-12", "1206",
                                  "2026年12月", "202612061", "明天", "2026-12-06x"])
def test_anything_else_is_no_date(text):
    assert parse_typed_date(text) is None


@pytest.mark.parametrize("text", ["1975-03", "1975/3", "197503", "1975年3月", "1975年3月", "1975-03-18"])
def test_a_month_field_reads_a_month(text):
    assert parse_typed_month(text) == dt.date(1975, 3, 1)


@pytest.fixture
def form(make_ctx, qtbot):
    """An optional date (未填), a required date and a text field after them, in a shown window."""
    make_ctx()
    window = QWidget()
    lay = QFormLayout(window)
    optional = DateEdit(allow_empty=True, empty_text="未填")
    required = DateEdit()
    required.set_value(dt.date(2026, 11, 20))
    after = QLineEdit()
    lay.addRow("结果日期", optional)
    lay.addRow("立案日期", required)
    lay.addRow("备注", after)
    qtbot.addWidget(window)
    window.resize(420, 160)
    show(qtbot, window)
    yield optional, required, after
    window.close()


def _type(qtbot, field: DateEdit, text: str, finish=Qt.Key.Key_Return) -> None:
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    field.lineEdit().selectAll()
    if text.isascii():
        qtbot.keyClicks(field.lineEdit(), text)
    else:   # Chinese and full-width characters come from the input method
        type_text(qtbot, field.lineEdit(), text)
    qtbot.keyClick(field.lineEdit(), finish)


@pytest.mark.parametrize("text", TYPED)
def test_each_typed_form_is_taken_on_enter(form, qtbot, text):
    optional, required, _after = form
    _type(qtbot, optional, text)
    assert optional.value() == DEC_6
    assert optional.text() == "2026-12-06"
    _type(qtbot, required, text)
    assert required.value() == DEC_6


@pytest.mark.parametrize("text", ["2026-12-06", "2026年12月6日"])
def test_a_typed_date_is_taken_on_tab(form, qtbot, text):
    optional, required, _after = form
    changed = []
    optional.dateChanged.connect(changed.append)
    _type(qtbot, optional, text, finish=Qt.Key.Key_Tab)
    assert required.hasFocus()
    assert optional.value() == DEC_6 and optional.text() == "2026-12-06"
    assert [d.toString("yyyy-MM-dd") for d in changed] == ["2026-12-06"]


def test_the_chinese_form_typed_through_an_input_method(form, qtbot):
    optional, _required, _after = form
    type_text(qtbot, optional.lineEdit(), "2026年12月6日")
    qtbot.keyClick(optional.lineEdit(), Qt.Key.Key_Return)
    assert optional.value() == DEC_6


def test_an_empty_optional_date_shows_its_empty_text_and_stays_empty_after_focus_out(form, qtbot):
    optional, required, _after = form
    assert optional.value() is None and optional.text() == ""
    assert optional.lineEdit().placeholderText() == "未填"
    assert not optional.date().isValid()
    optional.setFocus()
    qtbot.waitUntil(optional.hasFocus, timeout=2000)
    qtbot.keyClick(optional.lineEdit(), Qt.Key.Key_Tab)
    assert required.hasFocus()
    assert optional.value() is None and optional.text() == "" and optional.last_message == ""
    optional.set_value(DEC_6)
    _type(qtbot, optional, "\b" * 10, finish=Qt.Key.Key_Tab)   # erased: empty again, as the user meant
    assert optional.value() is None and optional.text() == ""


def test_letters_never_get_into_a_date(form, qtbot):
    optional, _required, _after = form
    optional.setFocus()
    qtbot.keyClicks(optional.lineEdit(), "abc")
    type_text(qtbot, optional.lineEdit(), "明天")
    assert optional.text() == ""


def test_a_date_that_does_not_exist_is_refused_visibly(form, qtbot):
    optional, required, _after = form
    refused = []
    required.sig_rejected.connect(refused.append)
    _type(qtbot, required, "2026-02-30")
    message = "“2026-02-30”不是有效日期，已恢复为 2026-11-20。可输入 2026-12-06、2026/12/6、20261206 或 2026年12月6日。"
    assert required.value() == dt.date(2026, 11, 20) and required.text() == "2026-11-20"
    assert required.last_message == message and refused == [message]
    assert required.shown_message() == message
    _type(qtbot, required, "2026-11-31", finish=Qt.Key.Key_Tab)      # refused on Tab: still said after the key
    assert required.shown_message() == ("“2026-11-31”不是有效日期，已恢复为 2026-11-20。可输入 2026-12-06、"
                                        "2026/12/6、20261206 或 2026年12月6日。")
    required.setFocus()
    qtbot.waitUntil(required.hasFocus, timeout=2000)
    qtbot.keyClicks(required.lineEdit(), "1")                        # typing again takes the message away
    assert required.shown_message() == ""
    _type(qtbot, optional, "2026-13")
    assert optional.value() is None
    assert optional.last_message == ("“2026-13”不是有效日期，已恢复为 未填。可输入 2026-12-06、2026/12/6、20261206 或 "
                                     "2026年12月6日。")
    _type(qtbot, optional, "2026-12-06")                          # a good date clears the message
    assert optional.value() == DEC_6 and optional.last_message == ""
    _type(qtbot, required, "2026-11-31")
    assert required.shown_message() != ""
    required.window().hide()                                          # and so does closing the window
    assert required.shown_message() == ""


def test_a_required_date_cannot_be_erased(form, qtbot):
    _optional, required, _after = form
    _type(qtbot, required, "\b" * 10)
    assert required.value() == dt.date(2026, 11, 20) and required.text() == "2026-11-20"
    assert required.last_message == "日期不能为空，已恢复为 2026-11-20。"


def test_a_date_beyond_the_limit_is_refused_with_the_limit(form, qtbot):
    _optional, required, _after = form
    required.setMaximumDate(required.date())
    _type(qtbot, required, "2026-12-06")
    assert required.value() == dt.date(2026, 11, 20)
    assert required.last_message == "日期不能晚于 2026-11-20，已恢复为 2026-11-20。"


def test_a_save_by_shortcut_reads_what_is_still_being_typed(form, qtbot):
    optional, _required, _after = form
    optional.setFocus()
    qtbot.waitUntil(optional.hasFocus, timeout=2000)
    qtbot.keyClicks(optional.lineEdit(), "20261206")
    assert optional.value() == DEC_6


def _calendar_shows_all_rows(popup) -> None:
    view = popup.calendar.findChild(QTableView)
    header = view.verticalHeader()
    assert view.model().rowCount() == 7                      # the day names and six weeks
    assert header.length() <= view.viewport().height()      # none cut off
    assert all(header.sectionSize(r) >= header.minimumSectionSize() for r in range(7))
    columns = view.horizontalHeader()
    assert columns.length() <= view.viewport().width()
    screen = popup.screen().availableGeometry()
    assert screen.contains(popup.frameGeometry())


def test_the_calendar_of_an_empty_date_opens_at_today_in_chinese(form, qtbot):
    optional, _required, _after = form
    today = dt.date.today()
    optional.setFocus()
    qtbot.keyClick(optional.lineEdit(), Qt.Key.Key_F4)
    popup = optional.calendar_popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    calendar = popup.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    assert calendar.locale().language() == QLocale.Language.Chinese and optional.locale() == calendar.locale()
    assert calendar.locale().standaloneMonthName(12) == "十二月"
    assert calendar.locale().dayName(1, QLocale.FormatType.ShortFormat) == "周一"
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert popup.today_button.text() == "今天" and popup.clear_button.text() == "清空"
    _calendar_shows_all_rows(popup)
    assert optional.value() is None                           # opening chose nothing
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Right)
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert optional.value() == today + dt.timedelta(days=1)


def test_the_calendar_opens_at_the_date_or_the_anchor(form, qtbot):
    optional, required, _after = form
    popup = required.show_calendar()
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (2026, 11)
    assert popup.calendar.selectedDate().toString("yyyy-MM-dd") == "2026-11-20"
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible() and required.value() == dt.date(2026, 11, 20)
    optional.set_anchor(dt.date(2025, 3, 15))
    popup = optional.show_calendar()
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (2025, 3)
    qtbot.mouseClick(popup.clear_button, Qt.MouseButton.LeftButton)
    assert optional.value() is None
    optional.set_value(DEC_6)
    popup = optional.show_calendar()
    qtbot.mouseClick(popup.clear_button, Qt.MouseButton.LeftButton)
    assert optional.value() is None and optional.text() == ""
    popup = optional.show_calendar()
    qtbot.mouseClick(popup.today_button, Qt.MouseButton.LeftButton)
    assert optional.value() == dt.date.today()


def test_the_arrow_opens_the_calendar(form, qtbot):
    optional, _required, _after = form
    optional.popup_action.trigger()
    popup = optional.calendar_popup()
    assert popup is not None and popup.isVisible()
    assert not popup.clear_button.isHidden()


def test_the_english_build_has_an_english_calendar(make_ctx, qtbot):
    try:
        make_ctx(lang="en")
        field = DateEdit(allow_empty=True, empty_text="not set")
        qtbot.addWidget(field)
        show(qtbot, field)
        popup = field.show_calendar()
        assert popup.calendar.locale().language() == QLocale.Language.English
        assert popup.calendar.locale().standaloneMonthName(12) == "December"
        assert popup.calendar.firstDayOfWeek() == Qt.DayOfWeek.Sunday
    finally:
        apply_interface_locale("zh")


def test_a_focused_date_steps_with_the_keys_an_empty_one_starts_at_today(form, qtbot):
    optional, required, _after = form
    required.setFocus()
    qtbot.waitUntil(required.hasFocus, timeout=2000)
    qtbot.keyClick(required, Qt.Key.Key_Up)
    assert required.value() == dt.date(2026, 11, 21)
    optional.setFocus()
    qtbot.keyClick(optional, Qt.Key.Key_Down)
    assert optional.value() == dt.date.today()


def test_a_month_field_shows_and_reads_months(form, qtbot):
    optional, _required, _after = form
    optional.setDisplayFormat("yyyy-MM")
    optional.set_value(dt.date(1975, 3, 18))                     # a stored day is kept, the month shown
    assert optional.text() == "1975-03" and optional.value() == dt.date(1975, 3, 18)
    optional.setFocus()
    qtbot.keyClick(optional.lineEdit(), Qt.Key.Key_Tab)
    assert optional.value() == dt.date(1975, 3, 18)
    _type(qtbot, optional, "1975年4月")
    assert optional.value() == dt.date(1975, 4, 1) and optional.text() == "1975-04"


def test_the_ledger_result_date(admin_ctx, qtbot):
    """一案双查 结果日期: empty shows 未填, the calendar opens at today in Chinese, a typed date is saved."""
    ws = admin_ctx.workspace
    case = verified_case(ws)
    form = show(qtbot, LedgerForm(admin_ctx, case_id=case.id), (1080, 700))
    leaders = form.leaders
    field = leaders.editor(0, "outcome_date")
    assert isinstance(field, DateEdit)
    assert field.value() is None and field.text() == "" and field.lineEdit().placeholderText() == "未填"
    popup = field.show_calendar()
    today = dt.date.today()
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (today.year, today.month)
    assert popup.calendar.locale().standaloneMonthName(today.month) == QLocale(
        QLocale.Language.Chinese, QLocale.Country.China).standaloneMonthName(today.month)
    _calendar_shows_all_rows(popup)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible() and field.value() is None
    qtbot.waitUntil(field.hasFocus, timeout=2000)             # back in the field

    form.unit.setText("青山镇农业办")
    form.entry_date.setFocus()
    qtbot.waitUntil(form.entry_date.hasFocus, timeout=2000)
    form.entry_date.lineEdit().selectAll()
    qtbot.keyClicks(form.entry_date.lineEdit(), "2026/11/12")
    qtbot.keyClick(form.entry_date.lineEdit(), Qt.Key.Key_Tab)
    assert form.entry_date.value() == dt.date(2026, 11, 12)
    type_text(qtbot, leaders.editor(0, "name"), "陈某")
    choose(leaders.editor(0, "position_type"), "leader_in_charge")
    choose(leaders.editor(0, "responsibility"), "leadership")
    choose(leaders.editor(0, "outcome"), "integrity_talk")
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    qtbot.keyClicks(field.lineEdit(), "20261119")
    assert field.text() == "20261119"                        # never 未填20261119
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Tab)
    assert field.value() == dt.date(2026, 11, 19) and field.text() == "2026-11-19"
    ctrl_s(qtbot, form.unit)
    assert form.entry_id is not None, form.leaders_error.text()
    saved = ledger_entries.get_ledger_entry(ws, form.entry_id)
    assert saved.entry_date == dt.date(2026, 11, 12)
    assert (saved.leaders[0]["name"], saved.leaders[0]["outcome_date"]) == ("陈某", dt.date(2026, 11, 19))


@pytest.mark.parametrize("page_class", [ComplaintsPage, LeadsPage])
def test_the_end_of_a_date_range_opens_at_its_start(admin_ctx, qtbot, page_class):
    page = show(qtbot, page_class(admin_ctx), (1280, 800))
    assert page.date_from.value() is None and page.date_to.value() is None
    assert page.date_to.calendar_date() == dt.date.today()
    _type(qtbot, page.date_from, "2025/3/1")
    assert page.date_from.value() == dt.date(2025, 3, 1)
    popup = page.date_to.show_calendar()
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (2025, 3)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert page.date_to.value() is None
