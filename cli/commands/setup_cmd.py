"""init: set up the organization and the first user."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("init", help="初始化：单位信息和第一个用户（系统管理员+纪委书记）")
    p.add_argument("--org-name", required=True, help="单位名称，如 青山镇纪委")
    p.add_argument("--org-code", required=True, help="单位代码（字母数字）")
    p.add_argument("--county-name", required=True, help="所属县级纪委名称")
    p.add_argument("--mode", default="township", choices=["township", "county"], help="工作模式")
    p.add_argument("--display-name", default="", help="第一个用户的姓名")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    from services.security import setup
    from services.errors import ValidationError
    if not args.user:
        raise ValidationError("请用 --user 指定第一个用户的用户名")
    ws = ctx.workspace()
    password = ctx.password("设置密码：", confirm=True)
    user = setup.initialize(ws, org_name=args.org_name, org_code=args.org_code, county_name=args.county_name,
                            mode=args.mode, username=args.user, display_name=args.display_name or args.user,
                            password=password)
    ctx.emit({"org_code": args.org_code.upper(), "user": user.username, "roles": sorted(user.roles),
              "data_dir": str(ws.data_dir)},
             f"已初始化：{args.org_name}（{args.org_code.upper()}），管理员 {user.username}，数据目录 {ws.data_dir}")
    return 0
