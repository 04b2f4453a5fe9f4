"""Reporting (统计报表): the monthly report, its figures and renderings, item print sheets, the dashboard.

Offers: ``monthly_report`` (the report as a document: draft, 定稿 into frozen revisions, 更正),
``layout`` (the report's rows, shared by PDF, Excel, CLI and GUI), ``item_print`` (one-page sheets:
登记表, 审批表, 谈话记录), ``notice_print`` (the letters handed out: 告知书, 转办函, 函询通知书, their snapshot
and ``render_letter``), ``dashboard`` (工作台 counters and trend), ``figures`` (the figures counted in
SQL; ``db migrate-to`` compares them on both sides). Internal: its pieces ``figures_spans`` (the period's three spans, one figure) and ``figures_sql`` (the
statements), ``pdf_form`` and ``excel_form`` (the renderings), ``fonts`` (a CJK font), ``item_sheet``
(the one-page form renderer), ``letter_sheet`` (the one-page letter renderer).

May use: casework, deadlines, interchange, security, storage (interchange only for safe Excel cells).
"""

__all__ = ["dashboard", "figures", "item_print", "layout", "monthly_report", "notice_print"]
