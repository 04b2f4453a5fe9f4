"""Migration 0004 re-masks the identity previews of a revision-0003 database, and of its local copies,
without any key: afterwards no copy on disk holds an old mask's pieces."""
import json
import sqlite3

from sqlalchemy import text

from models.db import current_revision, head_revision, make_engine, make_session_factory, sqlite_url
from services.casework import intake
from services.security import setup, users
from services.storage import backup
from services.storage.backup_store import sha256_file
from services.storage.workspace import Workspace, open_workspace
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.legacy_db import copy_into_revision
from tests.services.daily.conftest import VALID_ID, complaint_input
from tests.helpers.identity_leaks import leaks, raw_leaks, text_values
from tests.helpers.legacy_masks import LEGACY

PEOPLE = [  # (name, phone, ID number, 单位或地址) → the mask migration 0004 must leave
    (("赵铁柱", "0571-87654321转808661", VALID_ID, "红星村五组"),
     {"name": "赵**", "phone": "0571-****", "id_number": "11" + "*" * 16, "address": "****"}),
    (("李四", "13812345678", None, "浙江省杭州市西湖区文三路"),
     {"name": "李**", "phone": "138****", "id_number": "", "address": "浙江****"}),
    (("王", "950000", None, "县交通局"),  # a short service number: its old mask hid the first digits
     {"name": "***", "phone": "****", "id_number": "", "address": "****"}),
]

OLD_PIECES = ("李*\"", "*5678", "*4321", "浙江省", "杭州", "县交通局", "交通局", "****00")


def _old_mask(values) -> str:
    return json.dumps({f: LEGACY[f](v) for f, v in zip(("name", "phone", "id_number", "address"), values)},
                      ensure_ascii=False)


def test_upgrade_remasks_database_pre_upgrade_copy_and_backups(tmp_path, today):
    scratch = open_workspace(tmp_path / "scratch", today=lambda: today, crypto=CHEAP_CRYPTO)
    setup.initialize(scratch, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(scratch, "wang", ADMIN_PASSWORD)
    ids = [intake.register_complaint(scratch, complaint_input(
        complainant_name=n, complainant_phone=p, complainant_id_number=i, complainant_address=a)).id
        for (n, p, i, a), _ in PEOPLE]
    garbled = intake.register_complaint(scratch, complaint_input(complainant_address="红星村五组")).id
    scratch_db = scratch.data_dir / "jijian.sqlite"
    scratch.close()

    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    db = data / "jijian.sqlite"
    copy_into_revision(scratch_db, db, "0003")  # the office's database as revision 0003 left it
    engine = make_engine(sqlite_url(db))
    ws = Workspace(data_dir=data, engine=engine, session_factory=make_session_factory(engine), today=lambda: today)
    con = ws.engine.raw_connection()
    for cid, (values, _) in zip(ids, PEOPLE):
        con.execute("UPDATE complaints SET complainant_masked = ? WHERE id = ?", (_old_mask(values), cid))
    con.execute("UPDATE complaints SET complainant_masked = ? WHERE id = ?", ("红星村五组 (not JSON)", garbled))
    con.commit()
    con.close()
    # a local backup taken at 0003, holding the old masks (made as that version made it: today's models, and so
    # the sign-in, no longer fit a revision-0003 database)
    local = backup.make_backup(ws.db_path, ws.attachments_dir, ws.backups_dir, now=ws.now(), kind="manual").path
    assert leaks(text_values(local)) != []
    assert current_revision(engine) == "0003"
    ws.close()

    ws = open_workspace(data, today=lambda: today, crypto=CHEAP_CRYPTO)  # upgrades on open, after a pre-upgrade copy
    assert current_revision(ws.engine) == head_revision()
    with ws.reading() as s:
        masks = dict(s.execute(text("SELECT id, complainant_masked FROM complaints")).all())
    assert [json.loads(masks[cid]) for cid in ids] == [expected for _, expected in PEOPLE]
    assert masks[garbled] == "{}"  # not JSON: blanked rather than kept
    pre_upgrade = ws.upgrade_backup
    assert pre_upgrade is not None and pre_upgrade.name.startswith("pre-upgrade-0003-")
    ws.close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()

    for copy in (db, pre_upgrade, local):
        assert leaks(text_values(copy)) == [], copy.name
        assert raw_leaks(copy) == [], copy.name  # the old bytes are overwritten, not just unlinked
        raw = copy.read_bytes()
        assert [p for p in OLD_PIECES if p.encode() in raw] == [], copy.name
    # the re-masked local backup still matches its manifest, so it can be restored
    manifest = json.loads(backup.BackupInfo(local, None, "manual", 0).manifest_path.read_text("utf-8"))
    assert manifest["db_sha256"] == sha256_file(local)
