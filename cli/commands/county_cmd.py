"""county import | report | townships: receiving townships' packages and the county-wide report."""
from __future__ import annotations

from pathlib import Path

from cli.commands.ca_cmd import check_out_path


def register(sub) -> None:
    p = sub.add_parser("county", help="县纪委：接收乡镇报送包、汇总月报、乡镇名册")
    c = p.add_subparsers(dest="county_command", metavar="操作", required=True)
    i = c.add_parser("import", help="校验并接收报送包（文件夹、.zip，或含多个报送包的文件夹/U盘）")
    i.add_argument("paths", type=Path, nargs="+")
    i.add_argument("--json", action="store_true")
    i.set_defaults(handler=run_import)
    r = c.add_parser("report", help="某月的全县汇总：合计、各乡镇报送情况、未报送乡镇")
    r.add_argument("period", help="报告期 YYYY-MM")
    r.add_argument("--pdf", type=Path, default=None, help="写出 PDF")
    r.add_argument("--xlsx", type=Path, default=None, help="写出 Excel")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=run_report)
    z = c.add_parser("audit-reset", help="经核实乡镇确已丢失已报送的审计记录（如恢复了较早的备份）后，"
                                         "重置对该乡镇审计链的核对（记入审计日志）")
    z.add_argument("code", help="乡镇单位代码")
    z.add_argument("--reason", required=True, help="重置原因（如何核实的）")
    z.add_argument("--json", action="store_true")
    z.set_defaults(handler=run_audit_reset)
    t = c.add_parser("townships", help="乡镇名册")
    ts = t.add_subparsers(dest="townships_command", metavar="操作", required=True)
    a = ts.add_parser("add", help="登记一个乡镇")
    a.add_argument("code")
    a.add_argument("name")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_township_add)
    ls = ts.add_parser("list", help="列出乡镇")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_township_list)


def run_import(args, ctx) -> int:
    from services.submission import county
    ws = ctx.login()
    outcomes = county.import_packages(ws, args.paths)
    lines = []
    for o in outcomes:
        who = f"{o.township_name or ''}（{o.township_code}）" if o.township_code else ""
        what = f"{who}{o.period or ''} 第 {o.revision} 版" if o.revision is not None else ""
        if o.imported:
            extra = f"，替代第 {o.superseded_revision} 版" if o.superseded_revision else ""
            lines.append(f"✓ 已接收 {what}{extra}：{o.path}")
        else:
            lines.append(f"✗ 未接收 {what}：{o.path}")
            lines += [f"    - {reason}" for reason in o.reasons]
    ok = sum(o.imported for o in outcomes)
    lines.append(f"共 {len(outcomes)} 项，接收 {ok} 个，未接收 {len(outcomes) - ok} 个。")
    ctx.emit([o.as_dict() for o in outcomes], "\n".join(lines))
    # What was valid went in even when other items were refused (each is listed above).
    return 0 if ok else 1


def run_report(args, ctx) -> int:
    from services.submission import county
    from services.storage.files import atomic_write_bytes
    from services.reporting.layout import format_count, period_text
    for out in (args.pdf, args.xlsx):
        if out is not None:
            check_out_path(out)
    ws = ctx.login()
    doc = county.consolidated_document(ws, args.period)
    if args.pdf:
        atomic_write_bytes(args.pdf, county.county_report_pdf(ws, args.period))
    if args.xlsx:
        atomic_write_bytes(args.xlsx, county.county_report_xlsx(ws, args.period))
    f = doc["figures"]
    lines = [f"{doc['org']['name']} {period_text(doc['period'])} 汇总",
             f"收到信访举报：本月 {f['complaints_received']['month']}，元至本月 {f['complaints_received']['ytd']}",
             f"立案：本月 {f['cases_filed']['month']}，元至本月 {f['cases_filed']['ytd']}"]
    for t in doc["townships"]:
        state = f"第 {t['revision']} 版，受理 {format_count(t['figures']['complaints_received']['ytd'])}" \
            if t["submitted"] else "未报送"
        lines.append(f"  {t['code']:<10} {t['name']:<10} {state}")
    if doc["not_submitted"]:
        lines.append("未报送：" + "、".join(t["name"] for t in doc["not_submitted"]))
    for label, out in (("PDF", args.pdf), ("Excel", args.xlsx)):
        if out is not None:
            lines.append(f"已写出 {label}：{out}")
    ctx.emit(doc, "\n".join(lines))
    return 0


def run_township_add(args, ctx) -> int:
    from services.submission import county_ca
    ws = ctx.login()
    town = county_ca.add_township(ws, args.code, args.name)
    ctx.emit(town, f"已登记乡镇 {town['name']}（{town['code']}）")
    return 0


def run_township_list(args, ctx) -> int:
    from services.submission import county_ca
    ws = ctx.login()
    rows = county_ca.list_townships(ws)
    labels = {"valid": "证书有效", "none": "未签发证书", "invalid": "证书已过期或吊销"}
    ctx.emit(rows, "\n".join(f"{r['code']:<12} {r['name']:<12} {labels[r['certificate']]}" for r in rows)
             or "尚未登记乡镇")
    return 0


def run_audit_reset(args, ctx) -> int:
    from services.submission import county_audit
    ws = ctx.login()
    done = county_audit.reset_anchor(ws, args.code, args.reason)
    ctx.emit(done, f"已重置对 {args.code} 审计链的核对（此前核对到 {done['package']} 第 {done['count']} 条）；"
                   "下一份报送包将作为新的核对起点")
    return 0
