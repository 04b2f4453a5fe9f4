"""The 月报 page on a real workspace: figures, draft text, export, printing, 定稿 and 更正."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QInputDialog, QScrollArea

from gui.context import create_app_context
from gui.pages.report_page import ReportPage
from gui.print_pdf import preview_dialog, render_pdf_to_printer
from models import Case, Complaint, Measure, Person
from services.errors import DomainError
from services.reporting import layout, monthly_report
from services.security import users
from tests.conftest import ADMIN_PASSWORD
from tests.gui.conftest import current_test_generation, add_user, type_text
from tests.helpers.crypto import CHEAP_CRYPTO

D = dt.date


def seed(ws) -> None:
    """Complaints this month, earlier this year and last year; a case filed, one closed; a sanction."""
    with ws.transaction() as s:
        rows = [(D(2026, 10, 3), "letter", "accusation"), (D(2026, 10, 9), "visit", "accusation"),
                (D(2026, 10, 20), "phone", "appeal"), (D(2026, 3, 1), "online", "suggestion"),
                (D(2025, 5, 1), "letter", "accusation"), (D(2025, 9, 30), "letter", "accusation"),
                (D(2026, 9, 14), "letter", "accusation")]
        for n, (day, channel, kind) in enumerate(rows, start=1):
            s.add(Complaint(number=f"XF{day.year}-{n:03d}", year=day.year, seq=n, received_date=day,
                            channel=channel, kind=kind, signature="anonymous"))
        case = Case(number="LA2026-001", filing_date=D(2026, 10, 12), title="某村违规发放补贴案")
        s.add(case)
        s.add(Case(number="LA2026-000", filing_date=D(2026, 2, 1), closing_date=D(2026, 10, 28)))
        s.flush()
        person = Person(case_id=case.id, name="张某", unit="青山村", is_party_member=True)
        s.add(person)
        s.flush()
        s.add(Measure(person_id=person.id, case_id=case.id, category="party_sanction", kind="party_warning",
                      decision_date=D(2026, 10, 25), form=2))


def answer_modals(*actions, attempts: int = 250) -> None:
    """Run each action on the next modal dialog, in order, as soon as it is shown (a user's clicks)."""
    queue = list(actions)
    state = {"left": attempts}
    generation = current_test_generation()

    def poll() -> None:
        if not queue or current_test_generation() != generation:
            return  # answered, or that test is over: never touch a later test's dialogs
        w = QApplication.activeModalWidget()
        if w is not None and w.isVisible() and not w.property("answered_by_test"):
            w.setProperty("answered_by_test", True)
            queue.pop(0)(w)
        state["left"] -= 1
        if queue and state["left"] > 0:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def pdf_of(page: ReportPage) -> bytes:
    """The bytes the page prints and exports (synchronous context: handed over at once)."""
    got: list[bytes] = []
    page.with_output("pdf", got.append)
    return got[0]


@pytest.fixture
def page(admin_ctx, qtbot):
    seed(admin_ctx.ws)
    p = ReportPage(admin_ctx)
    qtbot.addWidget(p)
    return p


def table_cells(p: ReportPage) -> dict[str, tuple[str, ...]]:
    out = {}
    for r in range(p.table.rowCount()):
        key = p.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
        if key:
            out[key] = tuple(p.table.item(r, c).text() for c in range(1, 6))
    return out


def expected_cells(doc) -> dict[str, tuple[str, ...]]:
    out = {}
    for row in (r for r in layout.ROWS if r.printed):
        f = layout.get_figure(doc["figures"], row.key)
        out[row.key] = (row.unit, str(f["month"]), str(f["ytd"]), str(f["ytd_last_year"]),
                        "—" if f["change_pct"] is None else f"{f['change_pct']:.1f}")
    return out


def pdf_printer(path: Path) -> QPrinter:
    """A printer that writes a PDF file (screen resolution keeps the test quick; paper uses 300 dpi)."""
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pick_month(p: ReportPage, year: int, month: int) -> None:
    p.year_combo.setCurrentIndex(p.year_combo.findData(year))
    p.month_combo.setCurrentIndex(p.month_combo.findData(month))


def test_default_month_and_every_cell_equals_the_service(page, admin_ctx):
    assert page.period == "2026-10"  # today is 2026-11-20: last month
    cells = table_cells(page)
    doc = monthly_report.build_document(admin_ctx.ws, "2026-10")
    assert cells == expected_cells(doc)
    assert len(cells) == len(layout.ROWS) - 1   # 初核 is not printed again below 初步核实
    assert cells["complaints_received"] == ("件", "3", "5", "2", "150.0")
    assert cells["complaints_by_channel.letter"] == ("件", "1", "2", "2", "0.0")
    assert cells["cases_closed"][1] == "1" and cells["party_sanctions"][1] == "1"
    assert cells["complaints_by_channel.visit"][4] == "—"   # last year 0 → no change
    # section rows span the table, sub-items are indented
    texts = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert "一、信访举报" in texts and texts[texts.index("一、信访举报") + 1] == "收到信访举报"
    assert any(t.startswith("　　来信") for t in texts)
    assert page.table.item(0, 0).font().bold()
    assert not page.busy_bar.isVisible()


def test_figures_are_computed_off_the_gui_thread_with_a_busy_indicator(admin_ctx, tmp_path, today, qtbot):
    seed(admin_ctx.ws)
    live = create_app_context(tmp_path / "data", synchronous=False, today=lambda: today, crypto=CHEAP_CRYPTO)  # real worker threads
    try:
        users.login(live.ws, "wang", ADMIN_PASSWORD)
        p = ReportPage(live)
        qtbot.addWidget(p)
        # the result comes back through the event loop, which has not run yet
        assert p.doc is None and not p.busy_bar.isHidden()
        assert not p.table.isEnabled() and p.narrative.isReadOnly() and not p.save_button.isEnabled()
        qtbot.waitUntil(lambda: p.doc is not None, timeout=10000)
        assert p.busy_bar.isHidden() and p.table.isEnabled() and not p.narrative.isReadOnly()
        assert table_cells(p) == expected_cells(monthly_report.build_document(admin_ctx.ws, "2026-10"))
    finally:
        live.close()


def test_picking_another_month_recomputes(page, admin_ctx, qtbot):
    with qtbot.waitSignal(page.sig_loaded) as blocker:
        page.month_combo.setCurrentIndex(page.month_combo.findData(9))
    assert blocker.args == ["2026-09"]
    cells = table_cells(page)
    assert cells == expected_cells(monthly_report.build_document(admin_ctx.ws, "2026-09"))
    assert cells["complaints_received"][1:3] == ("1", "2")
    assert "2026年9月" in page.state_label.text()


def test_narrative_and_foot_saved_with_ctrl_s_persist_after_reopening(page, admin_ctx, qtbot):
    page.show()
    with qtbot.waitActive(page):  # shortcuts reach an active window
        page.activateWindow()
    type_text(qtbot, page.narrative, "本月受理信访举报3件，立案1件。")
    type_text(qtbot, page.foot_edits["leader"], "王书记")
    type_text(qtbot, page.foot_edits["reviewer"], "周审核")
    type_text(qtbot, page.foot_edits["preparer"], "李明")
    type_text(qtbot, page.foot_edits["phone"], "0871-5123456")
    assert page.has_unsaved_changes()
    assert "未保存" in page.state_label.text()
    with qtbot.waitSignal(page.sig_saved):
        qtbot.keyClick(page.narrative, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page.has_unsaved_changes()

    again = ReportPage(admin_ctx)
    qtbot.addWidget(again)
    assert again.narrative.toPlainText() == "本月受理信访举报3件，立案1件。"
    assert again.foot_edits["leader"].text() == "王书记"
    assert again.foot_edits["reviewer"].text() == "周审核"
    assert again.foot_edits["preparer"].text() == "李明"
    assert again.foot_edits["phone"].text() == "0871-5123456"
    assert again.foot_edits["date"].value() == D(2026, 11, 20)
    doc = monthly_report.build_document(admin_ctx.ws, "2026-10")
    assert doc["narrative"] == "本月受理信访举报3件，立案1件。" and doc["footer"]["preparer"] == "李明"
    assert doc["footer"]["reviewer"] == "周审核"


def test_bad_phone_is_shown_at_the_field_and_nothing_is_saved(page, admin_ctx, qtbot):
    type_text(qtbot, page.narrative, "说明")
    type_text(qtbot, page.foot_edits["phone"], "12")
    assert page.save() is False
    assert "联系电话" in page.errors.message("footer.phone")
    assert page.has_unsaved_changes()
    assert monthly_report.build_document(admin_ctx.ws, "2026-10")["narrative"] == ""


def test_switching_month_with_unsaved_edits_asks(page, admin_ctx, qtbot, prompts):
    type_text(qtbot, page.narrative, "尚未保存的说明")
    prompts.answer("取消")
    pick_month(page, 2026, 9)
    assert prompts.texts("choose") == ["2026年10月月报的情况说明或表尾有未保存的修改，是否保存？"]
    assert page.period == "2026-10" and page.month_combo.currentData() == 10
    assert page.narrative.toPlainText() == "尚未保存的说明"

    prompts.answer("保存")
    pick_month(page, 2026, 9)
    assert page.period == "2026-09"
    assert monthly_report.build_document(admin_ctx.ws, "2026-10")["narrative"] == "尚未保存的说明"

    type_text(qtbot, page.narrative, "九月的草稿")
    prompts.answer("放弃修改")
    pick_month(page, 2026, 10)
    assert page.narrative.toPlainText() == "尚未保存的说明"
    assert monthly_report.build_document(admin_ctx.ws, "2026-09")["narrative"] == ""
    assert page.can_leave()


def test_export_pdf_and_excel(page, tmp_path, prompts, qtbot):
    pdf_path, xlsx_path = tmp_path / "out" / "月报.pdf", tmp_path / "out" / "月报"
    pdf_path.parent.mkdir()
    prompts.answer(str(pdf_path), str(xlsx_path))
    with qtbot.waitSignal(page.sig_exported) as exported:
        page.pdf_button.click()
    assert exported.args == [str(pdf_path)] and page.state_label.text() == f"已导出：{pdf_path}"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf_path).pages)
    assert "青山镇纪委" in text and "2026年10月" in text
    page.xlsx_button.click()
    written = xlsx_path.with_name("月报.xlsx")  # the suffix is added
    wb = openpyxl.load_workbook(written)
    assert "月报" in wb.sheetnames
    assert any("青山镇纪委" in str(c.value) for row in wb["月报"].iter_rows() for c in row if c.value)
    assert sorted(p.name for p in pdf_path.parent.iterdir()) == ["月报.pdf", "月报.xlsx"]  # no temp files left


