"""Benchmark: the monthly report's figures on demo databases of 10,000 and 1,000,000 complaints.

For each size it builds (or reuses, with --keep DIR) a database with leads, cases, persons, measures
and 一案双查 entries in proportion to the complaints, spread over ten years and registered in date order;
then it does the same on the cached demo database of bench/common.py (``--demo 1000000``: two years of
data, so the report window holds most rows; built on first use, ``--demo 0`` skips it). On each it times
- ``compute_figures`` (every figure of the form), and each of its query groups
  (services.reporting.figures.QUERY_GROUPS) on its own,
- one hand-written SQL query computing the headline counts (受理, 处置线索, 立案, 结案, 处分人数) on
  the same file, and checks that both agree,
- rendering the PDF and the Excel workbook of that report.
It prints the median of --repeat runs, the ratio figures / hand-written query, and how each time
grows from the smallest to the largest size.

    .venv/bin/python bench/bench_report.py                    # 10k and 1M, temporary files
    .venv/bin/python bench/bench_report.py --sizes 10000 --keep /tmp/jj-bench
    .venv/bin/python bench/bench_report.py --sizes --demo 1000000   # the cached demo file only
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, text  # noqa: E402

from models import Case, Complaint, Lead, LedgerEntry, LedgerLeader, Measure, Person  # noqa: E402
from models.enums import Channel, ComplaintKind, Disposition, LedgerOutcome  # noqa: E402
from services.casework import sanction_rules  # noqa: E402
from services.reporting.figures import QUERY_GROUPS, compute_figures, query_params  # noqa: E402
from services.reporting import excel_form, pdf_form  # noqa: E402
from services.reporting.fonts import find_cjk_font  # noqa: E402
from services.reporting.layout import SCHEMA  # noqa: E402
from services.storage.workspace import open_workspace  # noqa: E402

PERIOD = "2026-10"
FIRST_DAY, LAST_DAY = dt.date(2016, 11, 1), dt.date(2026, 10, 31)
BATCH = 20_000
SANCTIONS = ["party_warning", "party_serious_warning", "party_probation", "gov_warning", "gov_demerit",
             "gov_demotion"]
HANDLING = ["reminder_talk", "criticism", "admonishment", "public_exposure", "removal_from_post"]

# Covering indexes that would let every figure query read indexes only (a proposal for a migration;
# --with-indexes measures their effect on the demo files).
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_bench_complaints_report ON complaints (received_date, channel, kind, is_repeat)",
    "CREATE INDEX IF NOT EXISTS ix_bench_leads_report ON leads (disposition_date, disposition)",
    "CREATE INDEX IF NOT EXISTS ix_bench_measures_report ON measures (decision_date, person_id, category, kind)",
)

HAND_WRITTEN = """
SELECT 'complaints_received',
       SUM(CASE WHEN received_date BETWEEN :m0 AND :m1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN received_date BETWEEN :y0 AND :m1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN received_date BETWEEN :l0 AND :l1 THEN 1 ELSE 0 END)
  FROM complaints WHERE received_date BETWEEN :l0 AND :l1 OR received_date BETWEEN :y0 AND :m1
UNION ALL
SELECT 'leads_disposed',
       SUM(CASE WHEN disposition_date BETWEEN :m0 AND :m1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN disposition_date BETWEEN :y0 AND :m1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN disposition_date BETWEEN :l0 AND :l1 THEN 1 ELSE 0 END)
  FROM leads WHERE disposition_date BETWEEN :l0 AND :l1 OR disposition_date BETWEEN :y0 AND :m1
UNION ALL
SELECT 'cases_filed',
       SUM(CASE WHEN filing_date BETWEEN :m0 AND :m1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN filing_date BETWEEN :y0 AND :m1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN filing_date BETWEEN :l0 AND :l1 THEN 1 ELSE 0 END)
  FROM cases WHERE filing_date BETWEEN :l0 AND :l1 OR filing_date BETWEEN :y0 AND :m1
UNION ALL
SELECT 'cases_closed',
       SUM(CASE WHEN closing_date BETWEEN :m0 AND :m1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN closing_date BETWEEN :y0 AND :m1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN closing_date BETWEEN :l0 AND :l1 THEN 1 ELSE 0 END)
  FROM cases WHERE closing_date BETWEEN :l0 AND :l1 OR closing_date BETWEEN :y0 AND :m1
