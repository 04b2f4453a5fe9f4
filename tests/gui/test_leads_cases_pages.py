"""问题线索 and 案件 pages and forms, driven through the real widgets (offscreen)."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from gui.dialogs.case_form import CaseForm
from gui.dialogs.lead_form import LeadForm
from gui.pdf_preview import PdfPreviewDialog
from gui.pages.cases_page import CasesPage
from gui.pages.leads_page import LeadsPage
from services.casework import cases, leads, listing, measures
from services.casework.persons import PersonInput
from tests.gui.conftest import add_user, type_text
from tests.helpers.gui_hands import UNSAVED_QUESTION, activate, choose, click, click_header, ctrl_s, discard, show
from tests.helpers.gui_records import make_lead, verified_case
from tests.helpers.gui_stages import enter_stage
from tests.helpers.gui_users import sign_in
from tests.helpers.verification import approve_plan


# ------------------------------------------------------------------ leads page
def test_leads_page_filters_sorts_searches_marks_overdue_and_exports(wang_ctx, qtbot, tmp_path, prompts):
    ws = wang_ctx.workspace
    a = make_lead(ws, "违规吃喝", "supervision_found", dt.date(2026, 10, 8), (("王五", "青山村", False),))
    b = make_lead(ws, "优亲厚友", "assigned_from_above", dt.date(2026, 11, 2), (("赵七", "青山镇财政所", True),))
    c = make_lead(ws, "虚报冒领", "supervision_found", dt.date(2026, 11, 5), (("钱八", "青山镇民政办", True),))
    leads.dispose(ws, a.id, "talk_inquiry", dt.date(2026, 10, 9), "集体研究")   # 30-day limit: overdue on 11-20
    leads.dispose(ws, b.id, "shelved", dt.date(2026, 11, 3), "集体研究")

    page = show(qtbot, LeadsPage(wang_ctx), (1280, 800))
    assert page.row_texts("number") == [c.number, b.number, a.number]       # newest first
    assert page.count_label.text() == "共 3 条"
    due = dict(zip(page.row_texts("number"), page.row_texts("due")))
    assert due[a.number].startswith("已超期") and "谈话函询" in due[a.number]
    assert due[b.number] == due[c.number] == ""

    page.sources.set_values(["supervision_found"])
    assert page.row_texts("number") == [c.number, a.number]
    page.dispositions.set_values(["talk_inquiry"])
    assert page.row_texts("number") == [a.number]
    page.dispositions.set_values([])
    page.states.set_values(["pending"])                                       # 未处置 and 监督检查发现
    assert page.row_texts("number") == [c.number]
    click(qtbot, page.reset_button)
    assert len(page.row_texts("number")) == 3

    # header click sorts in SQL: by 编号 ascending, then descending
    col = page.model.column_of("number")
    click_header(qtbot, page.view, col)
    first = page.row_texts("number")
    assert first in (sorted(first), sorted(first, reverse=True))
    click_header(qtbot, page.view, col)
    assert page.row_texts("number") == list(reversed(first))

    activate(qtbot, page)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    type_text(qtbot, page.search, "赵七")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.row_texts("persons") == ["赵七"]

    page.search.clear()
    page.date_from.set_value(dt.date(2026, 11, 1))
    out = tmp_path / "线索.xlsx"
    page.export_to(out)
    assert prompts.texts("info") == [f"已导出 2 条记录到 {out}"]
    sheet = load_workbook(out).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[2][:3] == ["编号", "收到日期", "线索来源"]     # under the title and the filter rows
    assert sorted(r[0] for r in rows[3:]) == sorted([b.number, c.number])


def test_exporting_the_list_under_a_regular_file_says_why_and_the_page_keeps_working(wang_ctx, qtbot, tmp_path,
                                                                                    prompts):
    ws = wang_ctx.workspace
    make_lead(ws, received=dt.date(2026, 11, 2))
    page = show(qtbot, LeadsPage(wang_ctx), (1280, 800))
    folder = tmp_path / "exports"
    folder.mkdir()
    blocker = folder / "导出"
    blocker.write_bytes(b"a file, not a folder")
    prompts.answer(str(blocker / "线索"))  # the save dialog's answer: a "folder" that is a regular file
    click(qtbot, page.export_button)
    assert prompts.texts("save") == ["导出Excel"]
    assert prompts.texts("error") == [f"目标路径不是文件夹：{blocker}"]
    assert blocker.read_bytes() == b"a file, not a folder" and sorted(p.name for p in folder.iterdir()) == ["导出"]
    assert page.count_label.text() == "共 1 条" and page.row_texts("received_date") == ["2026-11-02"]
    out = folder / "线索.xlsx"
    prompts.answer(str(folder / "线索"))  # the page adds .xlsx
    click(qtbot, page.export_button)
    assert prompts.texts("info") == [f"已导出 1 条记录到 {out}"]
    assert len(list(load_workbook(out).active.iter_rows())) == 4   # title, filter, header, one row


def test_new_lead_by_ctrl_n_and_ctrl_s_then_two_verifiers_needed_for_verification(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    page = show(qtbot, LeadsPage(wang_ctx), (1280, 800))
    assert not page.empty.isHidden() and "还没有问题线索" in page.empty.text()
    activate(qtbot, page)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.forms[None]
    assert isinstance(form, LeadForm) and form.isVisible()
    choose(form.source, "audit_transfer")
    type_text(qtbot, form.summary, "审计发现青山村集体资金去向不明")
    type_text(qtbot, form.persons.editor(0, "name"), "孙九")
    type_text(qtbot, form.persons.editor(0, "unit"), "青山村委会")
    choose(form.persons.editor(0, "is_party_member"), True)
    ctrl_s(qtbot, form.summary)
    assert form.view is not None and form.view.number.startswith("XS2026-")
    assert page.row_texts("persons") == ["孙九"]                              # the list refreshed
    assert form.tabs.currentIndex() == 1

    click(qtbot, form.disposition_radios["preliminary_verification"])
    type_text(qtbot, form.collective_note, "11月20日纪委会集体研究，同意初核")
    type_text(qtbot, form.verifiers, "李四")
    click(qtbot, form.dispose_button)
    message = form.dispose_errors.message("verifiers")
    assert "至少2名" in message and form.dispose_errors.fields["verifiers"][1].isVisible()
    assert leads.get_lead(ws, form.lead_id).disposition is None              # refused: nothing written

    type_text(qtbot, form.verifiers, "李四、赵六")
    click(qtbot, form.dispose_button)
    view = leads.get_lead(ws, form.lead_id)
    assert view.disposition == "preliminary_verification" and view.approved   # wang is the secretary
    assert "已审批（王书记）" in form.approval.text()
    assert all(not r.isEnabled() for r in form.disposition_radios.values())
    assert not form.case_button.isVisible()                                   # 立案 waits for the 工作方案
    type_text(qtbot, form.work_plan_box.text, "核查组李四、赵六，调取村集体资金账目")
    form.work_plan_box.approval_date.set_value(dt.date(2026, 11, 20))
    click(qtbot, form.work_plan_box.approve_button)                            # the secretary: saved and approved
    qtbot.waitUntil(lambda: form.work_plan_box.state.text() == "已审批（王书记，2026-11-20）")
    assert form.case_button.isVisible()                                       # 立案 for a 初核 lead
    assert [form.result.itemData(i) for i in range(form.result.count())] == ["concluded", "reminder_talk",
                                                                             "transferred"]
    assert any("处置方式：初步核实" in t for t in form.timeline.texts())


def test_officer_disposition_waits_for_the_secretary(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    add_user(wang_ctx, "li", ["officer"])
    lead = make_lead(ws)
    sign_in(wang_ctx, "li")
    form = show(qtbot, LeadForm(wang_ctx, lead.id))
    form.tabs.setCurrentIndex(1)
    click(qtbot, form.disposition_radios["talk_inquiry"])
    assert not form.verifiers.isEnabled()
    type_text(qtbot, form.collective_note, "集体研究同意函询")
    click(qtbot, form.dispose_button)
    assert form.approval.text() == "待纪委书记审批" and not form.approve_button.isVisible()
    assert not form.conclude_button.isVisible() and "审批后" in form.result_hint.text()
    form.close()

    sign_in(wang_ctx, "wang")
    form = show(qtbot, LeadForm(wang_ctx, lead.id))
    form.tabs.setCurrentIndex(1)
    click(qtbot, form.approve_button)
    assert leads.get_lead(ws, lead.id).approved
    # 谈话函询 → 了结 / 澄清 / 转初核
    assert [form.result.itemText(i) for i in range(form.result.count())] == ["了结", "澄清", "转初核"]
    choose(form.result, "clarified")
    type_text(qtbot, form.result_note, "经函询，反映问题不实，予以澄清")
    click(qtbot, form.conclude_button)
    view = leads.get_lead(ws, lead.id)
    assert view.result == "clarified" and "已办结（澄清）" in form.status.text()


def test_esc_on_a_dirty_lead_form_asks_and_cancel_keeps_it(wang_ctx, qtbot, prompts):
    form = show(qtbot, LeadForm(wang_ctx))
    type_text(qtbot, form.summary, "群众反映村干部违规发放补贴")
    assert form.is_dirty() and form.windowTitle().endswith("*")

    prompts.answer("取消")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert prompts.texts("choose") == [UNSAVED_QUESTION]
    assert [s.title for s in prompts.shown] == ["有未保存的修改"]
    assert form.isVisible() and form.summary.toPlainText() == "群众反映村干部违规发放补贴"

    prompts.answer("放弃")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert prompts.texts("choose") == [UNSAVED_QUESTION] * 2
    assert listing.query_ids(wang_ctx.workspace, listing.ListQuery(entity="lead")) == []


def test_closing_a_dirty_form_with_save_saves(wang_ctx, qtbot, prompts):
    form = show(qtbot, LeadForm(wang_ctx))
    type_text(qtbot, form.summary, "巡察移交：青山村违规发包工程")
    choose(form.source, "inspection_transfer")
    type_text(qtbot, form.persons.editor(0, "name"), "周十")
    prompts.answer("保存")
    form.close()
    assert not form.isVisible()
    assert prompts.texts() == [UNSAVED_QUESTION]
    ids = listing.query_ids(wang_ctx.workspace, listing.ListQuery(entity="lead"))
    assert len(ids) == 1 and leads.get_lead(wang_ctx.workspace, ids[0]).persons[0].name == "周十"


def test_closing_a_dirty_form_with_save_and_a_refusal_keeps_it_open_with_the_input(wang_ctx, qtbot, prompts):
    form = show(qtbot, LeadForm(wang_ctx))
    type_text(qtbot, form.summary, "巡察移交：青山村违规发包工程")
    form.received_date.set_value(dt.date(2026, 12, 1))                          # after today
    prompts.answer("保存")
    form.close()
    assert form.isVisible() and form.is_dirty()
    assert form.summary.toPlainText() == "巡察移交：青山村违规发包工程"
    assert form.errors.message("received_date") == "收到日期不能晚于今天（2026-11-20）"
    assert prompts.texts() == [UNSAVED_QUESTION]                                   # at the field, no box
    assert listing.query_ids(wang_ctx.workspace, listing.ListQuery(entity="lead")) == []
    discard(qtbot, form, prompts)


def test_lead_approval_sheet_prints_as_a_pdf(wang_ctx, qtbot):
    lead = make_lead(wang_ctx.workspace)
    form = show(qtbot, LeadForm(wang_ctx, lead.id))
    form.print_sheet()
    dialog = form.children_forms[-1]
    assert isinstance(dialog, PdfPreviewDialog) and dialog.page_count() == 1
    assert dialog.pdf_bytes.startswith(b"%PDF")
    assert dialog.windowTitle() == f"预览 — 问题线索处置审批表 {lead.number}"


# ------------------------------------------------------------------ cases
def test_case_stages_refuse_an_out_of_order_date_at_the_date_field(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    case = verified_case(ws)
    form = show(qtbot, CaseForm(wang_ctx, case.id), (1240, 760))
    assert form.next_label.text() == "下一阶段：审查调查"
    assert not enter_stage(qtbot, form, dt.date(2026, 11, 12)).isVisible()      # the stage dialog went through
    assert form.next_label.text() == "下一阶段：移送审理"
    assert form.stage_dates["investigating"].text() == "2026-11-12"

    dialog = enter_stage(qtbot, form, dt.date(2026, 11, 11))
    assert dialog.isVisible()                                                   # refused: the dialog stays
    assert dialog.errors.message("date") == "移送审理日期（2026-11-11）不能早于审查调查日期（2026-11-12）"
    assert cases.get_case(ws, case.id).stage == "investigating"               # nothing written

    dialog.date.set_value(dt.date(2026, 11, 16))
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert cases.get_case(ws, case.id).trial_referral_date == dt.date(2026, 11, 16)
    assert form.timeline.texts()[-1] == "进入“移送审理”阶段（2026-11-16）"


def test_case_person_fields_are_saved_with_ctrl_s(wang_ctx, qtbot, prompts):
    ws = wang_ctx.workspace
    case = verified_case(ws)
    form = show(qtbot, CaseForm(wang_ctx, case.id), (1240, 760))
    form.tabs.setCurrentIndex(1)
    type_text(qtbot, form.persons.editor(0, "ethnicity"), "汉族")
    form.persons.editor(0, "birth_month").set_value(dt.date(1978, 5, 1))
    form.persons.editor(0, "party_join_date").set_value(dt.date(2001, 7, 1))
    form.persons.editor(0, "self_reported").setChecked(True)
    form.persons.editor(0, "amount_restitution").setValue(2.5)
    assert form.is_dirty()
    ctrl_s(qtbot, form.persons.editor(0, "ethnicity"))
    p = cases.get_case(ws, case.id).persons[0]
    assert (p.ethnicity, p.birth_month, p.party_join_date, p.self_reported) == ("汉族", dt.date(1978, 5, 1),
                                                                              dt.date(2001, 7, 1), True)
    assert float(p.amount_restitution) == 2.5 and not form.is_dirty()

    # a bad value is shown for its row and nothing is written
    form.persons.editor(0, "party_join_date").set_value(dt.date(1970, 1, 1))
    ctrl_s(qtbot, form.persons.editor(0, "ethnicity"))
    assert "入党时间不能早于出生年月" in form.persons_error.text() and form.persons_error.isVisible()
    assert cases.get_case(ws, case.id).persons[0].party_join_date == dt.date(2001, 7, 1)
    assert form.persons.editor(0, "party_join_date").value() == dt.date(1970, 1, 1)   # the input stays
    discard(qtbot, form, prompts)


def test_measure_form_shows_effect_end_and_form_and_refuses_party_sanction_for_a_non_member(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    case = verified_case(ws, persons=(("张三", "青山镇农业办", True), ("王五", "青山村", False)))
    form = show(qtbot, CaseForm(wang_ctx, case.id), (1240, 760))
    form.tabs.setCurrentIndex(2)
    assert form.measures_empty.isVisible()
    m = form.new_measure()
    qtbot.waitExposed(m)
    choose(m.person, case.persons[1].id)                                        # 王五, not a party member
    choose(m.category, "party_sanction")
    assert [m.kind.itemText(i) for i in range(m.kind.count())] == ["警告", "严重警告", "撤销党内职务", "留党察看",
                                                                  "开除党籍"]
    choose(m.kind, "party_warning")
    m.decision_date.set_value(dt.date(2026, 11, 18))
    click(qtbot, m.save_button)
    assert "非中共党员不能给予党纪处分" in m.errors.message("kind")
    assert measures.measures_of(ws, case_id=case.id) == []

    choose(m.person, case.persons[0].id)
    choose(m.kind, "party_serious_warning")
    type_text(qtbot, m.document_number, "QJF-2026-5")
    click(qtbot, m.save_button)
    assert m.effect_end.text() == "2028-05-18"                                  # 严重警告: 1.5 years
    assert m.form_label.text() == "第二种形态"
    assert not m.save_button.isEnabled() and not m.is_dirty()
    assert form.measures.rowCount() == 1 and form.measures.item(0, 2).text() == "党纪严重警告"
    assert form.measures.item(0, 5).text() == "2028-05-18" and form.measures.item(0, 6).text() == "第二种形态"

    m2 = form.new_measure()
    choose(m2.person, case.persons[1].id)
    choose(m2.category, "handling")
    choose(m2.kind, "admonishment")
    click(qtbot, m2.save_button)
    assert m2.effect_end.text() == "无影响期" and m2.form_label.text() == "第一种形态"


def test_case_from_a_lead_is_prefilled_and_direct_case_needs_a_person(wang_ctx, qtbot, prompts):
    ws = wang_ctx.workspace
    lead = make_lead(ws, received=dt.date(2026, 11, 2))
    leads.dispose(ws, lead.id, "preliminary_verification", dt.date(2026, 11, 3), "集体研究", "李四、赵六")
    approve_plan(ws, lead.id, dt.date(2026, 11, 3))
    lf = show(qtbot, LeadForm(wang_ctx, lead.id))
    cf = lf.open_case_form()
    qtbot.waitExposed(cf)
    assert cf.title.text() == "张三问题案" and cf.persons.editor(0, "name").text() == "张三"
    assert cf.is_dirty()
    cf.filing_date.set_value(dt.date(2026, 11, 1))                              # before the disposition
    ctrl_s(qtbot, cf.title)
    assert "不能早于处置日期" in cf.errors.message("filing_date")
    cf.filing_date.set_value(dt.date(2026, 11, 10))
    cf.eight_rules.setChecked(True)
    choose(cf.eight_rules_type, "gifts")
    ctrl_s(qtbot, cf.title)
    assert cf.case_id is not None and cf.view.eight_rules_type == "gifts"
    assert cf.view.persons[0].id == lead.persons[0].id                          # the same person row
    assert "已办结（立案）" in lf.status.text() and cf.view.number in lf.status.text()

    direct = show(qtbot, CaseForm(wang_ctx))
    type_text(qtbot, direct.title, "直接立案测试")
    ctrl_s(qtbot, direct.title)
    assert direct.case_id is None and "姓名" in direct.persons_error.text()
    discard(qtbot, direct, prompts)


def test_cases_page_filters_by_stage_and_eight_rules_and_sorts(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    a = verified_case(ws, filing=dt.date(2026, 11, 10))
    b = cases.open_case(ws, filing_date=dt.date(2026, 11, 12), title="李某违规吃喝案", eight_rules=True,
                        eight_rules_type="dining", persons=[PersonInput(name="李某", unit="青山镇林业站")])
    cases.advance_case(ws, a.id, "investigating", dt.date(2026, 11, 13))
    page = show(qtbot, CasesPage(wang_ctx), (1280, 800))
    assert page.row_texts("number") == [b.number, a.number]
    page.stages.set_values(["investigating"])
    assert page.row_texts("number") == [a.number]
    page.stages.set_values([])
    page.eight_rules.setChecked(True)
    assert page.row_texts("number") == [b.number] and page.row_texts("eight_rules") == ["是"]
    page.eight_rules.setChecked(False)
    col = page.model.column_of("title")
    click_header(qtbot, page.view, col)
    titles = page.row_texts("title")
    assert titles in (sorted(titles), sorted(titles, reverse=True))
    click_header(qtbot, page.view, col)
    assert page.row_texts("title") == list(reversed(titles))
    page.view.doubleClicked.emit(page.model.index(page.model.row_of(b.id), 0))
    assert isinstance(page.forms[b.id], CaseForm) and page.forms[b.id].case_id == b.id