def test_export_to_a_missing_folder_shows_a_chinese_error_and_writes_nothing(page, tmp_path, prompts):
    target = tmp_path / "没有这个文件夹" / "月报.pdf"
    prompts.answer(str(target))
    page.export("pdf")
    [shown] = [s for s in prompts.shown if s.kind == "error"]
    assert "文件夹不存在" in shown.text and shown.title == "导出失败"
    assert not target.parent.exists() and not page.state_label.text().startswith("已导出")


def test_export_to_a_full_stick_shows_the_reason_and_leaves_nothing(page, tmp_path, prompts):
    from tests.full_disk import stick
    for full in stick(tmp_path, "size=64k", fallback="mode"):  # a real full tmpfs (a read-only folder unprivileged)
        target = full.path / "月报.pdf"
        prompts.shown.clear()
        prompts.answer(str(target))
        page.export("pdf")
        assert prompts.texts("error") == [full.full_message(target)]
        assert full.leftovers() == []


def test_printing_renders_every_page_of_the_pdf(page, tmp_path, qtbot):
    page.narrative.setPlainText("情况说明。" * 600)  # long enough for a second page (pasted, not typed)
    assert page.save()
    pdf = pdf_of(page)
    pages_in = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert pages_in >= 2

    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    assert render_pdf_to_printer(pdf, printer) == pages_in
    assert len(pypdf.PdfReader(out).pages) == pages_in

    page.open_preview()  # 预览/打印: the PDF itself, window-modal
    dialog = page.preview
    assert dialog is not None and dialog.isVisible() and dialog.page_count() == pages_in
    second = tmp_path / "from_preview.pdf"
    printer2 = pdf_printer(second)
    assert dialog.print_to(printer2) == pages_in
    assert len(pypdf.PdfReader(second).pages) == pages_in
    dialog.close()

    # the QPrintPreviewDialog variant paints the same pages when it asks for them
    preview = preview_dialog(page, pdf, "月报")
    third = tmp_path / "print_preview.pdf"
    printer3 = pdf_printer(third)
    preview.paintRequested.emit(printer3)
    assert len(pypdf.PdfReader(third).pages) == pages_in
    preview.deleteLater()


