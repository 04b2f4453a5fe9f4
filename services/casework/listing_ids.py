"""The lazy id list: the ids of a query in order, counted first and read forward in keyset blocks.

``query_ids`` counts the matches, reads a short result whole and a long one block after block
(``Walk``: keyset on the sort key and id, never OFFSET) into an ``IdList``, the sequence a list
page's table model holds. ``count`` is the count alone.
"""
from __future__ import annotations

import json
import operator
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from sqlalchemy import and_, func, or_, select, tuple_
from sqlalchemy.orm import Session

from services.casework.followup_filters import followup_condition
from services.casework.listing_filters import complainant_condition, conditions, count_matches
from services.casework.listing_query import MODEL, VIEW_PERM, ListQuery, check_query, sort_cols
from services.security.permissions import require
from services.storage.workspace import Workspace

BLOCK = 1000    # ids read with the first screen of a long list (then doubling)
WHOLE = 20_000  # a result up to this long is read whole at once


def _nullable(col) -> bool:
    return bool(getattr(col.expression, "nullable", True))


def _order_by(cols: tuple, descending: bool, dialect: str) -> list:
    # SQLite puts NULLs first ascending and last descending; the other dialects are told the same
    # explicitly, so that the keyset conditions below mean the same order everywhere.
    out = []
    for c in cols:
        o = c.desc() if descending else c.asc()
        if dialect != "sqlite" and _nullable(c):
            o = o.nulls_last() if descending else o.nulls_first()
        out.append(o)
    return out


def _after(cols: tuple, key: tuple, descending: bool):
    """Rows strictly after the row whose sort values are ``key``, in the order of ``_order_by``."""
    if None not in key and not any(_nullable(c) for c in cols):
        # A row value: SQLite and PostgreSQL seek the sort index to it.
        return tuple_(*cols) < tuple_(*key) if descending else tuple_(*cols) > tuple_(*key)
    parts = []
    for i, (col, value) in enumerate(zip(cols, key)):
        same = [c.is_(None) if v is None else c == v for c, v in zip(cols[:i], key[:i])]
        if descending:
            if value is None:
                continue  # nothing sorts after NULL except other NULLs: the next column decides
            beyond = or_(col < value, col.is_(None)) if _nullable(col) else col < value
        else:
            beyond = col.is_not(None) if value is None else col > value
        parts.append(and_(*same, beyond))
    return or_(*parts)


def _ids_of(session: Session, stmt) -> list[int]:
    if session.get_bind().dialect.name == "sqlite":
        # One string instead of many rows: the driver's per-row cost dominates otherwise.
        # SQLite does not flatten an ordered subquery into an aggregate, so the order is kept.
        text = session.execute(select(func.group_concat(stmt.subquery().c.id, ","))).scalar()
        return json.loads(f"[{text}]") if text else []
    return list(session.execute(stmt).scalars())


@dataclass
class Walk:
    """Reads the ids of one ordered query forward, block after block, from a keyset cursor."""

    ws: Workspace
    base: Any                  # select(model.id).where(filters): no order, no limit
    cols: tuple                # sort columns, id last
    descending: bool
    dialect: str
    key: tuple | None = None   # sort values of the last row read

    def next(self, limit: int | None, session: Session | None = None) -> list[int]:
        if session is None:
            with self.ws.reading() as s:
                return self.next(limit, s)
        stmt = self.base
        if self.key is not None:
            stmt = stmt.where(_after(self.cols, self.key, self.descending))
        ids = _ids_of(session, stmt.order_by(*_order_by(self.cols, self.descending, self.dialect)).limit(limit))
        if ids:
            self.key = tuple(session.execute(select(*self.cols).where(self.cols[-1] == ids[-1])).one())
        return ids


