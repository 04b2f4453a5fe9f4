"""One writer for complaints: a row imported from an Excel ledger is stored exactly as registering the
same row in the app stores it (the importer writes in bulk, but its columns come from the writer)."""
import datetime as dt

from sqlalchemy import select

from models import Complaint
from services.casework import intake
from services.casework.intake import ComplaintInput, SubjectInput
from services.interchange import ledger_import

from .conftest import write_book

HEAD = ["编号", "收件日期", "来源渠道", "类型", "署名情况", "反映人", "联系电话", "被反映人", "单位职务", "职级",
        "问题类别", "主要问题", "是否重复件", "原信访件编号"]
# the rest must be equal (anonymous: no identity); ``imported`` tells them apart (test_ledger_import_marks)
# the version and the last-change time (migration 0008) are not the row's content either; the last-change
# user is: the import used to leave it empty (a 最后修改人 naming nobody), the app names the registering user
_IGNORED = {"id", "number", "seq", "created_at", "updated_at", "imported", "version"}


def _columns(c: Complaint) -> dict:
    return {col.key: getattr(c, col.key) for col in Complaint.__table__.columns if col.key not in _IGNORED}


def _form_input() -> ComplaintInput:
    """What the registration form sends for the same row: the receiver field is prefilled with the
    signed-in user's name (``ComplaintForm._start_new``), the two flags left as they come."""
    return ComplaintInput(received_date=dt.date(2026, 3, 2), channel="referred_from_above", kind="accusation",
                          signature="anonymous", subjects=[SubjectInput(name="李四", unit="青山镇财政所", post="所长",
                                                                        rank="township_level")],
                          main_problem="县纪委转来：违规发放补贴", discipline="integrity", receiver_name="王书记")


def test_imported_referral_from_above_is_stored_as_the_form_stores_it(ws, tmp_path):
    book = write_book(tmp_path / "上级转办.xlsx", {"信访件": [HEAD, [
        "XF2026-0101", dt.datetime(2026, 3, 2), "上级转办交办", "检举控告", "匿名", None, None, "李四",
        "青山镇财政所 所长", "乡科级", "廉洁纪律", "县纪委转来：违规发放补贴", "否", None]]})
    result = ledger_import.import_workbook(ws, book)
    assert result.problems == [] and result.imported
    registered = intake.register_complaint(ws, _form_input())
    with ws.reading() as s:
        imported = s.execute(select(Complaint).where(Complaint.number == "XF2026-0101")).scalar_one()
        typed = s.get(Complaint, registered.id)
        # 上级转办交办 carries the 5-working-day acceptance limit (DOMAIN §1) whichever way it came in,
        # and the 登记人 is the user who registered (or imported) it.
        assert (imported.referred_down, imported.receiver_name, imported.state) == (True, "王书记", "registered")
        assert _columns(imported) == _columns(typed)
        assert [(x.name, x.unit, x.post, x.rank, x.is_party_member, x.is_supervised_object)
                for x in imported.subjects] == [
            (x.name, x.unit, x.post, x.rank, x.is_party_member, x.is_supervised_object) for x in typed.subjects]


def test_form_left_without_receiver_records_the_registering_user(ws):
    """The service's default matches the form's prefill, so a cleared 接待人 field or a script gets the same."""
    data = _form_input()
    data.receiver_name = ""
    view = intake.register_complaint(ws, data)
    assert (view.receiver_name, view.referred_down) == ("王书记", True)


_PERSON_IGNORED = {"id", "lead_id", "case_id", "created_at", "updated_at", "version"}


def test_imported_lead_person_is_stored_as_the_lead_form_stores_it(ws, tmp_path):
    from models import Person
    from services.casework import leads
    from services.casework.persons import PersonInput
    book = write_book(tmp_path / "线索.xlsx", {"问题线索": [
        ["线索编号", "线索来源", "被反映人", "单位职务", "职级", "是否中共党员", "处置方式", "处置日期"],
        ["XS2026-101", "监督检查发现", "赵六", "青山镇农业服务中心 站长", "乡科级", "是", "暂存待查",
         dt.datetime(2026, 4, 1)]]})
    result = ledger_import.import_workbook(ws, book)
    assert result.problems == [] and result.imported
    typed = leads.create_lead(ws, leads.LeadInput(
        source="supervision_found", received_date=dt.date(2026, 4, 1), summary="监督检查发现",
        persons=[PersonInput(name="赵六", unit="青山镇农业服务中心", post="站长", rank="township_level",
                             is_party_member=True)]))
    with ws.reading() as s:
        imported, made = s.execute(select(Person).order_by(Person.id)).scalars().all()
        assert made.lead_id == typed.id
        columns = [{c.key: getattr(p, c.key) for c in Person.__table__.columns if c.key not in _PERSON_IGNORED}
                   for p in (imported, made)]
        assert columns[0] == columns[1]
        assert (imported.unit, imported.post, imported.rank, imported.is_supervised_object) == (
            "青山镇农业服务中心", "站长", "township_level", True)


def test_a_subject_row_without_a_name_is_refused_as_the_form_refuses_it(ws, tmp_path):
    """The form says 请填写第2个被反映人的姓名; the import used to drop the row's 单位职务 silently."""
    book = write_book(tmp_path / "缺姓名.xlsx", {"信访件": [HEAD, [
        "XF2026-0101", dt.datetime(2026, 3, 2), "来信", "检举控告", "匿名", None, None, "李四",
        "青山镇财政所 所长", "乡科级", "廉洁纪律", "违规发放补贴", "否", None],
        ["XF2026-0101", None, None, None, None, None, None, None, "青山镇财政所 会计"]]})
    result = ledger_import.import_workbook(ws, book)
    assert [(p.sheet, p.row, p.column, p.reason_zh) for p in result.problems] == [
        ("信访件", 3, "被反映人", "请填写第2个被反映人的姓名（或删除该行）")]
    assert not result.imported
    with ws.reading() as s:
        assert s.execute(select(Complaint)).scalars().all() == []
