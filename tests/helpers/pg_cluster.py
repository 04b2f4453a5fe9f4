"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl in a temp dir, a Unix socket only.

The server runs as an unprivileged OS user (initdb refuses root; CI runs as root): ``nobody`` through
``runuser`` (or ``su``) when the tests run as root, the current user otherwise. The data dir and the
socket dir live in one fresh directory owned by that user; no TCP port is opened
(``listen_addresses=''``), so parallel runs never collide.

Two roles: ``jj_super`` (the cluster's superuser, setup only: creating databases and roles) and
``jj_app``, the app's own role: LOGIN with a password, no SUPERUSER, CREATEDB, CREATEROLE or
REPLICATION; it owns the databases made for it (so the migrations can create its tables and the
trusted ``pg_trgm`` extension) and nothing else. Both authenticate with scram-sha-256.

The binaries: ``JIJIAN_PG_BINDIR``, else the newest ``/usr/lib/postgresql/*/bin`` (Debian/Ubuntu's
``postgresql`` package), else ``initdb`` on the PATH.
"""
from __future__ import annotations

import glob
import os
import pwd
import re
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "jj_super"
APP_ROLE = "jj_app"
PORT = 5432  # names the socket file only: the socket dir is private to this cluster
TEMPLATE_DB = "jj_template"  # migrated to head once; each test's database is a copy


_ACTIVE: list["PgCluster"] = []


def active() -> "PgCluster":
    """The cluster this test session started (for tests that act as its superuser)."""
    if not _ACTIVE:
        raise RuntimeError("no PostgreSQL cluster was started in this session")
    return _ACTIVE[-1]


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL server could be started here (the message says why)."""


def find_bindir() -> Path | None:
    env = os.environ.get("JIJIAN_PG_BINDIR")
    if env:
        return Path(env) if (Path(env) / "initdb").exists() else None

    def version(path: str) -> tuple[int, ...]:
        m = re.search(r"postgresql/(\d+)(?:\.(\d+))?/bin", path)
        return tuple(int(x) for x in m.groups() if x) if m else (0,)

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).resolve().parent if on_path else None


def _server_user() -> str | None:
    """The OS user the server runs as: None for the current (non-root) user, else ``nobody``."""
    if os.geteuid() != 0:
        return None
    for name in ("nobody", "postgres"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise ClusterUnavailable("running as root, but no unprivileged OS user (nobody) to run PostgreSQL as")


def _as_user(user: str | None, argv: list[str]) -> list[str]:
    if user is None:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", user, "--", *argv]
    return ["su", "-s", "/bin/sh", user, "-c", " ".join(_sh_quote(a) for a in argv)]


def _sh_quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\"'\"'") + "'"


@dataclass
class PgCluster:
    bindir: Path
    root: Path
    os_user: str | None
    super_password: str = field(default_factory=lambda: secrets.token_hex(16))
    app_password: str = field(default_factory=lambda: secrets.token_hex(16))
    running: bool = False

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def bin(self, name: str) -> str:
        return str(self.bindir / name)

    def _run(self, argv: list[str], *, as_server: bool = True, **kw) -> subprocess.CompletedProcess:
        cmd = _as_user(self.os_user, argv) if as_server else argv
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)
        if proc.returncode != 0:
            raise ClusterUnavailable(f"{' '.join(argv[:2])} failed ({proc.returncode}): "
                                     f"{(proc.stderr or proc.stdout).strip()[-800:]}")
        return proc

    def start(self) -> "PgCluster":
        pwfile = self.root / "pw"
        pwfile.write_text(self.super_password + "\n")
        if self.os_user:
            uid = pwd.getpwnam(self.os_user).pw_uid
            os.chown(self.root, uid, -1)
            os.chown(pwfile, uid, -1)
        # C.UTF-8 classifies CJK characters as letters, so pg_trgm indexes Chinese text; plain C is the
        # fallback where that locale is missing (the search stays correct, its index just helps less).
        for locale in ("C.UTF-8", "C"):
            try:
                self._run([self.bin("initdb"), "-D", str(self.data_dir), "-U", SUPERUSER, f"--pwfile={pwfile}",
                           "--auth=scram-sha-256", "-E", "UTF8", f"--locale={locale}", "--no-sync"])
                break
            except ClusterUnavailable:
                if locale == "C":
                    raise
                shutil.rmtree(self.data_dir, ignore_errors=True)
        pwfile.unlink()
        opts = (f"-k {self.socket_dir} -p {PORT} -c listen_addresses='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        try:
            self._run([self.bin("pg_ctl"), "-D", str(self.data_dir), "-o", opts, "-l", str(self.log_file),
                       "-w", "-t", "60", "start"])
        except ClusterUnavailable as exc:
            log = self.log_file.read_text(errors="replace")[-800:] if self.log_file.exists() else ""
            raise ClusterUnavailable(f"{exc}\n{log}") from exc
        self.running = True
        _ACTIVE.append(self)
        self.superuser_sql(f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{self.app_password}' "
                           "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION")
        return self

    def stop(self) -> None:
        if self.running:
            try:
                self._run([self.bin("pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"])
            except (ClusterUnavailable, subprocess.TimeoutExpired):
                pass
            self.running = False
        if self in _ACTIVE:
            _ACTIVE.remove(self)
        shutil.rmtree(self.root, ignore_errors=True)

    # --- connecting -----------------------------------------------------------------------------

    def conninfo(self, dbname: str = "postgres", *, superuser: bool = False) -> dict[str, str]:
        return {"host": str(self.socket_dir), "port": str(PORT), "dbname": dbname,
                "user": SUPERUSER if superuser else APP_ROLE,
                "password": self.super_password if superuser else self.app_password}

    def url(self, dbname: str, *, superuser: bool = False, password: bool = True) -> str:
        """A SQLAlchemy URL for psycopg 3 over the socket (``password=False``: for PGPASSFILE)."""
        info = self.conninfo(dbname, superuser=superuser)
        secret = f":{quote(info['password'], safe='')}" if password else ""
        return (f"postgresql+psycopg://{info['user']}{secret}@/{dbname}"
                f"?host={quote(info['host'], safe='')}&port={PORT}")

    def pgpass_line(self) -> str:
        """A PGPASSFILE line for the app role on any database of this cluster."""
        return f"{self.socket_dir}:{PORT}:*:{APP_ROLE}:{self.app_password}\n"

    def superuser_sql(self, sql: str, dbname: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(**self.conninfo(dbname, superuser=True), autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database owned by the app role (a copy of ``template`` when given); its URL."""
        tpl = f" TEMPLATE {template}" if template else " TEMPLATE template0"
        self.superuser_sql(f"CREATE DATABASE {name} OWNER {APP_ROLE}{tpl} ENCODING 'UTF8'")
        return self.url(name)

    def prepare_template(self) -> None:
        """Create ``TEMPLATE_DB`` and run the app's migrations on it as the app role."""
        from models.db import make_engine, upgrade_database

        engine = make_engine(self.create_database(TEMPLATE_DB))
        try:
            upgrade_database(engine)
        finally:
            engine.dispose()

    def drop_database(self, name: str) -> None:
        self.superuser_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def pg_dump(self, dbname: str) -> str:
        """The plain-SQL dump of a database, as the superuser (all it holds, data included)."""
        env = dict(os.environ, PGPASSWORD=self.super_password)
        return self._run([self.bin("pg_dump"), "-h", str(self.socket_dir), "-p", str(PORT), "-U", SUPERUSER,
                          "--no-owner", dbname], as_server=False, env=env).stdout


def unavailable_reason() -> str | None:
    """Why no cluster can be started here (checked without starting one), or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'psycopg[binary]')"
    if find_bindir() is None:
        return ("no PostgreSQL server binaries (initdb): install the distribution's postgresql package "
                "or set JIJIAN_PG_BINDIR")
    try:
        _server_user()
    except ClusterUnavailable as exc:
        return str(exc)
    return None


def start_cluster() -> PgCluster:
    """Start a cluster, or raise ``ClusterUnavailable`` saying why not."""
    reason = unavailable_reason()
    if reason:
        raise ClusterUnavailable(reason)
    bindir = find_bindir()
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="jj-pg-", dir="/tmp" if os.path.isdir("/tmp") else None))
    cluster = PgCluster(bindir=bindir, root=root, os_user=user)
    try:
        return cluster.start()
    except BaseException:
        cluster.stop()
        raise
