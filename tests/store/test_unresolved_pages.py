"""The unresolved queue read page by page (what the API and the export read while they leave out the
names the glossary in force resolves): every name once, in one order, on every store."""

from __future__ import annotations

from datetime import UTC, datetime

from gateway.store.port import Store, UnresolvedName

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)


def _seen(kind: str, text: str, language: str | None, times: int) -> list[UnresolvedName]:
    return [UnresolvedName(kind, text, language, "Cyrl", "KZ", f"{text}-{n}", T0) for n in range(times)]


def test_pages_of_the_queue_hold_every_name_once_in_the_order_of_the_whole(store: Store) -> None:
    store.record_unresolved(
        _seen("place", "Хоргос", "ru", 3)
        + _seen("place", "Хоргос", "kk", 3)  # the same spelling in another language: its own row
        + _seen("party", "ТОО «Алтын Дән»", "kk", 2)
        + _seen("place", "Семипалатинск", "ru", 1)
        + _seen("goods", "кептірілген қауын", "kk", 1)
    )
    whole = store.unresolved(10)
    pages = [store.unresolved(2, offset) for offset in (0, 2, 4, 6)]
    assert [len(page) for page in pages] == [2, 2, 1, 0]
    assert [name for page in pages for name in page] == whole
    assert [(n.text, n.language, n.count) for n in whole[:3]] == [
        ("Хоргос", "kk", 3),
        ("Хоргос", "ru", 3),
        ("ТОО «Алтын Дән»", "kk", 2),
    ]
