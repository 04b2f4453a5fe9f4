"""``--lang en``: every page, tab and new-record form of both modes shows no Chinese outside the office's own data.

The probe reads what a user sees: labels, buttons and their tooltips, group titles, tab names, combo items,
placeholders and table headers of every visible widget. The office's names (青山镇纪委, 云岭县纪委, 王书记) are
data, and a domain word may stay in brackets after its English gloss; nothing else Chinese may show.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox, QDialog, QGroupBox,
                               QLabel, QLineEdit, QPlainTextEdit, QTabWidget, QWidget)

from gui.main_window import MainWindow
from gui.pages.registry import PAGE_SPECS
from gui.vocabulary import password_rule_text, term, unknown_year_text
from services.deadlines.workdays import unknown_year_warning
from services.security import setup, users
from tests.conftest import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff]")
OFFICE_DATA = ("青山镇纪委", "云岭县纪委", "王书记", "云岭县")
BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）|“[^”]*”|\"[^\"]*\"")
LITERALS = ("日期,休", "日期,班", "date,休", "date,班")  # the holiday file's own column values, quoted in the hint


def _chinese_left(text: str) -> str:
    for word in OFFICE_DATA + LITERALS:
        text = text.replace(word, "")
    return "".join(CJK.findall(BRACKETED.sub("", text)))


def _shown_texts(widget: QWidget) -> list[str]:
    out = []
    if isinstance(widget, QLabel):
        out.append(widget.text())
    if isinstance(widget, QAbstractButton):
        out += [widget.text(), widget.toolTip()]
    if isinstance(widget, QGroupBox):
        out.append(widget.title())
    if isinstance(widget, QComboBox):
        out += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTabWidget):
        out += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        out.append(widget.placeholderText())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        try:
            columns = model.columnCount()
        except TypeError:  # a list model
            columns = 1
        out += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    if widget.isWindow():
        out.append(widget.windowTitle())
    return out


def chinese_shown(root: QWidget) -> set[tuple[str, str]]:
    """(widget class, text) of every visible text under ``root`` that still has Chinese outside data."""
    found = set()
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and not w.isVisibleTo(root):
            continue
        if w.property("document_text"):  # an official document's own words (the report is Chinese in any build)
            continue
        for text in _shown_texts(w):
            if text and _chinese_left(text):
                found.add((type(w).__name__, text[:80]))
    return found


@pytest.fixture
def english(make_ctx, qapp):
    ctx = make_ctx(lang="en")
    yield ctx
    ctx.close()  # removes the translator again for the other tests


def _signed_in(ctx, mode: str):
    setup.initialize(ctx.workspace, org_name="云岭县纪委" if mode == "county" else "青山镇纪委",
                     org_code="YL000" if mode == "county" else "QS001", county_name="云岭县纪委", mode=mode,
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ctx.workspace, "wang", ADMIN_PASSWORD)
    return ctx


def _walk_pages(window: MainWindow, qtbot) -> dict[str, set]:
    found: dict[str, set] = {}
    for spec in PAGE_SPECS:
        if spec.key not in [s.key for s in window.specs]:
            continue
        page = window.show_page(spec.key)
        qtbot.wait(1)
        found[spec.key] = chinese_shown(window)
        for tabs in page.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                qtbot.wait(1)
                found[f"{spec.key}/{tabs.tabText(i)}"] = chinese_shown(window)
    return {k: v for k, v in found.items() if v}


@pytest.mark.parametrize("mode", ["township", "county"])
def test_every_page_and_tab_speaks_english(english, qtbot, mode):
    window = MainWindow(_signed_in(english, mode))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window.nav_titles()[0] == "Workbench"
    left = _walk_pages(window, qtbot)
    assert left == {}, "\n".join(f"{page}: {cls} {text!r}" for page, found in left.items() for cls, text in sorted(found))


@pytest.mark.parametrize("key", ["complaints", "leads", "cases", "ledger"])
def test_every_new_record_form_speaks_english(english, qtbot, key, prompts):
    window = MainWindow(_signed_in(english, "township"))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page(key)
    before = set(QApplication.topLevelWidgets())
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    forms = [w for w in QApplication.topLevelWidgets() if w not in before and isinstance(w, QDialog) and w.isVisible()]
    assert len(forms) == 1
    try:
        left = chinese_shown(forms[0])
        assert left == set(), "\n".join(f"{cls} {text!r}" for cls, text in sorted(left))
    finally:
        forms[0].close()


def test_domain_words_and_service_texts_follow_the_interface_language(english, ctx):
    assert (term("来信"), term("立案日期"), term("第一种形态")) == ("Letter", "Case opening date", "First form")
    assert unknown_year_text(2027).startswith("The official holiday schedule of 2027")
    assert password_rule_text(8) == "At least 8 characters, no space at either end"


def test_the_chinese_build_shows_the_services_own_words(ctx):
    assert term("来信") == "来信"
    assert unknown_year_text(2027) == unknown_year_warning(2027)
    assert password_rule_text(8) == users.password_rule()


def test_the_catalogue_is_current_and_complete():
    """Every text of the interface (the tr() literals and the domain words) is in jijian_en.ts, translated."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import update_translations

    count, missing = update_translations.update("en", write=False)
    assert count > 1000 and missing == []


def test_english_list_titles_and_navigation_are_not_cut(english, qtbot):
    window = MainWindow(_signed_in(english, "township"))
    qtbot.addWidget(window)
    window.show()
    nav = window.nav
    assert nav.sizeHintForColumn(0) <= nav.viewport().width()   # "Double investigation" was cut, a scroll bar under it
    for key in ("complaints", "leads", "cases", "ledger"):
        view = window.show_page(key).view
        metrics, model = view.horizontalHeader().fontMetrics(), view.model()
        cut = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
               if view.columnWidth(c) < metrics.horizontalAdvance(model.headerData(c, Qt.Orientation.Horizontal))]
        assert cut == [], key
        squeezed = [c.currentText() for c in window.show_page(key).findChildren(QComboBox)
                    if c.isVisible() and c.width() < c.sizeHint().width()]
        assert squeezed == [], key   # the filters wrap to a second row instead ("tatuses", "ll types")
