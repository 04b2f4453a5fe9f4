"""holidays import FILE [--year Y] [--complete] | template [FILE] [--year Y] | complete YEAR [--undo]."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from services.errors import ValidationError


def register(sub) -> None:
    p = sub.add_parser("holidays", help="节假日与调休安排：导入一年的放假安排、写出模板、确认已完整录入")
    s = p.add_subparsers(dest="holidays_command", metavar="操作", required=True)
    imp = s.add_parser("import", help="从文本或 Excel 文件导入一年的放假安排（每行：日期,休 或 日期,班）")
    imp.add_argument("file", type=Path, metavar="FILE", help=".txt / .csv / .xlsx 文件")
    imp.add_argument("--year", type=int, help="年份（省略时取文件中第一个日期的年份）")
    imp.add_argument("--complete", action="store_true", help="同时确认该年的放假安排已完整录入")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=run_import)
    tpl = s.add_parser("template", help="写出导入模板（省略 FILE 时输出到屏幕）")
    tpl.add_argument("file", nargs="?", type=Path, metavar="FILE", help="模板文件（.xlsx 或 .txt）")
    tpl.add_argument("--year", type=int, help="年份（默认明年）")
    tpl.set_defaults(handler=run_template)
    done = s.add_parser("complete", help="确认某年的放假安排已完整录入（不再提示该年安排未录入）")
    done.add_argument("year", type=int)
    done.add_argument("--undo", action="store_true", help="撤销确认")
    done.set_defaults(handler=run_complete)


def run_import(args, ctx) -> int:
    from services.deadlines import holiday_schedule
    from services.interchange import holiday_import
    ws = ctx.login()
    try:
        r = holiday_import.import_schedule(ws, args.file, args.year)
    except ValidationError as exc:  # a bad file is a failed check (exit 1), with its rows named
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    if args.complete:
        holiday_schedule.mark_complete(ws, r["year"])
    r["complete"] = holiday_schedule.is_complete(ws, r["year"])
    state = "已确认完整录入" if r["complete"] else "尚未确认完整录入（全部录入后运行 holidays complete %d）" % r["year"]
    ctx.emit(r, f"已导入{r['year']}年放假安排 {r['days']} 天（新增 {r['added']}，修改 {r['changed']}，"
                f"未变 {r['unchanged']}）；{state}")
    return 0


def run_template(args, ctx) -> int:
    from services.interchange import holiday_import
    year = args.year or dt.date.today().year + 1
    if args.file is None:
        sys.stdout.write(holiday_import.template_text(year))
        return 0
    path = holiday_import.write_template(args.file, year)
    print(f"已写出{year}年放假安排模板：{path}")
    return 0


def run_complete(args, ctx) -> int:
    from services.deadlines import holiday_schedule
    ws = ctx.login()
    holiday_schedule.mark_complete(ws, args.year, not args.undo)
    print(f"已撤销{args.year}年放假安排“已完整录入”的确认" if args.undo
          else f"已确认{args.year}年放假安排已完整录入")
    return 0
