"""报送, both sides: the township signs its finalized month onto a "stick", the county receives and sums it.

Certificates are made through the 证书 tab (county mode on a second context); only the passphrase prompts
and the file dialogs are scripted (``dialogs``). Packages, signatures and verification are real.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt

from gui.pages.submission import SubmissionPage
from services import demo
from services.reporting import monthly_report
from services.submission import county_ca
from tests.helpers.gui_certificates import TOWN_PASS, certify_through_tabs

PERIOD = "2026-10"


@pytest.fixture
def offices(qtbot, make_office, dialogs):
    county_ctx = make_office("云岭县纪委", "YL000", "county")
    town_ctx = make_office("青山镇纪委", "QS001")
    certify_through_tabs(qtbot, county_ctx, town_ctx, dialogs)
    demo.generate_demo(town_ctx.ws, complaints=30, seed=11, end=dt.date(2026, 10, 31))
    monthly_report.finalize(town_ctx.ws, PERIOD)
    return county_ctx, town_ctx


def town_page(qtbot, ctx) -> SubmissionPage:
    page = SubmissionPage(ctx)
    qtbot.addWidget(page)
    return page


def generate(qtbot, page, dialogs, stick, passphrase=TOWN_PASS):
    dialogs.dirs.append(stick)
    dialogs.texts.append(passphrase)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)


def test_township_generates_a_package_and_self_checks_it(qtbot, offices, dialogs, tmp_path):
    _, town = offices
    page = town_page(qtbot, town)
    assert page.months_table.rowCount() == 1
    assert [page.months_table.item(0, c).text() for c in (0, 1, 2, 4)] == ["2026年10月", "1", "已定稿", "未生成报送包"]
    assert "有效期至" in page.cert_line.text()
    usb = tmp_path / "usb"
    usb.mkdir()

    generate(qtbot, page, dialogs, usb)
    name = "QS001_2026-10_月报_r1"
    result = page.last_result
    assert result is not None and result.file_name == name
    assert "已写入并复核通过" in page.result_status.text()
    assert name in page.result_name.text()
    assert result.sha256 in page.result_sha.text() and len(result.sha256) == 64
    assert "请携带" in page.result_carry.text() and str(usb / name) in page.result_carry.text()
    assert (usb / name / "bagit.txt").is_file() and not (usb / f"{name}.zip").exists()
    assert page.months_table.item(0, 4).text().startswith("已生成报送包")
    assert page.history_table.rowCount() == 1
    assert page.history_table.item(0, 2).text() == name

    # 自检 against the installed county root: every check passes but revocation, not checked (no CRL installed).
    dialogs.dirs.append(usb / name)
    page.check_folder_action.trigger()
    dialog = page.verify_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    assert len(rows) == 12
    assert [r for r in rows if r[0] != "✓ 通过"] == [("! 未核对", "证书吊销状态", "未提供吊销列表（CRL），未核对吊销状态")]
    assert dialog.summary.text() == "通过：11 项检查通过，1 项未核对（共 12 项），见下表中标为“未核对”的说明。"
    assert "青山镇纪委（QS001）" in dialog.subject.text() and "2026年10月" in dialog.subject.text()
    dialog.close()

    # The zip form as well: folder and .zip; the result names both.
    usb2 = tmp_path / "usb2"
    usb2.mkdir()
    monthly_report.correct(town.ws, PERIOD, "更正受理件数")
    monthly_report.finalize(town.ws, PERIOD, "第二版")
    page.refresh()
    assert page.months_table.item(0, 4).text() == "第 1 版已报送，第 2 版未报送"
    page.form_combo.setCurrentIndex(1)
    generate(qtbot, page, dialogs, usb2)
    assert (usb2 / "QS001_2026-10_月报_r2.zip").is_file()
    assert "QS001_2026-10_月报_r2.zip" in page.result_carry.text()
    dialogs.opens.append(usb2 / "QS001_2026-10_月报_r2.zip")
    page.check_zip_action.trigger()
    assert page.verify_dialog.accepted_result
    page.verify_dialog.close()

    # 报送记录 keeps every package written; one no longer where it was written is marked so.
    shutil.rmtree(usb / name)
    page.refresh()
    h = page.history_table
    assert [h.horizontalHeaderItem(c).text() for c in range(h.columnCount())] == [
        "报告期", "版次", "文件包", "校验码", "写入位置", "生成时间", "操作人"]
    assert [h.item(r, 2).text() for r in range(h.rowCount())] == [
        "QS001_2026-10_月报_r2.zip", "QS001_2026-10_月报_r1（文件已不在原位置）"]
    assert h.item(1, 2).toolTip() == (f"生成时写入“{usb.resolve()}”，现在那里已没有这个文件包（U盘已取下，"
                                      "或文件已移动、删除）。")
    assert h.item(0, 3).toolTip() == f"校验码（SHA-256）：{page.last_result.sha256}"


def test_generation_errors_are_shown_in_chinese_and_nothing_is_written(qtbot, offices, dialogs, tmp_path, make_office):
    _, town = offices
    page = town_page(qtbot, town)
    usb = tmp_path / "usb"
    usb.mkdir()

    generate(qtbot, page, dialogs, usb, passphrase="wrong-pass-9")
    assert page.result_status.text() == "✗ 未生成报送包：私钥口令错误，请重新输入"
    assert list(usb.iterdir()) == [] and page.history_table.rowCount() == 0

    monthly_report.correct(town.ws, PERIOD, "更正受理件数")
    page.refresh()
    assert "更正中" in page.months_table.item(0, 2).text()
    generate(qtbot, page, dialogs, usb)
    assert "正在更正" in page.result_status.text() and "请先定稿" in page.result_status.text()
    assert list(usb.iterdir()) == []

    # An office without a certificate is told where to get one.
    other = make_office("红石乡纪委", "HS002")
    monthly_report.finalize(other.ws, PERIOD)
    page2 = town_page(qtbot, other)
    assert page2.cert_line.text() == "尚未安装签名证书（在“设置 → 证书”中办理）"
    generate(qtbot, page2, dialogs, usb)
    assert "证书" in page2.result_status.text() and page2.result_status.text().startswith("✗")
    assert list(usb.iterdir()) == []


def test_only_the_secretary_may_generate(qtbot, offices):
    from tests.conftest import sign_in_as
    _, town = offices
    sign_in_as(town.ws, "zhao", ["officer"])
    page = town_page(qtbot, town)
    assert not page.generate_button.isEnabled()
    assert "只有纪委书记" in page.select_hint.text()


def _tamper(package, target):
    shutil.copytree(package, target)
    report = target / "data" / "report.json"
    doc = json.loads(report.read_text("utf-8"))
    doc["figures"]["complaints_received"]["ytd"] += 5
    report.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")


def test_county_receives_rejects_tampered_and_consolidates(qtbot, offices, dialogs, tmp_path):
    county_ctx, town = offices
    usb = tmp_path / "usb"
    usb.mkdir()
    generate(qtbot, town_page(qtbot, town), dialogs, usb)
    package = usb / "QS001_2026-10_月报_r1"
    bad = tmp_path / "bad-stick"
    bad.mkdir()
    _tamper(package, bad / package.name)
    county_ca.add_township(county_ctx.ws, "HS002", "红石乡纪委")

    page = SubmissionPage(county_ctx)
    qtbot.addWidget(page)
    assert page.tabs.tabText(0) == "报送接收" and page.tabs.tabText(1) == "汇总"

    # The tampered copy first: 拒收 with the failed check's Chinese reason.
    dialogs.dirs.append(bad)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    t = page.results_table
    assert t.rowCount() == 1
    row = [t.item(0, c).text() for c in range(5)]
    assert row[:4] == ["青山镇纪委（QS001）", "2026年10月", "1", "拒收"]
    assert "BagIt 完整性校验" in row[4]
    assert "拒收或未导入 1 个" in page.import_summary.text()
    t.selectRow(0)
    dialog = page.show_outcome_details()
    assert dialog.summary.text().startswith("不通过")
    failed = [r for r in dialog.rows() if r[0] == "✗ 未通过"]
    assert any(r[1] == "BagIt 完整性校验" and r[2] for r in failed)
    dialog.close()

    # The real one: 通过, and it is in the 汇总.
    dialogs.dirs.append(usb)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    row = [t.item(0, c).text() for c in range(5)]
    assert row[:4] == ["青山镇纪委（QS001）", "2026年10月", "1", "通过"]
    assert row[4] == "全部检查通过，已导入"

    page.set_summary_period(PERIOD)
    own = monthly_report.get_revision(town.ws, PERIOD).document["figures"]
    r = page.figure_rows["complaints_received"]
    shown = [page.figures_table.item(r, c).text() for c in range(2, 5)]
    expected = [str(own["complaints_received"][k]) for k in ("month", "ytd", "ytd_last_year")]
    assert shown == expected and own["complaints_received"]["ytd"] > 0
    towns = {page.towns_table.item(i, 0).text(): [page.towns_table.item(i, c).text() for c in range(1, 4)]
             for i in range(page.towns_table.rowCount())}
    assert towns["青山镇纪委"][:2] == ["已报送", "1"]
    assert towns["青山镇纪委"][2] == str(own["complaints_received"]["ytd"])
    assert towns["红石乡纪委"][0] == "未报送"
    assert page.missing_label.text() == "未报送（1 个）：红石乡纪委"
    assert "已报送 1 个乡镇，共 2 个" in page.summary_line.text()

    out = tmp_path / "exports"
    out.mkdir()
    dialogs.save_dir = out
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    pdf = next(out.glob("*.pdf"))
    assert pdf.name == "云岭县纪委2026年10月信访举报及案件办理情况月报汇总表.pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages).replace(" ", "")
    assert "汇总表" in text and "红石乡纪委" in text and "未报送" in text
    wb = load_workbook(next(out.glob("*.xlsx")))
    cells = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert any("云岭县纪委" in v for v in cells)


def test_screens_render(qtbot, offices, dialogs, tmp_path):
    county_ctx, town = offices
    usb = tmp_path / "usb"
    usb.mkdir()
    page = town_page(qtbot, town)
    generate(qtbot, page, dialogs, usb)
    county_page = SubmissionPage(county_ctx)
    qtbot.addWidget(county_page)
    dialogs.dirs.append(usb)
    county_page.import_from()
    dialogs.dirs.append(usb / "QS001_2026-10_月报_r1")
    page.check_folder_action.trigger()
    page.verify_dialog.grab().save(str(tmp_path / "verify_ok.png"))
    bad = tmp_path / "bad"
    bad.mkdir()
    _tamper(usb / "QS001_2026-10_月报_r1", bad / "QS001_2026-10_月报_r1")
    dialogs.dirs.append(bad / "QS001_2026-10_月报_r1")
    page.check_folder_action.trigger()
    page.verify_dialog.grab().save(str(tmp_path / "verify_bad.png"))
    shots = [("sub_town", page, None), ("sub_county_receive", county_page, 0), ("sub_county_sum", county_page, 1)]
    for name, widget, tab in shots:
        if tab is not None:
            widget.tabs.setCurrentIndex(tab)
            if tab == 1:
                widget.set_summary_period(PERIOD)
        widget.resize(1280, 800)
        widget.show()
        qtbot.waitExposed(widget)
        image = widget.grab()
        assert not image.isNull()
        image.save(str(tmp_path / f"{name}.png"))
