"""A one-page A4 form (登记表 / 审批表) for printing one complaint, lead or case."""
from __future__ import annotations

import io
from typing import Any, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from services.errors import ValidationError
from services.reporting.fonts import FontChoice, find_cjk_font, register_reportlab_font
from services.reporting.pdf_form import numbered_canvas

MARGIN_X = 20 * mm
CONTENT_W = A4[0] - 2 * MARGIN_X
LABEL_W = 34 * mm
SHADE = colors.Color(0.93, 0.93, 0.93)
# Body font sizes tried in turn until the form fits on one page.
SIZES = (11.0, 10.0, 9.0, 8.0, 7.5)

Sections = Sequence[tuple[str, Sequence[tuple[str, str]]]]


def _check(title: Any, org_name: Any, sections: Any) -> None:
    if not isinstance(title, str) or not title.strip():
        raise ValidationError("表格标题不能为空。", field="title")
    if not isinstance(org_name, str):
        raise ValidationError("单位名称格式不对。", field="org_name")
    if not isinstance(sections, (list, tuple)):
        raise ValidationError("表格内容格式不对：应为若干（栏目名, 若干（项目, 内容））。", field="sections")
    for n, section in enumerate(sections, start=1):
        if (not isinstance(section, (list, tuple)) or len(section) != 2 or not isinstance(section[0], str)
                or not isinstance(section[1], (list, tuple))):
            raise ValidationError(f"表格第 {n} 栏格式不对：应为（栏目名, 若干（项目, 内容））。", field="sections")
        for item in section[1]:
            if not isinstance(item, (list, tuple)) or len(item) != 2 or not isinstance(item[0], str):
                raise ValidationError(f"表格“{section[0]}”栏中有一项格式不对：应为（项目, 内容）。",
                                      field="sections")


def _story(title: str, org_name: str, sections: Sections, footer_note: str, font: str,
           size: float) -> list[Flowable]:
    lead = size * (1.45 if size >= 10 else 1.3)
    pad = size * (0.4 if size >= 10 else 0.25)
    title_style = ParagraphStyle("t", fontName=font, fontSize=size + 8, leading=size + 14,
                                 alignment=TA_CENTER, wordWrap="CJK")
    org_style = ParagraphStyle("o", fontName=font, fontSize=size, leading=lead, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName=font, fontSize=size, leading=lead, wordWrap="CJK")
    label = ParagraphStyle("l", parent=cell, alignment=TA_CENTER)
    head = ParagraphStyle("h", parent=cell, fontSize=size + 0.5, alignment=TA_LEFT)

    story: list[Flowable] = [Paragraph(escape(title), title_style), Spacer(1, 4 * mm)]
    if org_name:
        story += [Paragraph(escape(f"单位：{org_name}"), org_style), Spacer(1, 1.5 * mm)]
    data: list[list[Any]] = []
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),
    ]
    for name, items in sections:
        r = len(data)
        data.append([Paragraph(escape(name), head), ""])
        style += [("SPAN", (0, r), (1, r)), ("BACKGROUND", (0, r), (1, r), SHADE)]
        for key, value in items:
            text = escape("" if value is None else str(value)).replace("\n", "<br/>")
            # An empty value (an opinion or approval still to be written) gets room for handwriting.
            body: Flowable = Paragraph(text, cell) if text.strip() else Spacer(1, lead * 2.5)
            data.append([Paragraph(escape(key), label), body])
            style.append(("BACKGROUND", (0, len(data) - 1), (0, len(data) - 1), colors.Color(0.97, 0.97, 0.97)))
    if data:
        table = Table(data, colWidths=[LABEL_W, CONTENT_W - LABEL_W])
        table.setStyle(TableStyle(style))
        story.append(table)

    # Plain strings keep their ideographic spaces; the blanks are underlined for handwriting.
    date_blank = "\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
    row = ["承办人：", "", "审批人：", "", "日期：", date_blank]
    widths = [16 * mm, 34 * mm, 16 * mm, 34 * mm, 12 * mm]
    widths.append(CONTENT_W - sum(widths))
    signs = Table([row], colWidths=widths, rowHeights=[size * 2.2])
    signs.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, size),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                               ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                               ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black)]))
    story += [Spacer(1, (9 if size >= 10 else 5) * mm), signs]
    if footer_note:
        note = ParagraphStyle("n", parent=cell, fontSize=size - 1.5, leading=(size - 1.5) * 1.4,
                              textColor=colors.Color(0.3, 0.3, 0.3))
        story += [Spacer(1, 5 * mm), Paragraph(escape(footer_note).replace("\n", "<br/>"), note)]
    return story


def render_item_sheet(title: str, org_name: str, sections: Sections, *, footer_note: str = "",
                      font: FontChoice | None = None) -> bytes:
    """The form as PDF bytes; shrinks the type to stay on one page, pages only if even that fails."""
    _check(title, org_name, sections)
    font_name = register_reportlab_font(font or find_cjk_font())
    result = b""
    for size in SIZES:
        out = io.BytesIO()
        template = SimpleDocTemplate(
            out, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=18 * mm,
            bottomMargin=18 * mm, title=title, author=org_name, subject=title, creator="jijian-desk",
            invariant=1, lang="zh-CN", initialFontName=font_name, initialFontSize=size)
        template.build(_story(title, org_name, sections, footer_note, font_name, size),
                       canvasmaker=numbered_canvas(font_name, skip_single=True))
        result = out.getvalue()
        if template.page == 1:
            break
    return result
