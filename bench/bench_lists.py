"""Benchmark of the large lists: query_ids + fetch_rows of the first and last screens, and searches.

    python bench/bench_lists.py                  # 1k and 1M complaints (the 1M database is kept in /tmp)
    python bench/bench_lists.py --sizes 1000 50000 --keep-dir /tmp/jj-bench

Each database is built once (Core bulk inserts with the search triggers off, then one FTS rebuild),
and measured in a fresh child process so its peak memory (ru_maxrss) is the list work's alone.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PASSWORD = "bench-pass-1"
SCREEN = 50
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉力斌波宇浩凯"
UNITS = [f"{a}{b}村村委会" for a in "青白东西南北上下前后" for b in "山水岭溪河塘坪桥湾岗"] + \
        ["青山镇政府", "青山镇财政所", "青山镇农业站", "青山镇卫生院", "青山镇中心学校", "青山镇派出所"]
PROBLEMS = ["违规吃喝", "收受礼金", "违规发放津补贴", "公车私用", "优亲厚友评低保", "侵占集体资金", "虚报冒领补贴",
            "工程项目违规发包", "违规操办婚丧喜庆", "不作为乱作为", "套取扶贫资金", "挪用征地补偿款"]
CHANNELS = ["letter", "visit", "phone", "online", "referred_from_above", "other"]
KINDS = ["accusation"] * 6 + ["suggestion", "appeal", "out_of_scope", "no_substance"]
STATES = ["registered", "accepted", "accepted", "concluded", "concluded", "concluded", "not_accepted", "transferred"]
RANKS = ["township_level", "general_cadre", "village_cadre", "village_cadre", "institution_staff", None]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def build(data_dir: Path, n: int, seed: int = 7) -> None:
    from services import identity, setup, users
    from services.identity_crypto import KdfParams
    from services.workspace import open_workspace
    from models.search import create_search_index, drop_search_index
    from argon2 import PasswordHasher

    users.set_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    identity.set_kdf_params(KdfParams(time_cost=1, memory_cost=1024, parallelism=1))
    ws = open_workspace(data_dir)
    setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="bench", display_name="测试", password=PASSWORD)
    rng = random.Random(seed)
    first, last = dt.date(2019, 1, 1), dt.date(2026, 11, 30)
    span = (last - first).days
    days = sorted(first + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(n))
    seqs: dict[int, int] = {}
    stamp = "2026-11-30 00:00:00.000000"
    complaints, subjects = [], []
    for cid, day in enumerate(days, 1):
        seq = seqs[day.year] = seqs.get(day.year, 0) + 1
        who = [(_name(rng), rng.choice(UNITS), rng.choice(RANKS)) for _ in range(rng.choice((1, 1, 1, 2)))]
        problem = f"反映{who[0][1]}{who[0][0]}{rng.choice(PROBLEMS)}、{rng.choice(PROBLEMS)}等问题，请求调查处理。"
        state = rng.choice(STATES)
        complaints.append((cid, f"XF{day.year}-{seq:04d}", day.year, seq, day.isoformat(), rng.choice(CHANNELS),
                           rng.choice(KINDS), rng.choice(("real_name", "signed", "anonymous")), 0, "{}", problem,
                           "", state, None if state == "registered" else day.isoformat(), "", "", 0, 0, "", stamp, stamp))
        subjects += [(cid, name, unit, "", rank) for name, unit, rank in who]
    with ws.engine.begin() as conn:
        drop_search_index(conn)
        raw = conn.connection.driver_connection
        raw.executemany(
            "INSERT INTO complaints (id, number, year, seq, received_date, channel, kind, signature, is_repeat, "
            "complainant_masked, main_problem, receiver_name, state, state_date, state_reason, referred_to, "
            "belongs_upper, referred_down, feedback_note, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", complaints)
        raw.executemany("INSERT INTO complaint_subjects (complaint_id, name, unit, post, rank) VALUES (?,?,?,?,?)",
                        subjects)
        create_search_index(conn)  # triggers back, and one 'rebuild' of the index
        conn.exec_driver_sql("ANALYZE")
    ws.close()


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def measure(data_dir: Path) -> dict:
    from services import identity, listing, users
    from services.identity_crypto import KdfParams
    from services.listing import ListQuery
    from services.workspace import open_workspace

    identity.set_kdf_params(KdfParams(time_cost=1, memory_cost=1024, parallelism=1))
    ws = open_workspace(data_dir)
    users.login(ws, "bench", PASSWORD)
    results: dict[str, float | int] = {}

    def screen(label: str, q: ListQuery) -> None:
        ids, t_ids = _timed(lambda: listing.query_ids(ws, q))
        _, t_first = _timed(lambda: listing.fetch_rows(ws, "complaint", ids[:SCREEN]))
        _, t_last = _timed(lambda: listing.fetch_rows(ws, "complaint", ids[-SCREEN:]))
        results[f"{label}.rows"] = len(ids)
        results[f"{label}.query_ids_s"] = round(t_ids, 4)
        results[f"{label}.first_screen_s"] = round(t_ids + t_first, 4)
        results[f"{label}.last_screen_fetch_s"] = round(t_last, 4)

    screen("open_list", ListQuery())
    screen("open_list_again", ListQuery())
    screen("sort_by_channel", ListQuery(sort_key="channel", descending=False))
    screen("filter_state_2025", ListQuery(states=["accepted"], date_from=dt.date(2025, 1, 1),
                                          date_to=dt.date(2025, 12, 31)))
    screen("search_3plus_problem", ListQuery(text="公车私用"))
    screen("search_3plus_unit", ListQuery(text="青山镇财政所"))
    screen("search_2char_name", ListQuery(text="王芳"))
    screen("search_1char", ListQuery(text="潘"))
    screen("search_number", ListQuery(text="XF2024-0123"))
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    ws.close()
    return results


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", type=int, nargs="*", default=[1000, 1_000_000])
    p.add_argument("--keep-dir", type=Path, default=Path("/tmp/jijian-bench-lists"))
    p.add_argument("--build-only", nargs=2, metavar=("DIR", "N"))
    p.add_argument("--measure-only", metavar="DIR")
    a = p.parse_args()
    if a.build_only:
        build(Path(a.build_only[0]), int(a.build_only[1]))
        return
    if a.measure_only:
        print(json.dumps(measure(Path(a.measure_only))))
        return
    report = {}
    for n in a.sizes:
        d = a.keep_dir / f"n{n}"
        if not (d / "jijian.sqlite").exists():
            t = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--build-only", str(d), str(n)], check=True)
            print(f"built {n} complaints in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        out = subprocess.run([sys.executable, __file__, "--measure-only", str(d)], check=True,
                             capture_output=True, text=True).stdout
        report[n] = json.loads(out.strip().splitlines()[-1])
    sizes = sorted(report)
    keys = [k for k in report[sizes[0]] if k.endswith("_s")]
    print(f"{'measure':36}" + "".join(f"{n:>12}" for n in sizes) + ("   ratio" if len(sizes) > 1 else ""))
    for k in keys + ["peak_rss_mb"] + [k for k in report[sizes[0]] if k.endswith(".rows")]:
        vals = [report[n][k] for n in sizes]
        ratio = f"{vals[-1] / vals[0]:8.1f}" if len(sizes) > 1 and vals[0] else ""
        print(f"{k:36}" + "".join(f"{v:>12}" for v in vals) + (f" {ratio}" if ratio else ""))


if __name__ == "__main__":
    main()
