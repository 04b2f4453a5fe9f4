"""Benchmark of the large lists: ``query_ids`` + ``fetch_rows`` of the first screen, then of the last.

On the cached demo databases of ``bench.common`` (``bench/out/<scale>/``, built once), each size is
measured in a fresh child process, so that its peak memory (ru_maxrss) is the list work's alone:
- ``<case>.first_s``: ``query_ids`` and the rows of the first screen (what the user waits for);
- ``<case>.ids_s``: ``query_ids`` alone; ``<case>.last_s``: then jumping to the last screen
  (``ids[-50:]``, which reads the rest of a long list, and its rows);
- ``<case>.rows``: how many items the list holds.
Each time is the median of --repeat runs; the table adds the ratio of the largest size to the smallest.

    .venv/bin/python bench/bench_lists.py                       # 1k, 10k and 1M
    .venv/bin/python bench/bench_lists.py --sizes 1000 100000 --repeat 5
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import build_info, demo_db, median, peak_rss_mb, report, run_child  # noqa: E402

SCREEN = 50
#: (case, ListQuery arguments)
CASES: list[tuple[str, dict]] = [
    ("open_list", {}),
    ("open_list_again", {}),
    ("sort_by_channel", {"sort_key": "channel", "descending": False}),
    ("sort_by_state_date", {"sort_key": "state_date"}),
    ("filter_accepted_2025", {"states": ["accepted"], "date_from": dt.date(2025, 1, 1),
                              "date_to": dt.date(2025, 12, 31)}),
    ("filter_letter_visit", {"channels": ["letter", "visit"]}),
    ("search_3plus_many", {"text": "村委会主任"}),          # ~15 % of the complaints
    ("search_3plus_problem", {"text": "公车私用"}),
    ("search_3plus_unit", {"text": "青山镇财政所"}),
    ("search_2char_name", {"text": "王芳"}),
    ("search_1char", {"text": "王"}),
    ("search_number", {"text": "XF2025-0123"}),
]


def ensure_model_indexes(data_dir: Path) -> list[str]:
    """Give a cached demo file the indexes the models declare now (it may predate them); the names done."""
    import sqlite3

    from models import Base
    con = sqlite3.connect(data_dir / "jijian.sqlite")
    done = []
    try:
        for table in Base.metadata.sorted_tables:
            for index in table.indexes:
                want = [c.name for c in index.columns]
                have = [r[2] for r in con.execute(f"PRAGMA index_info({index.name})")]  # noqa: S608
                if have == want:
                    continue
                con.execute(f"DROP INDEX IF EXISTS {index.name}")
                con.execute(f"CREATE {'UNIQUE ' if index.unique else ''}INDEX {index.name} "
                            f"ON {table.name} ({', '.join(want)})")
                done.append(index.name)
        known = {i.name for t in Base.metadata.sorted_tables for i in t.indexes}
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='index' AND name LIKE 'ix_%'").fetchall():
            if name not in known:
                con.execute(f"DROP INDEX {name}")
                done.append(f"-{name}")
        con.commit()
    finally:
        con.close()
    return done


def child(data_dir: Path, repeat: int) -> dict:
    from services import demo
    from services.casework import listing
    from services.casework.listing import ListQuery
    from services.storage.workspace import open_workspace

    ws = open_workspace(data_dir)
    demo.login_demo(ws)
    out: dict[str, float | int] = {}
    for name, kw in CASES:
        first, only_ids, last = [], [], []
        for _ in range(repeat):
            t0 = time.perf_counter()
            ids = listing.query_ids(ws, ListQuery(**kw))
            t1 = time.perf_counter()
            listing.fetch_rows(ws, "complaint", ids[:SCREEN])
            t2 = time.perf_counter()
            listing.fetch_rows(ws, "complaint", ids[-SCREEN:])
            t3 = time.perf_counter()
            only_ids.append(t1 - t0)
            first.append(t2 - t0)
            last.append(t3 - t2)
        out[f"{name}.first_s"] = median(first)
        out[f"{name}.ids_s"] = median(only_ids)
        out[f"{name}.last_s"] = median(last)
        out[f"{name}.rows"] = len(ids)
    out["peak_rss_mb"] = peak_rss_mb()
    ws.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", nargs=2, metavar=("DIR", "REPEAT"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        import json
        print(json.dumps(child(Path(a.child[0]), int(a.child[1]))))
        return 0
    results = {}
    for n in a.sizes:
        data_dir = demo_db(n)
        ensure_model_indexes(data_dir)
        _, results[n] = run_child(Path(__file__), str(data_dir), str(a.repeat))
    sizes = sorted(results)
    rows = []
    for key in results[sizes[0]]:
        row = {"measure": key, **{str(n): results[n][key] for n in sizes}}
        if len(sizes) > 1 and results[sizes[0]][key] and not key.endswith(".rows"):
            row["ratio"] = round(results[sizes[-1]][key] / results[sizes[0]][key], 1)
        rows.append(row)
    report("lists", rows, {"sizes": sizes, "repeat": a.repeat,
                           "databases": {n: build_info(n) for n in sizes}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
