"""The store fixture: each store test runs against every version of the port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gateway.store.memory import MemoryStore
from gateway.store.port import Store


@pytest.fixture(params=["memory"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh, empty store of each version."""
    yield MemoryStore()
