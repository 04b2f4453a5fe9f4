"""report YYYY-MM [--json] [--pdf FILE] [--xlsx FILE]; finalize; correct; revisions."""
from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("report", help="月报：显示本月、元至本月、去年同期数及同比，可导出 PDF 和 Excel")
    p.add_argument("period", metavar="YYYY-MM", help="报告期，如 2026-11")
    p.add_argument("--json", action="store_true", help="输出月报文档（jijian.monthly-report/1）")
    p.add_argument("--pdf", type=Path, metavar="FILE", help="把月报表写成 PDF 文件")
    p.add_argument("--xlsx", type=Path, metavar="FILE", help="把月报表写成 Excel 文件")
    p.set_defaults(handler=run_report)

    f = sub.add_parser("finalize", help="月报定稿（纪委书记）：冻结数据、说明和 PDF")
    f.add_argument("period", metavar="YYYY-MM")
    f.add_argument("--note", default="", help="定稿备注")
    f.add_argument("--json", action="store_true")
    f.set_defaults(handler=run_finalize)

    c = sub.add_parser("correct", help="更正已定稿的月报（纪委书记）：生成新的修订版")
    c.add_argument("period", metavar="YYYY-MM")
    c.add_argument("--reason", required=True, help="更正原因")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=run_correct)

    r = sub.add_parser("revisions", help="列出月报的各修订版")
    r.add_argument("period", metavar="YYYY-MM")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=run_revisions)


def _write(path: Path, data: bytes) -> None:
    """All or nothing: a full or read-only disk leaves no partial file (FileWriteError says why)."""
    from services.storage.files import atomic_write_bytes
    atomic_write_bytes(path.expanduser(), data, make_parents=True)


def _pad(text: str, width: int) -> str:
    """Left-justify by display width (a CJK character takes two columns)."""
    shown = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
    return text + " " * max(width - shown, 1)


def _table(doc: dict) -> str:
    from services.reporting.layout import format_count, format_pct, get_figure, iter_form_lines, period_text
    state = f"第 {doc['revision']} 版" + ("（已定稿）" if doc.get("finalized") else "（草稿）")
    lines = [f"{doc['org']['name']} {period_text(doc['period'])} 信访举报及案件办理情况月报 {state}",
             _pad("项目", 40) + _pad("单位", 6) + "    本月  元至本月  去年同期  同比(%)"]
    for line in iter_form_lines():
        label = "  " * line.indent + line.text
        if line.row is None:
            lines.append(label)
            continue
        fig = get_figure(doc["figures"], line.row.key)
        lines.append(_pad(label, 40) + _pad(line.row.unit, 6)
                     + f"{format_count(fig['month']):>8}{format_count(fig['ytd']):>10}"
                     f"{format_count(fig['ytd_last_year']):>10}{format_pct(fig['change_pct']):>9}")
    return "\n".join(lines)


def run_report(args, ctx) -> int:
    from services.reporting import monthly_report
    from services.storage.files import FileWriteError
    ws = ctx.login()
    doc = monthly_report.build_document(ws, args.period)
    outputs = []  # made first, written after: a failed export writes nothing
    if args.pdf:
        outputs.append(("PDF", args.pdf, monthly_report.export_pdf(ws, args.period)))
    if args.xlsx:
        outputs.append(("Excel", args.xlsx, monthly_report.export_xlsx(ws, args.period)))
    written = []
    for kind, path, data in outputs:
        try:
            _write(path, data)
        except FileWriteError as exc:
            done = "".join(f"（{line}）" for line in written)
            raise FileWriteError(exc.message + done) from exc
        written.append(f"已写出 {kind}：{path}")
    if ctx.json:
        ctx.emit(doc)
    else:
        print(_table(doc))
        for line in written:
            print(line)
    return 0


def run_finalize(args, ctx) -> int:
    from services.reporting import monthly_report
    ws = ctx.login()
    view = monthly_report.finalize(ws, args.period, note=args.note)
    ctx.emit(view.as_dict(), f"{args.period} 月报第 {view.revision} 版已定稿，校验码（SHA-256）：{view.sha256}")
    return 0


def run_correct(args, ctx) -> int:
    from services.reporting import monthly_report
    ws = ctx.login()
    view = monthly_report.correct(ws, args.period, args.reason)
    ctx.emit(view.as_dict(), f"{args.period} 月报已开始更正，修改后定稿即为第 {view.revision} 版（原因：{view.correction_reason}）")
    return 0


def run_revisions(args, ctx) -> int:
    from services.reporting import monthly_report
    ws = ctx.login()
    views = monthly_report.revisions(ws, args.period)
    lines = [f"{args.period} 月报尚无修订版（未定稿）"] if not views else []
    for v in views:
        when = v.finalized_at.astimezone().strftime("%Y-%m-%d %H:%M") if v.finalized_at else ""
        extra = f" 更正原因：{v.correction_reason}" if v.correction_reason else ""
        digest = f" 校验码 {v.sha256[:16]}…" if v.sha256 else ""
        lines.append(f"第 {v.revision} 版 {v.status_label} {when} {v.finalized_by}{digest}{extra}".rstrip())
    ctx.emit([v.as_dict() for v in views], "\n".join(lines))
    return 0
