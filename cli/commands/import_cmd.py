"""import-ledger FILE [--dry-run] [--json]; import-ledger --template FILE."""
from __future__ import annotations

import sys
from pathlib import Path

from services.errors import ValidationError


def register(sub) -> None:
    p = sub.add_parser("import-ledger", help="导入既有的 Excel 台账（信访件、问题线索、案件、处分处理、一案双查）")
    p.add_argument("file", nargs="?", type=Path, metavar="FILE.xlsx", help="要导入的工作簿")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--template", type=Path, metavar="FILE.xlsx", help="写出一个空白模板（含表头和下拉列表）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_import)


def _summary(counts: dict[str, int]) -> str:
    units = {"信访件": "件", "问题线索": "件", "案件": "件", "处分处理": "条", "一案双查": "份"}
    return "，".join(f"{sheet} {n} {units.get(sheet, '')}" for sheet, n in counts.items())


def run_import(args, ctx) -> int:
    from services.interchange import ledger_import
    if args.template:
        if args.file:
            raise ValidationError("--template 与要导入的文件不能同时给出")
        path = ledger_import.write_template(args.template)
        ctx.emit({"template": str(path)}, f"已写出导入模板：{path}")
        return 0
    if not args.file:
        raise ValidationError("请给出要导入的 .xlsx 文件，或用 --template FILE 写出模板")
    ws = ctx.login()
    result = ledger_import.import_workbook(ws, args.file, dry_run=args.dry_run)
    if ctx.json:
        ctx.emit(result.as_dict())
    elif result.problems:
        print("工作表\t行\t列\t原因")
        for p in result.problems:
            print(f"{p.sheet or '-'}\t{p.row or '-'}\t{p.column or '-'}\t{p.reason_zh}")
    else:
        for name in result.ignored_sheets:
            print(f"提示：未识别的工作表“{name}”已忽略")
        verb = "检查通过（试运行，未写入任何数据）" if result.dry_run else "导入完成"
        print(f"{verb}：{_summary(result.counts)}")
    if result.problems:
        print(f"发现 {len(result.problems)} 处问题，未导入任何数据。请修改后重新导入。", file=sys.stderr)
        return 1
    return 0
