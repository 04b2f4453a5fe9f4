"""Interchange (导入导出): Excel ledgers in, workbooks out, read and written safely.

Offers: ``ledger_import`` (existing Excel ledgers imported in one transaction, and the template),
``holiday_import`` (a year's holiday schedule from a small text or Excel file, all or nothing, and its template).
Internal: the import's pieces ``ledger_spec`` (sheets, columns, cell parsers), ``ledger_read`` (the
workbook into rows, the problems), ``ledger_check`` (every check, the plan to write) and ``ledger_write``
(the checked import's bulk writer); ``xlsx_rows`` (streaming sheets with bounded memory),
``xlsx_guard`` (refusing zip bombs before parsing), ``xlsx_cells`` (text stays text, never a formula).

May use: casework, security, storage.
"""

__all__ = ["holiday_import", "ledger_import"]
