"""The unresolved queue checked as each sender's documents read a name: Ленинск is Baikonur for a
Kazakh manifest (glossary/renamed-places.csv) and a guess for a Tajik one, so it stays open while
Tajikistan sent it; a read checks a few names itself and the background check the rest
(docs/glossary.md, "From the unresolved queue")."""

from __future__ import annotations

from datetime import UTC, datetime

from place_table import PLACES, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.unresolved import OpenNames, glossary_csv
from gateway.store.memory import MemoryStore
from gateway.store.port import UnresolvedName

SEEN = datetime(2024, 5, 14, 7, 0, tzinfo=UTC)


def _sent(store: MemoryStore, text: str, *countries: str | None, language: str = "ru") -> None:
    store.record_unresolved(
        [UnresolvedName("place", text, language, "Cyrl", c, f"msg-{c}", SEEN) for c in countries]
    )


def test_a_name_stays_open_while_a_country_that_sent_it_still_guesses_it(resolver: Resolver) -> None:
    store = MemoryStore()
    _sent(store, "Ленинск", "KZ")
    open_names = OpenNames(resolver)
    assert open_names.of(store, 10) == []  # Baikonur, for Kazakhstan's documents
    _sent(store, "Ленинск", "TJ")
    (left,) = open_names.of(store, 10)
    assert (left.text, left.countries, left.count) == ("Ленинск", ("KZ", "TJ"), 2)
    assert left.checked_in == open_names.version()
    assert "sent by KZ, TJ" in glossary_csv([left], open_names.version())


def test_a_name_counted_before_the_queue_kept_countries_is_read_as_no_countrys(resolver: Resolver) -> None:
    store = MemoryStore()
    _sent(store, "Ленинск", None)  # the rows of two countries are candidates: a guess
    assert [name.countries for name in OpenNames(resolver).of(store, 10)] == [()]


def test_a_read_checks_its_budget_and_lists_the_rest_until_the_background_check_reaches_them(
    resolver: Resolver,
) -> None:
    store = MemoryStore()
    for language in ("ru", "kk", "ky"):
        _sent(store, "Ленинск", "KZ", language=language)  # three rows, each answered for Kazakhstan
    open_names = OpenNames(resolver, checks_per_read=1)
    listed = open_names.of(store, 10)
    assert len(listed) == 2 and all(name.checked_in is None for name in listed)
    csv_text = glossary_csv(listed, open_names.version())
    assert csv_text.count(f"not yet checked against glossary {open_names.version()}") == 2
    assert open_names.check(store, 1) == 1
    assert len(open_names.of(store, 10)) == 0  # the second read's budget took the last one
    assert open_names.check(store) == 0  # the queue is up to date


def test_checking_the_queue_leaves_the_names_documents_repeat_in_the_resolver_memo(
    glossary: Glossary,
) -> None:
    resolver = Resolver(TableCodeLists({"locode": PLACES}), glossary, threshold=0.85, memo_size=1)
    resolved: list[str] = []
    resolve = resolver._resolve
    resolver._resolve = lambda text, *rest: resolved.append(text) or resolve(text, *rest)  # type: ignore[method-assign]
    resolver.resolve("Хоргос", "place", "KZ")  # a name every manifest repeats
    store = MemoryStore()
    for text in ("Ленинск", "Семипалатинск", "Астрахань"):
        _sent(store, text, "KZ")
    assert OpenNames(resolver).check(store) == 3
    resolver.resolve("Хоргос", "place", "KZ")
    assert resolved.count("Хоргос") == 1  # still kept after the check
    assert sorted(resolved) == ["Астрахань", "Ленинск", "Семипалатинск", "Хоргос"]
