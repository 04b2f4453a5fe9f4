"""The monthly report PDF, read back with pypdf and poppler, and the CJK font finder."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from services.errors import ValidationError
from services.reporting.fonts import CID_FALLBACK, extract_ttf_face, find_cjk_font, register_reportlab_font
from services.reporting.pdf_form import render_report_pdf, signature_box
from tests.helpers.report_sample import sample_county_document, sample_document

WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def tokens(page_text: str) -> list[str]:
    return [t.strip() for t in page_text.splitlines() if t.strip()]


def row_values(all_tokens: list[str], label: str) -> list[str]:
    i = all_tokens.index(label)
    return all_tokens[i + 1:i + 6]


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@pytest.fixture(scope="module")
def font():
    choice = find_cjk_font()
    assert choice.embedded and choice.path, choice.warning
    return choice


@pytest.fixture(scope="module")
def town_pdf(font, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "town.pdf"
    path.write_bytes(render_report_pdf(sample_document(), font=font))
    return path


def test_fonts_are_all_embedded(town_pdf):
    fonts = pdffonts(town_pdf)
    assert fonts
    for row in fonts:
        name, emb = row[0], row[-5]
        assert emb == "yes", f"{name} not embedded"
        assert "WenQuanYi" in name or "ZenHei" in name or "Sim" in name or "UMing" in name


def test_text_has_title_org_period_and_figures(town_pdf):
    reader = PdfReader(town_pdf)
    pages = [p.extract_text() for p in reader.pages]
    toks = tokens("\n".join(pages))
    assert toks[0] == "信访举报及案件办理情况月报"
    assert "填报单位：青山镇纪委" in toks and "报告期：2026年11月" in toks
    assert row_values(toks, "收到信访举报") == ["件", "23", "187", "164", "14.0"]
    assert row_values(toks, "诫勉") == ["人", "3", "41", "21", "95.2"]
    assert "受理信访举报" not in toks and "诫勉谈话" not in toks
    assert "初核" not in toks and row_values(toks, "初步核实") == ["件", "5", "49", "33", "48.5"]   # once only
    assert row_values(toks, "来信") == ["件", "7", "61", "58", "5.2"]
    assert row_values(toks, "第一种形态") == ["人次", "11", "96", "80", "20.0"]
    assert row_values(toks, "追究问责") == ["名", "0", "4", "8", "-50.0"]
    # Last year 0: no base for a change.
    assert row_values(toks, "立案") == ["件", "3", "29", "0", "—"]
    assert "修订版次" not in "".join(toks)
    n = len(reader.pages)
    for i, text in enumerate(pages, start=1):
        assert f"第 {i} 页 共 {n} 页" in text
    assert "负责人（签字）：李明华" in toks and "填报日期：2026年12月1日" in toks
    assert "下一步将加大对重复件的督办力度" in pages[-1]
    # The column header repeats on each page.
    for text in pages:
        assert "元至本月" in text and "同比增减(%)" in text


def test_metadata(town_pdf):
    meta = PdfReader(town_pdf).metadata
    assert meta.title == "青山镇纪委 2026年11月 信访举报及案件办理情况月报"
    assert meta.author == "青山镇纪委"
    assert "2026年11月" in meta.subject


def test_same_document_same_bytes(font, town_pdf):
    assert render_report_pdf(sample_document(), font=font) == town_pdf.read_bytes()


def test_long_narrative_spans_pages_with_correct_numbers(font, tmp_path):
    sentence = "本月严格落实信访举报分级负责、归口办理制度，对群众反映强烈的问题优先处置。"
    paragraphs = [f"第{i}段：" + sentence * 4 for i in range(1, 21)]
    narrative = "\n".join(paragraphs)
    assert len(narrative) >= 3000
    path = tmp_path / "long.pdf"
    path.write_bytes(render_report_pdf(sample_document(narrative=narrative), font=font))
    reader = PdfReader(path)
    n = len(reader.pages)
    assert n >= 4
    texts = [p.extract_text() for p in reader.pages]
    for i, text in enumerate(texts, start=1):
        assert f"第 {i} 页 共 {n} 页" in text
    joined = "".join(texts).replace("\n", "")
    assert "第1段：" in joined and "第20段：" in joined
    assert "填表人：王晓红" in texts[-1]


def _text_positions(page) -> list[tuple[float, float, str]]:
    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text))

    page.extract_text(visitor_text=visit)
    return found


def test_signature_box_is_empty_space_on_the_last_page(font, town_pdf):
    page_index, (x1, y1, x2, y2) = signature_box(sample_document(), font=font)
    reader = PdfReader(town_pdf)
    assert page_index == len(reader.pages) - 1
    page = reader.pages[page_index]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert 0 < x1 < x2 <= width and 0 < y1 < y2 <= height
    assert x2 - x1 >= 150 and y2 - y1 >= 100   # room for a 4 cm seal
    assert x1 > width / 2                      # bottom right
    positions = _text_positions(page)
    assert "负责人（签字）：李明华" in "".join(t for _, _, t in positions)
    inside = [t for x, y, t in positions if x1 - 1 < x < x2 and y1 - 1 < y < y2]
    assert inside == []
    # To the right, below the box, there is only its caption and, below the foot, 制表机关.
    below = "".join(t.strip() for x, y, t in positions if y < y1 and x > x1 and y > 15 * mm)  # above the page number
    assert below == "（电子签章处）制表机关：青山县纪委监委"


def test_county_report_has_township_table_and_missing_list(font, tmp_path):
    path = tmp_path / "county.pdf"
    path.write_bytes(render_report_pdf(sample_county_document(), font=font))
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    toks = tokens(text)
    assert toks[0] == "信访举报及案件办理情况月报汇总表"
    assert "修订版次：第 2 版" in text
    assert "各乡镇报送情况（元至本月）" in toks
    i = toks.index("河西乡")
    assert toks[i + 1:i + 8] == ["已报送", "2", "24", "49", "11", "18", "25"]
    i = toks.index("柳塘镇")
    assert toks[i + 1:i + 3] == ["未报送", "—"]
    assert "未报送乡镇（2 个）：柳塘镇、松口镇" in text


def test_bad_document_raises_and_names_the_problem(font):
    doc = sample_document()
    del doc["figures"]["double_investigation"]["units"]
    with pytest.raises(ValidationError) as exc:
        render_report_pdf(doc, font=font)
    assert "涉及单位" in str(exc.value)


# --- fonts ---------------------------------------------------------------------------------------

def test_system_search_finds_wenquanyi():
    choice = find_cjk_font()
    assert choice.path == WQY and choice.embedded and choice.warning is None
    assert choice.name == "WenQuanYi Zen Hei"


def test_configured_cff_font_is_rejected_with_a_warning():
    choice = find_cjk_font(NOTO)
    assert choice.path == WQY
    assert "不是 TrueType" in choice.warning


def test_configured_truetype_font_wins(tmp_path):
    single = extract_ttf_face(WQY, 1, cache_dir=tmp_path)
    choice = find_cjk_font(str(single))
    assert choice.path == str(single) and choice.warning is None
    assert choice.name == "WenQuanYi Zen Hei Mono"


def test_no_font_found_falls_back_to_cid_font_with_warning(tmp_path):
    choice = find_cjk_font(str(tmp_path / "missing.ttf"), candidates=[NOTO])
    assert choice.name == CID_FALLBACK and choice.path is None and not choice.embedded
    assert "STSong-Light" in choice.warning and "未嵌入" in choice.warning
    assert register_reportlab_font(choice) == register_reportlab_font(choice) == CID_FALLBACK
    path = tmp_path / "cid.pdf"
    path.write_bytes(render_report_pdf(sample_document(), font=choice))
    assert {row[0] for row in pdffonts(path)} == {"STSong-Light"}
    assert "收到信访举报" in PdfReader(path).pages[0].extract_text()


def test_register_is_idempotent(font):
    assert register_reportlab_font(font) == register_reportlab_font(font)


def test_extract_ttf_face_writes_one_cached_truetype_face(tmp_path):
    out = extract_ttf_face(WQY, 0, cache_dir=tmp_path)
    assert out.suffix == ".ttf" and out.parent == tmp_path
    with open(out, "rb") as fh:
        assert fh.read(4) != b"ttcf"
    face = TTFont(out, lazy=True)
    assert "glyf" in face and face.getBestCmap()[ord("纪")]
    mtime = out.stat().st_mtime_ns
    assert extract_ttf_face(WQY, 0, cache_dir=tmp_path) == out
    assert out.stat().st_mtime_ns == mtime
    assert len(list(tmp_path.iterdir())) == 1
    # A plain .ttf is used as it is.
    assert extract_ttf_face(out, 0, cache_dir=tmp_path) == out


def test_extract_ttf_face_bad_input(tmp_path):
    with pytest.raises(ValidationError):
        extract_ttf_face(tmp_path / "none.ttc", 0, cache_dir=tmp_path)
    with pytest.raises(ValidationError) as exc:
        extract_ttf_face(WQY, 9, cache_dir=tmp_path / "c")
    assert "第 10 个" in str(exc.value)
    assert not (tmp_path / "c").exists() or not any((tmp_path / "c").iterdir())
