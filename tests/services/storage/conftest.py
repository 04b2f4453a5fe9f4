"""Fixtures shared by the storage tests."""
from __future__ import annotations

import pytest

from tests.helpers.second_desk import second_desk


@pytest.fixture
def desk_b(ws, today):
    """A second desk on the same database, signed in as 李副书记 (a secretary: may do all of these)."""
    with second_desk(ws, today, "li", "李副书记", ["secretary"]) as other:
        yield other
