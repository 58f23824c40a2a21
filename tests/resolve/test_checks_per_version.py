"""The unresolved queue's background check does a bounded amount of work per glossary version: it checks
the first `checks_per_version` names a read lists, stops there, and checks them again under the next
version; a name past them is checked by the read that lists it, and an export says which names are not
checked against the version in force. A new version's check does not wait for the claims made for the
old one (docs/glossary.md, "From the unresolved queue"); on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from place_table import PLACES, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.unresolved import CHECKS_PER_VERSION, OpenNames, glossary_csv, start_queue_check
from gateway.settings import Settings
from gateway.store.sql import SqlStore
from tests.resolve import test_shared_check

new_store = test_shared_check.new_store  # the fixture: empty stores with the queue of QUEUED counted

WITHIN = 5
NOW = datetime(2024, 5, 14, 8, 0, tzinfo=UTC)


class Checker:
    """An `OpenNames` over the project's resolver whose glossary in force is `in_force[0]`, counting the
    names it resolves (text and country) into `calls`."""

    def __init__(self, glossary: Glossary, within: int | None = WITHIN, reads: int = 100) -> None:
        self.in_force = [glossary]
        self.calls: Counter[tuple[str, str | None]] = Counter()
        resolver = Resolver(TableCodeLists({"locode": PLACES}), lambda: self.in_force[0], threshold=0.85)
        resolve = resolver.resolve

        def counted(text: str, kind: str, country: str | None = None, *rest: Any, **options: Any) -> Any:
            self.calls[(text, country)] += 1
            self.on_resolve()
            return resolve(text, kind, country, *rest, **options)

        resolver.resolve = counted  # type: ignore[method-assign]
        self.on_resolve: Callable[[], None] = lambda: None
        self.names = OpenNames(resolver, checks_per_read=reads, checks_per_version=within, clock=lambda: NOW)

    def check_all(self, store: SqlStore) -> None:
        while self.names.check(store, 2):
            pass


def _checked_in(store: SqlStore, version: str) -> set[str]:
    return {name.text for name in store.unresolved(100) if name.checked_in == version}


def test_the_background_check_stops_at_its_bound_and_checks_again_under_the_next_version(
    glossary: Glossary, new_store: Callable[[], SqlStore]
) -> None:
    store, checker = new_store(), Checker(glossary)
    first = [name.text for name in store.unresolved(WITHIN, open_in=glossary.version)]
    checker.check_all(store)
    assert _checked_in(store, glossary.version) == set(first)  # the 5 listed first, none after them
    assert sum(checker.calls.values()) == 6  # Ленинск for KZ and TJ, four more: not the 15 names
    assert checker.names.check(store) == 0  # and it stays there
    checker.in_force[0] = Glossary(glossary.entries, "next")
    checker.check_all(store)
    assert _checked_in(store, "next") == set(first)
    assert set(checker.calls.values()) == {2}  # the same names, once per version


def test_a_read_checks_the_names_past_the_bound_that_it_lists(
    glossary: Glossary, new_store: Callable[[], SqlStore]
) -> None:
    store, checker = new_store(), Checker(glossary)
    checker.check_all(store)
    version = glossary.version
    assert "Хоргос" in {name.text for name in store.unresolved(100, open_in=version)}  # not reached
    listed = checker.names.of(store, 100)
    assert all(name.checked_in == version for name in listed)  # a read shows no unchecked answer
    assert "Хоргос" not in {name.text for name in listed}  # the place table resolves it: left out
    assert [checker.names.in_background(n) for n in range(len(listed))] == [n < WITHIN for n in range(14)]


def test_an_export_says_which_names_no_check_reaches(
    glossary: Glossary, new_store: Callable[[], SqlStore]
) -> None:
    store, checker = new_store(), Checker(glossary, reads=0)
    checker.check_all(store)
    listed, version = checker.names.of(store, 100), glossary.version  # a read that checks none itself
    notes = [row["note"] for row in csv.DictReader(io.StringIO(glossary_csv(listed, version, WITHIN)))]
    assert not any("checked against" in note for note in notes[:WITHIN])  # checked in the background
    past = f"not checked against glossary {version} (past the first {WITHIN}: checked when read)"
    assert all(note.endswith(past) for note in notes[WITHIN:]) and len(notes) == 15


def test_claims_made_for_an_old_glossary_version_do_not_delay_the_new_ones_check(
    glossary: Glossary, new_store: Callable[[], SqlStore]
) -> None:
    store, checker = new_store(), Checker(glossary, within=None)

    def the_glossary_changes() -> None:  # while the turn resolves its first name
        checker.in_force[0] = Glossary(glossary.entries, "next")

    checker.on_resolve = the_glossary_changes
    assert checker.names.check(store, 100) == 15  # claimed for the old version, answers not kept
    assert _checked_in(store, "next") == set()
    checker.on_resolve = lambda: None
    assert checker.names.check(store, 100) == 15  # at once (the same clock), not after the lease
    assert len(_checked_in(store, "next")) == 15
    assert set(checker.calls.values()) == {2}  # and each name only once more


class Claims:
    """A store whose claims are counted: what the background thread asks of it."""

    def __init__(self, store: SqlStore) -> None:
        self.store, self.claims = store, 0
        self.unresolved, self.mark_unresolved = store.unresolved, store.mark_unresolved

    def claim_unresolved(self, *arguments: Any) -> Any:
        self.claims += 1
        return self.store.claim_unresolved(*arguments)


def _until(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 20
    while not done() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert done()


def test_the_background_thread_rests_once_its_names_are_checked_until_the_glossary_changes(
    glossary: Glossary, new_store: Callable[[], SqlStore]
) -> None:
    store, checker = new_store(), Checker(glossary)
    queue = Claims(store)
    stop = start_queue_check(checker.names, queue, every=0.05)
    try:
        _until(lambda: len(_checked_in(store, glossary.version)) == WITHIN)
        _until(lambda: queue.claims == 2)  # the five names, then a turn that finds nothing
        time.sleep(1)  # twenty turns' time: it rests (QUIET_SECONDS), not reading the queue every turn
        assert queue.claims == 2
        checker.in_force[0] = Glossary(glossary.entries, "next")
        _until(lambda: len(_checked_in(store, "next")) == WITHIN)  # a new version ends the rest
    finally:
        stop.set()
        for thread in [thread for thread in threading.enumerate() if thread.name == "unresolved-check"]:
            thread.join(10)  # its connection back in the pool before the fixture closes the pool


def test_the_settings_default_is_the_bound_open_names_takes_alone() -> None:
    assert Settings.model_fields["unresolved_checks_per_version"].default == CHECKS_PER_VERSION == 2_000
