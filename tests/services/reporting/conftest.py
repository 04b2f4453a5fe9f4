"""Fixtures of the report tests: ``build()`` (a Builder in one transaction) and ``figures(period)``."""
from __future__ import annotations

from contextlib import contextmanager
from itertools import count
from typing import Iterator

import pytest

from services.reporting.figures import compute_figures
from tests.helpers.report_builder import Builder


@pytest.fixture
def build(ws):
    numbers = count(1)  # unique numbers across every build() of one test

    @contextmanager
    def _build() -> Iterator[Builder]:
        with ws.transaction() as s:
            yield Builder(s, numbers)
    return _build


@pytest.fixture
def figures(ws):
    def _figures(period: str) -> dict:
        with ws.reading() as s:
            return compute_figures(s, period)
    return _figures
