"""月报 page, the output: 预览/打印 and 导出PDF / 导出Excel of the PDF and workbook the service renders (the
frozen ones once finalized). A mixin of ``ReportPage`` (translations stay in its context)."""
from __future__ import annotations

from pathlib import Path

from typing import Callable

from PySide6.QtCore import Qt

from services.errors import DomainError
from services.reporting import monthly_report
from services.storage.files import atomic_write_bytes

from ..interaction import Interaction
from ..operations import QueryOp
from ..pdf_preview import PdfPreviewDialog
from ..vocabulary import period_label
from ..widgets import show_error


class ReportOutput:
    """Preview, print and export for ``ReportPage``."""

    def _title(self, revision: int | None = None) -> str:
        doc = self.doc or {}
        n = revision or doc.get("revision") or 1
        state = "" if revision or self.is_finalized() else self.tr("（草稿）")
        return self.tr("{org}{p}月报第{n}版{state}").format(org=self.org_name, p=period_label(self._period),
                                                         n=n, state=state)

    def with_output(self, kind: str, then: Callable[[bytes], None], *, error_title: str | None = None) -> None:
        """The bytes the page would print or export (``kind`` "pdf"/"xlsx"), handed to ``then``.

        Read on the database worker (frozen bytes when finalized, else the saved draft), rendered
        on the export pool; the GUI thread never waits.
        """
        ws, period = self.ctx.ws, self._period
        label = self.tr("正在生成 PDF……") if kind == "pdf" else self.tr("正在生成 Excel……")

        def render(source) -> None:
            QueryOp(self, lambda: monthly_report.render_output(source, kind), pool=True) \
                .progress(label).error_title(error_title).success(then).run()

        QueryOp(self, lambda: monthly_report.output_source(ws, period)).progress(label) \
            .error_title(error_title).success(render).run()

    def open_preview(self, pdf: bytes | None = None, title: str | None = None) -> None:
        """预览/打印: the PDF in a window-modal preview with 打印… (kept as ``self.preview`` while open)."""
        if pdf is None and not self._save_before_output():
            return
        if pdf is not None:
            self._show_preview(pdf, title)
        else:
            self.with_output("pdf", lambda data: self._show_preview(data, title), error_title=self.tr("无法预览"))

    def _show_preview(self, data: bytes, title: str | None) -> None:
        try:
            dialog = PdfPreviewDialog(data, title or self._title(), self, settings=self.ctx.settings,
                                      default_name=(title or self._title()) + ".pdf")
        except DomainError as exc:  # a PDF the viewer cannot open: said in the preview's own words
            show_error(self, exc, self.tr("无法预览"))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "preview", None))
        self.preview = dialog
        dialog.open()

    def export(self, kind: str) -> None:
        """导出PDF / 导出Excel: ask where, write the service's bytes atomically; ``sig_exported(path)`` after."""
        if not self._save_before_output():
            return
        suffix, caption, filt = ((".pdf", self.tr("导出PDF"), self.tr("PDF 文件 (*.pdf)")) if kind == "pdf" else
                                 (".xlsx", self.tr("导出Excel"), self.tr("Excel 工作簿 (*.xlsx)")))
        folder = self.ctx.settings.value("report_page/export_dir", str(Path.home()))
        path = Interaction.save_path(self, caption, str(Path(folder) / (self._title() + suffix)), filt)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)

        def write(data: bytes) -> None:
            QueryOp(self, lambda: atomic_write_bytes(target, data), pool=True) \
                .error_title(self.tr("导出失败")).success(lambda _: written()).run()

        def written() -> None:
            self.ctx.settings.setValue("report_page/export_dir", str(target.parent))
            self.state_label.setText(self.tr("已导出：{path}").format(path=target))
            self.sig_exported.emit(str(target))

        self.with_output(kind, write, error_title=self.tr("导出失败"))
