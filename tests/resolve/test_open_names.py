"""A terminologist adds rows for names in the unresolved queue: once the glossary holding them is in
force, the queue as read (`OpenNames`, what `GET /v1/unresolved` and the export show) leaves those names
out, keeps the others with their counts and examples, and takes a name back when its row goes."""

from __future__ import annotations

import shutil
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from place_table import PLACES, TableCodeLists

from gateway.glossary import LiveGlossary
from gateway.resolve import Resolver
from gateway.resolve.descriptions import GoodsDescriptions
from gateway.resolve.unresolved import OpenNames, unresolved_names
from gateway.settings import PROJECT_ROOT
from gateway.store.memory import MemoryStore
from gateway.store.port import UnresolvedName

SEEN = datetime(2024, 5, 14, 7, 0, tzinfo=UTC)
ROWS = """kind,language,term,english,latin,code,note
party,kk,ТОО «Алтын Дән»,Altyn Dan LLP,Altyn Dan,,state business register
place,ru,Семипалатинск,Semey,Semey,KZPLX,Semey until 2007
goods,kk,қауын,melons,,0807,HS 2022 0807.19
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "glossary"
    shutil.copytree(PROJECT_ROOT / "glossary", copy)
    return copy


def _queue(resolver: Resolver, store: MemoryStore) -> None:
    """Three documents from KZ name a party, places and goods the glossary lacks (or only nears)."""
    names = [("ТОО «Алтын Дән»", "party"), ("Астрахань", "place"), ("Семипалатинск", "place")]
    names += [("Қарағанды", "place")]  # a fuzzy match: a guess for the terminologist to confirm
    for number in range(3):
        resolutions = [resolver.resolve(text, kind, "KZ") for text, kind in names[: 4 - number]]
        resolutions.append(GoodsDescriptions(resolver).describe("кептірілген қауын", None, "KZ"))
        found = unresolved_names(resolutions, "KZ", f"msg-{number}", SEEN)
        store.record_unresolved([UnresolvedName(**asdict(name)) for name in found])


def test_names_the_glossary_in_force_resolves_leave_the_queue_and_come_back_without_their_row(
    folder: Path,
) -> None:
    resolver = Resolver(TableCodeLists({"locode": PLACES}), LiveGlossary(folder, check_seconds=0))
    store = MemoryStore()
    _queue(resolver, store)
    open_names = OpenNames(resolver)
    before = {(n.text, n.count) for n in open_names.of(store, 100)}
    assert before == {
        ("ТОО «Алтын Дән»", 3), ("Астрахань", 3), ("Семипалатинск", 2), ("Қарағанды", 1),
        ("кептірілген қауын", 3),
    }  # fmt: skip
    (folder / "terminologist.csv").write_text(ROWS, encoding="utf-8")
    left = open_names.of(store, 100)
    assert [(n.text, n.count, n.message_ids) for n in left] == [
        ("Астрахань", 3, ("msg-0", "msg-1", "msg-2")),
        ("Қарағанды", 1, ("msg-0",)),  # still only a fuzzy reading of Karaganda: a guess
    ]
    assert len(store.unresolved(100)) == 5  # the store keeps every name it counted
    (folder / "terminologist.csv").unlink()
    assert {(n.text, n.count) for n in open_names.of(store, 100)} == before


def test_a_page_of_answered_names_is_followed_by_the_next_page(folder: Path) -> None:
    resolver = Resolver(TableCodeLists({"locode": PLACES}), LiveGlossary(folder, check_seconds=0))
    store = MemoryStore()
    _queue(resolver, store)
    (folder / "terminologist.csv").write_text(ROWS, encoding="utf-8")
    assert [n.text for n in OpenNames(resolver).of(store, 1)] == ["Астрахань"]
    assert [n.text for n in OpenNames(resolver).of(store, 2)] == ["Астрахань", "Қарағанды"]
