"""Large lists (DESIGN "Large lists"): ordered ids in SQL, display rows on demand, Excel export.

``query_ids`` filters and sorts on indexed columns and returns only ids; ``fetch_rows`` returns the
display columns of the visible ids. No identity field is ever selected here.

This module is the lists' one interface (what pages and commands import) and the Excel export; the
pieces: ``listing_query`` (entities, columns, the query and its checks), ``listing_filters`` (the
SQL conditions, text search, counting), ``listing_ids`` (the lazy id list read in keyset blocks),
``listing_rows`` (the display rows).
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from services.casework.listing_ids import BLOCK, WHOLE, IdList, count, query_ids
from services.casework.listing_query import (COLUMNS, DEFAULT_SORT, ENTITIES, FTS_MIN, ListQuery,
                                             search_hint, search_terms)
from services.casework.listing_rows import RowView, fetch_rows
from services.casework.listing_export import write_register
from services.storage.files import atomic_path
from services.storage.workspace import Workspace

__all__ = ["BLOCK", "WHOLE", "FTS_MIN", "ENTITIES", "COLUMNS", "DEFAULT_SORT", "ListQuery", "RowView",
           "IdList", "search_terms", "search_hint", "query_ids", "count", "fetch_rows", "export_xlsx"]


def export_xlsx(ws: Workspace, q: ListQuery, path: Path | str) -> int:
    """Write the filtered list to an Excel file (no identity fields), atomically; returns the row count.
    The file is a 登记簿 (``listing_export``): title and filter rows, a frozen header repeated on each printed
    page, fitted columns, date cells, the 办理时限, A4 landscape.

    Text is stored as text, never as a formula (``xlsx_cells``). A target that cannot be written
    raises ``FileWriteError`` naming it (``atomic_path``), leaves no file behind and an earlier
    export as it was; a folder that takes no file at all is found before the list is read.
    """
    # Built aside, then copied in whole: openpyxl writing straight onto a full stick fails a second
    # time, noisily, when its zip is collected. About 120 bytes a row: 32 MB (~270k rows) in memory,
    # the rest in the system's temp folder.
    with atomic_path(path, make_parents=True) as tmp, tempfile.SpooledTemporaryFile(max_size=32 << 20) as data:
        ids = query_ids(ws, q)
        write_register(ws, q, ids, data)
        data.seek(0)
        with open(tmp, "wb") as out:
            shutil.copyfileobj(data, out, 1 << 20)
    return len(ids)
