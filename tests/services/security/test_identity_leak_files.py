"""An attacker with a copy of the database file or a local backup, but no key, reads no part of a
complainant's identity beyond what the masks allow (services.security.identity_masks)."""
import sqlite3

from services.casework import intake
from services.storage import maintenance
from tests.conftest import sign_in_as
from tests.helpers.identity_leaks import leaks, raw_leaks, text_values
from tests.services.daily.conftest import VALID_ID, complaint_input

NAME, PHONE, ADDRESS = "赵铁柱", "0571-87654321转808661", "红星村五组"


def test_database_file_and_local_backup_hold_no_identity_piece(ws):
    # SQLite only: it reads the file's free pages and the local backup copies, which only a SQLite desk has
    v = intake.register_complaint(ws, complaint_input(complainant_name=NAME, complainant_phone=PHONE,
                                                      complainant_id_number=VALID_ID, complainant_address=ADDRESS))
    assert v.identity_masked == {"name": "赵**", "phone": "0571-****", "id_number": "11" + "*" * 16,
                                 "address": "****"}
    backup = maintenance.backup_now(ws).path
    sign_in_as(ws, "officer1", ["officer"])
    shown = intake.get_complaint(ws, v.id)  # what an officer's screen and the printed sheet show
    assert shown.can_reveal is False and shown.identity_masked == v.identity_masked
    ws.close()
    con = sqlite3.connect(ws.db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()

    for db in (ws.db_path, backup):
        assert leaks(text_values(db)) == []
        assert raw_leaks(db) == []  # free pages and the search index included
    masked = [val for table, val in text_values(ws.db_path) if table == "complaints" and val.startswith("{\"name")]
    assert masked == ['{"name": "赵**", "phone": "0571-****", "id_number": "11****************", "address": "****"}']
