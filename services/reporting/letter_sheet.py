"""A one-page A4 official letter (告知书, 转办函, 函询通知书): title, 文号 line, addressee, body, 落款 and date.

``LetterDoc`` is the snapshot a letter is drawn from (read, and audited, by services.reporting.notice_print);
``render_letter`` draws it with the report's CJK font and the print sheets' page canvas, and needs no database,
so a page may render it on the export pool.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Spacer

from services.errors import ValidationError
from services.reporting.fonts import FontChoice, find_cjk_font, register_reportlab_font
from services.reporting.item_sheet import MARGIN_X
from services.reporting.pdf_form import numbered_canvas

# Body sizes tried in turn until the letter fits on one page (三号 ≈ 16 pt is the official body size).
SIZES = (15.0, 13.5, 12.0, 10.5, 9.0)


def chinese_date(d: dt.date) -> str:
    """2026年12月6日 (the 落款 date)."""
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass
class LetterDoc:
    title: str                      # 受理告知书
    number_line: str                # the 文号 line under the title
    addressee: str                  # "赵六同志" (the colon is added)
    paragraphs: list[str]           # the body, one paragraph each (first line indented two characters)
    signer: str                     # the 落款: the issuing office
    date: dt.date
    attachments: list[str] = field(default_factory=list)   # 附件 lines
    footer_note: str = ""           # small print under a rule (confidentiality, 回执)
    font: FontChoice | None = None


def _story(doc: LetterDoc, font: str, size: float) -> list[Flowable]:
    lead = size * 1.75
    title = ParagraphStyle("t", fontName=font, fontSize=size + 7, leading=size + 16, alignment=TA_CENTER,
                           wordWrap="CJK")
    number = ParagraphStyle("n", fontName=font, fontSize=size - 1, leading=lead, alignment=TA_CENTER)
    plain = ParagraphStyle("p", fontName=font, fontSize=size, leading=lead, wordWrap="CJK")
    body = ParagraphStyle("b", parent=plain, firstLineIndent=2 * size, alignment=TA_JUSTIFY)
    right = ParagraphStyle("r", parent=plain, alignment=TA_RIGHT, rightIndent=2 * size)
    small = ParagraphStyle("s", parent=plain, fontSize=size - 3.5, leading=(size - 3.5) * 1.5,
                           textColor=colors.Color(0.3, 0.3, 0.3))

    def para(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    story: list[Flowable] = [Spacer(1, 6 * mm), para(doc.title, title), Spacer(1, 3 * mm)]
    if doc.number_line:
        story.append(para(doc.number_line, number))
    story += [Spacer(1, 2 * mm), HRFlowable(width="100%", thickness=0.8, color=colors.black), Spacer(1, 5 * mm),
              para(f"{doc.addressee}：", plain)]
    story += [para(p, body) for p in doc.paragraphs if p.strip()]
    if doc.attachments:
        story.append(Spacer(1, lead * 0.6))
        attached = ParagraphStyle("a", parent=plain, leftIndent=5 * size, firstLineIndent=-3 * size)
        story += [para(f"附件：{line}" if i == 0 else line, attached) for i, line in enumerate(doc.attachments)]
    story += [Spacer(1, lead * 1.6), para(doc.signer, right), para(chinese_date(doc.date), right)]
    if doc.footer_note:
        story += [Spacer(1, 10 * mm), HRFlowable(width="100%", thickness=0.4, color=colors.grey), Spacer(1, 2 * mm),
                  para(doc.footer_note, small)]
    return story


def render_letter(doc: LetterDoc) -> bytes:
    """The letter as PDF bytes; the type shrinks to keep it on one page."""
    if not doc.title.strip() or not doc.signer.strip():
        raise ValidationError("文书标题和落款单位不能为空（请在“设置”中填写本单位名称）。", field="signer")
    font_name = register_reportlab_font(doc.font or find_cjk_font())
    result = b""
    for size in SIZES:
        out = io.BytesIO()
        template = SimpleDocTemplate(
            out, pagesize=A4, leftMargin=MARGIN_X + 6 * mm, rightMargin=MARGIN_X + 6 * mm, topMargin=30 * mm,
            bottomMargin=25 * mm, title=doc.title, author=doc.signer, subject=doc.title, creator="jijian-desk",
            invariant=1, lang="zh-CN", initialFontName=font_name, initialFontSize=size)
        template.build(_story(doc, font_name, size), canvasmaker=numbered_canvas(font_name, skip_single=True))
        result = out.getvalue()
        if template.page == 1:
            break
    return result
