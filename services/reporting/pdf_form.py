"""The monthly report as a print-ready A4 PDF form (ReportLab), deterministic for hashing and signing."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from services.reporting.form_foot import foot_lines, mark_texts
from services.reporting.fonts import FontChoice, find_cjk_font, register_reportlab_font
from services.reporting.layout import (COLUMN_TITLES, HEADLINE_KEYS, NONE_TEXT, format_count, format_pct,
                                       get_figure, iter_form_lines, period_text, report_title, row_for,
                                       validate_document)

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
SIGNATURE_W = 62 * mm   # room for a round 4 cm seal plus its caption
SIGNATURE_H = 42 * mm
GRID = colors.black
SHADE = colors.Color(0.9, 0.9, 0.9)

@dataclass
class Styles:
    font: str
    title: ParagraphStyle = field(init=False)
    body: ParagraphStyle = field(init=False)
    cell: ParagraphStyle = field(init=False)
    small: ParagraphStyle = field(init=False)
    heading: ParagraphStyle = field(init=False)

    def __post_init__(self) -> None:
        base = dict(fontName=self.font, wordWrap="CJK")
        self.title = ParagraphStyle("title", fontSize=18, leading=24, alignment=TA_CENTER, **base)
        self.heading = ParagraphStyle("heading", fontSize=12, leading=18, spaceBefore=8, spaceAfter=3, **base)
        self.body = ParagraphStyle("body", fontSize=10.5, leading=17, firstLineIndent=21, **base)
        self.cell = ParagraphStyle("cell", fontSize=9.5, leading=11.5, **base)
        self.small = ParagraphStyle("small", fontSize=9, leading=12, **base)

    def cell_style(self, indent: int = 0, align: int = TA_LEFT) -> ParagraphStyle:
        return ParagraphStyle(f"cell{indent}{align}", parent=self.cell, leftIndent=indent * 9.5,
                              alignment=align)


def numbered_canvas(font_name: str, note: str = "", *, skip_single: bool = False) -> type[rl_canvas.Canvas]:
    """A canvas class that prints "第 X 页 共 Y 页" (and an optional left note) on every page.

    With ``skip_single`` a one-page document gets no page number.
    """

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                if skip_single and total == 1:
                    super().showPage()
                    continue
                self.setFont(font_name, 9)
                self.setFillColor(colors.black)
                self.drawCentredString(PAGE_W / 2, 10 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
                if note:
                    self.setFillColor(colors.Color(0.35, 0.35, 0.35))
                    self.drawString(MARGIN_X, 10 * mm, note)
                super().showPage()
            super().save()

    return NumberedCanvas


class SignatureSpace(Flowable):
    """An empty area reserved for the visible signature stamp; records where it was drawn."""

    def __init__(self, width: float, height: float, font_name: str,
                 on_draw: Callable[[int, tuple[float, float, float, float]], None] | None = None):
        super().__init__()
        self.width, self.height = width, height
        self.font_name = font_name
        self.on_draw = on_draw

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        if self.on_draw:
            self.on_draw(self.canv.getPageNumber() - 1, (x, y, x + self.width, y + self.height))
        self.canv.setFont(self.font_name, 8)
        self.canv.setFillColor(colors.Color(0.45, 0.45, 0.45))
        self.canv.drawCentredString(self.width / 2, -10, "（电子签章处）")


def _figures_table(doc: dict[str, Any], st: Styles) -> Table:
    figures = doc["figures"]
    header = [Paragraph(t, st.cell_style(align=TA_CENTER)) for t in COLUMN_TITLES]
    data: list[list[Any]] = [header]
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), st.font, 9.5, 11.5),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 1.2, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (1, -1), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.9),
        ("RIGHTPADDING", (2, 1), (-1, -1), 6),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
    ]
    section_start = 1
    for line in iter_form_lines():
        r = len(data)
        if line.kind == "section":
            if r > section_start:  # a page break never splits a section
                style.append(("NOSPLIT", (0, section_start), (-1, r - 1)))
            section_start = r
            data.append([Paragraph(escape(line.text), st.cell)] + [""] * 5)
            style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), colors.Color(0.96, 0.96, 0.96))]
        elif line.kind == "group":
            data.append([Paragraph(escape(line.text), st.cell_style(line.indent))] + [""] * 5)
        else:
            assert line.row is not None
            fig = get_figure(figures, line.row.key)
            data.append([Paragraph(escape(line.text), st.cell_style(line.indent)), line.row.unit,
                         format_count(fig["month"]), format_count(fig["ytd"]),
                         format_count(fig["ytd_last_year"]), format_pct(fig.get("change_pct"))])
    style.append(("NOSPLIT", (0, section_start), (-1, len(data) - 1)))
    widths = [70 * mm, 14 * mm, 21 * mm, 23 * mm, 23 * mm, CONTENT_W - 151 * mm]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _townships_flowables(doc: dict[str, Any], st: Styles) -> list[Flowable]:
    towns = doc.get("townships") or []
    if not towns:
        return []
    heads = ["序号", "乡镇", "报送", "版次"] + [row_for(k).label for k in HEADLINE_KEYS]
    data: list[list[Any]] = [[Paragraph(escape(h), st.cell_style(align=TA_CENTER)) for h in heads]]
    for n, town in enumerate(towns, start=1):
        values: list[str] = []
        for key in HEADLINE_KEYS:
            figs = town.get("figures") if town.get("submitted") else None
            values.append(format_count(get_figure(figs, key)["ytd"]) if figs else NONE_TEXT)
        revision = town.get("revision")
        data.append([str(n), Paragraph(escape(str(town.get("name", ""))), st.cell),
                     "已报送" if town.get("submitted") else "未报送",
                     str(revision) if town.get("submitted") and revision else NONE_TEXT] + values)
    widths = [11 * mm, 34 * mm, 16 * mm, 12 * mm] + [(CONTENT_W - 73 * mm) / len(HEADLINE_KEYS)] * len(HEADLINE_KEYS)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st.font, 9.5, 11.5),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 1.2, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (3, -1), "CENTER"),
        ("ALIGN", (4, 1), (-1, -1), "RIGHT"),
        ("RIGHTPADDING", (4, 1), (-1, -1), 6),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
    ]))
    missing = [str(t.get("name", "")) for t in towns if not t.get("submitted")]
    note = ("未报送乡镇（{} 个）：{}".format(len(missing), "、".join(missing)) if missing
            else "各乡镇均已报送。")
    return [Paragraph("各乡镇报送情况（元至本月）", st.heading), table, Spacer(1, 3),
            Paragraph(escape(note), st.small)]


def _narrative_flowables(doc: dict[str, Any], st: Styles) -> list[Flowable]:
    text = str(doc.get("narrative") or "").replace("\r\n", "\n").strip()
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()] or ["无。"]
    return [Paragraph("情况说明", st.heading)] + [Paragraph(escape(p), st.body) for p in paragraphs]


def _foot_flowable(doc: dict[str, Any], st: Styles,
                   on_draw: Callable[[int, tuple[float, float, float, float]], None] | None) -> Flowable:
    """The official foot (form_foot): the signing lines beside the seal space, 表号 and 制表机关 below."""
    line_style = ParagraphStyle("foot", parent=st.body, firstLineIndent=0, leading=15)
    lines = foot_lines(doc)
    left_w = CONTENT_W - SIGNATURE_W - 6 * mm
    left = Table([[Paragraph(escape(line.text), line_style)] for line in lines], colWidths=[left_w])
    left.setStyle(TableStyle(
        [("FONT", (0, 0), (-1, -1), st.font, 10),
         ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
         ("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
        + [("LINEBELOW", (0, i), (0, i), 0.6, GRID) for i, line in enumerate(lines) if line.signed]))
    stamp = SignatureSpace(SIGNATURE_W, SIGNATURE_H, st.font, on_draw)
    table = Table([[left, "", stamp]], colWidths=[left_w, 6 * mm, SIGNATURE_W])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st.font, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 14),
    ]))
    number, authority = mark_texts(doc)
    mark_style = ParagraphStyle("mark", parent=st.small, alignment=TA_LEFT)
    marks = Table([[Paragraph(escape(number), mark_style),
                    Paragraph(escape(authority), ParagraphStyle("mark_r", parent=mark_style, alignment=TA_RIGHT))]],
                  colWidths=[CONTENT_W / 2, CONTENT_W / 2])
    marks.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), st.font, 9), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("LINEABOVE", (0, 0), (-1, 0), 0.5, GRID), ("TOPPADDING", (0, 0), (-1, -1), 3)]))
    return KeepTogether([Spacer(1, 10), table, marks])


def _header_line(doc: dict[str, Any], st: Styles) -> Table:
    cells = [f"填报单位：{doc['org']['name']}", f"报告期：{period_text(doc['period'])}"]
    right = []
    if doc.get("revision", 1) > 1:
        right.append(f"修订版次：第 {doc['revision']} 版")
    if not doc.get("finalized"):
        right.append("（草稿）")
    cells.append(" ".join(right))
    aligns = (TA_LEFT, TA_CENTER, TA_RIGHT)
    row = [Paragraph(escape(t), ParagraphStyle(f"h{i}", parent=st.body, firstLineIndent=0, alignment=a))
           for i, (t, a) in enumerate(zip(cells, aligns))]
    table = Table([row], colWidths=[CONTENT_W * 0.42, CONTENT_W * 0.29, CONTENT_W * 0.29])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), st.font, 10),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _render(doc: dict[str, Any], font: FontChoice | None
            ) -> tuple[bytes, tuple[int, tuple[float, float, float, float]]]:
    validate_document(doc)
    font_name = register_reportlab_font(font or find_cjk_font())
    st = Styles(font_name)
    title = report_title(doc)
    period = period_text(doc["period"])
    boxes: list[tuple[int, tuple[float, float, float, float]]] = []

    story: list[Flowable] = [Paragraph(escape(title), st.title), Spacer(1, 4), _header_line(doc, st),
                             _figures_table(doc, st)]
    story += _townships_flowables(doc, st)
    story += _narrative_flowables(doc, st)
    story.append(_foot_flowable(doc, st, lambda page, rect: boxes.append((page, rect))))

    out = io.BytesIO()
    template = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=f"{doc['org']['name']} {period} {title}",
        author=doc["org"]["name"], subject=f"{period} {title}（第 {doc['revision']} 版）",
        creator="jijian-desk", keywords=[doc["org"].get("code") or "", doc["period"]],
        invariant=1, lang="zh-CN", initialFontName=font_name, initialFontSize=10)
    note = f"{doc['org']['name']} · {period}"
    template.build(story, canvasmaker=numbered_canvas(font_name, note))
    return out.getvalue(), boxes[-1]


def render_report_pdf(doc: dict[str, Any], *, font: FontChoice | None = None) -> bytes:
    """The report as PDF bytes; the same document and font always give the same bytes."""
    return _render(doc, font)[0]


def signature_box(doc: dict[str, Any], *, font: FontChoice | None = None
                  ) -> tuple[int, tuple[float, float, float, float]]:
    """(0-based page index, (x1, y1, x2, y2) in PDF points) of the empty stamp area on the last page."""
    return _render(doc, font)[1]
