"""The claims that share the unresolved queue's check among the checkers of one store (`gateway serve
--workers N`): a name one checker claimed is not handed to another of the same glossary version until
its lease has passed (a checker of another version takes it at once); a mark, or a new sender, frees
it; a version's claims stop at the first `within` names a read lists; on every store, and through
migrations 0004 and 0005."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from gateway.store.database import migrate
from gateway.store.port import Store, UnresolvedName
from gateway.store.sql import SqlStore
from tests.store.test_payload_once import _empty_database
from tests.store.test_unresolved_checks import _migrate
from tests.store.test_unresolved_pages import T0

LEASE = timedelta(seconds=60)


def _queue(store: Store, *texts: str) -> None:
    store.record_unresolved(
        [UnresolvedName("place", text, "ru", "Cyrl", "KZ", f"m-{text}", T0, "v1") for text in texts]
    )


def _claim(store: Store, checker: str, limit: int = 10, after: timedelta = timedelta(0)) -> list[str]:
    now = T0 + after
    return [name.text for name in store.claim_unresolved("v2", checker, limit, now + LEASE, now)]


def test_two_checkers_are_never_handed_the_same_name(store: Store) -> None:
    _queue(store, "Ленинск", "Хоргос", "Семипалатинск")
    first = _claim(store, "a", limit=2)
    second = _claim(store, "b")
    assert len(first) == 2 and len(second) == 1 and not set(first) & set(second)
    assert _claim(store, "c") == []  # all taken, none checked yet
    assert len(store.unresolved_unchecked("v2", 10)) == 3


def test_a_claim_whose_checker_died_is_taken_after_its_lease(store: Store) -> None:
    _queue(store, "Ленинск", "Хоргос")
    assert len(_claim(store, "dead")) == 2  # and never marked
    assert _claim(store, "alive", after=LEASE - timedelta(seconds=1)) == []
    assert sorted(_claim(store, "alive", after=LEASE)) == ["Ленинск", "Хоргос"]


def test_a_mark_frees_the_name_and_a_new_version_claims_it_again(store: Store) -> None:
    _queue(store, "Ленинск")
    (claimed,) = store.claim_unresolved("v2", "a", 10, T0 + LEASE, T0)
    store.mark_unresolved("v2", [(claimed, True)])
    assert _claim(store, "b") == []  # checked in v2: nothing to claim
    now = T0 + timedelta(seconds=1)
    assert [n.text for n in store.claim_unresolved("v3", "b", 10, now + LEASE, now)] == ["Ленинск"]


def test_a_name_sent_by_a_new_country_is_freed_and_open_under_its_sightings_version(store: Store) -> None:
    _queue(store, "Ленинск")
    (claimed,) = store.claim_unresolved("v2", "a", 10, T0 + LEASE, T0)  # checked for Kazakhstan ...
    store.record_unresolved([UnresolvedName("place", "Ленинск", "ru", "Cyrl", "TJ", "m-tj", T0, None)])
    store.mark_unresolved("v2", [(claimed, True)])  # ... not kept: Tajikistan sent it meanwhile
    assert _claim(store, "b") == ["Ленинск"]  # unchecked (the sighting's version unknown) and free
    store.record_unresolved([UnresolvedName("place", "Ленинск", "ru", "Cyrl", "UZ", "m-uz", T0, "v2")])
    (name,) = store.unresolved(10, open_in="v2")
    assert (name.countries, name.checked_in, name.answered) == (("KZ", "TJ", "UZ"), "v2", False)
    assert _claim(store, "c", after=LEASE) == []  # the sighting was a guess under v2: no check needed


def test_a_claim_made_for_an_old_version_does_not_hold_the_name_from_the_new_one(store: Store) -> None:
    _queue(store, "Ленинск", "Хоргос")
    assert len(_claim(store, "old")) == 2  # for v2, then the glossary changed: never marked
    now = T0 + timedelta(seconds=1)
    newer = store.claim_unresolved("v3", "new", 10, now + LEASE, now)
    assert sorted(name.text for name in newer) == ["Ленинск", "Хоргос"]  # at once, not after the lease
    assert store.claim_unresolved("v3", "other", 10, now + LEASE, now) == []  # held for v3 now


def test_a_versions_claims_stop_at_the_first_names_a_read_lists(store: Store) -> None:
    _queue(store, "Ленинск", "Хоргос", "Семипалатинск", "Ақтау")
    _queue(store, "Ленинск", "Хоргос")  # seen twice: listed first
    now = T0 + timedelta(seconds=1)

    def claim(version: str) -> list[str]:
        return [n.text for n in store.claim_unresolved(version, "a", 10, now + LEASE, now, within=3)]

    first = claim("v2")
    assert first == ["Ленинск", "Хоргос", "Ақтау"]  # the first three of the queue's order
    store.mark_unresolved("v2", [(n, n.text == "Хоргос") for n in store.unresolved(3)])
    assert claim("v2") == ["Семипалатинск"]  # Хоргос answered: no longer listed, the window moves on
    store.mark_unresolved("v2", [(n, False) for n in store.unresolved(10) if n.text == "Семипалатинск"])
    assert claim("v2") == []  # the bound reached: the rest waits for a read
    assert claim("v3") == first  # the next version: the first three again


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_claims_made_before_migration_0005_are_free_to_any_version_and_downgrading_keeps_them(
    request: pytest.FixtureRequest, tmp_path: Path, database: str
) -> None:
    engine = _empty_database(request, tmp_path, database)
    _migrate(engine, "upgrade", "0004")
    seen, until = f"'{T0.isoformat()}'", f"'{(T0 + LEASE).isoformat()}'"
    with engine.begin() as conn:  # a name a 0004 checker claimed for a minute
        conn.exec_driver_sql(
            "INSERT INTO unresolved_names (kind, text, language, script, count, message_ids, first_seen,"
            " last_seen, countries, answered, claimed_by, claimed_until) VALUES ('place', 'Ленинск',"
            f" 'ru', 'Cyrl', 1, '[\"m-1\"]', {seen}, {seen}, '[\"KZ\"]', false, 'old', {until})"
        )
    migrate(engine)
    assert _claim(SqlStore(engine), "a") == ["Ленинск"]
    _migrate(engine, "downgrade", "0004")  # and back: the row kept, its claim too
    with engine.connect() as conn:
        kept = conn.exec_driver_sql("SELECT text, count, claimed_by FROM unresolved_names").all()
    assert kept == [("Ленинск", 1, "a")]
    engine.dispose()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_names_queued_before_migration_0004_are_free_to_claim_and_downgrading_keeps_them(
    request: pytest.FixtureRequest, tmp_path: Path, database: str
) -> None:
    engine = _empty_database(request, tmp_path, database)
    _migrate(engine, "upgrade", "0003")
    SqlStore(engine).record_unresolved(
        [UnresolvedName("place", "Ленинск", "ru", "Cyrl", "KZ", "m-1", T0, "v1")]
    )
    migrate(engine)
    assert _claim(SqlStore(engine), "a") == ["Ленинск"]
    _migrate(engine, "downgrade", "0003")  # and back: the row kept, its check too
    with engine.connect() as conn:
        kept = conn.exec_driver_sql("SELECT text, count, checked_in FROM unresolved_names").all()
    assert kept == [("Ленинск", 1, "v1")]
    engine.dispose()
