"""Benchmark: registration throughput with 1 and 5 concurrent writers, PostgreSQL and SQLite.

Each writer is its own process with its own workspace (as a desk would be), signed in, registering
complaints one transaction each (number under the numbering lock, identity sealed, audit event
appended under the chain lock). PostgreSQL: a throwaway local cluster (tests/helpers/pg_cluster.py,
fsync off — so the figures compare locking, not disks); SQLite: one shared file in WAL mode
(BEGIN IMMEDIATE serialises the writers). Reported: complaints per second over the wall time from
the common start to the last writer's end, and the ratio of 5 writers to 1.

    .venv/bin/python bench/bench_server_writers.py                 # 200 complaints per run
    .venv/bin/python bench/bench_server_writers.py --total 1000
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import report  # noqa: E402

ADMIN = ("wang", "admin-pass-1")


def _prepare(ws_url: str | None, data_dir: Path) -> str:
    """Initialize the office on the database; the URL the writers open."""
    from models.db import sqlite_url
    from services.security import setup
    from services.storage.workspace import DB_FILE, open_workspace
    from tests.helpers.crypto import CHEAP_CRYPTO

    url = ws_url or sqlite_url(data_dir / DB_FILE)
    ws = open_workspace(data_dir, url=url, crypto=CHEAP_CRYPTO)
    try:
        setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                         username=ADMIN[0], display_name="王书记", password=ADMIN[1])
    finally:
        ws.close()
    return url


def _verify(url: str, data_dir: Path) -> bool:
    from services.security import audit
    from services.storage.workspace import open_workspace
    from tests.helpers.crypto import CHEAP_CRYPTO

    ws = open_workspace(data_dir, url=url, crypto=CHEAP_CRYPTO)
    try:
        with ws.reading() as s:
            return audit.verify_chain(s).ok
    finally:
        ws.close()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--total", type=int, default=200, help="complaints per run (split among the writers)")
    ap.add_argument("--writers", type=int, nargs="+", default=[1, 5])
    args = ap.parse_args(argv)
    from tests.helpers import pg_cluster
    from tests.helpers.pg_writers import run_writers

    cluster = pg_cluster.start_cluster()
    rows = []
    try:
        cluster.prepare_template()
        for backend in ("postgresql", "sqlite"):
            base = None
            for n in args.writers:
                root = Path(tempfile.mkdtemp(prefix=f"jj-bench-{backend}-{n}-"))
                url = None
                if backend == "postgresql":
                    url = cluster.create_database(f"bench_w{n}", template=pg_cluster.TEMPLATE_DB)
                url = _prepare(url, root / "office")
                each = args.total // n
                numbers, wall = run_writers(url, root, n, each, username=ADMIN[0], password=ADMIN[1])
                rate = len(numbers) / wall
                base = base or rate
                rows.append({"backend": backend, "writers": n, "complaints": len(numbers),
                             "duplicates": len(numbers) - len(set(numbers)), "wall_s": round(wall, 2),
                             "per_s": round(rate, 1), "vs_1_writer": round(rate / base, 2),
                             "chain_ok": _verify(url, root / "office")})
    finally:
        cluster.stop()
    report("server_writers", rows, {"total": args.total})
    return 0 if all(r["duplicates"] == 0 and r["chain_ok"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
