"""demo: fill a data directory with generated demo data (setting up the demo township if needed)."""
from __future__ import annotations

import datetime as dt
import sys


def register(sub) -> None:
    p = sub.add_parser("demo", help="生成演示数据（数据目录未初始化时先建立演示单位“青山镇纪委”和演示账号）")
    p.add_argument("--complaints", type=int, default=2000, help="信访件数量（默认 2000，可到 100 万）")
    p.add_argument("--seed", type=int, default=2026, help="随机种子：同一种子和截止日期生成完全相同的数据")
    p.add_argument("--end", default=None, help="截止日期 YYYY-MM-DD（默认今天），数据覆盖截止日期所在年及上一年")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def _end_date(text: str | None) -> dt.date | None:
    from services.errors import ValidationError
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"截止日期格式应为 YYYY-MM-DD：{text}") from None


def run(args, ctx) -> int:
    from services import demo
    from services.security import users
    from services.errors import AuthenticationError
    demo.validate_scale(args.complaints)  # before anything is written
    end = _end_date(args.end)
    ws = ctx.workspace()
    created = not ws.is_initialized()
    if created:
        demo.initialize_demo(ws)
    if args.user:
        ctx.login()
    else:
        try:
            demo.login_demo(ws)
        except AuthenticationError:
            raise AuthenticationError("此数据目录不是演示库：请用 --user 指定纪委书记账号（密码取自 JIJIAN_PASSWORD）") from None

    def progress(done: int, total: int) -> None:
        print(f"已生成 {done}/{total} 件信访件…", file=sys.stderr, flush=True)

    summary = demo.generate_demo(ws, complaints=args.complaints, seed=args.seed, end=end,
                                 progress=progress if args.complaints >= 50_000 else None,
                                 identity_columns=demo.identity_sealer(ws))
    users.logout(ws)
    data = {**summary.as_dict(), "initialized": created, "data_dir": str(ws.data_dir)}
    lines = [
        f"已生成演示数据（种子 {summary.seed}，{summary.start} 至 {summary.end}），用时 {summary.seconds:.1f} 秒：",
        f"  信访件 {summary.complaints} 件，被反映人 {summary.complaint_subjects} 人次",
        f"  问题线索 {summary.leads} 件，案件 {summary.cases} 件，涉及人员 {summary.persons} 人，"
        f"处分和处理 {summary.measures} 项",
        f"  一案双查台账 {summary.ledger_entries} 份，核查领导干部 {summary.ledger_leaders} 人次",
    ]
    if created:
        lines.append(f"已建立演示单位“{demo.DEMO_ORG['org_name']}”，演示账号（密码 {demo.DEMO_PASSWORD}）："
                     + "、".join(u for u, _, _ in demo.DEMO_USERS))
    ctx.emit(data, "\n".join(lines))
    return 0
