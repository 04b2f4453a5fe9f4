"""The shell interface driven in-process: ``run(...)`` is ``jijian ARGS`` with its output captured.

Each call sees exactly the environment it names (``env`` on top of the process's, undone after),
an empty non-terminal stdin (so passwords come from the environment, as in a script), and closes
whatever it opened, so calls are as independent as separate processes without their start-up cost.
"""
from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cli.app import run_cli


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


@contextmanager
def environment(env: dict[str, str]):
    before = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run(*args: str, env: dict[str, str] | None = None, data_dir: Path | None = None,
        today: Callable[[], dt.date] | None = None) -> Result:
    argv = (["--data-dir", str(data_dir)] if data_dir else []) + [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    with environment(env or {}):
        code = run_cli(argv, stdin=io.StringIO(), stdout=out, stderr=err, today=today)
    return Result(code, out.getvalue(), err.getvalue())


ROOT = Path(__file__).resolve().parents[2]


def run_process(*args: str, env: dict[str, str] | None = None, data_dir: Path | None = None) -> Result:
    """``jijian ARGS`` as a separate process: for the tests whose point is a second program (the lock)."""
    import subprocess
    import sys

    argv = [sys.executable, str(ROOT / "main.py")] + (["--data-dir", str(data_dir)] if data_dir else [])
    r = subprocess.run(argv + [str(a) for a in args], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL, timeout=240)
    return Result(r.returncode, r.stdout, r.stderr)


LOCK_HOLDER = ROOT / "tests" / "fault" / "lock_holder.py"


def start_holder(data_dir: Path):
    """A second program that holds ``data_dir``'s instance lock until its stdin closes."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, str(LOCK_HOLDER), str(data_dir)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline().strip()
    assert line == "ready", child.stderr.read()
    return child
