"""The workbooks of the import tests (written with openpyxl as a clerk's Excel file would be) and the
row counts an import must leave alone."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from sqlalchemy import func, select

from models import AuditEvent, Case, Complaint, Lead, LedgerEntry, LedgerLeader, Measure, Person


# --------------------------------------------------------------------------- workbooks
C_HEAD = ["编号", "收件日期", "来源渠道", "类型", "署名情况", "反映人", "联系电话", "被反映人", "单位职务", "职级",
          "问题类别", "主要问题", "是否重复件", "原信访件编号"]
L_HEAD = ["线索编号", "线索来源", "关联信访件编号", "被反映人", "单位职务", "职级", "是否中共党员", "处置方式", "处置日期",
          "办结日期", "办结结果"]
K_HEAD = ["案件编号", "关联线索编号", "被调查人", "单位职务", "职级", "是否中共党员", "是否监察对象", "立案日期", "结案日期",
          "是否违反八项规定"]
M_HEAD = ["编号", "姓名", "类别", "处理措施", "决定日期", "文号"]
T_HEAD = ["台账编号", "关联案件编号", "涉及单位", "建账日期", "领导干部姓名", "职务", "岗位类别", "责任类型", "处理结果",
          "结果日期", "追责方式", "追责依据"]


def write_book(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def shuffled(head: list[str], rows: list[list[Any]], order: list[int]) -> list[list[Any]]:
    return [[head[i] for i in order]] + [[r[i] if i < len(r) else None for i in order] for r in rows]


def good_sheets() -> dict[str, list[list[Any]]]:
    complaints = [
        ["XF2026-0101", dt.datetime(2026, 3, 2), "来信", "检举控告", "实名", "张三", "13812345678", "李四",
         "青山镇财政所 所长", "乡科级", "廉洁纪律", "违规发放补贴", "否", None],
        ["XF2026-0101", None, None, None, None, None, None, "王五", "会计"],
        ["XF2026-0102", "2026/3/5", "visit", "检举控告", "匿名", None, None, "李四", None, None, None, "同一问题再次反映",
         "是", "XF2026-0101"],
    ]
    order = [13, 0, 2, 1, 4, 3, 6, 5, 7, 9, 8, 11, 10, 12]  # any column order
    return {
        "信访件": shuffled(C_HEAD, complaints, order),
        "问题线索": [L_HEAD,
                 ["XS2026-001", "信访举报", "XF2026-0101", "李四", "青山镇财政所 所长", "乡科级", "是", "初步核实",
                  "2026年3月10日", dt.date(2026, 5, 6), "立案"],
                 ["XS2026-002", "监督检查发现", None, "赵六", None, None, "否", "谈话函询", "2026-04-01", "2026-04-20",
                  "了结"]],
        "案件": [K_HEAD,
               ["LA2026-001", "XS2026-001", "李四", "青山镇财政所 所长", "乡科级", "是", "是", "2026-05-08", "2026-10-15",
                "是"]],
        "处分处理": [M_HEAD,
                 ["LA2026-001", "李四", "党纪处分", "严重警告", "2026-10-10", "青纪发〔2026〕3号"],
                 ["LA2026-001", "李四", "政务处分", "记过", dt.datetime(2026, 10, 12)],
                 ["XS2026-002", "赵六", "组织处理", "批评教育", "2026-04-25"]],
        "一案双查": [T_HEAD,
                 ["TZ2026-001", "LA2026-001", "青山镇财政所", "2026-10-20", "孙镇长", "镇长", "主要领导", "主体责任",
                  "廉政谈话", "2026-11-02"],
                 ["TZ2026-001", None, None, None, "周副镇长", "分管副镇长", "分管领导", "领导责任", "追责", "2026-11-05",
                  "诫勉", "《中国共产党问责条例》第七条"]],
    }


TABLES = (Complaint, Lead, Case, Person, Measure, LedgerEntry, LedgerLeader, AuditEvent)


def snapshot(ws) -> dict[str, int]:
    """Row counts of every table an import writes to (the audit log included)."""
    with ws.reading() as s:
        return {m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one() for m in TABLES}
