"""Shared helpers of the benchmarks: cached demo databases, timing, peak memory, result tables.

A demo database of a given scale is built once (in a child process, so its time and memory are its
own) under ``bench/out/<scale>/`` with a fixed seed and end date, and reused while its marker file
``demo-ready.json`` (build seconds, peak memory, counts) exists.

    .venv/bin/python -m bench.common build 100000     # build (or reuse) one cached database
"""
from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SEED = 2026
END = dt.date(2026, 11, 20)  # fixed, so a cached database does not depend on the day it was built
MARKER = "demo-ready.json"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident memory of this process (or of its finished children), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # KiB on Linux


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call, by ``perf_counter``."""
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def median(values: list[float]) -> float:
    return round(statistics.median(values), 4)


def demo_db(scale: int, *, rebuild: bool = False, quiet: bool = False) -> Path:
    """The data dir of the cached demo database with ``scale`` complaints (built when missing)."""
    target = OUT / str(scale)
    if (target / MARKER).exists() and not rebuild:
        return target
    if target.exists():  # an interrupted build: start again
        shutil.rmtree(target)
    cmd = [sys.executable, "-m", "bench.common", "_build", str(scale)]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=sys.stderr if not quiet else subprocess.DEVNULL,
                   env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return target


def build_info(scale: int) -> dict:
    """What the marker file recorded about a cached database's build."""
    return json.loads((OUT / str(scale) / MARKER).read_text(encoding="utf-8"))


def _build(scale: int) -> None:
    from services import demo
    target = OUT / str(scale)
    wall, cpu0 = time.perf_counter(), cpu_seconds()

    shown = [0]

    def progress(done: int, total: int) -> None:
        if done == total or done - shown[0] >= 100_000:
            shown[0] = done
            print(f"  {done}/{total} 件  {time.perf_counter() - wall:.1f} s  峰值内存 {peak_rss_mb()} MB",
                  flush=True)

    print(f"生成演示库：{scale} 件信访件 → {target}", flush=True)
    demo.ensure_demo(target, scale, seed=SEED, end=END, progress=progress)
    info = {"scale": scale, "seed": SEED, "end": str(END), "seconds": round(time.perf_counter() - wall, 1),
            "cpu_seconds": round(cpu_seconds() - cpu0, 1), "peak_rss_mb": peak_rss_mb(),
            "db_mb": round((target / "jijian.sqlite").stat().st_size / 2**20, 1),
            "built_at": dt.datetime.now().isoformat(timespec="seconds")}
    info.update(_counts(target))
    (target / MARKER).write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(info, ensure_ascii=False), flush=True)


def _counts(data_dir: Path) -> dict:
    import sqlite3
    con = sqlite3.connect(data_dir / "jijian.sqlite")
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                for t in ("complaints", "complaint_subjects", "leads", "cases", "persons", "measures",
                          "ledger_entries", "ledger_leaders")}
    finally:
        con.close()


def run_child(script: Path, *args: str, timeout: float = 900) -> tuple[float, dict]:
    """Run ``script --child args…`` in a fresh interpreter; (wall seconds, the JSON of its last line)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    t = time.perf_counter()
    r = subprocess.run([sys.executable, str(script), "--child", *args], cwd=ROOT, capture_output=True, text=True,
                       env=env, timeout=timeout)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        raise RuntimeError(f"{script.name} child failed ({r.returncode}):\n{r.stderr[-3000:]}")
    return wall, json.loads(r.stdout.strip().splitlines()[-1])


def report(name: str, rows: list[dict], meta: dict | None = None) -> Path:
    """Print ``rows`` as a table and write them (with ``meta``) to ``bench/out/results-<name>.json``."""
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    cells = [[_fmt(row.get(c, "")) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) if cells else len(c) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"results-{name}.json"
    payload = {"benchmark": name, "at": dt.datetime.now().isoformat(timespec="seconds"),
               "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, **(meta or {}), "rows": rows}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"→ {path}")
    return path


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}"
    return str(value)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("build", "_build"):
        if sys.argv[1] == "_build":
            _build(int(sys.argv[2]))
        else:
            demo_db(int(sys.argv[2]))
            print(json.dumps(build_info(int(sys.argv[2])), ensure_ascii=False, indent=2))
    else:
        print("用法：python -m bench.common build <信访件数量>", file=sys.stderr)
        sys.exit(2)
