"""Time and weigh the Excel ledger import (``import-ledger``) of a 100k-row workbook.

    .venv/bin/python bench/bench_ledger_import.py [--rows 100000] [--dry-run] [--profile]

A valid workbook with the template's columns is generated once (seeded, cached as
``bench/out/ledger-<rows>.xlsx``): 信访件 60 %, 问题线索 16 %, 案件 10 %, 处分处理 10 %, 一案双查 4 %
of the rows, every reference resolvable, a third of the complaints with a sealed identity. Each run
imports it into a fresh workspace in a child process and reports the import's wall time and the
child's peak resident memory (and the import's CPU seconds, steadier on a busy machine). Targets: under 30 s and 300 MB for 100 000 rows.
``--profile`` writes a cProfile of the import to ``bench/out/ledger-import.prof``.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, cpu_seconds, peak_rss_mb, report, run_child  # noqa: E402

TODAY = dt.date(2026, 11, 20)
PASSWORD = "bench-pass-1"
TARGET_SECONDS, TARGET_MB = 30.0, 300.0
SHARES = {"信访件": 0.60, "问题线索": 0.16, "案件": 0.10, "处分处理": 0.10, "一案双查": 0.04}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌宇浩凯鹏辉"
UNITS = ("青山镇财政所", "青山镇农业服务中心", "青山镇派出所", "红星村村委会", "石桥村村委会", "青山镇中心小学",
         "青山镇卫生院", "青山镇国土所")
POSTS = ("所长", "副所长", "会计", "主任", "村党支部书记", "村委会主任", "出纳", "站长")
PROBLEMS = ("违规发放补贴", "虚报冒领低保资金", "公款吃喝", "收受礼金", "优亲厚友评定贫困户", "工程项目违规发包",
            "侵占集体土地补偿款", "工作作风粗暴")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _day(start: dt.date, rng: random.Random, lo: int, hi: int) -> dt.date:
    return min(start + dt.timedelta(days=rng.randint(lo, hi)), TODAY)


def sheets(rows: int, seed: int = 2026):
    """Yield (sheet title, header, row iterator) for a valid workbook of about ``rows`` rows."""
    from services.interchange.ledger_import import SHEETS
    rng = random.Random(seed)
    n_rows = {k: max(1, int(rows * v)) for k, v in SHARES.items()}
    n_complaints = n_rows["信访件"] * 5 // 6          # a fifth of them with a second subject row
    n_leads = n_rows["问题线索"] * 15 // 16            # one in sixteen with a second person
    n_cases = min(n_rows["案件"], n_leads)
    n_entries = n_rows["一案双查"] // 2                # two leaders each

    received = [dt.date(2025, 1, 2) + dt.timedelta(days=rng.randint(0, 540)) for _ in range(n_complaints)]
    lead_person = [_name(rng) for _ in range(n_leads)]
    lead_day = [_day(received[i % n_complaints], rng, 3, 20) for i in range(n_leads)]
    filing = [_day(lead_day[i], rng, 20, 60) for i in range(n_cases)]

    def header(title):
        return [c.header for c in SHEETS[title]]

    def complaints():
        extra = n_rows["信访件"] - n_complaints
        for i in range(n_complaints):
            real = i % 3 == 0
            number = f"XF{received[i].year}-{i + 1:06d}"
            yield [number, received[i], rng.choice(("来信", "来访", "来电", "网络")), "检举控告",
                   "实名" if real else "匿名", _name(rng) if real else None,
                   f"13{rng.randint(100000000, 999999999)}" if real else None,
                   _name(rng), f"{rng.choice(UNITS)} {rng.choice(POSTS)}", rng.choice(("乡科级", "一般干部")),
                   "廉洁纪律", rng.choice(PROBLEMS), "否", None]
            if i < extra:
                yield [number, None, None, None, None, None, None, _name(rng), rng.choice(POSTS)]

    def leads():
        extra = n_rows["问题线索"] - n_leads
        for i in range(n_leads):
            number = f"XS{lead_day[i].year}-{i + 1:06d}"
            c = i % n_complaints
            case = i < n_cases
            result_day = _day(lead_day[i], rng, 5, 19)
            yield [number, "信访举报", f"XF{received[c].year}-{c + 1:06d}", lead_person[i],
                   f"{rng.choice(UNITS)} {rng.choice(POSTS)}", "一般干部", "是",
                   "初步核实" if case else "谈话函询", lead_day[i], result_day if case or i % 2 else None,
                   ("立案" if case else "了结") if case or i % 2 else None]
            if i < extra:
                yield [number, None, None, _name(rng) + "某", rng.choice(POSTS), None, "否"]

    def cases():
        for i in range(n_cases):
            yield [f"LA{filing[i].year}-{i + 1:06d}", f"XS{lead_day[i].year}-{i + 1:06d}", lead_person[i], None,
                   None, "是", "是", filing[i], _day(filing[i], rng, 30, 90) if i % 2 else None, "否"]

    def measures():  # one 警告 per case person, then 批评教育 (组织处理) of the same persons
        for i in range(n_rows["处分处理"]):
            k = i % n_cases
            first = i < n_cases
            yield [f"LA{filing[k].year}-{k + 1:06d}", lead_person[k], "党纪处分" if first else "组织处理",
                   "警告" if first else "批评教育", _day(filing[k], rng, 10, 40), f"青纪发〔2026〕{i + 1}号"]

    def ledgers():
        for i in range(n_entries):
            k = i % n_cases
            entry = _day(filing[k], rng, 40, 80)
            number = f"TZ{entry.year}-{i + 1:06d}"
            yield [number, f"LA{filing[k].year}-{k + 1:06d}", rng.choice(UNITS), entry, _name(rng), "镇长",
                   "主要领导", "主体责任", "廉政谈话", _day(entry, rng, 1, 20)]
            yield [number, None, None, None, _name(rng) + "副", "分管副镇长", "分管领导", "领导责任", "了结",
                   _day(entry, rng, 1, 20)]

    yield "信访件", header("信访件"), complaints()
    yield "问题线索", header("问题线索"), leads()
    yield "案件", header("案件"), cases()
    yield "处分处理", header("处分处理"), measures()
    yield "一案双查", header("一案双查"), ledgers()


def workbook(rows: int) -> Path:
    """The cached generated workbook of ``rows`` rows."""
    from openpyxl import Workbook
    path = OUT / f"ledger-{rows}.xlsx"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    wb = Workbook(write_only=True)
    for title, head, body in sheets(rows):
        ws = wb.create_sheet(title)
        ws.append(head)
        for row in body:
            ws.append(row)
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    tmp.replace(path)
    print(f"生成工作簿：{path}（{path.stat().st_size / 2**20:.1f} MB，{time.perf_counter() - t:.1f} s）",
          file=sys.stderr, flush=True)
    return path


def child(path: Path, dry_run: bool, profile: bool) -> dict:
    """Import ``path`` into a fresh workspace; the import's seconds and this process's peak memory."""
    from argon2 import PasswordHasher

    from services.security import setup, users
    from services.interchange import ledger_import
    from services.security.crypto_params import CryptoParams
    from services.security.identity_crypto import KdfParams
    from services.storage.workspace import open_workspace
    # Password hashing (argon2 with its production memory cost) is not what is measured here.
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        cheap = CryptoParams(password_hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
                             identity_kdf=KdfParams(time_cost=1, memory_cost=8, parallelism=1))
        ws = open_workspace(Path(tmp) / "data", today=lambda: TODAY, crypto=cheap)
        setup.initialize(ws, org_name="基准镇纪委", org_code="JZ001", county_name="基准县纪委", mode="township",
                         username="wang", display_name="王书记", password=PASSWORD)
        users.login(ws, "wang", PASSWORD)
        before = peak_rss_mb()
        prof = cProfile.Profile() if profile else None
        t, cpu = time.perf_counter(), cpu_seconds()
        if prof:
            prof.enable()
        result = ledger_import.import_workbook(ws, path, dry_run=dry_run)
        if prof:
            prof.disable()
            prof.dump_stats(str(OUT / "ledger-import.prof"))
        seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
        ws.close()
    if result.problems:
        raise SystemExit("导入失败：" + "；".join(p.text() for p in result.problems[:5]))
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": peak_rss_mb(), "rss_before_mb": before,
            "counts": result.counts}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    parser.add_argument("--profile", action="store_true", help="写出 cProfile 结果")
    parser.add_argument("--child", nargs=3, metavar=("FILE", "DRY", "PROFILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        out = child(Path(args.child[0]), args.child[1] == "1", args.child[2] == "1")
        print(json.dumps(out, ensure_ascii=False))
        return 0
    path = workbook(args.rows)
    _, out = run_child(Path(__file__), str(path), "1" if args.dry_run else "0", "1" if args.profile else "0",
                       timeout=1800)
    ok = out["seconds"] < TARGET_SECONDS and out["peak_rss_mb"] < TARGET_MB
    row = {"rows": args.rows, "dry_run": args.dry_run, "seconds": out["seconds"], "cpu_seconds": out["cpu_seconds"],
           "peak_rss_mb": out["peak_rss_mb"],
           "rss_before_mb": out["rss_before_mb"], "xlsx_mb": round(path.stat().st_size / 2**20, 1),
           "target": f"< {TARGET_SECONDS:.0f} s, < {TARGET_MB:.0f} MB", "ok": ok}
    report("ledger_import", [row], {"counts": out["counts"]})
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
