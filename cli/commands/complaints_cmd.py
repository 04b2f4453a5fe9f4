"""complaints list / show: the complaint register from the shell (never the complainant's identity)."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

from services.errors import ValidationError


def register(sub) -> None:
    p = sub.add_parser("complaints", help="信访件登记簿（列表、查看；不含反映人身份信息）")
    s = p.add_subparsers(dest="complaints_command", metavar="操作", required=True)
    ls = s.add_parser("list", help="按条件列出信访件")
    ls.add_argument("--from", dest="date_from", metavar="日期", help="收件日期起（如 2026-01-01）")
    ls.add_argument("--to", dest="date_to", metavar="日期", help="收件日期止")
    ls.add_argument("--state", action="append", default=[], metavar="状态",
                    help="办理状态代码或中文（可重复），如 registered 或 已登记")
    ls.add_argument("--text", default="", metavar="文字", help="按编号、被反映人姓名或单位、问题内容查找")
    ls.add_argument("--limit", type=int, default=200, metavar="N", help="最多列出条数（默认200，0为不限）")
    ls.add_argument("--xlsx", type=Path, metavar="FILE",
                    help="把全部符合条件的信访件导出为 Excel（与信访登记页“导出Excel”相同，不含反映人身份信息）")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    sh = s.add_parser("show", help="查看一件信访件（身份信息只显示脱敏后的内容）")
    sh.add_argument("number", metavar="编号")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=run_show)


def _date(text: str | None, label: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{label}格式不正确，应为 2026-01-31 这样的日期") from None


def _states(values: list[str]) -> list[str]:
    from models.enums import ComplaintState
    out = []
    for v in values:
        m = ComplaintState.from_text(v)
        if m is None:
            raise ValidationError(f"未知的办理状态“{v}”（可选：{'、'.join(x.label for x in ComplaintState)}）")
        out.append(m.value)
    return out


def run_list(args, ctx) -> int:
    from services.casework import listing
    ws = ctx.login()
    # The 信访登记 page's query and default order (newest first), so --xlsx writes what the page exports.
    q = listing.ListQuery(entity="complaint", date_from=_date(args.date_from, "--from"),
                          date_to=_date(args.date_to, "--to"), states=_states(args.state), text=args.text,
                          sort_key="received_date", descending=True)
    if args.xlsx:
        target = args.xlsx.expanduser()
        n = listing.export_xlsx(ws, q, target)
        ctx.emit({"total": n, "xlsx": str(target)}, f"已导出 {n} 件到 {target}")
        return 0
    ids = listing.query_ids(ws, q)
    shown = ids if args.limit <= 0 else ids[:args.limit]
    rows = listing.fetch_rows(ws, "complaint", shown)
    keys = [k for k, _, _ in listing.COLUMNS["complaint"]]
    data = {"total": len(ids), "rows": [{"id": i, **{k: rows[i].values[k] for k in keys}} for i in shown if i in rows]}
    lines = [f"共 {len(ids)} 件" + (f"，显示前 {len(shown)} 件" if len(shown) < len(ids) else "")]
    for r in data["rows"]:
        lines.append(f"{r['number']}  {r['received_date']}  {r['kind']}  {r['state']}  {r['subjects']}  "
                     f"{r['main_problem'][:30]}")
    ctx.emit(data, "\n".join(lines))
    return 0


def run_show(args, ctx) -> int:
    from services.casework import intake
    ws = ctx.login()
    view = intake.get_complaint(ws, intake.complaint_id_for_number(ws, args.number))
    data = asdict(view)
    data.pop("repeat_candidates", None)
    data.pop("identity_masked", None)  # not even the masked form leaves through the shell
    lines = [f"编号：{view.number}", f"收件日期：{view.received_date}", f"来源渠道：{view.channel_label}",
             f"类型：{view.kind_label}", f"署名情况：{view.signature_label}",
             "反映人：" + ("（已登记，身份信息保密）" if view.has_identity else "无"),
             "被反映人：" + "；".join(f"{x['name']}（{x['unit']}）" if x["unit"] else x["name"] for x in view.subjects),
             f"反映的主要问题：{view.main_problem}", f"问题类别：{view.discipline_label}",
             f"办理状态：{view.state_label}" + (f"（{view.state_date}）" if view.state_date else "")]
    if view.lead_number:
        lines.append(f"问题线索：{view.lead_number}")
    ctx.emit(data, "\n".join(lines))
    return 0