UNION ALL
SELECT 'persons_sanctioned', SUM(m), SUM(y), SUM(l) FROM (
  SELECT person_id,
         MAX(CASE WHEN decision_date BETWEEN :m0 AND :m1 THEN 1 ELSE 0 END) AS m,
         MAX(CASE WHEN decision_date BETWEEN :y0 AND :m1 THEN 1 ELSE 0 END) AS y,
         MAX(CASE WHEN decision_date BETWEEN :l0 AND :l1 THEN 1 ELSE 0 END) AS l
    FROM measures
   WHERE category IN ('party_sanction', 'government_sanction')
     AND (decision_date BETWEEN :l0 AND :l1 OR decision_date BETWEEN :y0 AND :m1)
   GROUP BY person_id)
"""


def _day(rng: random.Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


def _insert(conn, table, rows: list[dict]) -> None:
    for i in range(0, len(rows), BATCH):
        conn.execute(table.insert(), rows[i:i + BATCH])


def build(path: Path, n: int, seed: int = 7) -> None:
    """Fill an empty workspace database with ``n`` complaints and the work that follows from them."""
    rng = random.Random(seed)
    ws = open_workspace(path)
    channels, kinds = Channel.codes(), ComplaintKind.codes()
    with ws.engine.begin() as conn:
        rows, seq = [], {}
        # Registered in the order received, as a clerk does: ids follow the dates.
        for i, day in enumerate(sorted(_day(rng) for _ in range(n)), start=1):
            seq[day.year] = seq.get(day.year, 0) + 1
            rows.append({"id": i, "number": f"XF{day.year}-{seq[day.year]:07d}", "year": day.year,
                         "seq": seq[day.year], "received_date": day, "channel": rng.choice(channels),
                         "kind": rng.choice(kinds), "signature": "anonymous", "is_repeat": rng.random() < 0.1})
            if len(rows) == BATCH:
                _insert(conn, Complaint.__table__, rows)
                rows = []
        _insert(conn, Complaint.__table__, rows)

        leads, persons, cases, measures, entries, leaders = [], [], [], [], [], []
        person_id = case_id = 0
        for lead_id, received in enumerate(sorted(_day(rng) for _ in range(int(n * 0.3))), start=1):
            disposed = min(received + dt.timedelta(days=rng.randrange(30)), LAST_DAY)
            disposition = rng.choice(Disposition.codes())
            result = result_date = None
            if disposition == "talk_inquiry" and rng.random() < 0.7:
                result = rng.choice(["concluded", "clarified", "to_verification"])
                result_date = min(disposed + dt.timedelta(days=rng.randrange(30)), LAST_DAY)
            leads.append({"id": lead_id, "number": f"XS-{lead_id:08d}", "source": "complaint",
                          "complaint_id": rng.randrange(1, n + 1), "received_date": received,
                          "disposition": disposition, "disposition_date": disposed, "result": result,
                          "result_date": result_date})
            person_id += 1
            lead_person = person_id
            file_case = disposition == "preliminary_verification" and rng.random() < 0.5
            if file_case:
                case_id += 1
                filed = min(disposed + dt.timedelta(days=rng.randrange(60)), LAST_DAY)
                closed = filed + dt.timedelta(days=rng.randrange(200))
                cases.append({"id": case_id, "number": f"LA-{case_id:08d}", "lead_id": lead_id, "filing_date": filed,
                              "closing_date": closed if closed <= LAST_DAY else None,
                              "stage": "closed" if closed <= LAST_DAY else "filed", "eight_rules": rng.random() < 0.2})
            persons.append({"id": lead_person, "lead_id": lead_id, "case_id": case_id if file_case else None,
                            "name": f"人员{lead_person}", "is_party_member": True, "is_supervised_object": True})
            if file_case:
                decided = min(cases[-1]["filing_date"] + dt.timedelta(days=rng.randrange(120)), LAST_DAY)
                for kind in rng.sample(SANCTIONS, rng.choice((1, 1, 2))):
                    measures.append({"person_id": lead_person, "case_id": case_id, "lead_id": None, "decision_date": decided,
                                     "category": sanction_rules.category_of(kind), "kind": kind,
                                     "form": sanction_rules.form_of(kind)})
                if rng.random() < 0.5:
                    entry = len(entries) + 1
                    entries.append({"id": entry, "number": f"TZ-{entry:08d}", "case_id": case_id,
                                    "unit": f"单位{rng.randrange(200)}", "entry_date": decided})
                    for _ in range(2):
                        leaders.append({"entry_id": entry, "name": f"领导{rng.randrange(5000)}",
                                        "responsibility": "principal",
                                        "outcome": rng.choice(LedgerOutcome.codes()), "outcome_date": decided})
            elif rng.random() < 0.1:
                kind = rng.choice(HANDLING)
                measures.append({"person_id": lead_person, "lead_id": lead_id, "case_id": None, "decision_date": disposed,
                                 "category": "handling", "kind": kind, "form": sanction_rules.form_of(kind)})
        for table, data in ((Lead.__table__, leads), (Case.__table__, cases), (Person.__table__, persons),
                            (Measure.__table__, measures), (LedgerEntry.__table__, entries),
                            (LedgerLeader.__table__, leaders)):
            _insert(conn, table, data)
    ws.close()


def _median(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def measure(path: Path, repeat: int) -> dict:
    ws = open_workspace(path)
    params = query_params(PERIOD)  # the same five dates the hand-written query binds
    with ws.reading() as session:
        sizes = {m.__tablename__: session.execute(select(func.count()).select_from(m)).scalar_one()
                 for m in (Complaint, Lead, Case, Measure, LedgerEntry)}
        compute_figures(session, PERIOD)  # warm the page cache once for both contenders
        session.execute(text(HAND_WRITTEN), params).all()
        t_fig, figs = _median(lambda: compute_figures(session, PERIOD), repeat)
        t_sql, rows = _median(lambda: session.execute(text(HAND_WRITTEN), params).all(), repeat)
        groups = {name: _median(lambda fn=fn: fn(session, params), repeat)[0] for name, fn in QUERY_GROUPS}
    for key, m, y, ly in rows:
        f = figs[key]
        assert (f["month"], f["ytd"], f["ytd_last_year"]) == (m or 0, y or 0, ly or 0), (key, f, (m, y, ly))
    doc = {"schema": SCHEMA, "org": {"name": "青山镇纪委", "code": "QS001", "county": "云岭县纪委", "mode": "township"},
           "period": PERIOD, "revision": 1, "finalized": True, "figures": figs,
           "narrative": "本月信访举报及案件办理情况说明。", "footer": {"leader": "王书记", "preparer": "李会计",
                                                         "phone": "0871-6543210", "date": "2026-11-02"}}
    font = find_cjk_font()
    pdf_form.render_report_pdf(doc, font=font)  # font registration is a one-time cost
    t_render, _ = _median(lambda: (pdf_form.render_report_pdf(doc, font=font), excel_form.render_report_xlsx(doc)),
                          repeat)
    ws.close()
    return {"sizes": sizes, "figures_s": t_fig, "hand_sql_s": t_sql, "render_s": t_render, "groups_s": groups,
            "headline": {r[0]: r[1:] for r in rows}}


def _line(r: dict) -> str:
    split = "  ".join(f"{name} {t * 1000:.1f}" for name, t in r["groups_s"].items())
    return (f"          figures {r['figures_s'] * 1000:8.1f} ms   hand-written headline query "
            f"{r['hand_sql_s'] * 1000:8.1f} ms   ratio {r['figures_s'] / r['hand_sql_s']:.2f}×   "
            f"PDF+Excel {r['render_s'] * 1000:7.1f} ms\n"
            f"          per query group (ms): {split}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 1_000_000])
    ap.add_argument("--demo", type=int, default=1_000_000,
                    help="also measure the cached demo database of this scale (bench/out/<scale>; 0 = skip)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="build (or reuse) the databases in this folder")
    ap.add_argument("--with-indexes", action="store_true",
                    help="afterwards add the proposed covering indexes to the demo files and measure again")
    args = ap.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="jijian-bench-"))
    results = {}
    for n in args.sizes:
        path = base / f"n{n}"
        if not (path / "jijian.sqlite").exists():
            t0 = time.perf_counter()
            build(path, n)
            print(f"built {n:,} complaints in {time.perf_counter() - t0:.1f} s: {path}", flush=True)
        results[n] = r = measure(path, args.repeat)
        print(f"{n:>9,} complaints  rows={r['sizes']}\n{_line(r)}", flush=True)
        if args.with_indexes:
            ws = open_workspace(path)
            with ws.engine.begin() as conn:
                for ddl in PROPOSED_INDEXES:
                    conn.exec_driver_sql(ddl)
            ws.close()
            print(f"          with the proposed covering indexes:\n{_line(measure(path, args.repeat))}", flush=True)
    if args.demo:
        from bench.common import demo_db
        path = demo_db(args.demo)
        r = measure(path, args.repeat)
        print(f"demo {args.demo:,} complaints ({path}, two years)  rows={r['sizes']}\n{_line(r)}", flush=True)
    if len(results) > 1:
        small, large = min(results), max(results)
        grow = {k: results[large][k] / results[small][k] for k in ("figures_s", "hand_sql_s", "render_s")}
        print(f"growth {small:,} → {large:,} ({large / small:.0f}× the data): figures {grow['figures_s']:.1f}×, "
              f"hand-written {grow['hand_sql_s']:.1f}×, rendering {grow['render_s']:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