def test_unreadable_pdf_is_refused_with_a_message(tmp_path):
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    with pytest.raises(DomainError, match="PDF"):
        render_pdf_to_printer(b"not a pdf at all", printer)
    assert not (tmp_path / "x.pdf").exists()


def test_finalize_as_secretary_freezes_the_report(page, admin_ctx, qtbot, prompts):
    type_text(qtbot, page.narrative, "十月情况说明")
    prompts.answer(True)  # the confirmation; the notice follows, the hash in its 详细信息
    with qtbot.waitSignal(page.sig_finalized) as blocker:
        page.finalize_button.click()
    assert blocker.args == ["2026-10", 1]
    confirmed, notice = prompts.shown
    assert (confirmed.kind, confirmed.title) == ("confirm", "月报定稿")
    assert "冻结2026年10月月报第1版" in confirmed.text and "此后不能再修改" in confirmed.text
    history = monthly_report.revisions(admin_ctx.ws, "2026-10")
    assert len(history) == 1
    assert (notice.kind, notice.text) == ("info", "2026年10月月报已定稿（第1版），已存档并生成校验码，存档内容此后若被改动即可发现。")
    assert notice.details == f"校验码（SHA-256）：{history[0].sha256}"
    assert "生成校验码" in confirmed.text and "SHA-256" not in confirmed.text

    assert page.banner.isVisibleTo(page) and "已定稿（第1版）" in page.banner.text()
    assert f"校验码：{history[0].sha256[:16]}…" in page.banner.text() and "SHA-256" not in page.banner.text()
    assert page.banner.toolTip() == f"校验码（SHA-256）：{history[0].sha256}"
    assert page.history_table.horizontalHeaderItem(4).text() == "校验码"
    assert page.narrative.isReadOnly() and page.foot_edits["leader"].isReadOnly()
    assert page.foot_edits["date"].isReadOnly()
    assert not page.save_button.isEnabled() and not page.finalize_button.isEnabled()
    assert page.correct_button.isEnabled()
    assert page.narrative.toPlainText() == "十月情况说明"  # the unsaved text was saved, then frozen
    assert page.history_table.rowCount() == 1
    assert page.history_table.item(0, 1).text() == "已定稿"
    assert page.history_table.item(0, 4).text() == history[0].sha256[:8] + "…"

    page.tabs.setCurrentIndex(1)
    page.history_table.selectRow(0)
    frozen = monthly_report.get_revision(admin_ctx.ws, "2026-10", 1)
    assert page.history_pdf_bytes == frozen.pdf and page.history_page_count() >= 1
    got = []
    page.with_output("pdf", got.append)
    assert got == [frozen.pdf]  # exports and prints use the frozen bytes
    assert table_cells(page) == expected_cells(frozen.document)


