"""A year's holiday overrides count as complete only once the user says so; the schedule import and its refusals."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import AuditEvent, HolidayOverride
from services.deadlines import due_list, holiday_schedule
from services.interchange import holiday_import
from services.deadlines.workdays import unknown_year_warning
from services.errors import PermissionDenied, ValidationError
from tests.conftest import sign_in_as
from tests.helpers.cli import run

D = dt.date


def _days(ws) -> dict[dt.date, bool]:
    with ws.reading() as s:
        return {d: bool(w) for d, w in s.execute(select(HolidayOverride.day, HolidayOverride.is_workday))}


def test_entered_days_do_not_clear_the_warning_until_the_year_is_confirmed(ws):
    assert due_list.calendar_warnings(ws) == [unknown_year_warning(2027)]
    due_list.set_holiday_override(ws, D(2027, 2, 6), True, "春节调休上班")
    # one day entered is not the year's schedule: the warning stays and the day counts already
    assert due_list.calendar_warnings(ws) == [unknown_year_warning(2027)]
    assert due_list.is_workday(ws, D(2027, 2, 6))
    holiday_schedule.mark_complete(ws, 2027)
    assert due_list.calendar_warnings(ws) == []
    holiday_schedule.mark_complete(ws, 2027, False)
    assert due_list.calendar_warnings(ws) == [unknown_year_warning(2027)]
    with ws.reading() as s:
        kinds = [e for e, in s.execute(select(AuditEvent.action).where(AuditEvent.action.like("calendar.year%"))
                                       .order_by(AuditEvent.id))]
    assert kinds == ["calendar.year_complete", "calendar.year_incomplete"]


def test_a_year_with_nothing_entered_cannot_be_confirmed(ws):
    with pytest.raises(ValidationError) as e:
        holiday_schedule.mark_complete(ws, 2027)
    assert e.value.message == "2027年尚未录入任何放假或调休上班日期，不能确认为已完整录入"
    assert due_list.calendar_warnings(ws) == [unknown_year_warning(2027)]


def test_confirming_needs_the_settings_right(ws):
    due_list.set_holiday_override(ws, D(2027, 1, 1), False, "元旦")
    sign_in_as(ws, "u_officer", ["officer"])
    with pytest.raises(PermissionDenied):
        holiday_schedule.mark_complete(ws, 2027)


def test_a_text_schedule_is_imported_and_the_year_confirmed(ws, tmp_path):
    f = tmp_path / "2027.txt"
    f.write_text(holiday_import.template_text(2027)
                 + "2027-01-01,休,元旦\n2027/2/6，班，春节调休上班\n2027年10月1日 休\n\n", encoding="utf-8")
    due_list.set_holiday_override(ws, D(2027, 10, 1), True, "手工录错")
    r = holiday_import.import_schedule(ws, f)
    assert r == {"year": 2027, "days": 3, "added": 2, "changed": 1, "unchanged": 0}
    assert due_list.calendar_warnings(ws) == [unknown_year_warning(2027)]  # imported, not yet confirmed
    holiday_schedule.mark_complete(ws, 2027)
    assert _days(ws) == {D(2027, 1, 1): False, D(2027, 2, 6): True, D(2027, 10, 1): False}
    assert due_list.calendar_warnings(ws) == []
    assert not due_list.is_workday(ws, D(2027, 10, 1)) and due_list.is_workday(ws, D(2027, 2, 6))


def test_an_import_without_confirmation_keeps_the_warning(ws, tmp_path):
    f = tmp_path / "2027.csv"
    f.write_text("日期,安排\n2027-02-06,班\n", encoding="gb18030")
    r = holiday_import.import_schedule(ws, f)
    assert r["added"] == 1 and not holiday_schedule.is_complete(ws, 2027)
    assert due_list.calendar_warnings(ws) == [unknown_year_warning(2027)]


def test_an_excel_schedule_with_date_cells(ws, tmp_path):
    path = tmp_path / "t.xlsx"
    holiday_import.write_template(path, 2027)
    wb = load_workbook(path)
    assert wb.sheetnames == ["2027年放假安排", "填写说明"]
    sheet = wb.active
    assert [c.value for c in sheet[1]] == ["日期", "安排", "说明"]
    sheet.append([dt.datetime(2027, 2, 6), "班", "春节调休"])
    sheet.append(["2027-02-11", "休"])
    wb.save(path)
    r = holiday_import.import_schedule(ws, path, 2027)
    assert (r["days"], r["added"]) == (2, 2)
    assert _days(ws) == {D(2027, 2, 6): True, D(2027, 2, 11): False}


@pytest.mark.parametrize("lines, message", [
    (["2027-01-01,休", "2027-01-02,调"],
     "放假安排文件有1处问题，未导入任何日期：第2行：“调”无法识别，应填“休”（放假）或“班”（调休上班）"),
    (["2027-02-30,休"], "放假安排文件有1处问题，未导入任何日期：第1行：“2027-02-30”不是有效日期，应写成“2027-01-01”的格式"),
    (["2027-12-31,休", "2028-01-01,休"], "放假安排文件有1处问题，未导入任何日期：第2行：2028-01-01不在2027年内"),
    (["2027-10-01,休", "2027-10-02,休", "2027-10-01,班"],
     "放假安排文件有1处问题，未导入任何日期：第3行：2027-10-01与第1行重复"),
    (["2027-10-01"], "放假安排文件有1处问题，未导入任何日期：第1行：应填两项“日期,休”或“日期,班”"),
    (["# 只有说明"], "文件中没有可导入的日期：每行填一项，如“2027-02-06,班”"),
    (["2027-01-01,调", "2027-13-01,休"],
     "放假安排文件有2处问题，未导入任何日期：第1行：“调”无法识别，应填“休”（放假）或“班”（调休上班）；"
     "第2行：“2027-13-01”不是有效日期，应写成“2027-01-01”的格式"),
])
def test_a_bad_file_is_refused_whole(ws, tmp_path, lines, message):
    due_list.set_holiday_override(ws, D(2027, 5, 6), False, "已有")
    f = tmp_path / "bad.txt"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        holiday_import.import_schedule(ws, f, 2027)
    assert e.value.message == message
    assert _days(ws) == {D(2027, 5, 6): False}  # nothing half-imported, nothing lost
    assert due_list.calendar_warnings(ws) == [unknown_year_warning(2027)]


def test_the_year_given_bounds_the_dates(ws, tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("2027-01-01,休\n", encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        holiday_import.import_schedule(ws, f, 2028)
    assert e.value.message == "放假安排文件有1处问题，未导入任何日期：第1行：2027-01-01不在2028年内"


def test_the_shell_commands(tmp_path):
    d, env = tmp_path / "d", {"JIJIAN_PASSWORD": "secret-123"}
    assert run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001", "--county-name", "云岭县纪委",
               env=env, data_dir=d).returncode == 0
    r = run("holidays", "template", "--year", "2027", data_dir=d)
    assert r.returncode == 0 and r.stdout == holiday_import.template_text(2027)
    bad = tmp_path / "bad.txt"
    bad.write_text("2027-01-01,休\n2027-01-01,休\n", encoding="utf-8")
    r = run("--user", "wang", "holidays", "import", str(bad), env=env, data_dir=d)
    assert r.returncode == 1
    assert r.stderr == "错误：放假安排文件有1处问题，未导入任何日期：第2行：2027-01-01与第1行重复\n"
    good = tmp_path / "good.txt"
    good.write_text("2027-01-01,休\n2027-02-06,班\n", encoding="utf-8")
    r = run("--user", "wang", "holidays", "import", str(good), env=env, data_dir=d)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("已导入2027年放假安排 2 天（新增 2，修改 0，未变 0）；"
                        "尚未确认完整录入（全部录入后运行 holidays complete 2027）\n")
    r = run("--user", "wang", "holidays", "complete", "2027", env=env, data_dir=d)
    assert (r.returncode, r.stdout) == (0, "已确认2027年放假安排已完整录入\n")
    r = run("--user", "wang", "holidays", "import", str(good), "--complete", env=env, data_dir=d)
    assert r.stdout == "已导入2027年放假安排 2 天（新增 0，修改 0，未变 2）；已确认完整录入\n"
