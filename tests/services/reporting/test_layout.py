"""The shared row table: complete, unique, renderer-free, and the document check."""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest

from services.errors import ValidationError
from services.reporting import layout
from services.reporting.layout import (ROWS, SECTIONS, all_key_paths, get_figure, iter_form_lines, iter_rows,
                                       leaf_key_paths, validate_document)
from tests.helpers.report_sample import sample_county_document, sample_document

REPO = Path(__file__).resolve().parents[3]


def test_every_leaf_of_the_document_is_in_the_layout_exactly_once_and_vice_versa():
    leaves = leaf_key_paths(sample_document()["figures"])
    keys = all_key_paths()
    assert len(keys) == len(set(keys)) == 41
    assert sorted(leaves) == sorted(keys)
    for key in keys:
        assert sum(1 for row in ROWS if row.key == key) == 1


def test_rows_have_labels_units_and_known_sections():
    codes = [s.code for s in SECTIONS]
    assert len(codes) == len(set(codes))
    for row in ROWS:
        assert row.label and row.full_label
        assert row.unit in {"件", "人", "人次", "起", "份", "个", "名"}
        assert row.section in codes
        assert row.indent in (0, 1, 2)
    # Every section has rows, and form order follows the sections.
    assert [r.section for r in ROWS] == sorted((r.section for r in ROWS), key=codes.index)
    assert all(list(iter_rows(code)) for code in codes)
    labels = {row.key: row.label for row in ROWS}
    assert labels["complaints_received"] == "收到信访举报"
    assert labels["admonishment_talks"] == "诫勉"
    assert labels["leads_by_disposition.shelved"] == "暂存待查"
    assert labels["four_forms.form4"] == "第四种形态"
    assert labels["double_investigation.talk_or_inquiry"] == "函询和廉政谈话"
    assert layout.row_for("complaints_by_channel.letter").full_label == "收到信访举报（来信）"


def test_form_lines_put_each_group_caption_once_before_its_rows():
    lines = list(iter_form_lines())
    assert [ln.text for ln in lines if ln.kind == "section"] == [s.title for s in SECTIONS]
    captions = [ln.text for ln in lines if ln.kind == "group"]
    assert captions == ["按来源渠道分：", "按类型分：", "按处置方式分：", "按处理结果分："]
    rows = [ln.row.key for ln in lines if ln.kind == "row"]
    # 初核 is the 初步核实 row of 按处置方式分: the document keeps the figure, the form does not print it twice
    assert rows == [k for k in all_key_paths() if k != "preliminary_verifications"]
    assert not layout.row_for("preliminary_verifications").printed
    assert [ln.text for ln in lines if ln.kind == "row"].count("初步核实") == 1
    assert "初核" not in [ln.text for ln in lines]
    first_channel = next(i for i, ln in enumerate(lines) if ln.row and ln.row.key == "complaints_by_channel.letter")
    assert lines[first_channel - 1].text == "按来源渠道分："


def test_get_figure_reads_nested_paths_and_names_what_is_missing():
    figures = sample_document()["figures"]
    assert get_figure(figures, "complaints_by_channel.letter") == {
        "month": 7, "ytd": 61, "ytd_last_year": 58, "change_pct": 5.2}
    assert get_figure(figures, "cases_filed")["change_pct"] is None
    del figures["four_forms"]["form3"]
    with pytest.raises(ValidationError) as exc:
        get_figure(figures, "four_forms.form3")
    assert "第三种形态" in str(exc.value) and exc.value.field == "four_forms.form3"


def test_formatting_helpers():
    assert layout.format_pct(None) == "—"
    assert layout.format_pct(14) == "14.0"
    assert layout.format_pct(-50.04) == "-50.0"
    assert layout.period_text("2026-01") == "2026年1月"
    assert layout.cn_date("2026-12-01") == "2026年12月1日"


def test_valid_documents_pass():
    validate_document(sample_document())
    validate_document(sample_county_document())


@pytest.mark.parametrize("change, expected", [
    (lambda d: d.update(schema="other/9"), "版本"),
    (lambda d: d.update(period="2026-13"), "报告期"),
    (lambda d: d.update(revision=0), "修订版次"),
    (lambda d: d["org"].update(name=""), "填报单位"),
    (lambda d: d["figures"]["complaints_by_kind"].pop("appeal"), "申诉"),
    (lambda d: d["figures"]["cases_closed"].update(ytd=-1), "结案"),
    (lambda d: d["figures"]["cases_closed"].update(month="3"), "本月数"),
    (lambda d: d["figures"]["public_exposures"].update(change_pct="12%"), "同比增减"),
])
def test_bad_documents_get_a_chinese_message(change, expected):
    doc = copy.deepcopy(sample_document())
    change(doc)
    with pytest.raises(ValidationError) as exc:
        validate_document(doc)
    assert expected in str(exc.value) and str(exc.value).startswith("月报无法生成")


def test_all_problems_are_listed():
    doc = sample_document(period="11/2026")
    doc["figures"]["cases_filed"] = {"month": 1}
    with pytest.raises(ValidationError) as exc:
        validate_document(doc)
    assert len(exc.value.problems) >= 3
    assert "另有" in str(exc.value)


def test_bad_township_figures_are_named():
    doc = sample_county_document()
    del doc["townships"][0]["figures"]["cases_filed"]
    with pytest.raises(ValidationError) as exc:
        validate_document(doc)
    assert "青山镇" in str(exc.value) and "立案" in str(exc.value)


def test_layout_does_not_import_renderers():
    code = ("import sys, services.reporting.layout; "
            "print(any(m.split('.')[0] in ('reportlab', 'openpyxl', 'PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
