"""Run every ``bench/bench_*.py`` in turn (each with its default sizes), then list how each went.

    .venv/bin/python bench/run_all.py                 # all of them
    .venv/bin/python bench/run_all.py open lists      # only bench_open.py and bench_lists.py

Results land in each benchmark's own output (``bench/out/results-<name>.json`` for those using
``bench.common``). A failing benchmark is reported and the others still run; the exit code is 1
when any failed.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def scripts(only: list[str]) -> list[Path]:
    found = sorted(BENCH.glob("bench_*.py"))
    if only:
        found = [p for p in found if p.stem.removeprefix("bench_") in only or p.stem in only]
    return found


def main(argv: list[str]) -> int:
    todo = scripts(argv)
    if not todo:
        print("没有找到要运行的基准测试（bench/bench_*.py）", file=sys.stderr)
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    results = []
    for script in todo:
        print(f"\n=== {script.name} ===", flush=True)
        t = time.perf_counter()
        code = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env).returncode
        results.append((script.name, code, time.perf_counter() - t))
    print("\n=== 汇总 ===")
    for name, code, seconds in results:
        print(f"{name:<24} {'通过' if code == 0 else f'失败（退出码 {code}）':<14} {seconds:8.1f} s")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
