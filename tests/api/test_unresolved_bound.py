"""`GET /v1/unresolved` says which names the background check does not reach: past the first
GATEWAY_UNRESOLVED_CHECKS_PER_VERSION names listed, `background_check` is false, and such a name is
checked by the read that lists it (`checked`), at most 100 a read, the rest listed with `checked` false
until a later read (docs/api.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from gateway.store.port import UnresolvedName
from tests.api.conftest import Gateway, running

SEEN = datetime(2024, 5, 14, 7, 0, tzinfo=UTC)


@pytest.fixture
def bounded(normalizer: Normalizer, agreement_router: AgreementRouter) -> Iterator[Gateway]:
    """A gateway whose background check takes the first 3 names a version (not running here: lifespan
    off), its queue 150 made-up Kazakh places counted under a glossary version no longer in force."""
    store = MemoryStore()
    names = [
        UnresolvedName("place", f"Жаңақала {n:03d}", "kk", "Cyrl", "KZ", f"m-{n}", SEEN, "old")
        for n in range(150)
    ]
    store.record_unresolved(names + names[:1] + names[:2])  # seen twice, three times: listed first
    yield from running(Settings(unresolved_checks_per_version=3), store, normalizer, agreement_router)


def test_names_past_the_bound_are_said_so_and_checked_by_the_read_that_lists_them(bounded: Gateway) -> None:
    first = bounded.get("terminologist", "/v1/unresolved", limit=150).json()
    assert [name["background_check"] for name in first] == [True] * 3 + [False] * 147
    assert [name["text"] for name in first[:2]] == ["Жаңақала 000", "Жаңақала 001"]
    assert [name["checked"] for name in first] == [True] * 100 + [False] * 50  # a read checks 100
    again = bounded.get("terminologist", "/v1/unresolved", limit=150).json()
    assert all(name["checked"] for name in again)  # the next read checks the rest it lists
    assert [name["text"] for name in again] == [name["text"] for name in first]  # none resolved