class IdList(Sequence):
    """The ids of a list, in order, as a read-only sequence: ``len`` is known at once, the ids are
    read forward in blocks as positions are asked for (``ids[i]``, ``ids[a:b]`` → list, iteration,
    ``index``, ``in``, ``==`` with a list).

    Blocks follow on from the last row read (keyset on the sort key and id, never OFFSET), each
    block doubling the ids read so far, and a position once read never changes. Memory: 8 bytes per
    id read. If rows were added or removed after the count, the length stays as counted: surplus
    rows wait for the next query, and positions past the real end hold 0 (no such item: its row is
    empty, as for an item deleted meanwhile). Safe to use from any thread.
    """

    def __init__(self, total: int, first: Iterable[int] = (), walk: Walk | None = None):
        self._total = total
        self._ids = array("q", first)
        del self._ids[total:]
        self._walk = walk if len(self._ids) < total else None
        if self._walk is None:
            self._pad()
        self._lock = threading.Lock()

    def _pad(self) -> None:
        if len(self._ids) < self._total:
            self._ids.extend([0] * (self._total - len(self._ids)))

    def _need(self, n: int) -> None:
        """Make sure the first ``n`` ids are read."""
        while n > len(self._ids) and self._walk is not None:
            with self._lock:
                have = len(self._ids)
                if n <= have or self._walk is None:
                    return
                want = max(n - have, have, BLOCK)
                limit = None if have + want >= self._total else want
                got = self._walk.next(limit)
                self._ids.extend(got[:self._total - have])
                if (limit is None or len(got) < limit) or len(self._ids) >= self._total:
                    self._walk = None
                    self._pad()

    @property
    def fetched(self) -> int:
        """How many ids have been read from the database so far."""
        return len(self._ids) if self._walk is not None else self._total

    def __len__(self) -> int:
        return self._total

    def __bool__(self) -> bool:
        return self._total > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._total)
            span = range(start, stop, step)
            if not span:
                return []
            self._need(max(span[0], span[-1]) + 1)
            return self._ids[index].tolist()
        i = operator.index(index)
        if i < 0:
            i += self._total
        if not 0 <= i < self._total:
            raise IndexError("IdList index out of range")
        self._need(i + 1)
        return self._ids[i]

    def __iter__(self) -> Iterator[int]:
        i = 0
        while i < self._total:
            self._need(i + 1)
            chunk = self._ids[i:]
            yield from chunk
            i += len(chunk)

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        start, stop, _ = slice(start, stop).indices(self._total)
        while True:
            try:
                return self._ids.index(value, start, min(stop, len(self._ids)))
            except (ValueError, TypeError):
                if self._walk is None or stop <= len(self._ids):
                    raise ValueError(f"{value!r} is not in the list") from None
                self._need(stop)

    def __contains__(self, value: Any) -> bool:
        try:
            self.index(value)
            return True
        except ValueError:
            return False

    def tolist(self) -> list[int]:
        self._need(self._total)
        return self._ids.tolist()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (IdList, list, tuple)):
            return len(self) == len(other) and self.tolist() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"IdList(len={self._total}, fetched={self.fetched})"


def query_ids(ws: Workspace, q: ListQuery, *, block: int | None = None, whole: int | None = None) -> IdList:
    """The ids of every item that fits the filters, in the chosen order (SQL only), as an ``IdList``.

    The count comes first; a result of up to ``whole`` ids (default ``WHOLE``) is read at once,
    a longer one ``block`` ids (default ``BLOCK``) at a time, starting with the first screens.
    """
    check_query(q)
    require(ws.current_user, VIEW_PERM[q.entity])
    cols = sort_cols(q)
    block = block or BLOCK
    whole = WHOLE if whole is None else whole
    extra = complainant_condition(ws, q) + followup_condition(ws, q.entity, q.followups)
    with ws.reading() as s:
        total = count_matches(s, q, extra)
        if not total:
            return IdList(0)
        scan = total > whole
        dialect = s.get_bind().dialect.name
        model = MODEL[q.entity]
        walk = Walk(ws, select(model.id).where(*conditions(s, q, scan, extra)), cols, q.descending, dialect)
        first = walk.next(min(block, total) if scan else None, s)
    return IdList(total, first, walk if scan else None)


def count(ws: Workspace, q: ListQuery) -> int:
    check_query(q)
    require(ws.current_user, VIEW_PERM[q.entity])
    extra = complainant_condition(ws, q) + followup_condition(ws, q.entity, q.followups)
    with ws.reading() as s:
        return count_matches(s, q, extra)
