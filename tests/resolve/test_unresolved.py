"""The unresolved queue: guesses counted with the documents they came from, exported as glossary rows."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from gateway.glossary import Glossary, InvalidGlossary
from gateway.resolve import Resolver
from gateway.resolve.unresolved import Unresolved, glossary_csv, unresolved_names
from gateway.store.memory import MemoryStore
from gateway.store.port import UnresolvedCount, UnresolvedName

SEEN = datetime(2024, 5, 14, 7, 0, tzinfo=UTC)


def test_only_guesses_are_queued_once_per_document(resolver: Resolver) -> None:
    resolutions = [
        resolver.resolve("Алматы", "place", "KZ"),  # exact: not queued
        resolver.resolve("Астрахань", "place", "KZ"),  # transliterated
        resolver.resolve("Астрахань", "place", "KZ"),  # the same name again in the same document
        resolver.resolve("Қарағанды", "place", "KZ"),  # fuzzy: a guess, queued for review
        resolver.resolve("ТОО «Алтын Дән»", "party", "KZ"),  # legal form + transliteration
    ]
    names = unresolved_names(resolutions, "KZ", "msg-1", SEEN)
    assert [(name.kind, name.text) for name in names] == [
        ("place", "Астрахань"),
        ("place", "Қарағанды"),
        ("party", "ТОО «Алтын Дән»"),
    ]
    assert {(name.country, name.message_id, name.language) for name in names} == {("KZ", "msg-1", "kk")}


def _counted(names_per_document: list[list[Unresolved]]) -> list[UnresolvedCount]:
    """The counts the in-memory store keeps of these documents' unresolved names."""
    store = MemoryStore()
    for names in names_per_document:
        store.record_unresolved([UnresolvedName(**asdict(name)) for name in names])
    return store.unresolved(limit=100)


def test_the_tally_counts_across_documents_most_frequent_first(resolver: Resolver) -> None:
    documents = []
    for number, texts in enumerate([["Астрахань", "Семипалатинск"], ["Астрахань"], ["Астрахань"]]):
        resolutions = [resolver.resolve(text, "place", "KZ") for text in texts]
        documents.append(unresolved_names(resolutions, "KZ", f"msg-{number}", SEEN))
    rows = _counted(documents)
    assert [(row.text, row.count, list(row.message_ids)) for row in rows] == [
        ("Астрахань", 3, ["msg-0", "msg-1", "msg-2"]),
        ("Семипалатинск", 1, ["msg-0"]),
    ]


def test_the_export_is_in_glossary_columns_and_refused_until_filled_in(
    resolver: Resolver, tmp_path: Path
) -> None:
    text = glossary_csv(
        _counted([unresolved_names([resolver.resolve("Астрахань", "place", "KZ")], "KZ", "msg-9", SEEN)])
    )
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row == {
        "kind": "place",
        "language": "kk",
        "term": "Астрахань",
        "english": "",
        "latin": "Astrakhanʹ",
        "code": "",
        "note": "seen 1 time; sent by KZ; latin suggested by kk-kk_Latn/BGN; in msg-9",
    }
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "new.csv").write_text(text, encoding="utf-8")
    try:
        Glossary.load(folder)
    except InvalidGlossary as invalid:
        assert [str(problem) for problem in invalid.problems] == ["new.csv:2: empty english"]
    filled = text.replace("Astrakhanʹ,", "Astrakhan',").replace(",,Astrakhan'", ",Astrakhan,Astrakhan'")
    (folder / "new.csv").write_text(filled, encoding="utf-8")
    assert Glossary.load(folder).exact("place", "астрахань")[0].english == "Astrakhan"
    shutil.rmtree(folder)


def test_the_note_says_time_for_one_sighting_and_times_for_more(resolver: Resolver) -> None:
    documents = [
        unresolved_names([resolver.resolve(text, "place", "KZ") for text in texts], "KZ", f"m{n}", SEEN)
        for n, texts in enumerate([["Астрахань", "Семипалатинск"], ["Астрахань"]])
    ]
    notes = {
        row["term"]: row["note"] for row in csv.DictReader(io.StringIO(glossary_csv(_counted(documents))))
    }
    assert notes["Астрахань"].startswith("seen 2 times;")
    assert notes["Семипалатинск"].startswith("seen 1 time;")
