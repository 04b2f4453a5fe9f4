"""db migrate-to URL: this desk's SQLite database onto an empty PostgreSQL server database, checked;
db migrate / roles-sql: the owner migrates and grants the app's role (services.storage.db_roles)."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("db", help="数据库：migrate-to 把本机数据库迁到空的服务器数据库（PostgreSQL）；migrate、roles-sql 设置所有者和应用账号")
    dsub = p.add_subparsers(dest="db_command", metavar="操作", required=True)
    m = dsub.add_parser("migrate-to", help="复制全部数据到空的服务器数据库，并核对行数、近12个月报表数字和审计日志")
    m.add_argument("url", help="postgresql+psycopg://用户名@服务器:端口/库名（口令取自 PGPASSFILE 或提示输入）")
    m.add_argument("--json", action="store_true")
    m.set_defaults(handler=run_migrate_to)
    g = dsub.add_parser("migrate", help="以数据库所有者账号建立或升级表结构（--grant-to 同时给应用账号授权）")
    g.add_argument("--grant-to", metavar="应用账号", default=None,
                   help="服务器数据库：给这个应用账号只授予日常读写权限（审计日志只能查询和追加）")
    g.add_argument("--json", action="store_true")
    g.set_defaults(handler=run_migrate)
    r = dsub.add_parser("roles-sql", help="显示服务器管理员建立所有者和应用账号的 SQL 脚本")
    r.add_argument("app_role", metavar="应用账号", help="各办公电脑连接用的数据库用户，例如 jijian_app")
    r.add_argument("--owner", default="jijian_owner", help="运行迁移的数据库所有者（默认 jijian_owner）")
    r.add_argument("--database", default="jijian", help="数据库名（默认 jijian）")
    r.set_defaults(handler=run_roles_sql)


def run_migrate(args, ctx) -> int:
    from services.storage import db_roles
    ws = ctx.workspace()  # opening migrates (the owner may) and restores missing audit triggers
    granted = db_roles.grant_app_role(ws.engine, args.grant_to) if args.grant_to else []
    revision = db_roles.schema_revision(ws.engine)
    text = f"表结构已是最新版本（{revision}）"
    if granted:
        text += f"；已给应用账号 {args.grant_to} 授权（{len(granted)} 条语句）"
    ctx.emit({"revision": revision, "granted_to": args.grant_to, "statements": granted}, text)
    return 0


def run_roles_sql(args, ctx) -> int:
    from services.storage import db_roles
    print(db_roles.roles_sql(args.app_role, args.owner, args.database), end="")
    return 0


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
