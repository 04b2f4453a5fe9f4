"""定稿 and 更正: frozen snapshots with their hash, revisions that stay visible, who may do what."""
import datetime as dt
import hashlib
import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select, update

from models import ReportRevision
from services.errors import IntegrityFailure, NotFoundError, PermissionDenied, StateError, ValidationError
from services.reporting import monthly_report as mr
from services.reporting.layout import SCHEMA, get_figure
from services.security import audit
from services.storage import settings
from tests.conftest import sign_in_as

D = dt.date
PERIOD = "2026-10"


def pdf_tokens(pdf: bytes) -> list[str]:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return [t.strip() for t in text.splitlines() if t.strip()]


def row(tokens: list[str], label: str) -> list[str]:
    i = tokens.index(label)
    return tokens[i + 1:i + 6]


def xlsx_data(xlsx: bytes) -> dict[str, tuple]:
    wb = load_workbook(io.BytesIO(xlsx), read_only=True)
    rows = list(wb["数据"].iter_rows(min_row=2, values_only=True))
    wb.close()
    return {r[0]: tuple(r[2:6]) for r in rows}


@pytest.fixture
def october(build):
    with build() as b:
        for day in (D(2026, 10, 3), D(2026, 10, 31), D(2026, 4, 1)):
            b.complaint(day)
        b.complaint(D(2025, 7, 7), channel="visit")


def test_draft_document_shape(ws, october):
    with ws.transaction() as s:
        settings.put(s, settings.REPORT_LEADER, "王书记")
        settings.put(s, settings.REPORT_PHONE, "0871-6543210")
    doc = mr.build_document(ws, PERIOD)
    assert doc["schema"] == SCHEMA
    assert doc["org"] == {"name": "青山镇纪委", "code": "QS001", "county": "云岭县纪委", "mode": "township"}
    assert (doc["period"], doc["revision"], doc["finalized"], doc["narrative"]) == (PERIOD, 1, False, "")
    assert doc["footer"] == {"leader": "王书记", "reviewer": "", "preparer": "", "phone": "0871-6543210",
                             "date": "2026-11-20", "form_number": "", "form_authority": ""}
    assert get_figure(doc["figures"], "complaints_received") == {
        "month": 2, "ytd": 3, "ytd_last_year": 1, "change_pct": 200.0}
    assert mr.revisions(ws, PERIOD) == []
    with pytest.raises(NotFoundError, match="尚未定稿"):
        mr.get_revision(ws, PERIOD)


def test_finalize_freezes_figures_text_pdf_and_excel(ws, october, build):
    mr.save_draft(ws, PERIOD, "本月受理信访举报2件。\n下一步加强督办。",
                  {"leader": "王书记", "preparer": "李会计", "phone": "0871 6543210", "date": "2026-11-02"})
    view = mr.finalize(ws, PERIOD, note="按时报送")
    assert (view.revision, view.status, view.note, view.finalized_by) == (1, "finalized", "按时报送", "王书记")

    frozen = mr.get_revision(ws, PERIOD)
    doc = frozen.document
    assert doc["finalized"] is True and doc["revision"] == 1
    assert doc["footer"] == {"leader": "王书记", "reviewer": "", "preparer": "李会计", "phone": "0871-6543210",
                             "date": "2026-11-02", "form_number": "", "form_authority": ""}
    assert frozen.view.sha256 == mr.snapshot_digest(frozen.document_json, frozen.pdf, frozen.xlsx)
    expected = hashlib.sha256(
        (f"{SCHEMA}\ndocument:{hashlib.sha256(frozen.document_json.encode()).hexdigest()}\n"
         f"pdf:{hashlib.sha256(frozen.pdf).hexdigest()}\nxlsx:{hashlib.sha256(frozen.xlsx).hexdigest()}\n").encode()
    ).hexdigest()
    assert frozen.view.sha256 == expected
    assert json.loads(frozen.document_json) == doc

    toks = pdf_tokens(frozen.pdf)
    assert "填报单位：青山镇纪委" in toks and "报告期：2026年10月" in toks
    assert row(toks, "收到信访举报") == ["件", "2", "3", "1", "200.0"]
    assert "（草稿）" not in "".join(toks) and "下一步加强督办。" in "".join(toks)
    assert xlsx_data(frozen.xlsx)["complaints_received"] == (2, 3, 1, 200.0)

    # More data arrives: the finalized report does not move.
    with build() as b:
        b.complaint(D(2026, 10, 15))
    again = mr.get_revision(ws, PERIOD)
    assert (again.pdf, again.xlsx, again.document_json) == (frozen.pdf, frozen.xlsx, frozen.document_json)
    assert get_figure(mr.build_document(ws, PERIOD)["figures"], "complaints_received")["month"] == 2
    assert mr.export_pdf(ws, PERIOD) == frozen.pdf

    with pytest.raises(StateError, match="已经定稿，不能重复定稿"):
        mr.finalize(ws, PERIOD)
    with pytest.raises(StateError, match="已定稿，不能再修改"):
        mr.save_draft(ws, PERIOD, "改一下")
    with ws.reading() as s:
        events = audit.events_for(s, "monthly_report", PERIOD)
        assert [e.action for e in events] == ["report.edit", "report.finalize"]
        assert json.loads(events[-1].detail_json)["sha256"] == view.sha256
        assert audit.verify_chain(s).ok


