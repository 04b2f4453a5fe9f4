"""The base of every page of the navigation: the context, the page's spec, and when it refreshes.

``Page(ctx, spec=None, parent=None)`` (also callable as ``Page(ctx, parent)``). A page loads its data
when it is first shown and each time the main window brings it to the front (``bring_up``). When
``ctx.sig_data_changed`` fires (a ``DbOp`` succeeded), a visible page refreshes at once and a hidden
one is marked stale and refreshes when it is next shown. "Refresh" is ``page_shown()``, which calls
``refresh()`` unless the page overrides it (e.g. to keep unsaved edits on screen).
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QWidget

from services.errors import DomainError

from ..widgets import show_error


class Page(QWidget):
    """A page of the main window: ``self.ctx``, ``self.spec`` and the refresh-on-show hook."""

    def __init__(self, ctx, spec: Any = None, parent: QWidget | None = None):
        if isinstance(spec, QWidget) and parent is None:  # called as (ctx, parent)
            spec, parent = None, spec
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self._stale = True
        ctx.sig_data_changed.connect(self._data_changed)

    # ---- for subclasses ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read what the page shows (subclasses)."""

    def page_shown(self) -> None:
        """The page comes to the front or its data changed: refresh (override to keep unsaved edits)."""
        self.refresh()

    def open_form(self, make: Callable[[], QWidget]) -> QWidget | None:
        """Build an item's form; None (the refusal shown) when its constructor's read is refused."""
        try:
            return make()
        except DomainError as exc:  # a form reads its item while it is built (blocking): nothing to open
            show_error(self, exc)
            return None

    # ---- the hook ------------------------------------------------------------------------------------------
    def bring_up(self) -> None:
        """The main window brings the page to the front (called before it becomes the current page)."""
        self._stale = False
        self.page_shown()

    def is_stale(self) -> bool:
        """The data changed (or was never read) since the page last refreshed."""
        return self._stale

    def _data_changed(self) -> None:
        if self.isVisible():
            self._stale = False
            self.page_shown()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.page_shown()
