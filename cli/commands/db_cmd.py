"""db migrate-to URL: this desk's SQLite database onto an empty PostgreSQL server database, checked."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("db", help="数据库：migrate-to 把本机数据库迁到空的服务器数据库（PostgreSQL）")
    dsub = p.add_subparsers(dest="db_command", metavar="操作", required=True)
    m = dsub.add_parser("migrate-to", help="复制全部数据到空的服务器数据库，并核对行数、近12个月报表数字和审计日志")
    m.add_argument("url", help="postgresql+psycopg://用户名@服务器:端口/库名（口令取自 PGPASSFILE 或提示输入）")
    m.add_argument("--json", action="store_true")
    m.set_defaults(handler=run_migrate_to)


def run_migrate_to(args, ctx) -> int:
    from services.reporting.figures import compute_figures
    from services.storage import db_url, migrate_to
    ws = ctx.login()
    url = db_url.server_url(args.url, lambda prompt: ctx.password(prompt, env="", confirm=False))
    rep = migrate_to.migrate_to(ws, url, figures=compute_figures)
    ctx.emit({"ok": rep.ok, "target": rep.target, "counts": rep.counts, "count_mismatches": rep.count_mismatches,
              "months": rep.months, "figure_mismatches": rep.figure_mismatches, "audit_ok": rep.audit_ok,
              "audit_events": rep.audit_events, "attachments": rep.attachments,
              "attachment_files_missing": rep.attachment_files_missing}, "\n".join(rep.lines()))
    return 0 if rep.ok else 1
