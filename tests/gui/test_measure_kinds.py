"""The measure form lists the handling kinds under the two headings of DOMAIN §4 and saves 责令辞职."""
import datetime as dt

from PySide6.QtCore import Qt

from gui.dialogs.measure_form import MeasureForm
from services.casework import cases, leads, measures
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput
from tests.helpers.verification import start_verification


def test_handling_kinds_under_two_headings_and_ordered_resignation_saved(admin_ctx, qtbot):
    ws = admin_ctx.workspace
    lead = leads.create_lead(ws, LeadInput(source="supervision_found", received_date=dt.date(2026, 11, 2),
                                           summary="反映其履职不力", persons=[PersonInput(
                                               name="张三", unit="青山镇农业办", post="主任", rank="township_level",
                                               is_party_member=True)]))
    person = leads.get_lead(ws, lead.id).persons[0]
    form = MeasureForm(admin_ctx, persons=[(person.id, "张三（青山镇农业办 主任）", True)], lead_id=lead.id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert [form.category.itemText(i) for i in range(form.category.count())] == [
        "党纪处分", "政务处分", "组织处理/其他处理"]
    form.category.setCurrentIndex(form.category.findData("handling"))
    assert [form.kind.itemText(i) for i in range(form.kind.count())] == [
        "— 组织处理 —", "停职检查", "调整职务", "责令辞职", "免职", "降职",
        "— 教育提醒/其他处理 —", "谈话提醒", "批评教育", "责令检查", "诫勉", "通报批评", "通报曝光", "移送司法机关"]
    headings = [i for i in range(form.kind.count()) if form.kind.itemData(i) is None]
    assert headings == [0, 6] and form.kind.currentData() is None   # nothing preselected, a heading never the choice
    assert [bool(form.kind.model().item(i).flags() & Qt.ItemFlag.ItemIsSelectable) for i in headings] == [False] * 2
    form.category.setCurrentIndex(form.category.findData("government_sanction"))
    assert [form.kind.itemText(i) for i in range(form.kind.count())] == ["警告", "记过", "记大过", "降级", "撤职", "开除"]

    form.category.setCurrentIndex(form.category.findData("handling"))
    form.kind.setCurrentIndex(form.kind.findData("ordered_resignation"))
    form.decision_date.set_value(dt.date(2026, 11, 18))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.saved is not None)
    assert form.effect_end.text() == "无影响期" and form.form_label.text() == "第二种形态"
    saved = measures.measures_of(ws, lead_id=lead.id)
    assert [(m.category_label, m.kind, m.kind_label, m.decision_date) for m in saved] == [
        ("组织处理", "ordered_resignation", "责令辞职", dt.date(2026, 11, 18))]   # the case form's 类别 column


def test_a_government_sanction_shows_its_period_by_the_name_of_its_law(admin_ctx, qtbot):
    """《公职人员政务处分法》 calls it 政务处分期间; a party sanction keeps 影响期."""
    ws = admin_ctx.workspace
    lead = leads.create_lead(ws, LeadInput(source="supervision_found", received_date=dt.date(2026, 11, 2),
                                           summary="反映其违规收受礼金", persons=[PersonInput(
                                               name="李四", unit="青山镇财政所", post="会计", rank="general_cadre",
                                               is_party_member=False, is_supervised_object=True)]))
    start_verification(ws, lead.id, dt.date(2026, 11, 3))
    case = cases.open_case(ws, lead_id=lead.id, filing_date=dt.date(2026, 11, 10), title="李四违规收受礼金案")
    person = cases.get_case(ws, case.id).persons[0]
    shown = []
    for kind, day in (("gov_demerit", dt.date(2026, 11, 18)), ("gov_expulsion", dt.date(2026, 11, 19))):
        form = MeasureForm(admin_ctx, persons=[(person.id, "李四（青山镇财政所 会计）", False)], case_id=case.id)
        qtbot.addWidget(form)
        form.category.setCurrentIndex(form.category.findData("government_sanction"))
        form.kind.setCurrentIndex(form.kind.findData(kind))
        form.decision_date.set_value(day)
        form.save()
        qtbot.waitUntil(lambda f=form: f.saved is not None)
        shown.append((form.effect_end_label.text(), form.effect_end.text()))
    assert shown == [("政务处分期间至", "2027-11-18"), ("政务处分期间至", "无政务处分期间")]   # 记过 12 months
