"""The unresolved queue's background check shared by the checkers of one store, as the processes of
`gateway serve --workers N` share it: each name is resolved again by one checker only, a batch a dead
checker claimed is checked by another after its lease, and the answers are those of one checker alone
(docs/glossary.md, "From the unresolved queue"); on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from place_table import PLACES, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.unresolved import OpenNames
from gateway.store.database import make_engine, migrate, sqlite_url
from gateway.store.port import UnresolvedName
from gateway.store.sql import SqlStore
from tests.conftest import empty_postgres

SEEN = datetime(2024, 5, 14, 7, 0, tzinfo=UTC)
QUEUED = [("Ленинск", "KZ"), ("Ленинск", "TJ"), ("Семипалатинск", "KZ"), ("Хоргос", "KZ")] + [
    (f"Жаңақала {n}", "KZ") for n in range(12)
]  # Khorgos; Baikonur for Kazakh documents, a guess for Tajik ones; names the table lacks


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], SqlStore]]:
    """Makes empty stores of one database, the queue counted in each (under no glossary version)."""
    made: list[SqlStore] = []

    def make() -> SqlStore:
        if request.param == "sqlite":
            engine = make_engine(sqlite_url(tmp_path / f"gateway-{len(made)}.sqlite3"))
            migrate(engine)
            store = SqlStore(engine)
        else:
            for earlier in made:
                earlier.close()
            store = SqlStore(make_engine(request.getfixturevalue("postgres_engine_url")))
            empty_postgres(store)
        names = [UnresolvedName("place", text, "ru", "Cyrl", c, f"m-{c}", SEEN) for text, c in QUEUED]
        store.record_unresolved(names)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


class Counted:
    """The project's resolver, counting the names it resolves (text and country) into `calls`."""

    def __init__(self, glossary: Glossary, calls: Counter[tuple[str, str | None]]) -> None:
        self.resolver = Resolver(TableCodeLists({"locode": PLACES}), glossary, threshold=0.85)
        resolve = self.resolver.resolve

        def counted(text: str, kind: str, country: str | None = None, *rest: Any, **options: Any) -> Any:
            calls[(text, country)] += 1
            return resolve(text, kind, country, *rest, **options)

        self.resolver.resolve = counted  # type: ignore[method-assign]


def _answers(store: SqlStore) -> set[tuple[str, tuple[str, ...], str | None, bool]]:
    return {(n.text, n.countries, n.checked_in, n.answered) for n in store.unresolved(100)}


def test_two_checkers_check_each_name_once_and_answer_as_one_alone(
    glossary: Glossary, new_store: Callable[[], SqlStore]
) -> None:
    calls: Counter[tuple[str, str | None]] = Counter()
    store = new_store()
    second = OpenNames(Counted(glossary, calls).resolver)
    turns = [0]

    def then_the_second(text: str, kind: str, *rest: Any, **options: Any) -> Any:
        if turns[0] < 3:  # while the first holds its batch, the second takes turns of its own
            turns[0] += 1
            second.check(store, 2)
        return resolve(text, kind, *rest, **options)

    first = OpenNames(Counted(glossary, calls).resolver)
    resolve = first.resolver.resolve
    first.resolver.resolve = then_the_second  # type: ignore[method-assign]
    while first.check(store, 3) or second.check(store, 2):
        pass
    assert turns[0] == 3 and set(calls.values()) == {1}  # every name and sender once, by one of them
    assert len(calls) == len(QUEUED)
    alone_calls: Counter[tuple[str, str | None]] = Counter()
    alone = new_store()
    while OpenNames(Counted(glossary, alone_calls).resolver).check(alone):
        pass
    assert _answers(store) == _answers(alone) and alone_calls == calls
    assert {text for text, _, _, answered in _answers(store) if answered} == {"Хоргос"}


def test_a_batch_a_dead_checker_claimed_is_checked_by_another_after_its_lease(
    glossary: Glossary, new_store: Callable[[], SqlStore]
) -> None:
    store, calls = new_store(), Counter[tuple[str, str | None]]()
    now = [datetime.now(UTC)]
    alive = OpenNames(Counted(glossary, calls).resolver, clock=lambda: now[0])
    dead = store.claim_unresolved(alive.version(), "killed-worker", 10, now[0] + alive.lease, now[0])
    held = {(name.text, country) for name in dead for country in name.countries}
    assert len(dead) == 10  # claimed, then its process was killed: never marked
    while alive.check(store, 4):
        pass
    assert set(calls) == {(text, country) for text, country in QUEUED} - held  # the others only
    now[0] += alive.lease - timedelta(seconds=1)
    assert alive.check(store) == 0
    now[0] += timedelta(seconds=1)
    assert alive.check(store) == 10  # the lease has passed: taken
    assert set(calls) == set(QUEUED) and set(calls.values()) == {1}
    assert store.unresolved_unchecked(alive.version(), 100) == []


def test_a_read_checks_the_names_of_its_page_whoever_claimed_them(
    glossary: Glossary, new_store: Callable[[], SqlStore]
) -> None:
    store, calls = new_store(), Counter[tuple[str, str | None]]()
    reader = OpenNames(Counted(glossary, calls).resolver)
    now = datetime.now(UTC)
    store.claim_unresolved(reader.version(), "killed-worker", 100, now + reader.lease, now)
    listed = reader.of(store, 100)  # never an answer older than the glossary in force
    assert all(name.checked_in == reader.version() for name in listed)
    still_open = {text for text, _, _, answered in _answers(store) if not answered}
    assert {name.text for name in listed} == still_open
    assert set(calls) == set(QUEUED)
