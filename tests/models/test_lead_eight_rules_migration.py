"""Revision 0010 gives leads the 八项规定 flag and sub-type by ADD COLUMN: an older office's leads keep
their rows (unflagged), the sub-type's CHECK holds, and the downgrade drops the columns again."""
import datetime as dt
import sqlite3

import pytest
from alembic import command

from models.db import alembic_config, current_revision, head_revision, make_engine, sqlite_url, upgrade_database
from services.casework import intake
from services.casework.intake import ComplaintInput, SubjectInput
from services.security import setup, users
from services.storage.workspace import open_workspace
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.legacy_db import copy_into_revision


@pytest.fixture
def revision_0009_db(tmp_path, today):
    scratch = open_workspace(tmp_path / "scratch", today=lambda: today, crypto=CHEAP_CRYPTO)
    setup.initialize(scratch, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(scratch, "wang", ADMIN_PASSWORD)
    for sub_type in ("dining", None):
        c = intake.register_complaint(scratch, ComplaintInput(
            received_date=dt.date(2026, 11, 2), channel="letter", kind="accusation", signature="anonymous",
            subjects=[SubjectInput(name="张三", unit="青山村")], main_problem="反映问题", discipline="integrity",
            eight_rules_type=sub_type))
        intake.accept(scratch, c.id, dt.date(2026, 11, 3))
    scratch.close()
    db = tmp_path / "data" / "jijian.sqlite"
    (tmp_path / "data" / "backups").mkdir(parents=True)
    copy_into_revision(tmp_path / "scratch" / "jijian.sqlite", db, "0009")
    return db


def test_0010_adds_the_columns_to_existing_leads_and_checks_the_sub_type(revision_0009_db):
    db = revision_0009_db
    with sqlite3.connect(db) as con:
        before = con.execute("SELECT id, number, source FROM leads ORDER BY id").fetchall()
    assert len(before) == 2
    engine = make_engine(sqlite_url(db))
    upgrade_database(engine, backups_dir=db.parent / "backups", revision="0010")
    assert current_revision(engine) == "0010" and head_revision() >= "0010"
    engine.dispose()
    con = sqlite3.connect(db, isolation_level=None)
    try:
        rows = con.execute("SELECT id, number, source, eight_rules, eight_rules_type FROM leads ORDER BY id").fetchall()
        assert rows == [(*r, 0, None) for r in before]   # an older lead is not flagged (nothing guessed)
        con.execute("UPDATE leads SET eight_rules = 1, eight_rules_type = 'dining' WHERE id = ?", (before[0][0],))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed: ck_leads_eight_rules_type"):
            con.execute("UPDATE leads SET eight_rules_type = 'pigeon' WHERE id = ?", (before[0][0],))
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()

    engine = make_engine(sqlite_url(db))
    command.downgrade(alembic_config(engine), "0009")
    engine.dispose()
    with sqlite3.connect(db) as con:
        columns = [r[1] for r in con.execute("PRAGMA table_info(leads)")]
        assert "eight_rules" not in columns and "eight_rules_type" not in columns
        assert con.execute("SELECT id, number, source FROM leads ORDER BY id").fetchall() == before
