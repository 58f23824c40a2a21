"""The resolver's memo (GATEWAY_RESOLVE_MEMO_SIZE): a reload changes the answer, a kept result equals the
one computed again on every golden case, and the unresolved queue counts every sighting as without it."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from place_table import PLACES, TableCodeLists

from gateway.glossary import LiveGlossary
from gateway.normalize.pipeline import Normalization, Normalizer
from gateway.resolve import Resolver
from gateway.resolve.unresolved import unresolved_names
from gateway.settings import PROJECT_ROOT, Settings
from tests.golden_cases import GOLDEN

INPUTS = sorted(GOLDEN.glob("*/*/input.*"))
SEEN = datetime(2026, 11, 24, tzinfo=UTC)


@pytest.fixture(scope="module")
def unmemoized() -> Normalizer:
    return Normalizer.from_settings(Settings(resolve_memo_size=0))


def test_a_reload_changes_the_remembered_answer(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(PROJECT_ROOT / "glossary", folder)
    live = LiveGlossary(folder, check_seconds=0)
    resolver = Resolver(TableCodeLists({"locode": PLACES}), live.current, memo_size=8)
    before = resolver.resolve("Астрахань", "place", "KZ")
    assert resolver.resolve("Астрахань", "place", "KZ") is before  # kept
    with (folder / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("place,ru,Астрахань,Astrakhan,Astrakhan',RUASF,\n")
    after = resolver.resolve("Астрахань", "place", "KZ")
    assert (before.method, after.method, after.code) == ("transliteration", "glossary", "RUASF")


def test_a_memo_of_zero_keeps_nothing() -> None:
    resolver = Resolver(TableCodeLists({"locode": PLACES}), live_glossary().current, memo_size=0)
    first = resolver.resolve("Алматы", "place", "KZ")
    second = resolver.resolve("Алматы", "place", "KZ")
    assert first == second and first is not second


def live_glossary() -> LiveGlossary:
    return LiveGlossary(PROJECT_ROOT / "glossary", check_seconds=0)


def _sightings(result: Normalization) -> list[tuple[str, str, str | None]]:
    found = unresolved_names([name.resolution for name in result.names], "KZ", "m-1", SEEN)
    return [(name.kind, name.text, name.language) for name in found]


@pytest.mark.parametrize("document", INPUTS, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}")
def test_kept_results_equal_computed_ones(
    normalizer: Normalizer, unmemoized: Normalizer, document: Path
) -> None:
    data = document.read_bytes()
    computed = unmemoized.normalize(data)
    for _ in range(2):  # the second time, every name comes from the memo
        kept = normalizer.normalize(data)
        assert [name.resolution for name in kept.names] == [name.resolution for name in computed.names]
        assert (kept.message and kept.message.xml) == (computed.message and computed.message.xml)
        assert kept.issues == computed.issues
        assert _sightings(kept) == _sightings(computed)  # the unresolved queue counts each sighting
