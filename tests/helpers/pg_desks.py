"""Desks registering complaints and desks editing the same leads on one server database at once, each in
its own process (issue 13: "5 processes registering 1,000 complaints each and 2 editing the same leads").

``run_desks`` starts the registering desks of ``tests.helpers.pg_writers`` (each registers its share of
complaints) and ``editors`` editing desks together (one barrier). An editing desk goes ``rounds`` times
through ``lead_ids`` in order, as a clerk at a form would: it loads the lead (``leads.get_lead``, the
versions it shows), and saves from what it loaded —

- in the first round the lead's 处置 (``leads.dispose`` with the lead's version): only one desk's
  disposition can apply, the other's is refused (``ConcurrentEditError`` when it loaded before the
  first save, ``StateError`` "已处置" when after);
- every round an edit of the lead's first person (``cases.update_person`` with the person's version,
  its 职务 set to "<desk> 第<round>轮"): refused when the other desk saved since the load.

Each desk reports every attempt: applied (with the version it produced) or refused (with the message),
so the caller can check applied + refused == attempts, that no applied save was lost (the versions a
row went through are consecutive, one per applied save) and who each refusal named.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers.pg_writers import _writer, run_processes

#: the 处置 date every editing desk enters
DISPOSE_DATE = dt.date(2026, 11, 19)


@dataclass
class EditReport:
    """One editing desk's attempts."""

    username: str
    attempts: int = 0
    #: (entity, id, new version, value, version loaded)
    applied: list[tuple[str, int, int, str, int]] = field(default_factory=list)
    refused: list[tuple[str, int, str, str]] = field(default_factory=list)   # (entity, id, error class, message)


def _editor(url: str, data_dir: str, username: str, password: str, lead_ids: list[int], rounds: int, seed: int,
            barrier, out) -> None:
    from services.casework import cases, leads
    from services.casework.persons import PersonInput
    from services.errors import ConcurrentEditError, StateError
    from services.security import users
    from services.storage.workspace import open_workspace
    from tests.helpers.crypto import CHEAP_CRYPTO

    ws = open_workspace(Path(data_dir), url=url, today=lambda: dt.date(2026, 11, 20), crypto=CHEAP_CRYPTO)
    report = EditReport(username)
    rng = random.Random(seed)
    try:
        users.login(ws, username, password)
        barrier.wait()
        start = time.perf_counter()
        for r in range(rounds):
            for lead_id in lead_ids:
                view = leads.get_lead(ws, lead_id)   # what the form shows
                if r == 0:
                    note = f"{username}的集体研究意见"
                    report.attempts += 1
                    time.sleep(rng.random() * 0.004)   # the clerk types
                    try:
                        saved = leads.dispose(ws, lead_id, "talk_inquiry", DISPOSE_DATE, note,
                                              expected_version=view.version)
                        report.applied.append(("lead", lead_id, saved.version, note, view.version))
                    except (ConcurrentEditError, StateError) as exc:
                        report.refused.append(("lead", lead_id, type(exc).__name__, str(exc)))
                p = view.persons[0]
                post = f"{username} 第{r}轮"
                report.attempts += 1
                time.sleep(rng.random() * 0.004)
                try:
                    saved_p = cases.update_person(ws, p.id, PersonInput(name=p.name, post=post),
                                                  expected_version=p.version)
                    report.applied.append(("person", p.id, saved_p.version, post, p.version))
                except ConcurrentEditError as exc:
                    report.refused.append(("person", p.id, type(exc).__name__, str(exc)))
        out.put((username, report, time.perf_counter() - start, None))
    except BaseException as exc:  # reported to the parent, which fails the run
        out.put((username, report, 0.0, f"{type(exc).__name__}: {exc}"))
        barrier.abort()
    finally:
        ws.close()


