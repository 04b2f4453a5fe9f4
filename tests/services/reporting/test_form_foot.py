"""The printed form's official foot: 单位（盖章）, 负责人 signing line, 审核人, 填表人, 表号 and 制表机关."""
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.lib.units import mm

from services.errors import ValidationError
from services.reporting import monthly_report as mr
from services.storage import settings

PERIOD = "2026-10"
FOOT = ["单位（盖章）：青山镇纪委", "负责人（签字）：王书记", "审核人：周建平", "填表人：李会计",
        "联系电话：0871-6543210", "填报日期：2026年11月2日"]
MARKS = ["表号：纪信月报1表", "制表机关：云岭县纪委监委"]


@pytest.fixture
def marked(ws):
    with ws.transaction() as s:
        settings.put(s, settings.REPORT_FORM_NUMBER, "纪信月报1表")
        settings.put(s, settings.REPORT_FORM_AUTHORITY, "云岭县纪委监委")
        settings.put(s, settings.REPORT_REVIEWER, "默认审核人")
    return ws


def _lines_with_y(page) -> list[tuple[float, str]]:
    """Text runs of a page joined into lines by their baseline (pypdf splits CJK runs)."""
    runs: dict[float, str] = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            y = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1)
            runs[y] = runs.get(y, "") + text.strip()
    page.extract_text(visitor_text=visit)
    return sorted(runs.items(), reverse=True)


def test_settings_and_the_draft_fill_the_foot_and_the_frozen_revision_prints_it(marked):
    ws = marked
    assert mr.build_document(ws, PERIOD)["footer"]["reviewer"] == "默认审核人"     # the setting, until the draft says
    mr.save_draft(ws, PERIOD, "说明。", {"leader": "王书记", "reviewer": "周建平", "preparer": "李会计",
                                        "phone": "0871 6543210", "date": "2026-11-02"})
    frozen = mr.get_revision(ws, PERIOD, mr.finalize(ws, PERIOD).revision)
    assert frozen.document["footer"] == {"leader": "王书记", "reviewer": "周建平", "preparer": "李会计",
                                         "phone": "0871-6543210", "date": "2026-11-02",
                                         "form_number": "纪信月报1表", "form_authority": "云岭县纪委监委"}

    reader = PdfReader(io.BytesIO(frozen.pdf))
    last = reader.pages[-1]
    lines = _lines_with_y(last)
    texts = [t for _, t in lines]
    start = texts.index(FOOT[0])
    # the signing lines in order, the seal caption beside them, then 表号 and 制表机关 on one line
    assert [t for t in texts[start:] if t != "（电子签章处）"][:len(FOOT) + 1] == FOOT + ["".join(MARKS)]
    assert all(t not in "".join(p.extract_text() for p in reader.pages[:-1]) for t in FOOT)  # kept together
    bottom = min(y for y, t in lines if t in FOOT + ["".join(MARKS)])
    assert bottom > 18 * mm                                 # above the bottom margin and the page number
    assert max(y for y, t in lines if t in FOOT) < float(last.mediabox.height) - 14 * mm

    wb = load_workbook(io.BytesIO(frozen.xlsx))
    sheet = wb["月报"]
    values = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    i = values.index(FOOT[0])
    assert [v for v in values[i:] if v] == FOOT + [MARKS[0]]
    assert sheet.cell(sheet.max_row, 4).value == MARKS[1]
    assert sheet.print_area.endswith(f"$A$1:$F${sheet.max_row}")     # the foot is printed with the form


def test_a_bad_foot_item_is_refused_in_chinese_and_nothing_is_saved(marked):
    ws = marked
    with pytest.raises(ValidationError) as refused:
        mr.save_draft(ws, PERIOD, "说明。", {"reviewer": "审" * 41, "signer": "某人"})
    assert refused.value.message == "月报表尾没有这些项目：signer；审核人不能超过40个字（当前41个字）"
    assert mr.build_document(ws, PERIOD)["footer"]["reviewer"] == "默认审核人"
    assert mr.build_document(ws, PERIOD)["narrative"] == ""


def test_an_earlier_revision_without_the_new_items_still_renders(marked):
    from services.reporting import excel_form, pdf_form
    from tests.helpers.report_sample import sample_document
    doc = sample_document(footer={"leader": "李明华", "preparer": "王晓红", "phone": "0871-6543210",
                                  "date": "2026-12-01"})
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_form.render_report_pdf(doc))).pages)
    assert "审核人：" in text and "表号：" in text and "填表人：王晓红" in text
    wb = load_workbook(io.BytesIO(excel_form.render_report_xlsx(doc)))
    assert "审核人：" in [c.value for c in wb["月报"]["A"]] and "填报日期：2026年12月1日" in text
