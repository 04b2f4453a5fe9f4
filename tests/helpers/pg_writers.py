"""Several desks registering complaints on one server database at once, each in its own process.

``run_writers(url, data_root, writers, per_writer)`` starts ``writers`` processes (spawned, so
nothing is shared but the database); each opens its own workspace on ``url`` (its own data dir),
signs in and registers ``per_writer`` complaints, one transaction each, as a clerk at a desk would
(or, with ``action="audit"``, records as many audit events and nothing else).
They start together (a barrier) and return the numbers they got and their elapsed seconds.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import time
from pathlib import Path


def _writer(url: str, data_dir: str, username: str, password: str, count: int, barrier, out, action: str) -> None:
    from services.casework.intake import register_complaint
    from services.security import audit, users
    from services.storage.workspace import open_workspace
    from tests.helpers.crypto import CHEAP_CRYPTO
    from tests.services.daily.conftest import complaint_input

    ws = open_workspace(Path(data_dir), url=url, today=lambda: dt.date(2026, 11, 20), crypto=CHEAP_CRYPTO)
    try:
        users.login(ws, username, password)
        barrier.wait()
        start = time.perf_counter()
        numbers = []
        for i in range(count):
            if action == "audit":  # an audited action that takes no number: only the chain's lock orders them
                with ws.transaction() as s:
                    numbers.append(audit.record(s, ws.current_user, "test.desk", "desk", Path(data_dir).name, {"i": i}).entity_id)
                continue
            c = register_complaint(ws, complaint_input(main_problem=f"{username} 第{i}件：反映违规吃喝问题"))
            numbers.append(c.number)
        out.put((username, numbers, time.perf_counter() - start, None))
    except BaseException as exc:  # reported to the parent, which fails the run
        out.put((username, [], 0.0, f"{type(exc).__name__}: {exc}"))
        barrier.abort()
    finally:
        ws.close()


def run_writers(url: str, data_root: Path, writers: int, per_writer: int, *, username: str, password: str,
                timeout: float = 600, action: str = "register") -> tuple[list[str], float]:
    """All numbers registered (in no order) and the wall time from the common start to the last finish.

    ``action="audit"``: each transaction only records an audit event (no number is taken)."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(writers + 1)
    out = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, str(data_root / f"desk{i}"), username, password, per_writer,
                                               barrier, out, action)) for i in range(writers)]
    results, wall = run_processes(procs, barrier, out, timeout)
    return [n for _name, numbers, _t, _e in results for n in numbers], wall


def run_processes(procs, barrier, out, timeout: float, start_timeout: float = 120) -> tuple[list[tuple], float]:
    """Start ``procs`` (each puts one ``(name, result, seconds, error or None)`` on ``out``), release them
    together through ``barrier``; their results and the wall time from the common start to the last
    result. Any process's error fails the run (AssertionError naming it)."""
    for p in procs:
        p.start()
    barrier.wait(timeout=start_timeout)
    start = time.perf_counter()
    results = [out.get(timeout=timeout) for _ in procs]
    wall = time.perf_counter() - start
    for p in procs:
        p.join(timeout=60)
    errors = [f"{name}: {err}" for name, _r, _t, err in results if err]
    if errors:
        raise AssertionError("a desk failed: " + "; ".join(errors))
    return results, wall
