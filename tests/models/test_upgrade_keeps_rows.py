"""A database made by the first schema revision, full of data, upgrades to head and keeps every row."""
import datetime as dt

from sqlalchemy import func, inspect, select, text

from models import Base
from models.db import current_revision, head_revision, make_engine, make_session_factory, sqlite_url, upgrade_database
from services import demo
from services.casework import listing
from services.security import audit
from services.storage.workspace import Workspace, open_workspace


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())  # tables of later revisions are not there yet
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables if t.name in present}


def test_first_revision_database_upgrades_with_every_row(tmp_path, today):
    data = tmp_path / "data"
    data.mkdir()
    (data / "backups").mkdir()
    engine = make_engine(sqlite_url(data / "jijian.sqlite"))
    upgrade_database(engine, revision="0001")
    engine.dispose()

    # Fill it through the real services while it is still at revision 0001 (no triggers, no search index).
    engine = make_engine(sqlite_url(data / "jijian.sqlite"))
    ws = Workspace(data_dir=data, engine=engine, session_factory=make_session_factory(engine), today=lambda: today)
    demo.initialize_demo(ws)
    demo.login_demo(ws)
    demo.generate_demo(ws, complaints=300, seed=7, end=dt.date(2026, 11, 20))
    assert current_revision(engine) == "0001"
    ws.close()
    before = _counts(engine)
    assert before["complaints"] == 300 and before["measures"] > 0 and before["ledger_leaders"] > 0
    with ws.reading() as s:
        number = s.execute(text("SELECT number FROM complaints ORDER BY id LIMIT 1")).scalar_one()
    engine.dispose()

    ws2 = open_workspace(data, today=lambda: today)  # upgrades on open, after a backup copy
    assert current_revision(ws2.engine) == head_revision()
    assert ws2.upgrade_backup is not None and ws2.upgrade_backup.exists()
    assert _counts(ws2.engine) == before | {"audit_checkpoints": 0}
    demo.login_demo(ws2)
    # the search index added by a later revision covers the old rows
    ids = listing.query_ids(ws2, listing.ListQuery(entity="complaint", text=number)).tolist()
    assert len(ids) == 1
    with ws2.reading() as s:
        assert audit.verify_chain(s).ok
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    ws2.close()