def test_an_officer_sees_finalize_disabled(admin_ctx, qtbot):
    add_user(admin_ctx, "li", ["officer"])
    users.login(admin_ctx.ws, "li", "user-pass-1")
    p = ReportPage(admin_ctx)
    qtbot.addWidget(p)
    assert not p.finalize_button.isEnabled() and not p.correct_button.isEnabled()
    assert "纪委书记" in p.finalize_button.toolTip()
    assert p.save_button.isEnabled() and not p.narrative.isReadOnly()  # officers may edit the draft
    assert p.finalize() is False


def test_correct_opens_revision_2_as_a_draft(page, admin_ctx, qtbot, prompts):
    monthly_report.finalize(admin_ctx.ws, "2026-10")
    page.refresh()
    assert page.is_finalized()

    def give_reason(text: str):
        def act(dialog: QInputDialog) -> None:
            dialog.setTextValue(text)
            dialog.accept()
        return act

    answer_modals(give_reason("   "))  # an empty reason is refused
    page.correct()
    [refused] = prompts.shown
    assert (refused.kind, refused.title) == ("error", "更正未完成") and "更正原因" in refused.text
    assert page.is_finalized()

    answer_modals(give_reason("第1版漏报了一件来信"))
    assert page.correct() is True
    assert len(prompts.shown) == 1
    assert not page.is_finalized() and page.doc["revision"] == 2
    assert "正在更正" in page.banner.text() and "第1版漏报了一件来信" in page.banner.text()
    assert not page.narrative.isReadOnly() and page.finalize_button.isEnabled()
    assert page.history_table.rowCount() == 2
    assert page.history_table.item(1, 0).text() == "第2版"
    assert page.history_table.item(1, 1).text() == "更正中"
    assert page.history_table.item(1, 5).text() == "第1版漏报了一件来信"
    page.history_table.selectRow(1)
    assert page.history_pdf_bytes is None and "尚未定稿" in page.history_note.text()
    page.history_table.selectRow(0)
    assert page.history_pdf_bytes == monthly_report.get_revision(admin_ctx.ws, "2026-10", 1).pdf


