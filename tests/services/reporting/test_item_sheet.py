"""The one-page item sheet (登记表 / 审批表), read back with pypdf."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from services.errors import ValidationError
from services.reporting.fonts import find_cjk_font
from services.reporting.item_sheet import render_item_sheet

LONG = "反映该村党支部书记在2025年危房改造补助资金发放过程中优亲厚友、虚报冒领，" * 10


def sections(long_value: str = LONG):
    return [
        ("基本情况", [("编号", "QS001-2026-0042"), ("收件日期", "2026年11月3日"), ("来源渠道", "来信")]),
        ("被反映人", [("姓名", "张某某"), ("单位及职务", "青山镇柳河村党支部书记")]),
        ("反映的主要问题", [("问题类别", "廉洁纪律"), ("主要问题", long_value)]),
        ("处理意见", [("拟办意见", "建议以谈话函询方式处置。"), ("领导批示", "")]),
    ]


@pytest.fixture(scope="module")
def font():
    return find_cjk_font()


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def test_one_page_with_title_org_values_and_signature_lines(font):
    data = render_item_sheet("信访举报登记表", "青山镇纪委", sections(), footer_note="举报人信息已按规定保密。",
                             font=font)
    reader = read(data)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    lines = [ln.strip() for ln in text.splitlines()]
    assert lines[0] == "信访举报登记表"
    for expected in ("单位：青山镇纪委", "基本情况", "QS001-2026-0042", "2026年11月3日", "张某某",
                     "青山镇柳河村党支部书记", "建议以谈话函询方式处置。", "承办人：", "审批人：", "日期：",
                     "举报人信息已按规定保密。"):
        assert expected in text
    assert "第 1 页" not in text
    assert reader.metadata.title == "信访举报登记表"


def test_long_value_is_wrapped_not_clipped(font):
    reader = read(render_item_sheet("信访举报登记表", "青山镇纪委", sections(), font=font))
    page = reader.pages[0]
    width = float(page.mediabox.width)
    pieces: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font_dict, size):
        if text.strip():
            pieces.append((tm[4] + cm[4], tm[5] + cm[5], text))

    text = page.extract_text(visitor_text=visit)
    lines = [ln.strip() for ln in text.splitlines()]
    assert not any(LONG in ln for ln in lines)                 # more than one line…
    assert LONG.replace("，", "") in "".join(lines).replace("，", "")  # …and nothing lost
    value_lines = {round(y) for x, y, t in pieces if "危房" in t or "虚报" in t}
    assert len(value_lines) >= 4
    assert all(0 < x < width - 40 for x, _, _ in pieces)


def test_crowded_form_shrinks_to_stay_on_one_page(font):
    many = [(f"栏目{i}", [(f"项目{i}-{j}", f"内容{i}-{j}") for j in range(5)]) for i in range(3)]
    reader = read(render_item_sheet("案件审批表", "青山镇纪委", many + sections(), font=font))
    assert len(reader.pages) == 1
    assert "内容2-4" in reader.pages[0].extract_text()


def test_overfull_form_pages_rather_than_drops_content(font):
    huge = [("附记", [(f"第{i}条", LONG) for i in range(12)])]
    reader = read(render_item_sheet("案件审批表", "青山镇纪委", huge, font=font))
    n = len(reader.pages)
    assert n >= 2
    assert f"第 {n} 页 共 {n} 页" in reader.pages[-1].extract_text()
    assert "承办人：" in reader.pages[-1].extract_text()


def test_same_input_same_bytes(font):
    args = ("问题线索处置审批表", "青山镇纪委", sections())
    assert render_item_sheet(*args, font=font) == render_item_sheet(*args, font=font)


@pytest.mark.parametrize("title, secs, expected", [
    ("", sections(), "标题"),
    ("登记表", "不是列表", "格式不对"),
    ("登记表", [("基本情况", [("编号",)])], "基本情况"),
])
def test_bad_input_raises_chinese_error(font, title, secs, expected):
    with pytest.raises(ValidationError) as exc:
        render_item_sheet(title, "青山镇纪委", secs, font=font)
    assert expected in str(exc.value)
