"""Re-mask the identity previews inside local copies of the database made before revision 0004.

A local backup (``backups/jijian-*.sqlite3``), the copy taken before an upgrade
(``backups/pre-upgrade-*.sqlite``) and the database set aside by a restore (``jijian.before-restore-*``)
are plain SQLite files holding ``complaints.complainant_masked`` in clear, with the old masks that
showed a short address whole (see migration 0004). Upgrading the live database does not change
them, so migration 0004 calls :func:`remask_local_copies` on the database's folder: each copy still at a
revision before 0004 gets the same re-masking as the migration (with ``secure_delete`` on, so the
old bytes are overwritten), keeps its revision (a restore of it runs migration 0004, which leaves
current masks as they are) and stays restorable: a backup whose manifest matched it before gets
its manifest's ``db_sha256`` updated; one that did not match is re-masked but keeps its manifest,
so a restore still refuses it.

Encrypted exports (``.jjbak``) are not touched: without the passphrase nothing in them is readable.
"""
from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

from services.security.identity_masks import remask_rows
from services.storage.backup import read_manifest
from services.storage.backup_store import manifest_path_for, sha256_file
from services.storage.files import atomic_path, keep_os_error

_log = logging.getLogger(__name__)
FIRST_CURRENT_REVISION = "0004"
_PATTERNS = ("jijian-*.sqlite3", "pre-upgrade-*.sqlite")


def local_copies(data_dir: Path) -> list[Path]:
    """Every plain SQLite copy of the database the app keeps in ``data_dir``."""
    data_dir = Path(data_dir)
    found = [p for pattern in _PATTERNS for p in (data_dir / "backups").glob(pattern)]
    found += [p for p in data_dir.glob("*.before-restore-*") if not p.name.endswith(("-wal", "-shm", "-journal"))]
    return sorted(p for p in found if p.is_file())


def remask_local_copies(data_dir: Path) -> list[Path]:
    """Re-mask every copy still at a revision before 0004; returns those changed. A copy that is
    not a database is left as it is (it cannot be restored either); one that cannot be read or
    written now (locked, read-only) is logged by name and left as it is, so that opening the app
    never fails on it; it keeps the old masks until someone deletes it or calls this again."""
    changed = []
    for path in local_copies(data_dir):
        try:
            if remask_copy(path):
                changed.append(path)
        except (OSError, sqlite3.OperationalError) as exc:
            _log.warning("could not re-mask the identity previews in %s: %s", path, exc)
    return changed


def _revision(con: sqlite3.Connection) -> str | None:
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
            raise
        return None  # not a database, or not one of ours
    return row[0] if row else None


def remask_copy(path: Path) -> bool:
    """Re-mask one copy if it is older than revision 0004; True when a row changed."""
    manifest_file = manifest_path_for(path)
    manifest = read_manifest(path)
    matched = manifest is not None and manifest.get("db_sha256") == sha256_file(path)
    try:
        con = sqlite3.connect(path, isolation_level=None, timeout=2)
    except sqlite3.DatabaseError:
        return False
    try:
        revision = _revision(con)
        if revision is None or not revision.isdigit() or revision >= FIRST_CURRENT_REVISION:
            return False
        con.execute("PRAGMA secure_delete = ON")
        con.execute("BEGIN IMMEDIATE")
        try:
            rows = con.execute("SELECT id, complainant_masked FROM complaints").fetchall()
            changed = remask_rows(rows, lambda row_id, new: con.execute(
                "UPDATE complaints SET complainant_masked = ? WHERE id = ?", (new, row_id)))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError:
        raise  # locked or read-only: worth a word in the log
    except sqlite3.DatabaseError:
        return False  # not a database
    finally:
        con.close()
    if changed and matched:
        assert manifest is not None
        manifest["db_sha256"] = sha256_file(path)
        with atomic_path(manifest_file, error=keep_os_error) as tmp:
            tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return bool(changed)

