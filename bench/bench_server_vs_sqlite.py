"""Benchmark: the 信访登记 list and the month report on the same data, PostgreSQL against SQLite.

The same N complaints (``--complaints``, default 20,000) go into an SQLite workspace and into a
PostgreSQL workspace (a throwaway local cluster from tests/helpers/pg_cluster.py, fsync off, the app's
own role; the schema from the app's migrations). Both are filled by the demo generator
(services.demo, seed and end date of bench/common.py): identical rows — complaints over two calendar
years with their subjects, 转办/告知, leads, cases, persons, sanctions, 一案双查 entries in the demo's
proportions — written in 10,000-complaint batches of Core ``insert()`` (executemany; psycopg 3 sends
them as multi-row INSERTs). That is the app's own bulk path; on SQLite it suspends the FTS5 triggers
and indexes each batch at once (models.search.bulk_indexing); on PostgreSQL the four pg_trgm GIN
indexes are dropped for the fill and built again after it (models.search drop/create_search_index,
inside the fill time), then ``ANALYZE`` runs (what autovacuum would do; the SQLite workspace runs
``PRAGMA optimize`` on closing, as the app does).

Then each backend is measured in a fresh process, signed in as the demo secretary, through the app's
services only:
- ``list_default``: ``listing.query_ids`` for the default sort (the page as it opens) and
  ``fetch_rows`` of its first screen (50 rows); ``ids_default`` the id query alone;
- ``list_filtered``: a 来信+来访 channel filter and a three-character search (FTS5 on SQLite,
  pg_trgm on PostgreSQL), ids and first screen; ``ids_filtered`` the id query alone;
- ``list_rare_search``: a three-character search matching few complaints (a unit name);
- ``month_report``: ``monthly_report.build_document`` for one month (what the 月报 page shows: the
  figures of the month, the year to date and last year's same period).
Each is timed --repeat times after one warm-up run (a warm-up over 30 s is the only run counted);
the table gives the medians and PG/SQLite; the figures and list results must agree on both.

    .venv/bin/python bench/bench_server_vs_sqlite.py                        # 20,000 complaints
    .venv/bin/python bench/bench_server_vs_sqlite.py --complaints 1000000 --repeat 5
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import END, SEED, median, peak_rss_mb, report  # noqa: E402

SCREEN = 50
PERIOD = f"{END.year}-{END.month - 1:02d}"  # the last whole month of the demo data
SEARCH = "村委会"  # three characters: in many subjects' units
RARE = "财政所"
SLOW_S = 30.0
URL_ENV = "JJ_BENCH_DB_URL"


def cases() -> list[tuple[str, dict]]:
    return [("default", {}),
            ("filtered", {"channels": ["letter", "visit"], "text": SEARCH}),
            ("rare_search", {"text": RARE})]


# --------------------------------------------------------------------------- children
def _open(data_dir: Path, url: str | None):
    from services.storage.workspace import open_workspace
    from tests.helpers.crypto import CHEAP_CRYPTO
    return open_workspace(data_dir, url=url, crypto=CHEAP_CRYPTO)


def fill(data_dir: Path, url: str | None, n: int) -> dict:
    """Set up the demo office in the workspace and generate ``n`` complaints; the times."""
    from models import search
    from services import demo
    from services.security import users

    t0 = time.perf_counter()
    ws = _open(data_dir, url)
    try:
        demo.initialize_demo(ws)
        demo.login_demo(ws)
        pg = ws.engine.dialect.name == "postgresql"
        if pg:
            with ws.engine.begin() as conn:
                search.drop_search_index(conn)
        t_gen = time.perf_counter()
        summary = demo.generate_demo(ws, complaints=n, seed=SEED, end=END, identity_columns=demo.identity_sealer(ws))
        gen_s = time.perf_counter() - t_gen
        index_s = 0.0
        if pg:
            t_ix = time.perf_counter()
            with ws.engine.begin() as conn:
                search.create_search_index(conn)
            index_s = time.perf_counter() - t_ix
            with ws.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
        users.logout(ws)
    finally:
        ws.close()
    return {"fill_s": round(time.perf_counter() - t0, 1), "generate_s": round(gen_s, 1),
            "search_index_s": round(index_s, 1), "peak_rss_mb": peak_rss_mb(),
            "rows": {k: v for k, v in summary.as_dict().items() if isinstance(v, int) and k not in ("seed", "batches")}}


def _runs(fn, repeat: int) -> list[tuple[float, object]]:
    """(seconds, result) of ``repeat`` calls after a warm-up call that is not counted; a warm-up over
    SLOW_S seconds is counted alone instead (a pathological plan should not hold the run for hours)."""
    t0 = time.perf_counter()
    first = fn()
    warm = time.perf_counter() - t0
    if warm > SLOW_S:
        return [(warm, first)]
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - t0, result))
    return out


def measure(data_dir: Path, url: str | None, repeat: int) -> dict:
    """Medians (seconds) of the list and report cases, and what they found."""
    from services import demo
    from services.casework import listing
    from services.casework.listing import ListQuery
    from services.reporting import monthly_report

    ws = _open(data_dir, url)
    out: dict = {}
    try:
        demo.login_demo(ws)
        for name, kw in cases():
            def page(kw=kw):
                t0 = time.perf_counter()
                ids = listing.query_ids(ws, ListQuery(**kw))
                t1 = time.perf_counter()
                rows = listing.fetch_rows(ws, "complaint", ids[:SCREEN])
                return t1 - t0, ids, rows
            runs = _runs(page, repeat)
            out[f"ids_{name}"] = median([ids_s for _t, (ids_s, _i, _r) in runs])
            out[f"list_{name}"] = median([t for t, _ in runs])
            _s, ids, rows = runs[-1][1]
            out[f"rows_{name}"] = len(ids)
            out[f"first_{name}"] = [rows[i]["number"] for i in list(ids[:3])]
        runs = _runs(lambda: monthly_report.build_document(ws, PERIOD), repeat)
        out["month_report"] = median([t for t, _ in runs])
        out["runs"] = len(runs)
        doc = runs[-1][1]
        out["figures"] = doc["figures"]
        out["report_check"] = {k: doc["figures"][k]["month"] for k in ("complaints_received", "leads_disposed",
                                                                      "cases_filed", "persons_sanctioned")}
        out["peak_rss_mb"] = peak_rss_mb()
    finally:
        ws.close()
    return out


def _child(mode: str, data_dir: str, arg: str) -> dict:
    url_or_none = os.environ.get(URL_ENV) or None  # the URL holds the password: never on a command line
    if mode == "fill":
        return fill(Path(data_dir), url_or_none, int(arg))
    return measure(Path(data_dir), url_or_none, int(arg))


def run_child(mode: str, data_dir: Path, url: str | None, arg: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **{URL_ENV: url or ""})
    cmd = [sys.executable, str(Path(__file__)), "--child", mode, str(data_dir), str(arg)]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(f"{mode} child failed ({r.returncode}):\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- main
MEASURES = ("ids_default", "list_default", "ids_filtered", "list_filtered", "ids_rare_search", "list_rare_search",
            "month_report")


def run(n: int, repeat: int, *, quiet: bool = False) -> tuple[list[dict], dict]:
    from tests.helpers import pg_cluster

    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    base = Path(tempfile.mkdtemp(prefix="jj-bench-pg-sqlite-"))
    cluster = pg_cluster.start_cluster()
    try:
        pg_url = cluster.create_database("bench_server_vs_sqlite")
        backends = (("sqlite", base / "sqlite", None), ("postgresql", base / "postgresql", pg_url))
        fills, results = {}, {}
        for name, data_dir, url in backends:
            say(f"填充 {name}：{n} 件信访件 …")
            fills[name] = run_child("fill", data_dir, url, n)
            say(f"  {json.dumps(fills[name], ensure_ascii=False)}")
        if fills["sqlite"]["rows"] != fills["postgresql"]["rows"]:
            raise RuntimeError(f"the two fills differ: {fills}")
        for name, data_dir, url in backends:
            say(f"测量 {name} …")
            results[name] = run_child("measure", data_dir, url, repeat)
        sizes = {"sqlite_file_mb": round((base / "sqlite" / "jijian.sqlite").stat().st_size / 2**20, 1),
                 "postgresql_db_mb": round(cluster.superuser_sql(
                     "SELECT pg_database_size('bench_server_vs_sqlite')")[0][0] / 2**20, 1)}
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)
    for key in ("rows_default", "rows_filtered", "rows_rare_search", "first_default", "first_filtered", "figures"):
        if results["sqlite"][key] != results["postgresql"][key]:
            raise RuntimeError(f"{key} differs: sqlite {results['sqlite'][key]} postgresql {results['postgresql'][key]}")
    rows = []
    for key in MEASURES:
        s, p = results["sqlite"][key], results["postgresql"][key]
        rows.append({"measure": key, "sqlite_s": s, "postgresql_s": p, "pg/sqlite": round(p / s, 2) if s else ""})
    for key in ("fill_s", "generate_s", "search_index_s"):
        s, p = fills["sqlite"][key], fills["postgresql"][key]
        rows.append({"measure": key, "sqlite_s": s, "postgresql_s": p, "pg/sqlite": round(p / s, 2) if s else ""})
    meta = {"complaints": n, "repeat": repeat, "period": PERIOD, "search": SEARCH, "rare_search": RARE,
            "rows": fills["sqlite"]["rows"], "hits": {k: results["sqlite"][f"rows_{k}"] for k, _ in cases()},
            "report_check": results["sqlite"]["report_check"], **sizes, "fills": fills,
            "results": {name: {k: v for k, v in r.items() if k != "figures"} for name, r in results.items()}}
    return rows, meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--complaints", type=int, default=20_000, help="complaints in each database (default 20,000)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of each measure (after one warm-up)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(_child(*a.child), ensure_ascii=False, default=str))
        return 0
    if a.complaints < 1 or a.repeat < 1:
        print("--complaints 与 --repeat 应为正整数", file=sys.stderr)
        return 2
    rows, meta = run(a.complaints, a.repeat)
    print(f"{a.complaints:,} 件信访件，每项 {a.repeat} 次的中位数（秒）；命中 {meta['hits']}，"
          f"SQLite {meta['sqlite_file_mb']} MB，PostgreSQL {meta['postgresql_db_mb']} MB")
    report(f"server_vs_sqlite-{a.complaints}", rows, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
