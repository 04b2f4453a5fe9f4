"""Printing a letter (受理告知书, 反馈告知书, 转办函, 函询通知书; services.reporting.notice_print) from a record's dialog.

``print_letter(parent, make_doc, title)``: ``make_doc`` reads the record and writes its "printed" audit event
(a DbOp, on the database worker); the snapshot it returns is rendered on the export pool; the PDF is shown in a
``PdfPreviewDialog`` (non-modal, kept in ``parent.letter_previews``); ``then()`` runs once the event is written
(a dialog showing the timeline reloads it there).
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QWidget

from services.reporting import notice_print

from .operations import DbOp, QueryOp, context_of
from .pdf_preview import PdfPreviewDialog


def print_letter(parent: QWidget, make_doc: Callable[[], "notice_print.LetterDoc"], title: str,
                 then: Callable[[], None] | None = None) -> None:
    ctx = context_of(parent)

    def show(pdf: bytes) -> None:
        dialog = PdfPreviewDialog(pdf, title, parent, settings=ctx.settings, default_name=f"{title}.pdf")
        previews = getattr(parent, "letter_previews", None)
        if previews is None:
            previews = parent.letter_previews = []
        previews.append(dialog)
        dialog.show()

    def render(doc: notice_print.LetterDoc) -> None:
        if then is not None:
            then()
        QueryOp(parent, lambda: notice_print.render_letter(doc), pool=True).progress(
            parent.tr("正在生成PDF……")).success(show).run()

    DbOp(parent, make_doc).success(render).run()