def test_page_at_1280_by_800_renders(page, qtbot, tmp_path):
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    image = page.grab().toImage()
    assert image.width() == 1280 and image.height() == 800
    assert page.table.columnWidth(0) > 200  # the longest label fits
    assert page.tabs.width() > 440


def test_the_registry_builds_the_page(admin_ctx, qtbot):
    from gui.pages.registry import PageSpec, build_page
    spec = PageSpec("reports", "月报", ReportPage, ("report.view",))
    built = build_page(spec, admin_ctx)
    qtbot.addWidget(built)
    assert isinstance(built, ReportPage) and built.spec is spec
    built.page_shown()
    assert built.doc["period"] == "2026-10"


def test_clicking_preview_shows_the_report(page, qtbot, prompts):
    """The 预览/打印… button (clicked passes a bool) opens the month's PDF, not "没有可打印的 PDF 内容"."""
    page.narrative.setPlainText("本月情况说明。")
    assert page.save()
    expected = len(pypdf.PdfReader(io.BytesIO(pdf_of(page))).pages)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert prompts.shown == []
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=5000)
    assert page.preview.page_count() == expected >= 1
    page.preview.close()


def test_the_narrative_keeps_room_to_write_in_a_1366_window(page, qtbot):
    """At 1366×768 the foot's rows (each with room for its error) had squeezed 情况说明 to one line."""
    page.show()
    page.resize(1366 - 16 - 168, 768 - 40 - 110)
    qtbot.wait(20)
    lines = page.narrative.viewport().height() / page.narrative.fontMetrics().lineSpacing()
    assert lines >= 5
    scroll = page.narrative.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    scroll.ensureWidgetVisible(page.foot_edits["date"])   # the foot's last field is reached by scrolling
    qtbot.wait(1)
    assert page.foot_edits["date"].visibleRegion().isEmpty() is False
