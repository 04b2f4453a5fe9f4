"""Adding and opening an attachment: a lead's (stored as it is) against a complaint's (sealed, revision 0011).

    .venv/bin/python bench/bench_attachments.py [--sizes 1 10 50] [--runs 5]

On a fresh workspace in a temp dir, for each size (MB of random bytes): ``add_attachment`` to a lead and to a
complaint, then ``open_attachment_path`` of each (the lead's returns the stored file; the complaint's decrypts
into ``opened/``, checked chunk by chunk). Median of the runs, and the sealed/plain ratio.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median, report  # noqa: E402

PASSWORD = "bench-pass-1"


def _workspace(root: Path):
    from services.casework import intake, leads
    from services.casework.intake import ComplaintInput, SubjectInput
    from services.casework.leads import LeadInput, PersonInput
    from services.security import setup, users
    from services.storage import settings
    from services.storage.workspace import open_workspace
    ws = open_workspace(root / "data", today=lambda: dt.date(2026, 11, 20))
    setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=PASSWORD)
    users.login(ws, "wang", PASSWORD)
    with ws.transaction() as s:
        settings.put(s, settings.ATTACHMENT_MAX_MB, 2048)
    c = intake.register_complaint(ws, ComplaintInput(
        received_date=dt.date(2026, 11, 2), channel="letter", kind="accusation", signature="anonymous",
        main_problem="反映违规吃喝问题",
        subjects=[SubjectInput(name="张三", unit="青山镇", post="主任", rank="township_level", is_party_member=True,
                               is_supervised_object=True)], discipline="integrity", receiver_name="王书记"))
    lead = leads.create_lead(ws, LeadInput(source="supervision_found", received_date=dt.date(2026, 11, 3),
                                           summary="反映违规吃喝", persons=[PersonInput(name="张三", unit="青山镇")]))
    return ws, ("complaint", c.id), ("lead", lead.id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from services.storage import attachments
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws, complaint, lead = _workspace(root)
        for mb in args.sizes:
            times: dict[str, list[float]] = {"plain_add_s": [], "sealed_add_s": [], "plain_open_s": [],
                                             "sealed_open_s": []}
            for run in range(args.runs):
                src = root / f"scan-{mb}-{run}.pdf"
                src.write_bytes(os.urandom(mb << 20))  # new content each run: nothing is deduplicated
                for kind, owner in (("plain", lead), ("sealed", complaint)):
                    t0 = time.perf_counter()
                    a = attachments.add_attachment(ws, owner, src)
                    t1 = time.perf_counter()
                    attachments.open_attachment_path(ws, a.id)
                    times[f"{kind}_add_s"].append(t1 - t0)
                    times[f"{kind}_open_s"].append(time.perf_counter() - t1)
                src.unlink()
            row = {"size_mb": mb, **{k: round(median(v), 4) for k, v in times.items()}}
            row["add_ratio"] = round(row["sealed_add_s"] / row["plain_add_s"], 2)
            row["sealed_MB_per_s"] = round(mb / row["sealed_add_s"], 1)
            rows.append(row)
        ws.close()
    report("attachments", rows, {"what": "add_attachment and open_attachment_path, lead (plain) vs complaint "
                                         "(sealed), median of runs", "runs": args.runs})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
