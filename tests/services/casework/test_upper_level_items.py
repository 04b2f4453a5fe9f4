"""属上级纪委管辖 items (issue 12; DOMAIN §1, §9; 《纪检监察机关处理检举控告工作规则》第十五条): registered
without their content — the allowed fields only, main problem, identity and attachments refused in Chinese,
nothing stored by a refused registration."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from models import Attachment, Complaint
from services.casework import intake, upper_level
from services.casework.intake import SubjectInput
from services.deadlines import due_list
from services.errors import ValidationError
from services.security import identity
from services.storage import attachments
from tests.services.daily.conftest import complaint_input

D = dt.date
CONTENT = ("属上级纪委管辖的信访件不得复制、摘抄检举控告内容（《纪检监察机关处理检举控告工作规则》第十五条），"
           "请清空“反映的主要问题”；事由请选择问题类别")
IDENTITY = "属上级纪委管辖的信访件只登记署名情况，反映人信息随原件报送上级，请清空反映人姓名、电话、身份证号和地址"
ATTACHMENT = ("属上级纪委管辖的信访件不得留存检举控告材料（《纪检监察机关处理检举控告工作规则》第十五条），"
              "不能添加附件，原件请在5个工作日内报送上级纪委")
SUBJECT = SubjectInput(name="赵书记", unit="青山镇党委", post="书记", rank="township_level", is_party_member=True,
                       is_supervised_object=True)


def _upper(**over):
    """What the form sends for an upper-level item: no content, no identity."""
    base = dict(belongs_upper=True, main_problem="", complainant_name=None, complainant_phone=None,
                complainant_id_number=None, complainant_address=None, subjects=[SUBJECT])
    base.update(over)
    return complaint_input(**base)


def _count(ws) -> int:
    with ws.reading() as s:
        return s.execute(select(func.count()).select_from(Complaint)).scalar_one()


def test_an_upper_level_item_keeps_only_the_allowed_fields(ws):
    v = intake.register_complaint(ws, _upper())   # 实名 as declared on the letter, its identity goes up with it
    assert (v.belongs_upper, v.signature, v.main_problem, v.discipline, v.has_identity) == (
        True, "real_name", "", "integrity", False)
    assert [(x["name"], x["unit"], x["post"], x["rank"]) for x in v.subjects] == [
        ("赵书记", "青山镇党委", "书记", "township_level")]
    assert upper_level.reason_text(v.subjects, v.discipline) == "反映赵书记（青山镇党委 书记）涉嫌违反廉洁纪律问题"
    with ws.reading() as s:
        c = s.get(Complaint, v.id)
        assert (c.main_problem, identity.has_identity(c)) == ("", False)
    (due,) = [r for r in due_list.deadline_of(ws, "complaint", v.id) if r.limit_code == "upper_forward"]
    assert (due.label, due.due) == ("上级管辖件报送上级", D(2026, 11, 9))    # 5 working days from 11-02
    reported = intake.report_up(ws, v.id, D(2026, 11, 4))
    assert (reported.state, reported.state_date) == ("reported_up", D(2026, 11, 4))   # the 报送上级 date


def test_the_content_and_the_identity_are_refused_and_nothing_is_stored(ws):
    with pytest.raises(ValidationError) as exc:
        intake.register_complaint(ws, _upper(main_problem="反映赵书记在工程招标中收受好处费20万元",
                                             complainant_name="张三", complainant_phone="13812345678"))
    assert sorted((p.field, p.message) for p in exc.value.problems) == [
        ("complainant_name", IDENTITY), ("main_problem", CONTENT)]
    assert _count(ws) == 0
    with pytest.raises(ValidationError) as exc:
        intake.register_complaint(ws, _upper(main_problem=" 。"))   # any text at all is content
    assert [(p.field, p.message) for p in exc.value.problems] == [("main_problem", CONTENT)]


def test_an_attachment_is_refused_and_no_file_is_kept(ws, tmp_path):
    v = intake.register_complaint(ws, _upper())
    scan = tmp_path / "举报信扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 the letter itself")
    with pytest.raises(ValidationError) as exc:
        attachments.add_attachment(ws, ("complaint", v.id), scan)
    assert (exc.value.field, exc.value.message) == ("path", ATTACHMENT)
    assert upper_level.ATTACHMENT_REFUSED == ATTACHMENT
    with ws.reading() as s:
        assert s.execute(select(func.count()).select_from(Attachment)).scalar_one() == 0
    stored = ws.data_dir / "attachments"
    assert not stored.exists() or list(stored.iterdir()) == []


def test_ticking_the_box_on_an_edit_needs_the_content_and_the_attachments_gone(ws, tmp_path):
    ordinary = intake.register_complaint(ws, complaint_input(complainant_name=None, complainant_phone=None,
                                                             complainant_id_number=None, complainant_address=None,
                                                             signature="anonymous"))
    scan = tmp_path / "信.pdf"
    scan.write_bytes(b"%PDF-1.4 letter")
    attachments.add_attachment(ws, ("complaint", ordinary.id), scan)
    data = complaint_input(belongs_upper=True, signature="anonymous", complainant_name=None, complainant_phone=None,
                           complainant_id_number=None, complainant_address=None)
    with pytest.raises(ValidationError) as exc:
        intake.update_complaint(ws, ordinary.id, data)
    assert sorted((p.field, p.message) for p in exc.value.problems) == [
        ("belongs_upper", f"本件已有附件。{ATTACHMENT}"), ("main_problem", CONTENT)]
    assert intake.get_complaint(ws, ordinary.id).belongs_upper is False   # nothing changed
