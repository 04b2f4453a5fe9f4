"""Benchmark: open a demo database, sign in, and show the main window (offscreen).

For each size (default 1,000 as the base and 100,000), on the cached demo database of that size,
five fresh processes each measure
- ``imports_s``: importing the services (and PySide6 with the GUI shell),
- ``open_s``: ``open_workspace`` (schema check / upgrade) — inside ``create_app_context`` with the GUI,
- ``login_s``: ``users.login`` as demo-secretary (argon2 password check, identity key unwrap),
- ``window_s``: building ``gui.main_window.MainWindow`` and processing events until it is shown,
- ``settled_s``: until the database worker has finished what the first page asked for,
- ``total_s`` (the sum) and ``process_s`` (the whole child, interpreter start-up included),
and the table gives the median of each and the ratio to the smallest size.

    .venv/bin/python bench/bench_open.py                       # 1k and 100k, 5 runs
    .venv/bin/python bench/bench_open.py --sizes 1000 1000000 --runs 3
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, build_info, demo_db, median, peak_rss_mb, report, run_child  # noqa: E402

HAS_GUI = (ROOT / "gui" / "main_window.py").exists()
METRICS = ("imports_s", "open_s", "login_s", "window_s", "settled_s", "total_s", "process_s", "peak_rss_mb")


def child(data_dir: Path) -> dict:
    """One measurement in this (fresh) process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    from services import demo
    from services.security import users
    from services.storage.workspace import open_workspace
    out = {"gui": HAS_GUI}
    if HAS_GUI:
        from PySide6.QtWidgets import QApplication

        from gui.app import configure_application
        from gui.context import create_app_context
        from gui.main_window import MainWindow
        app = QApplication.instance() or QApplication(["bench"])
        configure_application(app)
    t1 = time.perf_counter()
    out["imports_s"] = t1 - t0
    if HAS_GUI:
        ctx = create_app_context(data_dir, demo=True)
        ws = ctx.workspace
    else:
        ws = open_workspace(data_dir)
    t2 = time.perf_counter()
    out["open_s"] = t2 - t1
    users.login(ws, "demo-secretary", demo.DEMO_PASSWORD)
    t3 = time.perf_counter()
    out["login_s"] = t3 - t2
    out["window_s"] = out["settled_s"] = 0.0
    if HAS_GUI:
        window = MainWindow(ctx)
        window.show()
        deadline = time.perf_counter() + 120
        while not (window.isVisible() and window.windowHandle() and window.windowHandle().isExposed()):
            app.processEvents()
            if time.perf_counter() > deadline:
                raise RuntimeError("main window not shown within 120 s")
        t4 = time.perf_counter()
        out["window_s"] = t4 - t3
        # The db worker is FIFO: when this marker has run, the first page's queries have too.
        settled = []
        ctx.db.submit(lambda: None, on_done=lambda _r: settled.append(True))
        while not settled:
            app.processEvents()
            time.sleep(0.001)
            if time.perf_counter() > deadline:
                raise RuntimeError("first page did not settle within 120 s")
        app.processEvents()
        out["settled_s"] = time.perf_counter() - t4
        out["title"] = window.windowTitle()
        window.close()
        ctx.close()
    else:
        ws.close()
    out["total_s"] = time.perf_counter() - t0
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child)), ensure_ascii=False))
        return
    rows = []
    for size in args.sizes:
        data_dir = demo_db(size)
        runs = []
        for _ in range(args.runs):
            wall, m = run_child(Path(__file__), str(data_dir))
            m["process_s"] = wall
            runs.append(m)
        row = {"complaints": size, "runs": args.runs, "gui": runs[0]["gui"]}
        row.update({k: median([r[k] for r in runs]) for k in METRICS})
        row["build_s"] = build_info(size)["seconds"]
        rows.append(row)
    base = rows[0]
    for row in rows:
        row["total_x"] = round(row["total_s"] / base["total_s"], 2) if base["total_s"] else None
        row["open_x"] = round(row["open_s"] / base["open_s"], 2) if base["open_s"] else None
    report("open", rows, {"what": "open_workspace + login + main window shown (median of runs)",
                          "gui_shell": HAS_GUI})


if __name__ == "__main__":
    main()
