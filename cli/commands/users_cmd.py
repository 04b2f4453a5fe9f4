"""users add|list|disable|enable|unlock|grant."""
from __future__ import annotations

import datetime as dt

from models.enums import Role


def register(sub) -> None:
    p = sub.add_parser("users", help="用户管理（需系统管理员）")
    s = p.add_subparsers(dest="users_command", metavar="操作", required=True)
    add = s.add_parser("add", help="新增用户；新用户密码取自 JIJIAN_NEW_PASSWORD 或提示输入")
    add.add_argument("username")
    add.add_argument("--name", default="", help="姓名")
    add.add_argument("--roles", required=True, help="角色，逗号分隔：" + ",".join(f"{r.value}({r.label})" for r in Role))
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)
    ls = s.add_parser("list", help="列出用户")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    for name, active, help_ in (("disable", False, "停用用户"), ("enable", True, "启用用户")):
        d = s.add_parser(name, help=help_)
        d.add_argument("username")
        d.set_defaults(handler=lambda a, c, active=active: run_active(a, c, active))
    u = s.add_parser("unlock", help="解除因连续输错密码而锁定的账号")
    u.add_argument("username")
    u.set_defaults(handler=run_unlock)
    g = s.add_parser("grant", help="授予查看反映人身份信息的权限（纪委书记；该用户不必在场）")
    g.add_argument("username")
    g.set_defaults(handler=run_grant)


def run_add(args, ctx) -> int:
    from services.security import users
    ws = ctx.login()
    pw = ctx.password("新用户密码：", env="JIJIAN_NEW_PASSWORD", confirm=True)
    u = users.create_user(ws, args.username, args.name, pw, [r.strip() for r in args.roles.split(",") if r.strip()])
    ctx.emit({"id": u.id, "username": u.username, "roles": sorted(u.roles)},
             f"已新增用户 {u.username}（{'、'.join(Role(r).label for r in sorted(u.roles))}）")
    return 0


def run_list(args, ctx) -> int:
    from services.security import users
    ws = ctx.login()
    rows = users.list_users(ws)
    now = ws.now()
    lines = [f"{'用户名':<12}{'姓名':<10}{'角色':<24}状态"]
    for r in rows:
        roles = "、".join(Role(x).label for x in r["roles"])
        locked = r["locked_until"] and dt.datetime.fromisoformat(r["locked_until"]) > now
        state = "停用" if not r["active"] else "已锁定" if locked else "启用"
        lines.append(f"{r['username']:<14}{r['display_name']:<10}{roles:<24}{state}")
    ctx.emit(rows, "\n".join(lines))
    return 0


def run_active(args, ctx, active: bool) -> int:
    from services.security import users
    ws = ctx.login()
    users.set_active(ws, args.username, active)
    print(f"已{'启用' if active else '停用'}用户 {args.username}")
    return 0


def run_unlock(args, ctx) -> int:
    from services.security import users
    ws = ctx.login()
    users.unlock(ws, args.username)
    print(f"已解锁用户 {args.username}，可以重新登录")
    return 0


def run_grant(args, ctx) -> int:
    from services.security import users
    ws = ctx.login()
    users.grant_identity(ws, args.username)
    print(f"已授权用户 {args.username} 查看反映人身份信息，其下次登录时生效")
    return 0
