"""Benchmark and full-size check: issue 13's concurrency test at its full size on PostgreSQL.

5 processes registering 1,000 complaints each and 2 processes editing the same leads (their 处置 once,
their first person every round), all at once on one throwaway local cluster (tests/helpers/pg_cluster.py,
fsync off). The same helper and checks as tests/services/storage/test_concurrent_desks.py (which runs a
smaller size in CI): zero duplicate or skipped numbers, zero lost writes, refused + applied == attempts,
every conflict's message naming the other desk, the audit chain verified.

    .venv/bin/python bench/bench_concurrent_desks.py                  # 5 × 1000, 2 editors × 100 rounds
    .venv/bin/python bench/bench_concurrent_desks.py --each 100 --rounds 5
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import report  # noqa: E402

ADMIN = ("wang", "admin-pass-1")
EDITORS = [("li", "李干部", "editor-pass-1"), ("zhao", "赵干部", "editor-pass-2")]
NAMES = "张一 李二 王三 赵四 钱五 孙六 周七 吴八 郑九 冯十".split()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--registrars", type=int, default=5)
    ap.add_argument("--each", type=int, default=1000, help="complaints per registering desk")
    ap.add_argument("--leads", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=100, help="rounds of edits per editing desk")
    args = ap.parse_args(argv)

    from services.casework import leads
    from services.casework.leads import LeadInput
    from services.casework.persons import PersonInput
    from services.security import audit, setup, users
    from services.storage.workspace import open_workspace
    from tests.helpers import pg_cluster
    from tests.helpers.crypto import CHEAP_CRYPTO
    from tests.helpers.pg_desks import DISPOSE_DATE, check_desks, run_desks

    import datetime as dt

    cluster = pg_cluster.start_cluster()
    try:
        cluster.prepare_template()
        url = cluster.create_database("bench_desks", template=pg_cluster.TEMPLATE_DB)
        root = Path(tempfile.mkdtemp(prefix="jj-bench-desks-"))
        ws = open_workspace(root / "office", url=url, today=lambda: dt.date(2026, 11, 20), crypto=CHEAP_CRYPTO)
        try:
            setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                             username=ADMIN[0], display_name="王书记", password=ADMIN[1])
            users.login(ws, *ADMIN)
            for username, name, password in EDITORS:
                users.create_user(ws, username, name, password, ["officer"])
            lead_ids = [leads.create_lead(ws, LeadInput(source="supervision_found", received_date=DISPOSE_DATE,
                                                        summary=f"第{i}条线索",
                                                        persons=[PersonInput(name=NAMES[i % len(NAMES)])])).id
                        for i in range(args.leads)]
            started = time.perf_counter()
            numbers, reports, wall = run_desks(url, root, registrars=args.registrars, per_registrar=args.each,
                                               username=ADMIN[0], password=ADMIN[1],
                                               editors=[(u, p) for u, _n, p in EDITORS], lead_ids=lead_ids,
                                               rounds=args.rounds, timeout=3600)
            total = time.perf_counter() - started
            expected = [f"XF2026-{i:04d}" for i in range(1, args.registrars * args.each + 1)]
            summary = check_desks(ws, reports, lead_ids, names={u: n for u, n, _p in EDITORS})
            with ws.reading() as s:
                chain_ok = audit.verify_chain(s).ok
        finally:
            ws.close()
    finally:
        cluster.stop()
    row = {"registrars": args.registrars, "complaints": len(numbers),
           "duplicates": len(numbers) - len(set(numbers)), "gapless": sorted(numbers) == expected,
           "editors": len(EDITORS), "leads": args.leads, "rounds": args.rounds, **summary,
           "chain_ok": chain_ok, "wall_s": round(wall, 1), "with_start_s": round(total, 1),
           "complaints_per_s": round(len(numbers) / wall, 1)}
    report("concurrent_desks", [row])
    ok = (row["duplicates"] == 0 and row["gapless"] and chain_ok
          and summary["applied"] + summary["refused"] == summary["attempts"])
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
