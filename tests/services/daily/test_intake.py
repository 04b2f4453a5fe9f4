import datetime as dt

import pytest
from sqlalchemy import func, select

from models import Attachment, Complaint, ComplaintSubject, Lead, Person
from services.casework import intake
from services.casework.intake import SubjectInput
from services.errors import PermissionDenied, StateError, ValidationError
from services.security import audit
from services.storage import attachments, settings
from tests.services.daily.conftest import VALID_ID, complaint_input

pytestmark = pytest.mark.both_db  # on SQLite and on PostgreSQL (tests/conftest.py --db)


def _counts(ws):
    with ws.reading() as s:
        return (s.execute(select(func.count()).select_from(Complaint)).scalar_one(),
                s.execute(select(func.count()).select_from(ComplaintSubject)).scalar_one(),
                audit.count(s))


def test_register_numbers_per_year_with_subjects_and_attachment(ws, register, tmp_path):
    scan = tmp_path / "来信扫描.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned letter " * 100)
    first = register(subjects=[SubjectInput(name="张三", unit="青山村村委会"), SubjectInput(name="李四", unit="青山镇")])
    assert first.number == "XF2026-0001"
    assert [s["name"] for s in first.subjects] == ["张三", "李四"]
    att = attachments.add_attachment(ws, ("complaint", first.id), scan)
    stored = attachments.open_attachment_path(ws, att.id)
    assert stored.read_bytes() == scan.read_bytes() and stored.name == "来信扫描.pdf"
    assert stored.parent.parent == ws.data_dir / "opened"  # a decrypted copy; the store holds it sealed
    assert attachments.verify_attachment(ws, att.id)
    assert [a.filename for a in attachments.list_attachments(ws, ("complaint", first.id))] == ["来信扫描.pdf"]

    assert register().number == "XF2026-0002"
    assert register(received_date=dt.date(2025, 12, 30)).number == "XF2025-0001"  # a new year starts at 1
    with ws.transaction() as s:
        settings.put(s, settings.COMPLAINT_PREFIX, "JB")
    assert register().number == "JB2026-0003"


def test_identity_is_sealed_masked_and_revealed_with_audit(ws, register, as_role):
    v = register()
    with ws.reading() as s:
        row = s.get(Complaint, v.id)
        blobs = b"".join(x or b"" for x in (row.complainant_name_enc, row.complainant_phone_enc,
                                            row.complainant_id_number_enc))
        assert "赵六".encode() not in blobs and b"13812345678" not in blobs
    assert v.identity_masked == {"name": "赵**", "phone": "138****", "id_number": "11****************",
                                 "address": "****"}
    before = _counts(ws)[2]
    assert intake.reveal_identity(ws, v.id)["id_number"] == VALID_ID
    with ws.reading() as s:
        events = [(e.action, e.detail_json) for e in audit.events_for(s, "complaint", v.id)]
    assert _counts(ws)[2] == before + 1 and events[-1][0] == "identity.view"
    assert not any("赵六" in d or "13812345678" in d or VALID_ID in d for _, d in events)

    as_role("officer")
    view = intake.get_complaint(ws, v.id)
    assert view.can_reveal is False and view.identity_masked["name"] == "赵**"
    with pytest.raises(PermissionDenied):
        intake.reveal_identity(ws, v.id)


def test_every_problem_reported_at_its_field_and_nothing_written(ws, register):
    register()
    before = _counts(ws)
    bad = complaint_input(complainant_id_number="110105194912310021", complainant_phone="1381234",
                          received_date=dt.date(2026, 12, 1), subjects=[])
    with pytest.raises(ValidationError) as exc:
        intake.register_complaint(ws, bad)
    fields = {p.field: p.message for p in exc.value.problems}
    assert "校验位" in fields["complainant_id_number"]
    assert "联系电话" in fields["complainant_phone"]
    assert "不能晚于今天" in fields["received_date"]
    assert "被反映人" in fields["subjects"]
    assert _counts(ws) == before

    with pytest.raises(ValidationError) as exc:
        intake.register_complaint(ws, complaint_input(received_date=dt.date(1999, 12, 31), complainant_phone=None,
                                                      complainant_address=None, complainant_id_number=None))
    fields = {p.field: p.message for p in exc.value.problems}
    assert "2000" in fields["received_date"]
    assert "实名举报须填写反映人联系电话" in fields["complainant_phone"]
    assert _counts(ws) == before


