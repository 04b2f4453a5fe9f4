"""Revision 0007 rebuilds ``measures`` for 责令辞职 while execution steps, 宣布 records and 回访 point at its rows."""
import datetime as dt
import sqlite3

import pytest

from models.db import current_revision, head_revision, make_engine, sqlite_url, upgrade_database
from services import demo
from services.storage.workspace import open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.legacy_db import copy_into_revision

NOW = "2026-11-20 08:00:00.000000"


def _children(con: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("measures", "sanction_executions", "execution_steps", "follow_up_visits")}


@pytest.fixture
def revision_0006_db(tmp_path, today):
    scratch = open_workspace(tmp_path / "scratch", today=lambda: today, crypto=CHEAP_CRYPTO)
    demo.initialize_demo(scratch)
    demo.login_demo(scratch)
    demo.generate_demo(scratch, complaints=120, seed=5, end=dt.date(2026, 11, 20))
    scratch.close()
    db = tmp_path / "data" / "jijian.sqlite"
    (tmp_path / "data" / "backups").mkdir(parents=True)
    copy_into_revision(tmp_path / "scratch" / "jijian.sqlite", db, "0006")
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    sanctions = [r[0] for r in con.execute(
        "SELECT id FROM measures WHERE category != 'handling' ORDER BY id LIMIT 3")]
    assert len(sanctions) == 3
    con.execute("BEGIN")
    for i, mid in enumerate(sanctions):   # every table that references measures holds rows
        con.execute("INSERT OR IGNORE INTO sanction_executions (measure_id, announced_date, note, updated_at) "
                    "VALUES (?, '2026-06-01', '', ?)", (mid, NOW))
        con.execute("INSERT INTO execution_steps (measure_id, item, done_date, note, created_at) "
                    "VALUES (?, 'post', '2026-06-05', '', ?)", (mid, NOW))
        con.execute("INSERT INTO follow_up_visits (measure_id, visit_date, form, by_whom, note, created_at) "
                    "VALUES (?, '2026-09-01', 'talk', ?, '', ?)", (mid, f"回访人{i}", NOW))
    con.execute("COMMIT")
    con.close()
    return db


def test_0007_keeps_every_measure_and_what_points_at_it(revision_0006_db):
    db = revision_0006_db
    with sqlite3.connect(db) as con:
        before = _children(con)
        indexes = sorted(r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='measures'"))
    assert len(before["measures"]) > 0 and all(len(before[t]) >= 3 for t in before)

    engine = make_engine(sqlite_url(db))
    upgrade_database(engine, backups_dir=db.parent / "backups", revision="0007")  # later ones add columns
    assert current_revision(engine) == "0007" and head_revision() >= "0007"
    engine.dispose()

    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    try:
        assert _children(con) == before
        assert sorted(r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='measures'")) == indexes
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert "measures_0007" not in {r[0] for r in con.execute("SELECT name FROM sqlite_temp_master")}
        person, case = con.execute("SELECT person_id, case_id FROM measures WHERE case_id IS NOT NULL").fetchone()
        insert = ("INSERT INTO measures (person_id, case_id, category, kind, decision_date, document_number, "
                  "note, created_at) VALUES (?, ?, 'handling', ?, '2026-11-20', '', '', ?)")
        con.execute(insert, (person, case, "ordered_resignation", NOW))        # the new kind is accepted
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed: ck_measures_kind"):
            con.execute(insert, (person, case, "pigeon", NOW))                # an unknown one still is not
        referenced = before["execution_steps"][0][1]
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
            con.execute("DELETE FROM measures WHERE id = ?", (referenced,))  # the children still hold on
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
            con.execute("INSERT INTO follow_up_visits (measure_id, visit_date, form, by_whom, note, created_at) "
                        "VALUES (999999, '2026-09-01', 'talk', '某', '', ?)", (NOW,))
    finally:
        con.close()


def test_0007_downgrade_refuses_while_a_resignation_is_held(revision_0006_db):
    db = revision_0006_db
    engine = make_engine(sqlite_url(db))
    upgrade_database(engine, revision="0007")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO measures (person_id, case_id, category, kind, decision_date, document_number, note, "
            "created_at) SELECT person_id, case_id, 'handling', 'ordered_resignation', '2026-11-20', '', '', "
            f"'{NOW}' FROM measures WHERE case_id IS NOT NULL LIMIT 1")
    from alembic import command
    from models.db import alembic_config
    with pytest.raises(RuntimeError, match="1 条处理为“责令辞职”，旧版本不能保存，不能降级"):
        command.downgrade(alembic_config(engine), "0006")
    assert current_revision(engine) == "0007"
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM measures WHERE kind = 'ordered_resignation'")
    command.downgrade(alembic_config(engine), "0006")
    assert current_revision(engine) == "0006"
    with engine.connect() as conn:
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name='measures'").scalar_one()
        assert "ordered_resignation" not in sql and "'removal_from_post'" in sql
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    engine.dispose()
