"""Kazakh writers often print н for ң: Жинмөн for Жиңмөн is 荆门 Jingmen, a prefecture-level city.

A name in Kazakh letters read exactly as a place of no division of China (here a made-up Jinmen, which
the division list does not know) and, with н read as ң, as a prefecture-level city means the city, as a
gazetteer reads it. Russian's Palladius tells -нь from -н and -ng: Цзиньмэнь stays Jinmen. The codes
CNJMX and CNJGX are made up for the test; none of the names is a row of the accuracy set.
"""

from __future__ import annotations

import pytest
from place_table import Entry, resolver_in_china

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.kazakh import written_in_kazakh


def place(code: str, pinyin: str, subdivision: str, coordinates: str) -> Entry:
    attributes = {"country": "CN", "subdivision": subdivision, "status": "RL", "coordinates": coordinates}
    return Entry(code, {"und-Latn": pinyin}, (), attributes)


@pytest.fixture(scope="module")
def jingmen(glossary: Glossary) -> Resolver:
    places = (
        place("CNJGX", "Jingmen", "HB", "3102N 11212E"),  # 荆门市, a prefecture-level city of Hubei
        place("CNJMX", "Jinmen", "HE", ""),  # no Jinmen in Hebei: joined to no division
    )
    return resolver_in_china(places, glossary)


def test_kazakh_n_for_ng_means_the_prefecture_level_city(jingmen: Resolver) -> None:
    result = jingmen.resolve("Жинмөн", "place", "KZ")
    assert (result.code, result.method) == ("CNJGX", "fuzzy")
    assert result.score >= 0.85


def test_the_exact_kazakh_spelling_of_the_city_still_gives_it(jingmen: Resolver) -> None:
    assert jingmen.resolve("Жиңмөн", "place", "KZ").code == "CNJGX"


def test_russian_palladius_keeps_its_soft_sign(jingmen: Resolver) -> None:
    assert jingmen.resolve("Цзиньмэнь", "place", "KZ").code == "CNJMX"


@pytest.mark.parametrize(("name", "kazakh"), [("Жөңжоу", True), ("Қорғас", True), ("Чжэнчжоу", False)])
def test_kazakh_letters(name: str, kazakh: bool) -> None:
    assert written_in_kazakh(name) is kazakh


def test_the_nearest_ties_decide_when_no_place_leads_the_wider_ones(glossary: Glossary) -> None:
    places = (
        place("CNJZX", "Jinzhou", "LN", "4107N 12109E"),  # 锦州市, a prefecture-level city of Liaoning
        place("CNJGX", "Jingzhou", "HB", "3020N 11214E"),  # 荆州市, a prefecture-level city of Hubei
        Entry("CNJZY", {"und-Latn": "Jinzhou"}, (), {"country": "CN", "subdivision": "HE", "status": "AS"}),
    )
    resolver = resolver_in_china(places, glossary)
    assert resolver.resolve("Жінжоу", "place", "KZ").code == "CNJZX"  # 锦州 exactly; 荆州 with ң
