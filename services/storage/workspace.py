"""The front object: data dir, engine, current user, clock. Built once by ``open_workspace``.

Every service takes a ``Workspace`` (or a session from it). Nothing here is global, so tests build
a real one on a temp directory.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import platformdirs
from sqlalchemy import Engine
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from models import Organization
from models.db import make_engine, make_read_session_factory, make_session_factory, sqlite_url, upgrade_database

from services.errors import DomainError
from services.security import session_guard
from services.security.crypto_params import CryptoParams
from services.security.identity_crypto import CaseFileVault, IdentityVault
from services.storage.record_versions import stale_save_error

APP_NAME = "jijian-desk"
APP_AUTHOR = "jijian"
DB_FILE = "jijian.sqlite"


@dataclass
class CurrentUser:
    """Who is signed in: enough to check permissions and to sign audit events."""

    id: int
    username: str
    display_name: str
    roles: frozenset[str]
    # Set at sign-in (services.security.session_guard): the signing-in workspace re-reads this user's row
    # at each permission check and write; None for a bare snapshot.
    standing: object | None = field(default=None, compare=False, repr=False)


class StorageError(DomainError):
    """The database could not take the change (disk full, file locked, I/O error); nothing was saved."""


def storage_error(exc: OperationalError) -> DomainError:
    text = str(exc.orig if getattr(exc, "orig", None) is not None else exc).lower()
    if "full" in text:
        return StorageError("磁盘空间不足，本次保存未完成，已有数据未受影响。请清理磁盘空间后重试")
    if "locked" in text or "busy" in text:
        return StorageError("数据库正被另一个程序占用，本次保存未完成，请稍后重试")
    if "readonly" in text or "read-only" in text:
        return StorageError("数据库文件只读，本次保存未完成，请检查数据目录的写入权限")
    if "connection" in text or "connect" in text or "terminating" in text:  # a server database (PostgreSQL)
        return StorageError("与数据库服务器的连接中断，本次保存未完成，已有数据未受影响。请检查网络或联系服务器管理员后重试")
    if "too long" in text:  # PostgreSQL enforces VARCHAR(n), which SQLite does not
        return StorageError("有一项内容超出了数据库允许的长度，本次保存未完成，已有数据未受影响。请缩短后重试")
    return StorageError(f"数据库写入失败，本次保存未完成，已有数据未受影响（{text[:120]}）")


def default_data_dir(executable: Path | None = None, env: dict | None = None) -> Path:
    """``JIJIAN_DATA_DIR``; else a ``portable`` marker beside the executable; else the user data dir."""
    env = os.environ if env is None else env
    if env.get("JIJIAN_DATA_DIR"):
        return Path(env["JIJIAN_DATA_DIR"]).expanduser()
    exe_dir = (executable or Path(sys.executable if getattr(sys, "frozen", False) else sys.argv[0])).resolve().parent
    if (exe_dir / "portable").exists():
        return exe_dir / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


@dataclass(frozen=True)
class OrgInfo:
    name: str
    code: str
    county_name: str
    mode: str


@dataclass
class Workspace:
    data_dir: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    current_user: CurrentUser | None = None
    today: Callable[[], dt.date] = dt.date.today
    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.timezone.utc))
    upgrade_backup: Path | None = None
    read_session_factory: sessionmaker[Session] | None = None
    # argon2id costs (password hashes, identity key wraps, backup exports); tests pass cheap ones.
    crypto: CryptoParams = field(default_factory=CryptoParams)
    # The identity data key while a permitted user is signed in (services.security.identity).
    identity_vault: IdentityVault = field(default_factory=IdentityVault)
    # The office's case-file key (leads' and cases' attachments) while a user is signed in
    # (services.security.case_file_keys).
    case_file_vault: CaseFileVault = field(default_factory=CaseFileVault)
    # This workspace's own answer to "is the signed-in user still active" (services.security.session_guard).
    standing: "session_guard.Standing | None" = None
    # The data dir's instance lock when opened with ``lock=True`` (services.storage.instance_lock); released by close().
    instance_lock: object | None = None
    # Which years' official holiday schedule the calendar treats as published (services.deadlines.workdays);
    # None asks the chinese_calendar package. Tests set it so they do not depend on the package's release.
    calendar_known_years: Callable[[int], bool] | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILE

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @contextmanager
    def transaction(self, *, check_user: bool = True) -> Iterator[Session]:
        """One user action: commit on success, roll back everything on any error.

        A signed-in user who has been disabled meanwhile writes nothing (``AccountRevoked``);
        ``check_user=False`` only for sign-in itself.
        """
        session = self.session_factory()
        session.info["user_id"] = self.current_user.id if self.current_user is not None else None
        try:
            with session.begin():
                if check_user and self.current_user is not None:
                    session_guard.check_write(self, session)
                yield session
        except StaleDataError as exc:  # a versioned row changed during the save (models.versioning)
            raise stale_save_error() from exc
        except (OperationalError, DataError) as exc:
            raise storage_error(exc) from exc
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look (lists, reports): never waits for the writer, never blocks it."""
        factory = self.read_session_factory or self.session_factory
        session = factory()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def organization(self) -> "OrgInfo | None":
        """This office's name, code, county and mode as plain values (None before setup)."""
        with self.reading() as s:
            org = s.query(Organization).first()
            return OrgInfo(org.name, org.code, org.county_name, org.mode) if org else None

    def is_initialized(self) -> bool:
        return self.organization() is not None

    def close(self) -> None:
        if self.engine.dialect.name == "sqlite":
            try:  # keep the planner's statistics fresh (SQLite's advice: on closing a connection)
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except OperationalError:
                pass  # a locked or damaged file: closing must still succeed
        self.engine.dispose()
        if self.instance_lock is not None:
            self.instance_lock.release()
            self.instance_lock = None


