"""Benchmark of the 信访登记 page (offscreen, real DB worker thread) on cached demo databases.

    .venv/bin/python bench/bench_complaints_page.py                      # 1,000 and 1,000,000 complaints
    .venv/bin/python bench/bench_complaints_page.py --sizes 1000 100000

Per size, in a fresh child process: build and show ComplaintsPage until the first rows are painted; scroll
to the end (scrollToBottom, events processed until the last row's data is fetched and painted); a search of
three or more characters (FTS) and one of two characters (indexed fallback), each until the first result rows
are painted (each screen with its rows' 办理时限); peak RSS. Prints the figures and
the ratios largest/smallest. Databases come from bench/common.py (``bench/out/<size>/``); a size whose
database is not ready (no marker file: missing, or being built by someone else) is built when ≤ 100,000
complaints and otherwise skipped with a note, never rebuilt under another process.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import MARKER, OUT, demo_db, peak_rss_mb, report, run_child  # noqa: E402

TIMEOUT_S = 120.0


def _child(data_dir: Path) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from gui.app import configure_application
    from gui.context import create_app_context
    from gui.pages.complaints_page import ComplaintsPage
    from services import demo

    configure_application(app)
    ctx = create_app_context(data_dir, synchronous=False)
    demo.login_demo(ctx.workspace)
    rss_before = peak_rss_mb()

    class PaintCounter(QObject):
        paints = 0

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                PaintCounter.paints += 1
            return False

    counter = PaintCounter()

    def wait_until(cond, what: str) -> None:
        deadline = time.perf_counter() + TIMEOUT_S
        while not cond():
            app.processEvents()
            if time.perf_counter() > deadline:
                raise TimeoutError(what)
            time.sleep(0.0005)

    def painted_after(check) -> bool:
        """``check()`` holds and the viewport has painted since it first held."""
        if not check():
            return False
        if state.get("mark") is None:
            state["mark"] = PaintCounter.paints
            page.view.viewport().update()
        return PaintCounter.paints > state["mark"]

    state: dict = {}
    t0 = time.perf_counter()
    page = ComplaintsPage(ctx)
    built_s = time.perf_counter() - t0
    page.view.viewport().installEventFilter(counter)
    page.resize(1280, 800)
    page.show()
    wait_until(lambda: painted_after(lambda: page.model.rowCount() > 0 and page.model.is_fetched(0)), "first rows")
    open_s = time.perf_counter() - t0
    rows = page.model.rowCount()
    first = page.model.row_data(0)

    # each screen's rows come with their 办理时限 (deadlines for those rows only): part of "open"

    state.clear()
    last = rows - 1
    t = time.perf_counter()
    page.view.scrollToBottom()
    wait_until(lambda: painted_after(lambda: page.model.is_fetched(last)), "last row")
    scroll_s = time.perf_counter() - t

    def search(term: str) -> tuple[float, int]:
        state.clear()
        before_reset = {"n": 0}
        page.model.modelReset.connect(lambda: before_reset.__setitem__("n", before_reset["n"] + 1))
        t = time.perf_counter()
        page.search.setText(term)
        page.refresh()  # what Enter in the search box does
        wait_until(lambda: before_reset["n"] > 0, "search result")
        wait_until(lambda: painted_after(lambda: page.model.rowCount() == 0 or page.model.is_fetched(0)),
                   "search rows")
        return time.perf_counter() - t, page.model.rowCount()

    unit = (first.get("units") or "").split("、")[0]
    name = (first.get("subjects") or "").split("、")[0]
    long_term = unit if len(unit) >= 3 else first["number"]
    short_term = name[:2]
    search3_s, search3_n = search(long_term)
    search2_s, search2_n = search(short_term)
    page.search.clear()
    page.refresh()
    ctx.close()
    return {"rows": rows, "open_s": round(open_s, 4), "construct_s": round(built_s, 4), "scroll_end_s": round(scroll_s, 4),
            "search_fts_s": round(search3_s, 4), "search_fts_term": long_term, "search_fts_hits": search3_n,
            "search_short_s": round(search2_s, 4), "search_short_term": short_term,
            "search_short_hits": search2_n,
            "rss_before_page_mb": rss_before, "peak_rss_mb": peak_rss_mb()}


def _ready(size: int) -> Path | None:
    target = OUT / str(size)
    if (target / MARKER).exists():
        return target
    if target.exists():
        print(f"  {size} 件的演示库尚未生成完成（{target} 无 {MARKER}，可能正由其他进程生成），跳过", file=sys.stderr)
        return None
    if size > 100_000:
        print(f"  {size} 件的演示库不存在；请先运行 python -m bench.common build {size}，跳过", file=sys.stderr)
        return None
    return demo_db(size)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 1_000_000])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("data_dir", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(Path(args.data_dir)), ensure_ascii=False))
        return 0
    rows, skipped = [], []
    for size in args.sizes:
        target = _ready(size)
        if target is None:
            skipped.append(size)
            continue
        _wall, result = run_child(Path(__file__), str(target))
        rows.append({"size": size, **result})
    if not rows:
        print("没有可用的演示库", file=sys.stderr)
        return 1
    if len(rows) >= 2:
        small, big = rows[0], rows[-1]
        ratio = {"size": f"{big['size']}/{small['size']}", "rows": round(big["rows"] / small["rows"], 1)}
        for key in ("open_s", "scroll_end_s", "search_fts_s", "search_short_s", "peak_rss_mb"):
            ratio[key] = round(big[key] / small[key], 2) if small[key] else ""
        rows.append(ratio)
    report("complaints-page", rows, {"skipped_sizes": skipped,
                                     "targets": {"open_s": 0.3, "search_s": 0.3, "peak_rss_mb": 400}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