def run_desks(url: str, data_root: Path, *, registrars: int, per_registrar: int, username: str, password: str,
              editors: list[tuple[str, str]], lead_ids: list[int], rounds: int,
              timeout: float = 1800) -> tuple[list[str], list[EditReport], float]:
    """The numbers registered (in no order), each editing desk's report, and the wall time from the
    common start to the last desk's end."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(registrars + len(editors) + 1)
    out = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, str(data_root / f"desk{i}"), username, password, per_registrar,
                                               barrier, out, "register")) for i in range(registrars)]
    procs += [ctx.Process(target=_editor, args=(url, str(data_root / f"editor{i}"), name, pw, lead_ids, rounds, i,
                                                barrier, out)) for i, (name, pw) in enumerate(editors)]
    results, wall = run_processes(procs, barrier, out, timeout, start_timeout=180)
    numbers = [n for _name, r, _t, _e in results if isinstance(r, list) for n in r]
    reports = sorted((r for _name, r, _t, _e in results if isinstance(r, EditReport)), key=lambda r: r.username)
    return numbers, reports, wall


def check_desks(ws, reports: list[EditReport], lead_ids: list[int], *, names: dict[str, str]) -> dict[str, int]:
    """Check on the database what the editing desks reported, raising AssertionError with every problem:
    each desk's attempts were applied or refused; each lead has exactly one disposition, the one applied;
    each person went through consecutive versions, one per applied save, and holds the last one's value;
    each applied save went from the version its desk loaded to the next (none over an unseen save);
    each ``ConcurrentEditError`` named the other desk's user (``names``: username → display name).
    Returns the counts (attempts, applied, refused, …) for the caller's figures."""
    from sqlalchemy import select

    from models import Lead, Person

    applied = [(r.username, *a) for r in reports for a in r.applied]
    refused = [(r.username, *x) for r in reports for x in r.refused]
    problems = [f"{r.username}: {r.attempts} attempts, {len(r.applied)} applied, {len(r.refused)} refused"
                for r in reports if r.attempts != len(r.applied) + len(r.refused)]
    # a save applied over a version other than the one its desk loaded wrote over a save that desk never saw
    problems += [f"{user}'s save of {entity} {row_id} went from v{loaded} to v{version}: it overwrote an unseen save"
                 for user, entity, row_id, version, _value, loaded in applied if version != loaded + 1]
    with ws.reading() as s:
        for lead_id in lead_ids:
            lead = s.get(Lead, lead_id)
            disposed = [a for a in applied if a[1] == "lead" and a[2] == lead_id]
            if len(disposed) != 1:
                problems.append(f"lead {lead.number}: {len(disposed)} dispositions applied")
            elif (lead.collective_note, lead.version) != (disposed[0][4], disposed[0][3]):
                problems.append(f"lead {lead.number}: stored {lead.collective_note!r} v{lead.version}, "
                                f"applied {disposed[0][4]!r} v{disposed[0][3]}")
            person = s.execute(select(Person).where(Person.lead_id == lead_id).order_by(Person.id).limit(1)).scalar()
            edits = sorted((a for a in applied if a[1] == "person" and a[2] == person.id), key=lambda a: a[3])
            versions = [a[3] for a in edits]
            if versions != list(range(2, 2 + len(edits))):   # a gap or a repeat: two saves from one version
                problems.append(f"person {person.id}: applied saves produced versions {versions}")
            if person.version != 1 + len(edits) or (edits and person.post != edits[-1][4]):
                problems.append(f"person {person.id}: stored {person.post!r} v{person.version} after "
                                f"{len(edits)} applied saves")
    others = {u: [n for v, n in names.items() if v != u] for u in names}
    for user, entity, row_id, kind, message in refused:
        if kind == "ConcurrentEditError" and not any(f"由 {n} 修改" in message for n in others[user]):
            problems.append(f"{user}'s refusal of {entity} {row_id} names no other desk: {message}")
    if problems:
        raise AssertionError("; ".join(problems))
    return {"attempts": sum(r.attempts for r in reports), "applied": len(applied), "refused": len(refused),
            "refused_conflict": sum(1 for x in refused if x[3] == "ConcurrentEditError"),
            "refused_state": sum(1 for x in refused if x[3] == "StateError"),
            "dispositions_applied": sum(1 for a in applied if a[1] == "lead"),
            "persons_applied": sum(1 for a in applied if a[1] == "person"),
            "persons_refused": sum(1 for x in refused if x[1] == "person")}