def open_workspace(data_dir: Path | str | None = None, *, url: str | None = None,
                   today: Callable[[], dt.date] | None = None, lock: bool = False,
                   crypto: CryptoParams | None = None) -> Workspace:
    """Open (creating or upgrading) the database in ``data_dir``.

    ``lock=True`` (the desktop app, the CLI) takes the data dir's instance lock first, so migrations
    run under it, and holds it until ``close()``; ``InstanceLocked`` names the holder otherwise.
    ``crypto``: the argon2id costs (production defaults when None).
    """
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "attachments").mkdir(exist_ok=True)
        (data_dir / "backups").mkdir(exist_ok=True)
    except OSError as exc:
        raise DomainError(f"无法使用数据目录 {data_dir}：{exc.strerror or exc}") from exc
    held = None
    if lock:
        from services.storage.instance_lock import acquire
        held = acquire(data_dir)
    try:
        engine = make_engine(url or sqlite_url(data_dir / DB_FILE))
        if engine.dialect.name == "postgresql":  # the app's role never migrates: the owner does (db_roles)
            from models.db import current_revision, head_revision
            from services.storage import db_roles
            db_roles.check_can_migrate(engine, current_revision(engine), head_revision())
        backup = upgrade_database(engine, data_dir / "backups")
    except OperationalError as exc:
        if held is not None:
            held.release()
        if url and not url.startswith("sqlite"):  # unreachable server, wrong password: said in Chinese
            from services.storage import server_check
            raise server_check.connection_error(exc, server_check.without_password(url)) from exc
        raise
    except BaseException:
        if held is not None:
            held.release()
        raise
    ws = Workspace(data_dir=data_dir, engine=engine, session_factory=make_session_factory(engine),
                   upgrade_backup=backup, read_session_factory=make_read_session_factory(engine), instance_lock=held)
    if today is not None:
        ws.today = today
    if crypto is not None:
        ws.crypto = crypto
    from services.security import audit_triggers  # imports the audit log, which needs the models loaded first
    try:
        audit_triggers.restore_missing(ws)  # dropped append-only triggers come back, audited
    except BaseException:
        ws.close()
        raise
    return ws