def test_repeat_candidates_within_two_years_only(ws, register):
    old = register(received_date=dt.date(2024, 11, 1))
    recent = register(received_date=dt.date(2025, 6, 1))
    register(subjects=[SubjectInput(name="张三", unit="白水村")], signature="anonymous", complainant_name=None,
             complainant_phone=None, complainant_id_number=None, complainant_address=None)  # same name, other unit
    new = register(received_date=dt.date(2026, 11, 10))
    assert [c.number for c in new.repeat_candidates] == [recent.number]
    found = intake.find_repeat_candidates(ws, [SubjectInput(name="张三", unit="青山村村委会")], dt.date(2026, 11, 10))
    assert old.id not in [c.id for c in found] and recent.id in [c.id for c in found]
    linked = intake.link_repeat(ws, new.id, recent.id)
    assert linked.is_repeat and linked.original_number == recent.number


def test_actions_by_state_and_refusals(ws, register):
    v = register(kind="suggestion", subjects=[])
    with pytest.raises(ValidationError) as exc:
        intake.not_accept(ws, v.id, dt.date(2026, 11, 3), "  ")
    assert exc.value.field == "reason"
    with pytest.raises(ValidationError, match="不能早于收件日期"):
        intake.accept(ws, v.id, dt.date(2026, 11, 1))
    a = intake.accept(ws, v.id, dt.date(2026, 11, 3))
    assert a.state == "accepted" and a.lead_id is None  # only an accusation becomes a lead
    done = intake.conclude(ws, v.id, dt.date(2026, 11, 5), "已答复")
    assert done.state == "concluded" and "feedback" not in done.actions  # 反馈 is owed to a 实名检举控告 only
    with pytest.raises(StateError, match="不能办结"):
        intake.conclude(ws, v.id, dt.date(2026, 11, 6))

    out_of_scope = register(kind="out_of_scope", subjects=[])
    with pytest.raises(StateError, match="不予受理"):
        intake.accept(ws, out_of_scope.id, dt.date(2026, 11, 3))
    na = intake.not_accept(ws, out_of_scope.id, dt.date(2026, 11, 3), "属法院管辖，已告知反映人")
    assert na.state == "not_accepted" and na.state_reason.startswith("属法院")
    t = intake.transfer(ws, register().id, dt.date(2026, 11, 4), "县自然资源局")
    assert t.state == "transferred" and t.referred_to == "县自然资源局"
    assert intake.report_up(ws, register().id, dt.date(2026, 11, 4), "涉及县管干部").state == "reported_up"


def test_accepting_an_accusation_creates_a_lead_with_the_subjects(ws, register):
    v = register(subjects=[SubjectInput(name="张三", unit="青山村村委会", is_party_member=True),
                           SubjectInput(name="李四", unit="青山镇")])
    a = intake.accept(ws, v.id, dt.date(2026, 11, 3))
    assert a.lead_number == "XS2026-0001"
    with ws.reading() as s:
        lead = s.get(Lead, a.lead_id)
        assert lead.source == "complaint" and lead.complaint_id == v.id
        persons = s.execute(select(Person).where(Person.lead_id == lead.id).order_by(Person.id)).scalars().all()
        assert [(p.name, p.is_party_member) for p in persons] == [("张三", True), ("李四", False)]


_NO_IDENTITY = {"complainant_name": None, "complainant_phone": None, "complainant_id_number": None,
                "complainant_address": None}


