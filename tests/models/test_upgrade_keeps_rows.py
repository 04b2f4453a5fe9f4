"""A database made by the first schema revision, full of data, upgrades to head and keeps every row."""
import datetime as dt

from sqlalchemy import func, inspect, select, text

from models import Base
from models.db import current_revision, head_revision, make_engine, make_session_factory, sqlite_url
from services import demo
from services.casework import listing
from services.security import audit
from services.storage.workspace import Workspace, open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.legacy_db import copy_into_revision


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())  # tables of later revisions are not there yet
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables if t.name in present}


def test_first_revision_database_upgrades_with_every_row(tmp_path, today):
    # Filled through the real services (at head, in a scratch dir), then held in a revision-0001 file.
    scratch = open_workspace(tmp_path / "scratch", today=lambda: today, crypto=CHEAP_CRYPTO)
    demo.initialize_demo(scratch)
    demo.login_demo(scratch)
    demo.generate_demo(scratch, complaints=300, seed=7, end=dt.date(2026, 11, 20))
    scratch.close()
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    copy_into_revision(tmp_path / "scratch" / "jijian.sqlite", data / "jijian.sqlite", "0001")
    engine = make_engine(sqlite_url(data / "jijian.sqlite"))
    ws = Workspace(data_dir=data, engine=engine, session_factory=make_session_factory(engine), today=lambda: today)
    assert current_revision(engine) == "0001"
    before = _counts(engine)
    assert before["complaints"] == 300 and before["measures"] > 0 and before["ledger_leaders"] > 0
    with ws.reading() as s:
        number = s.execute(text("SELECT number FROM complaints ORDER BY id LIMIT 1")).scalar_one()
    engine.dispose()

    ws2 = open_workspace(data, today=lambda: today, crypto=CHEAP_CRYPTO)  # upgrades on open, after a backup copy
    assert current_revision(ws2.engine) == head_revision()
    assert ws2.upgrade_backup is not None and ws2.upgrade_backup.exists()
    later_tables = {t.name: 0 for t in Base.metadata.sorted_tables if t.name not in before}
    assert "referrals" in later_tables and "talk_records" in later_tables
    assert _counts(ws2.engine) == before | later_tables
    demo.login_demo(ws2)
    # the search index added by a later revision covers the old rows
    ids = listing.query_ids(ws2, listing.ListQuery(entity="complaint", text=number)).tolist()
    assert len(ids) == 1
    with ws2.reading() as s:
        assert audit.verify_chain(s).ok
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    ws2.close()
