"""A small preview of a PDF (QPdfView) with 打印 and 另存为…: what is printed is this very PDF.

``PdfPreviewDialog(pdf_bytes, title, parent=None, settings=None)`` — reusable by every page that prints a
generated PDF (登记表, 月报). Printing goes through ``gui.print_pdf.paint_document`` (each PDF page rendered
onto the QPrinter chosen in QPrintDialog).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget)

from services.errors import DomainError

from .geometry import remember_geometry
from .print_pdf import LoadedPdf, new_a4_printer, paint_document
from .interaction import Interaction
from .usb_files import write_file
from .widgets import primary, show_error


class PdfPreviewDialog(QDialog):
    """Shows ``pdf_bytes``; 打印… opens the system print dialog; 另存为PDF… writes the same bytes."""

    def __init__(self, pdf_bytes: bytes, title: str, parent: QWidget | None = None, *,
                 settings: QSettings | None = None, default_name: str = ""):
        super().__init__(parent)
        self.pdf_bytes = pdf_bytes
        self.title = title
        self.default_name = default_name or f"{title}.pdf"
        self.pdf = LoadedPdf(pdf_bytes)          # raises DomainError for an unreadable PDF
        self.setWindowTitle(self.tr("预览 — {title}").format(title=title))
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages_label = QLabel(self.tr("共 {n} 页").format(n=self.pdf.page_count), self)
        self.print_button = primary(QPushButton(self.tr("打印…"), self))
        self.save_button = QPushButton(self.tr("另存为PDF…"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        self.resize(760, 900)
        if settings is not None:
            remember_geometry(self, settings)
        self.finished.connect(lambda _code: self.pdf.close())

    def page_count(self) -> int:
        return self.pdf.page_count

    def print_to(self, printer: QPrinter) -> int:
        """Paint every page on ``printer``; returns the page count (tests print to a PdfFormat file)."""
        printer.setDocName(self.title)
        return paint_document(self.pdf, printer)

    def print_dialog(self) -> None:
        printer = new_a4_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印 — {title}").format(title=self.title))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except DomainError as exc:  # painting on the printer is GUI-thread work (QPainter), not an op
            show_error(self, exc)

    def save_as(self) -> None:
        path = Interaction.save_path(self, self.tr("另存为PDF"), self.default_name, self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return
        write_file(self, Path(path), self.pdf_bytes)   # the bytes in hand, written here (an error said here)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Ctrl+P prints
        if event.key() == Qt.Key.Key_P and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.print_dialog()
            return
        super().keyPressEvent(event)