def test_update_keeps_identity_and_audits_a_diff(ws, register):
    v = register()
    u = intake.update_complaint(ws, v.id, complaint_input(**_NO_IDENTITY, keep_identity=True,
                                                          main_problem="反映张三违规吃喝问题（补充材料）"))
    assert u.identity_masked == v.identity_masked and u.main_problem.endswith("（补充材料）")
    assert intake.reveal_identity(ws, v.id) == {"name": "赵六", "phone": "13812345678", "id_number": VALID_ID,
                                                "address": "青山镇东街12号"}
    with ws.reading() as s:
        ev = audit.events_for(s, "complaint", v.id)[-2]  # the last one is the 查看 above
        assert ev.action == "complaint.update" and "main_problem" in ev.detail_json and "赵六" not in ev.detail_json
        assert "identity" not in ev.detail_json


def test_update_without_keep_identity_replaces_it_even_with_nothing(ws, register):
    """Empty identity fields no longer mean "keep": turned 匿名, the stored identity goes."""
    v = register()
    u = intake.update_complaint(ws, v.id, complaint_input(**_NO_IDENTITY, signature="anonymous"))
    assert (u.has_identity, u.identity_masked, u.signature) == (
        False, {"name": "", "phone": "", "id_number": "", "address": ""}, "anonymous")
    with pytest.raises(ValidationError) as err:  # 实名 still needs a name: nothing is silently kept
        intake.update_complaint(ws, v.id, complaint_input(**_NO_IDENTITY))
    assert err.value.message == "登记表有2处需要修改：1. 实名举报须填写反映人姓名；2. 实名举报须填写反映人联系电话或单位、地址（至少一项）"


def test_keep_identity_with_typed_identity_is_refused(ws, register):
    v = register()
    with pytest.raises(ValidationError) as err:
        intake.update_complaint(ws, v.id, complaint_input(keep_identity=True))
    assert (err.value.message, err.value.field) == ("保留原登记的反映人信息时不能再填写反映人信息", "complainant_name")
    with pytest.raises(ValidationError) as err:
        intake.register_complaint(ws, complaint_input(**_NO_IDENTITY, signature="anonymous", keep_identity=True))
    assert err.value.message == "新登记的信访件没有可保留的反映人信息"
    assert intake.get_complaint(ws, v.id).identity_masked == v.identity_masked


def test_attachment_size_limit_has_a_clear_message(ws, register, tmp_path):
    v = register()
    with ws.transaction() as s:
        settings.put(s, settings.ATTACHMENT_MAX_MB, 1)
    big = tmp_path / "photo.jpg"
    big.write_bytes(b"\xff" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="超过大小上限 1 MB"):
        attachments.add_attachment(ws, ("complaint", v.id), big)
    with ws.reading() as s:
        assert s.execute(select(func.count()).select_from(Attachment)).scalar_one() == 0
    assert [p for p in ws.attachments_dir.iterdir()] == []


def test_clerk_registers_but_cannot_add_a_measure(ws, register, as_role):
    from services.casework import measures
    as_role("clerk")
    v = register()
    assert v.number == "XF2026-0001"
    with pytest.raises(PermissionDenied):
        measures.add_measure(ws, person_id=1, category="handling", kind="criticism", decision_date=dt.date(2026, 11, 5))


def test_timeline_in_chinese(ws, register, tmp_path):
    from services.casework import timeline
    v = register()
    scan = tmp_path / "信件.jpg"
    scan.write_bytes(b"\xff\xd8 photo")
    attachments.add_attachment(ws, ("complaint", v.id), scan)
    intake.reveal_identity(ws, v.id)
    intake.accept(ws, v.id, dt.date(2026, 11, 3))
    intake.record_acceptance_notice(ws, v.id, dt.date(2026, 11, 4), "phone", "李登记")
    events = timeline.timeline(ws, "complaint", v.id)
    assert [e.text_zh for e in events] == [
        "登记信访件 XF2026-0001：检举控告，来信", "添加附件“信访材料.jpg”", "查看反映人身份信息",
        "受理（2026-11-03）", "向实名反映人告知受理情况（2026-11-04），电话，经办人 李登记"]
    assert {e.who for e in events} == {"王书记"}
