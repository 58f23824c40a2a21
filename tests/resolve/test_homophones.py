"""Two places of one country whose names read alike in Cyrillic: a candidate list, never a guess.

宜春 (Jiangxi) and 伊春 (Heilongjiang) are both Yichun, Ичунь in Palladius: the letters cannot tell
them apart, so an officer must. Twins of one city in UN/LOCODE (both 泰州) are not homophones: the
better standing still decides. An exact name of a place abroad that is as well a place of a third
country (Аксу: Aksu, China and Aksu, Kazakhstan, in a Kyrgyz document) is no guess either. Codes
marked so are made up for the test (UN/LOCODE lacks both Yichun and Kazakhstan's Aksu); none of the
names is a row of the accuracy set. A city and a county that read alike (Wuwei: 武威, a prefecture-level
city, and 无为, a county) are no tie: the name means the city, as a gazetteer reads it.
"""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists, resolver_in_china

from gateway.glossary import Glossary
from gateway.resolve import Resolver


def china(code: str, pinyin: str, chinese: str, status: str = "RL") -> Entry:
    return Entry(
        f"CN{code}", {"und-Latn": pinyin, "zh-Hans": chinese}, (), {"country": "CN", "status": status}
    )


PLACES = (  # made up: CNYJX, CNYHL
    china("YJX", "Yichun", "宜春"),
    china("YHL", "Yichun", "伊春"),
    china("TZO", "Taizhou", "泰州"),
    china("TZU", "Taizhou", "泰州", status="AS"),
)


def test_a_name_that_reads_as_two_places_of_one_country_gives_candidates(glossary: Glossary) -> None:
    result = Resolver(TableCodeLists({"locode": PLACES}), glossary).resolve("Ичунь", "place", "KZ")
    assert result.code is None
    assert {candidate.code for candidate in result.candidates[:2]} == {"CNYJX", "CNYHL"}
    assert "reads alike as" in " ".join(result.notes)


def test_the_characters_still_settle_it(glossary: Glossary) -> None:
    result = Resolver(TableCodeLists({"locode": PLACES}), glossary).resolve("伊春", "place", "CN")
    assert (result.code, result.method) == ("CNYHL", "code-list")


def test_twins_of_one_city_are_no_homophones(glossary: Glossary) -> None:
    result = Resolver(TableCodeLists({"locode": PLACES}), glossary).resolve("Тайжоу", "place", "KZ")
    assert (result.code, result.method) == ("CNTZU", "fuzzy")


ABROAD = (
    Entry("CNAKU", {"und-Latn": "Aksu", "ru": "Аксу"}, (), {"country": "CN"}),  # UN/LOCODE, ru added
    Entry("KZAKS", {"und-Latn": "Aksu"}, (), {"country": "KZ"}),  # made up: Aksu, Pavlodar region
    Entry("CNAKL", {"und-Latn": "Alashankou", "ru": "Алашанькоу"}, (), {"country": "CN"}),  # made up
)


def test_an_exact_name_abroad_that_also_names_a_place_of_a_third_country_gives_candidates(
    glossary: Glossary,
) -> None:
    result = Resolver(TableCodeLists({"locode": ABROAD}), glossary).resolve("Аксу", "place", "KG")
    assert result.code is None
    assert {candidate.code for candidate in result.candidates[:2]} == {"CNAKU", "KZAKS"}
    assert "names places of CN and KZ" in result.notes


def test_an_exact_name_of_one_place_abroad_still_settles_it(glossary: Glossary) -> None:
    result = Resolver(TableCodeLists({"locode": ABROAD}), glossary).resolve("Алашанькоу", "place", "KG")
    assert (result.code, result.method) == ("CNAKL", "code-list")


def wuwei(code: str, subdivision: str, coordinates: str) -> Entry:
    attributes = {"country": "CN", "subdivision": subdivision, "status": "RL", "coordinates": coordinates}
    return Entry(code, {"und-Latn": "Wuwei"}, (), attributes)


WUWEI = (  # made up: UN/LOCODE has neither Wuwei; the coordinates are the division seats'
    wuwei("CNWWG", "GS", "3756N 10238E"),  # 武威市, a prefecture-level city of Gansu
    wuwei("CNWWA", "AH", "3118N 11754E"),  # 无为县, a county of Anhui
)


@pytest.fixture(scope="module")
def wuwei_resolver(glossary: Glossary) -> Resolver:
    return resolver_in_china(WUWEI, glossary)


def test_a_name_that_reads_as_a_city_and_a_county_means_the_city(wuwei_resolver: Resolver) -> None:
    result = wuwei_resolver.resolve("Увэй", "place", "KZ")
    assert (result.code, result.method) == ("CNWWG", "fuzzy")
    assert "CNWWA" in [candidate.code for candidate in result.candidates]
    assert not any("reads alike" in note for note in result.notes)


def test_the_county_is_still_found_by_its_characters(wuwei_resolver: Resolver) -> None:
    result = wuwei_resolver.resolve("无为", "place", "CN")
    assert (result.code, result.method) == ("CNWWA", "code-list")
