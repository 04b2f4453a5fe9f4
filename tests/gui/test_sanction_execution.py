"""处分执行 and 回访教育 through the real widgets: a case → a sanction in the measure form → 宣布 in the execution
dialog → a 回访 recorded, with the 工作台's due list before and after each step; and 是/否/不详 in the person table,
where a party sanction waits for a confirmed membership."""
from __future__ import annotations

import datetime as dt

from gui.dialogs.case_form import CaseForm
from gui.dialogs.sanction_execution import SanctionExecutionDialog
from gui.pages.dashboard_page import DashboardPage
from services.casework import cases, execution, follow_ups, measures, timeline
from services.casework.persons import PersonInput
from tests.gui.conftest import type_text
from tests.helpers.gui_hands import choose, click, discard, show
from tests.helpers.sanction_case import open_case

D = dt.date


def _sanction_rows(qtbot, ctx) -> list[tuple[str, ...]]:
    """The 工作台's due rows of sanctions (宣布, 回访), as shown."""
    page = show(qtbot, DashboardPage(ctx), (1280, 800))
    rows = [r for r in page.due_rows() if r[2] in ("案件：处分决定宣布执行", "案件：回访教育")]
    page.close()
    return rows


def test_a_sanction_announced_then_visited_leaves_the_due_list(wang_ctx, qtbot, prompts):
    ws = wang_ctx.workspace                                   # today: 2026-11-20
    case = open_case(ws, PersonInput(name="王五", unit="青山镇财政所", post="会计", is_party_member=True),
                     filing_date=D(2025, 11, 3))
    form = show(qtbot, CaseForm(wang_ctx, case.id), (1240, 760))
    form.tabs.setCurrentIndex(2)
    m = form.new_measure()
    qtbot.waitExposed(m)
    assert not m.execution_button.isVisible()
    choose(m.category, "party_sanction")
    choose(m.kind, "party_warning")
    m.decision_date.set_value(D(2025, 12, 19))                # 党纪警告: effect period to 2026-12-19
    type_text(qtbot, m.document_number, "青纪发〔2025〕9号")
    click(qtbot, m.save_button)
    assert m.effect_end.text() == "2026-12-19" and m.execution_button.isVisible()

    # the due list: 宣布 overdue since a month after the decision, 回访 overdue since 30 days before the end
    assert _sanction_rows(qtbot, wang_ctx) == [
        ("已超期", "LA2025-0001 王五", "案件：处分决定宣布执行", "2026-01-19", "超期 207 个工作日"),
        ("已超期", "LA2025-0001 王五", "案件：回访教育", "2026-11-19", "超期 1 个工作日")]

    click(qtbot, m.execution_button)
    dialog = m.findChild(SanctionExecutionDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "处分执行 — 王五：党纪警告"
    assert dialog.heading.text() == "王五：党纪警告（LA2025-0001，2025-12-19决定）"
    assert dialog.state.text() == "尚未宣布：应于2026-01-19前宣布（自处分决定作出之日起一个月）。"
    assert dialog.visit_hint.text() == "影响期至2026-12-19；回访应在2026-11-19前进行（系统设置“回访提前天数”）。"

    # 宣布 before the decision is refused at its field; nothing is written
    dialog.announced.set_value(D(2025, 12, 18))
    click(qtbot, dialog.dates.button)
    assert dialog.dates.errors.message("announced_date") == "宣布日期（2025-12-18）不能早于处分决定日期（2025-12-19）"
    assert execution.execution_of(ws, m.saved.id).announced_date is None
    dialog.announced.set_value(D(2025, 12, 22))
    dialog.delivered.set_value(D(2025, 12, 22))
    type_text(qtbot, dialog.note, "在镇机关干部大会上宣布")
    click(qtbot, dialog.dates.button)
    assert dialog.state.text() == "已于2025-12-22宣布。"
    assert _sanction_rows(qtbot, wang_ctx) == [
        ("已超期", "LA2025-0001 王五", "案件：回访教育", "2026-11-19", "超期 1 个工作日")]

    # an execution item
    choose(dialog.step_item, "post")
    dialog.step_date.set_value(D(2025, 12, 25))
    type_text(qtbot, dialog.step_note, "免去财政所会计职务")
    click(qtbot, dialog.step_section.button)
    assert [dialog.steps.item(0, c).text() for c in range(3)] == ["职务调整", "2025-12-25", "免去财政所会计职务"]

    # 回访: a visit dated tomorrow is refused at its field; one within the effect period is recorded
    dialog.visit_date.set_value(D(2026, 11, 21))
    choose(dialog.visit_form, "home_visit")
    type_text(qtbot, dialog.visit_by, "李明、张华")
    click(qtbot, dialog.visit_section.button)
    assert dialog.visit_section.errors.message("visit_date") == "回访日期不能晚于今天（2026-11-20）"
    dialog.visit_date.set_value(D(2026, 11, 18))
    type_text(qtbot, dialog.visit_note, "思想稳定，工作积极")
    click(qtbot, dialog.visit_section.button)
    assert [dialog.visits.item(0, c).text() for c in range(4)] == ["2026-11-18", "上门回访", "李明、张华", "思想稳定，工作积极"]
    assert dialog.visit_note.text() == ""
    assert _sanction_rows(qtbot, wang_ctx) == []
    assert [v.by_whom for v in follow_ups.follow_up_plan(ws, m.saved.id).visits] == ["李明、张华"]

    # the case's timeline (shown in its form) has each step
    assert form.timeline.texts()[-4:] == [
        "宣布对王五的党纪警告决定（2025-12-22）", "向王五送达党纪警告决定书（2025-12-22）",
        "执行对王五的党纪警告：职务调整（2025-12-25），免去财政所会计职务",
        "对王五回访教育（2026-11-18）：上门回访，回访人 李明、张华"]
    assert prompts.texts("error") == []


def test_double_clicking_a_sanction_in_the_case_opens_its_execution(wang_ctx, qtbot):
    ws = wang_ctx.workspace
    case = open_case(ws, filing_date=D(2026, 10, 8))
    pid = case.persons[0].id
    measures.add_measure(ws, person_id=pid, category="handling", kind="criticism", decision_date=D(2026, 11, 2))
    sanction = measures.add_measure(ws, person_id=pid, category="government_sanction", kind="gov_demerit",
                                    decision_date=D(2026, 11, 3))
    form = show(qtbot, CaseForm(wang_ctx, case.id), (1240, 760))
    form.tabs.setCurrentIndex(2)
    assert form.open_measure(0) is None                       # 批评教育: no execution
    dialog = form.open_measure(1)
    qtbot.waitExposed(dialog)
    assert dialog.measure_id == sanction.id and dialog.heading.text() == "王五：记过（LA2026-0001，2026-11-03决定）"
    assert dialog.state.text() == "尚未宣布：应于2026-12-03前宣布（自处分决定作出之日起一个月）。"
    assert dialog.visit_hint.text() == "影响期至2027-11-03；回访应在2027-10-04前进行（系统设置“回访提前天数”）。"


def test_membership_left_unknown_is_shown_as_unknown_and_must_be_confirmed(wang_ctx, qtbot, prompts):
    ws = wang_ctx.workspace
    case = open_case(ws, PersonInput(name="张三", unit="青山村村委会", is_party_member=None), filing_date=D(2026, 11, 2))
    form = show(qtbot, CaseForm(wang_ctx, case.id), (1240, 760))
    party = form.persons.editor(0, "is_party_member")
    assert [party.itemText(i) for i in range(party.count())] == ["不详", "是", "否"]
    assert party.currentText() == "不详"

    form.tabs.setCurrentIndex(2)
    m = form.new_measure()
    qtbot.waitExposed(m)
    assert m.person.currentText() == "张三（青山村村委会）（中共党员：不详）"
    choose(m.category, "party_sanction")
    choose(m.kind, "party_warning")
    m.decision_date.set_value(D(2026, 11, 10))
    click(qtbot, m.save_button)
    assert m.errors.message("kind") == "被处分人是否为中共党员尚未确认（不详），请先在人员信息中确认后再给予党纪处分"
    assert measures.measures_of(ws, case_id=case.id) == []
    discard(qtbot, m, prompts)                                  # 放弃 the refused measure

    form.tabs.setCurrentIndex(1)
    choose(party, True)
    form.save()
    p = cases.get_case(ws, case.id).persons[0]
    assert (p.party_membership_known, p.is_party_member) == (True, True)
    assert timeline.timeline(ws, "case", case.id)[-1].text_zh == "修改人员信息：张三"
    assert not form.is_dirty()
