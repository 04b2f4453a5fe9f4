"""月报 page, the output: 预览/打印 and 导出PDF / 导出Excel of the PDF and workbook the service renders (the
frozen ones once finalized). A mixin of ``ReportPage`` (translations stay in its context)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from services.errors import DomainError
from services.reporting import layout, monthly_report
from services.storage.files import atomic_write_bytes

from ..pdf_preview import PdfPreviewDialog
from ..widgets import show_error


class ReportOutput:
    """Preview, print and export for ``ReportPage``."""

    def _title(self, revision: int | None = None) -> str:
        doc = self.doc or {}
        n = revision or doc.get("revision") or 1
        state = "" if revision or self.is_finalized() else self.tr("（草稿）")
        return self.tr("{org}{p}月报第{n}版{state}").format(org=self.org_name, p=layout.period_text(self._period),
                                                         n=n, state=state)

    def current_pdf(self) -> bytes:
        """The PDF the page would print: frozen when finalized, else the saved draft rendered now."""
        ws, period = self.ctx.ws, self._period
        return self.ctx.call_db(self, lambda: monthly_report.export_pdf(ws, period), self.tr("正在生成 PDF……"))

    def current_xlsx(self) -> bytes:
        ws, period = self.ctx.ws, self._period
        return self.ctx.call_db(self, lambda: monthly_report.export_xlsx(ws, period), self.tr("正在生成 Excel……"))

    def open_preview(self, pdf: bytes | None = None, title: str | None = None) -> PdfPreviewDialog | None:
        """预览/打印: the PDF in a preview with 打印…; returns the (window-modal, open) dialog."""
        if pdf is None and not self._save_before_output():
            return None
        try:
            data = pdf if pdf is not None else self.current_pdf()
            dialog = PdfPreviewDialog(data, title or self._title(), self, settings=self.ctx.settings,
                                      default_name=(title or self._title()) + ".pdf")
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("无法预览"))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "preview", None))
        self.preview = dialog
        dialog.open()
        return dialog

    def export(self, kind: str) -> Path | None:
        """导出PDF / 导出Excel: ask where, write the service's bytes atomically; the path written or None."""
        if not self._save_before_output():
            return None
        suffix, caption, filt = ((".pdf", self.tr("导出PDF"), self.tr("PDF 文件 (*.pdf)")) if kind == "pdf" else
                                 (".xlsx", self.tr("导出Excel"), self.tr("Excel 工作簿 (*.xlsx)")))
        folder = self.ctx.settings.value("report_page/export_dir", str(Path.home()))
        default = str(Path(folder) / (self._title() + suffix))
        path, _ = QFileDialog.getSaveFileName(self, caption, default, filt)
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        try:
            data = self.current_pdf() if kind == "pdf" else self.current_xlsx()
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, self.tr("导出失败"))
            return None
        try:
            atomic_write_bytes(target, data)
        except DomainError as exc:  # FileWriteError: disk full, read-only stick, no permission
            show_error(self, exc, self.tr("导出失败"))
            return None
        self.ctx.settings.setValue("report_page/export_dir", str(target.parent))
        self.state_label.setText(self.tr("已导出：{path}").format(path=target))
        return target
