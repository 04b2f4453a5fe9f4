"""Revision 0009 gives cases the 审理意见 and the 免予/不予处分 reason by ADD COLUMN: an older office's cases keep
their rows (both empty), and the downgrade drops the columns in place (the table is not rebuilt)."""
import datetime as dt
import sqlite3

import pytest
from alembic import command

from models.db import alembic_config, current_revision, make_engine, sqlite_url, upgrade_database
from services.casework import cases
from services.casework.persons import PersonInput
from tests.helpers.demo_ws import demo_township
from tests.helpers.legacy_db import copy_into_revision

_ROW = "SELECT id, number, stage, filing_date, investigation_date FROM cases ORDER BY id"


@pytest.fixture
def revision_0008_db(tmp_path, today):
    scratch = demo_township(tmp_path / "scratch", today)
    c = cases.open_case(scratch, filing_date=dt.date(2026, 9, 1), title="王五违规发放津补贴案",
                        persons=[PersonInput(name="王五", is_party_member=True)])
    cases.advance_case(scratch, c.id, "investigating", dt.date(2026, 9, 2))
    scratch.close()
    db = tmp_path / "data" / "jijian.sqlite"
    (tmp_path / "data" / "backups").mkdir(parents=True)
    copy_into_revision(tmp_path / "scratch" / "jijian.sqlite", db, "0008")
    return db


def _rootpage(con: sqlite3.Connection) -> int:
    return con.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'cases'").fetchone()[0]


def test_0009_adds_the_stage_fields_to_existing_cases_and_the_downgrade_drops_them_in_place(revision_0008_db):
    db = revision_0008_db
    with sqlite3.connect(db) as con:
        before, page = con.execute(_ROW).fetchall(), _rootpage(con)
    assert len(before) == 1
    engine = make_engine(sqlite_url(db))
    upgrade_database(engine, backups_dir=db.parent / "backups", revision="0009")
    assert current_revision(engine) == "0009"
    engine.dispose()
    with sqlite3.connect(db) as con:
        assert con.execute(_ROW).fetchall() == before
        assert con.execute("SELECT trial_opinion, no_sanction_reason FROM cases").fetchall() == [(None, None)]
        con.execute("UPDATE cases SET trial_opinion = '建议给予党内警告处分'")
        assert _rootpage(con) == page

    engine = make_engine(sqlite_url(db))
    command.downgrade(alembic_config(engine), "0008")
    assert current_revision(engine) == "0008"
    engine.dispose()
    with sqlite3.connect(db) as con:
        columns = [r[1] for r in con.execute("PRAGMA table_info(cases)")]
        assert "trial_opinion" not in columns and "no_sanction_reason" not in columns
        assert con.execute(_ROW).fetchall() == before
        assert _rootpage(con) == page                       # dropped in place: the table was not rebuilt
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
