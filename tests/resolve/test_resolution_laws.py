"""Laws of resolution: the same input and glossary version give the same result; no input breaks it."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from place_table import PLACES, TableCodeLists

from gateway.glossary import Glossary, LiveGlossary
from gateway.resolve import KINDS, Resolver
from gateway.settings import PROJECT_ROOT

REGION_LETTERS = st.text(
    alphabet=st.sampled_from("АаБКҚқҒғӨөҮүҰұІіҶҷӮӯЎўЁёAaOoTxyʻ'«» -.,()市县口岸阿拉木图ᠮᠣᠩᠭᠣᠯ0123"),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(text=REGION_LETTERS, kind=st.sampled_from(KINDS), country=st.sampled_from([None, "KZ", "CN", "MN"]))
def test_same_input_same_result_and_scores_in_range(
    resolver: Resolver, text: str, kind: str, country: str | None
) -> None:
    first = resolver.resolve(text, kind, country)
    assert resolver.resolve(text, kind, country) == first
    assert 0.0 <= first.score <= 1.0
    assert first.original == text.strip() or first.original == text
    if first.code is not None:
        assert first.method in ("code-list", "glossary", "fuzzy")
        assert first.method != "fuzzy" or first.score >= resolver.threshold


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_resolves_without_error(resolver: Resolver, text: str) -> None:
    result = resolver.resolve(text, "place", "KZ")
    assert isinstance(result.latin, str)


def test_a_new_glossary_version_is_used_without_restart(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(PROJECT_ROOT / "glossary", folder)
    live = LiveGlossary(folder, check_seconds=0)
    resolver = Resolver(TableCodeLists({"locode": PLACES}), live.current)
    before = resolver.resolve("Астрахань", "place", "KZ")
    assert before.method == "transliteration"
    with (folder / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("place,ru,Астрахань,Astrakhan,Astrakhan',RUASF,\n")
    after = resolver.resolve("Астрахань", "place", "KZ")
    assert (after.method, after.code, after.glossary_version) == ("glossary", "RUASF", live.current().version)
    assert after.glossary_version != before.glossary_version


def test_the_result_cites_the_glossary_version(resolver: Resolver, glossary: Glossary) -> None:
    result = resolver.resolve("乌鲁木齐", "place", "CN")
    assert result.glossary_version == glossary.version
    assert result.source == f"glossary places.csv:2 ({glossary.version})"


def test_threads_resolving_at_once_agree(glossary: Glossary) -> None:
    """The service resolves in several threads: one catalog is built, every thread gets the same results."""
    resolver = Resolver(TableCodeLists({"locode": PLACES}), glossary)
    names = ["Алматы", "Қарағанды", "長春", "Хуҷанд", "Астрахань", "乌鲁木齐市"] * 20
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda name: resolver.resolve(name, "place", "KZ"), names))
    assert [result.code for result in results[:6]] == ["KZALA", "KZKGF", "CNCGC", "TJKHU", None, "CNURM"]
    assert results[6:] == results[:-6]
