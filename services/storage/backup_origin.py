"""Whose data a backup holds, and whether this data dir may take it.

Every backup names its organization: a local backup's ``.manifest.json`` and a ``.jjbak``'s
encrypted metadata carry ``"organization": {"code", "name"}``, read from the snapshot's own
``organization`` table when the backup is written. At restore (``RestoreTarget.check``, on the
staged copy, before anything is replaced):

- the organization is read again from the backup's database and must match the manifest (a
  manifest that names another office than its database is refused);
- a file without the app's manifest (a plain SQLite copy, with or without a ``.jjbak`` name) is
  refused — except into a fresh data dir with the explicit flag, and except the copies the schema
  upgrade itself leaves in this data dir's ``backups/pre-upgrade-*.sqlite`` (still only this office's);
- into an initialised data dir, only a backup of the same organization code is taken; the refusal
  names both offices;
- into a fresh (uninitialised) data dir, only with the explicit flag (``--allow-foreign`` / the
  wizard's 迁入 checkbox): the move-to-a-new-PC case.

Manifests written before this rule (no ``organization`` key) are accepted on the strength of the
database's own organization. What this does NOT stop: someone who edits the backup's database to
claim this office's code (the same person could edit the live file); the check is about mix-ups and
careless or hostile restores of another office's real backup.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from services.storage.backup_store import BackupError, connect_ro


_PRE_UPGRADE = re.compile(r"^pre-upgrade-[A-Za-z0-9_]+-\d{8}-\d{6}\.sqlite$")  # models.db.upgrade_database


class ForeignBackup(BackupError):
    """The backup belongs to another office, names none, or its manifest and database disagree."""


@dataclass(frozen=True)
class OrgRef:
    code: str
    name: str

    def label(self) -> str:
        return f"{self.name}（单位代码 {self.code}）"

    def to_manifest(self) -> dict:
        return {"code": self.code, "name": self.name}


def read_organization(db_file: Path) -> OrgRef | None:
    """The office in a database file's ``organization`` table; None when it has none.

    Raises ``ForeignBackup`` when the table holds more than one office (the app keeps exactly one).
    """
    try:
        con = connect_ro(Path(db_file))
        try:
            rows = con.execute("SELECT code, name FROM organization ORDER BY id LIMIT 2").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    if len(rows) > 1:
        raise ForeignBackup("备份中的数据库含有多个单位，不是本系统写出的数据，不能用它恢复。")
    return OrgRef(code=str(rows[0][0]), name=str(rows[0][1])) if rows else None


def manifest_organization(manifest: dict) -> OrgRef | None:
    """The office a manifest names; None for a manifest written before backups named one."""
    org = manifest.get("organization")
    if org is None:
        return None
    if not isinstance(org, dict) or not isinstance(org.get("code"), str) or not isinstance(org.get("name"), str):
        raise ForeignBackup("备份清单中的单位信息无法识别（清单已损坏或被改动），不能用它恢复。")
    return OrgRef(code=org["code"], name=org["name"])


def _newest_manifest_org(backups_dir: Path) -> OrgRef | None:
    """The office named by the newest local backup's manifest (for a data dir whose database is unreadable)."""
    if not backups_dir.is_dir():
        return None
    for manifest in sorted(backups_dir.glob("jijian-*.manifest.json"), reverse=True):
        try:
            org = manifest_organization(json.loads(manifest.read_text("utf-8")))
        except (OSError, ValueError, ForeignBackup):
            continue
        if org is not None:
            return org
    return None


@dataclass(frozen=True)
class RestoreTarget:
    """The data dir a backup is restored into: its office (None when fresh) and the operator's say-so."""

    org: OrgRef | None
    known: bool = True           # False: a database is there but its office cannot be read
    allow_foreign: bool = False  # the explicit flag for a fresh data dir
    backups_dir: Path | None = None  # this data dir's own backups folder (its pre-upgrade copies)

    @property
    def fresh(self) -> bool:
        return self.org is None and self.known

    def own_pre_upgrade_copy(self, source: Path | None) -> bool:
        """A copy the schema upgrade wrote into this data dir's backups folder (it has no manifest)."""
        return (source is not None and self.backups_dir is not None and bool(_PRE_UPGRADE.match(source.name))
                and source.resolve().parent == Path(self.backups_dir).resolve())

    def check(self, staged_db: Path, manifest: dict | None, source: Path | None = None) -> OrgRef:
        """Refuse (``ForeignBackup``) unless the staged backup may replace this data dir; returns its office.

        ``source``: the backup file as chosen (to recognise this data dir's own pre-upgrade copies).
        """
        from_db = read_organization(staged_db)
        if manifest is None and not (self.org is not None and self.own_pre_upgrade_copy(source)):
            if not (self.fresh and self.allow_foreign):
                raise ForeignBackup("这个文件没有本系统备份的清单（可能是直接复制的数据库文件），不能用它恢复："
                                    "请用本系统“立即备份”或“备份到U盘”得到的备份。")
        elif manifest is not None:
            named = manifest_organization(manifest)
            if named is not None and named != from_db:
                inside = from_db.label() if from_db else "没有单位信息"
                raise ForeignBackup(f"备份清单写明属于{named.label()}，但其中的数据库属于{inside}："
                                    "备份已被改动，不能用它恢复。")
        if from_db is None:
            raise ForeignBackup("备份中的数据库没有单位信息（尚未初始化或不是本系统的数据），不能用它恢复。")
        if self.org is not None:
            if from_db.code != self.org.code:
                raise ForeignBackup(f"这份备份属于{from_db.label()}，而本数据目录属于{self.org.label()}："
                                    "不能用其他单位的备份覆盖本单位的数据。")
            return from_db
        if not self.known:
            raise ForeignBackup(f"当前数据库无法读取，不能确认本数据目录属于哪个单位，因此不能用{from_db.label()}的"
                                "备份恢复：请联系技术人员。")
        if not self.allow_foreign:
            raise ForeignBackup(f"本数据目录尚未初始化，而这份备份属于{from_db.label()}。如确要把该单位的数据迁入"
                                "本机（更换电脑），请明确确认（命令行加 --allow-foreign）。")
        return from_db


def restore_target(db_path: Path, backups_dir: Path, *, allow_foreign: bool = False) -> RestoreTarget:
    """This data dir's office, read from its database (or, if that is unreadable, its newest backup manifest)."""
    db_path, backups_dir = Path(db_path), Path(backups_dir)
    own = {"allow_foreign": allow_foreign, "backups_dir": backups_dir}
    if not db_path.exists():  # no database yet; but a data dir with backups of an office is not fresh
        return RestoreTarget(org=_newest_manifest_org(backups_dir), **own)
    try:
        con = connect_ro(db_path)
        try:
            has_table = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='organization'").fetchone() is not None
            rows = con.execute("SELECT code, name FROM organization ORDER BY id LIMIT 1").fetchall() if has_table else []
        finally:
            con.close()
    except sqlite3.DatabaseError:
        org = _newest_manifest_org(backups_dir)
        return RestoreTarget(org=org, known=org is not None, **own)
    if rows:
        return RestoreTarget(org=OrgRef(code=str(rows[0][0]), name=str(rows[0][1])), **own)
    # An empty or uninitialised database; but a data dir with backups of an office is not fresh.
    return RestoreTarget(org=_newest_manifest_org(backups_dir), **own)

