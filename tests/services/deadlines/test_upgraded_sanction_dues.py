"""An office upgraded from before 处分执行 was kept is not told that every old sanction is unannounced.

Before revision 0006 the 宣布 limit ran only until the case was closed; a sanction recorded then keeps
that rule after the upgrade, while every sanction recorded since is owed its 宣布 until it is entered.
"""
import datetime as dt
import sqlite3

from sqlalchemy import select

from models import Case, Measure
from services import demo
from services.deadlines import due_list
from services.storage.workspace import open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.legacy_db import copy_into_revision

END = dt.date(2026, 11, 20)


def _announcements(ws) -> set[str]:
    return {d.item_number for d in due_list.due_items(ws, END, include_ok=True) if d.limit_code == "execution"}


def test_old_sanctions_of_closed_cases_are_not_owed_a_new_announcement(tmp_path):
    scratch = open_workspace(tmp_path / "scratch", today=lambda: END, crypto=CHEAP_CRYPTO)
    demo.initialize_demo(scratch)
    demo.login_demo(scratch)
    demo.generate_demo(scratch, complaints=400, seed=7, end=END)
    scratch.close()
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    copy_into_revision(tmp_path / "scratch" / "jijian.sqlite", data / "jijian.sqlite", "0005")
    # SQLite only: a file copied back to revision 0005 and upgraded on open (no server database that old exists)
    con = sqlite3.connect(data / "jijian.sqlite")  # one sanctioned case still open at the upgrade
    con.execute("UPDATE cases SET closing_date = NULL, stage = 'trial_concluded' WHERE id = "
                "(SELECT min(case_id) FROM measures WHERE category != 'handling')")
    con.commit()
    con.close()

    ws = open_workspace(data, today=lambda: END, crypto=CHEAP_CRYPTO)  # upgraded: no 宣布 dates anywhere
    demo.login_demo(ws)
    with ws.reading() as s:
        rows = s.execute(select(Case.number, Case.closing_date, Measure.execution_tracked)
                         .join(Measure, Measure.case_id == Case.id)
                         .where(Measure.category != "handling", Case.imported.is_(False))).all()
    assert rows and {tracked for *_, tracked in rows} == {False}
    open_cases = {number for number, closed, _ in rows if closed is None}
    closed_cases = {number for number, closed, _ in rows if closed is not None}
    assert open_cases and closed_cases
    owed = {item.split(" ")[0] for item in _announcements(ws)}
    assert owed == open_cases  # as before 0006: owed while the case is open, not for closed ones
    ws.close()