def test_correction_is_a_new_revision_and_history_stays(ws, october, build):
    first = mr.finalize(ws, PERIOD)
    with pytest.raises(ValidationError, match="请填写更正原因"):
        mr.correct(ws, PERIOD, "  ")
    with build() as b:
        b.complaint(D(2026, 10, 20))   # a letter registered late
    opened = mr.correct(ws, PERIOD, "漏登一件来信")
    assert (opened.revision, opened.status, opened.correction_reason) == (2, "open", "漏登一件来信")
    with pytest.raises(StateError, match="已在更正中"):
        mr.correct(ws, PERIOD, "再次更正")

    history = mr.revisions(ws, PERIOD)
    assert [(v.revision, v.status) for v in history] == [(1, "finalized"), (2, "open")]
    draft = mr.build_document(ws, PERIOD)
    assert (draft["revision"], draft["finalized"]) == (2, False)
    assert draft["correction"] == {"supersedes": 1, "reason": "漏登一件来信"}
    assert get_figure(draft["figures"], "complaints_received")["month"] == 3
    mr.save_draft(ws, PERIOD, "更正：补登来信一件。")  # editable again while correcting

    second = mr.finalize(ws, PERIOD, note="更正后重报")
    history = mr.revisions(ws, PERIOD)
    assert [(v.revision, v.status, v.correction_reason) for v in history] == [
        (1, "superseded", ""), (2, "finalized", "漏登一件来信")]
    assert history[0].sha256 == first.sha256 and second.sha256 != first.sha256

    rev1, rev2 = mr.get_revision(ws, PERIOD, 1), mr.get_revision(ws, PERIOD)
    assert get_figure(rev1.document["figures"], "complaints_received")["month"] == 2
    assert get_figure(rev2.document["figures"], "complaints_received")["month"] == 3
    assert rev2.document["revision"] == 2 and rev2.document["narrative"] == "更正：补登来信一件。"
    toks = pdf_tokens(rev2.pdf)
    assert "修订版次：第 2 版" in toks and row(toks, "收到信访举报")[:2] == ["件", "3"]
    assert mr.build_document(ws, PERIOD)["revision"] == 2
    with pytest.raises(NotFoundError, match="没有第 3 版"):
        mr.get_revision(ws, PERIOD, 3)
    with ws.reading() as s:
        actions = [e.action for e in audit.events_for(s, "monthly_report", PERIOD)]
    assert actions == ["report.finalize", "report.correct", "report.edit", "report.finalize"]


def test_officer_cannot_finalize_or_correct_but_can_edit(ws, october):
    sign_in_as(ws, "zhou", ["officer"])
    mr.save_draft(ws, PERIOD, "办案人员起草的说明")
    with pytest.raises(PermissionDenied, match="月报定稿与更正"):
        mr.finalize(ws, PERIOD)
    with pytest.raises(PermissionDenied):
        mr.correct(ws, PERIOD, "理由")
    assert mr.revisions(ws, PERIOD) == []
    assert mr.build_document(ws, PERIOD)["narrative"] == "办案人员起草的说明"


def test_refusals_with_nothing_written(ws):
    with ws.reading() as s:
        before = audit.count(s)
    with pytest.raises(StateError, match="尚未定稿"):
        mr.correct(ws, PERIOD, "无")
    with pytest.raises(StateError, match="尚未开始"):
        mr.finalize(ws, "2026-12")
    with pytest.raises(ValidationError, match="报告期格式不正确"):
        mr.finalize(ws, "2026-1")
    with pytest.raises(ValidationError) as err:
        mr.save_draft(ws, PERIOD, "x" * 5001, {"phone": "123", "date": "2099-01-01", "seal": "?"})
    fields = {p.field for p in err.value.problems}
    assert {"narrative", "footer.phone", "footer.date", "footer"} <= fields
    with ws.reading() as s:
        assert audit.count(s) == before
        assert s.execute(select(ReportRevision)).first() is None


def test_tampered_snapshot_is_detected(ws, october):
    mr.finalize(ws, PERIOD)
    with ws.transaction() as s:
        s.execute(update(ReportRevision).values(document_json=ReportRevision.document_json + " "))
    with pytest.raises(IntegrityFailure) as refused:
        mr.get_revision(ws, PERIOD)
    assert refused.value.message == "2026年10月月报第 1 版的存档与定稿时的校验码不符，可能已被改动"


def test_footer_items_change_only_when_given(ws):
    with ws.transaction() as s:
        settings.put(s, settings.REPORT_PREPARER, "默认填报人")
    mr.save_draft(ws, PERIOD, "初稿", {"leader": "王书记", "phone": "13812345678"})
    mr.save_draft(ws, PERIOD, "二稿")
    doc = mr.build_document(ws, PERIOD)
    assert doc["narrative"] == "二稿"
    assert doc["footer"] == {"leader": "王书记", "reviewer": "", "preparer": "默认填报人", "phone": "13812345678",
                             "date": "2026-11-20", "form_number": "", "form_authority": ""}
    mr.save_draft(ws, PERIOD, "三稿", {"phone": ""})
    assert mr.build_document(ws, PERIOD)["footer"]["phone"] == ""
