"""另存为PDF… in the preview writes the very bytes shown; a place that cannot be written is said in Chinese (the
file named, titled 文件未保存) and the preview stays open with its PDF."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

from gui.pdf_preview import PdfPreviewDialog
from tests.helpers.gui_hands import click, show


def _one_page_pdf() -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(100, 100, "受理告知书")
    painter.end()
    buffer.close()
    return bytes(data)


def test_save_as_writes_the_shown_bytes_and_says_why_it_could_not(qtbot, prompts, tmp_path):
    pdf = _one_page_pdf()
    preview = show(qtbot, PdfPreviewDialog(pdf, "受理告知书 XF-1"))
    target = tmp_path / "受理告知书.pdf"
    prompts.answer(str(target))
    click(qtbot, preview.save_button)
    assert target.read_bytes() == pdf

    blocker = tmp_path / "不是文件夹"
    blocker.write_text("a file where a folder should be")
    prompts.answer(str(blocker / "受理告知书.pdf"))
    click(qtbot, preview.save_button)
    [shown] = [s for s in prompts.shown if s.kind == "error"]
    assert (shown.title, shown.text) == ("文件未保存", f"目标路径不是文件夹：{blocker}")
    assert preview.isVisible() and preview.pdf_bytes == pdf
