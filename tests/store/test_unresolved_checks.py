"""The unresolved queue keeps the countries that sent each name and the glossary version it was last
checked against (what `OpenNames` marks): a page leaves out what a version answers, a new sender undoes
a check, a check made before a new sender is not kept; on every store, and through migration 0003."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, insert

from gateway.store.database import MIGRATIONS, migrate
from gateway.store.port import Store, UnresolvedName
from gateway.store.sql import SqlStore
from gateway.store.tables import unresolved
from tests.store.test_payload_once import _empty_database
from tests.store.test_unresolved_pages import T0


def _seen(text: str, country: str | None, version: str | None = None, n: int = 0) -> UnresolvedName:
    return UnresolvedName("place", text, "ru", "Cyrl", country, f"{text}-{country}-{n}", T0, version)


def test_every_sending_country_is_kept_once_sorted(store: Store) -> None:
    store.record_unresolved([_seen("Ленинск", "UZ"), _seen("Ленинск", "KZ"), _seen("Ленинск", "UZ", n=1)])
    store.record_unresolved([_seen("Ленинск", "KZ", n=2)])
    store.record_unresolved([_seen("Ленинск", "TJ"), _seen("Хоргос", None)])
    queue = {name.text: name for name in store.unresolved(10)}
    assert (queue["Ленинск"].countries, queue["Ленинск"].count) == (("KZ", "TJ", "UZ"), 5)
    assert queue["Хоргос"].countries == ()  # a sighting of no known country adds none


def test_a_name_is_checked_open_under_the_version_it_was_a_guess_under(store: Store) -> None:
    store.record_unresolved([_seen("Ленинск", "TJ", "v1")])
    assert store.unresolved_unchecked("v1", 10) == []
    assert [name.text for name in store.unresolved_unchecked("v2", 10)] == ["Ленинск"]
    assert [name.text for name in store.unresolved(10, open_in="v1")] == ["Ленинск"]


def test_a_page_leaves_out_what_its_version_answers_and_a_new_sender_brings_it_back(store: Store) -> None:
    store.record_unresolved([_seen("Ленинск", "KZ", "v1"), _seen("Хоргос", "KZ", "v1")])
    leninsk = store.unresolved_unchecked("v2", 10)[0]
    store.mark_unresolved("v2", [(leninsk, True)])
    assert [name.text for name in store.unresolved(10, open_in="v2")] == ["Хоргос"]
    assert {name.text for name in store.unresolved(10, open_in="v1")} == {"Ленинск", "Хоргос"}
    assert len(store.unresolved(10)) == 2  # nothing is deleted
    store.record_unresolved([_seen("Ленинск", "TJ", "v2")])  # a guess for Tajikistan's documents
    back = store.unresolved(10, open_in="v2")
    assert [(n.text, n.countries, n.checked_in, n.answered) for n in back] == [
        ("Ленинск", ("KZ", "TJ"), "v2", False),  # open under v2, as the sighting shows; counted twice now
        ("Хоргос", ("KZ",), "v1", False),
    ]
    assert store.unresolved_unchecked("v2", 10)[0].text == "Хоргос"  # Ленинск needs no check again


def test_a_check_made_before_a_new_sender_arrived_is_not_kept(store: Store) -> None:
    store.record_unresolved([_seen("Ленинск", "KZ")])
    read = store.unresolved_unchecked("v2", 10)[0]  # checked for Kazakhstan only ...
    store.record_unresolved([_seen("Ленинск", "TJ")])  # ... while Tajikistan sent it
    store.mark_unresolved("v2", [(read, True)])
    assert [name.countries for name in store.unresolved(10, open_in="v2")] == [("KZ", "TJ")]
    assert len(store.unresolved_unchecked("v2", 10)) == 1


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_names_counted_before_migration_0003_read_with_no_country_and_unchecked(
    request: pytest.FixtureRequest, tmp_path: Path, database: str
) -> None:
    engine = _empty_database(request, tmp_path, database)
    _migrate(engine, "upgrade", "0002")
    old = {"kind": "place", "text": "Ленинск", "language": "ru", "script": "Cyrl", "count": 4}
    with engine.begin() as conn:
        conn.execute(insert(unresolved), old | {"message_ids": '["m-1"]', "first_seen": T0, "last_seen": T0})
    migrate(engine)
    (name,) = SqlStore(engine).unresolved(10)
    assert (name.count, name.countries, name.checked_in, name.answered) == (4, (), None, False)
    SqlStore(engine).record_unresolved([_seen("Ленинск", "KZ")])
    assert SqlStore(engine).unresolved(10)[0].countries == ("KZ",)
    _migrate(engine, "downgrade", "0002")  # and back: the row kept, its count too
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT text, count FROM unresolved_names").all() == [("Ленинск", 5)]
    engine.dispose()


def _migrate(engine: Engine, direction: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, direction)(config, revision)
