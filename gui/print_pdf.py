"""Print a PDF as it is: QtPdf renders each page of the document onto the printer.

What goes to paper is the very PDF that is exported and signed, not a second rendering of the
figures. ``print_pdf_bytes`` opens a print preview (the preview's print button prints);
``render_pdf_to_printer`` does the painting and is what both the preview and tests call.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from services.errors import DomainError

from .geometry import fit_to_screen

# Pages are rasterised for the printer; 300 dpi is sharp on paper and keeps an A4 page near 35 MB.
MAX_RENDER_DPI = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("print_pdf", text)


class LoadedPdf:
    """A QPdfDocument kept together with the buffer it reads from (the buffer must outlive it)."""

    def __init__(self, pdf_bytes: bytes):
        if not pdf_bytes:
            raise DomainError(_tr("没有可打印的 PDF 内容。"))
        self._data = QByteArray(pdf_bytes)
        self._buffer = QBuffer()
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            raise DomainError(_tr("PDF 文件无法读取（{error}），不能打印。")
                              .format(error=self.document.error().name))

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def close(self) -> None:
        self.document.close()
        self._buffer.close()


def _fit(page_w: float, page_h: float, target: QRectF) -> QRectF:
    """The largest rectangle of the page's aspect ratio centred in ``target``."""
    scale = min(target.width() / page_w, target.height() / page_h)
    w, h = page_w * scale, page_h * scale
    return QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h)


def paint_document(pdf: LoadedPdf, printer: QPrinter) -> int:
    """Paint every page of ``pdf`` on ``printer``, one sheet each; returns the number of pages."""
    doc = pdf.document
    first = doc.pagePointSize(0)
    if first.width() > first.height():
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    painter = QPainter()
    if not painter.begin(printer):
        raise DomainError(_tr("无法开始打印：打印机不可用或输出文件无法写入。"))
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for index in range(doc.pageCount()):
            if index:
                printer.newPage()
            size_pt = doc.pagePointSize(index)
            target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            target.moveTo(0, 0)  # the painter's origin is the top-left of the printable area
            rect = _fit(size_pt.width(), size_pt.height(), target)
            image = doc.render(index, QSize(round(size_pt.width() * dpi / 72), round(size_pt.height() * dpi / 72)))
            if image.isNull():
                raise DomainError(_tr("第 {n} 页无法渲染，打印已停止。").format(n=index + 1))
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.fillRect(rect, Qt.GlobalColor.white)  # transparent areas print as paper white
            painter.drawImage(rect, image)
    finally:
        painter.end()
    return doc.pageCount()


def render_pdf_to_printer(pdf_bytes: bytes, printer: QPrinter) -> int:
    """Print ``pdf_bytes`` on ``printer`` (a real printer or a PdfFormat file); returns the page count."""
    pdf = LoadedPdf(pdf_bytes)
    try:
        return paint_document(pdf, printer)
    finally:
        pdf.close()


def new_a4_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def preview_dialog(parent: QWidget | None, pdf_bytes: bytes, title: str) -> QPrintPreviewDialog:
    """A print preview of the PDF itself (not shown yet); printing from it prints the same pages."""
    pdf = LoadedPdf(pdf_bytes)  # fail here, before a dialog appears, if the PDF is unreadable
    printer = new_a4_printer()
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_tr("打印预览 — {title}").format(title=title))
    dialog.resize(1000, 800)
    fit_to_screen(dialog)
    dialog.paintRequested.connect(lambda p: paint_document(pdf, p))
    dialog.finished.connect(lambda _code: pdf.close())
    dialog._pdf = pdf  # noqa: SLF001 - keep the document alive as long as the dialog
    dialog._printer = printer  # noqa: SLF001
    return dialog


def print_pdf_bytes(parent: QWidget | None, pdf_bytes: bytes, title: str) -> int:
    """Show the print preview of ``pdf_bytes`` (modal); returns the dialog's result code."""
    dialog = preview_dialog(parent, pdf_bytes, title)
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
