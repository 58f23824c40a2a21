"""A name that reads as two places of one country, one of them far weightier as a customs place.

Ичунь is 宜春 (Jiangxi) and 伊春 (Heilongjiang): when UN/LOCODE's function column makes one a port, an
airport or a border crossing and the other only a terminal of road or rail, a customs gateway reads the
name as the entry point, with a score just above the default threshold and a note naming both; with
equal weights the officer chooses. A place joined to no division of China ranks as a county: a name it
shares with a prefecture-level city means the city (Увэй: 武威, against a Wuwei the division list lacks).
The codes and functions are made up for the test (UN/LOCODE lacks both Yichun and both Wuwei); none of
the names is a row of the accuracy set.
"""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists, resolver_in_china

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.result import Resolution
from gateway.resolve.scoring import WEIGHTIER_READING


def yichun(code: str, chinese: str, function: str) -> Entry:
    attributes = {"country": "CN", "status": "RL", "function": function}
    return Entry(code, {"und-Latn": "Yichun", "zh-Hans": chinese}, (), attributes)


def resolve(jiangxi: str, heilongjiang: str, glossary: Glossary, threshold: float = 0.85) -> Resolution:
    places = (yichun("CNYJX", "宜春", jiangxi), yichun("CNYHL", "伊春", heilongjiang))
    return Resolver(TableCodeLists({"locode": places}), glossary, threshold).resolve("Ичунь", "place", "KZ")


def test_an_airport_against_a_road_terminal_is_the_reading(glossary: Glossary) -> None:
    result = resolve("--3-----", "---4----", glossary)
    assert (result.code, result.score, result.method) == ("CNYHL", WEIGHTIER_READING, "fuzzy")
    assert "CNYJX" in [candidate.code for candidate in result.candidates]
    notes = " ".join(result.notes)
    assert "reads alike as" in notes and "CNYHL given, an entry point: airport; CNYJX: road terminal" in notes


def test_a_border_crossing_against_an_inland_clearance_depot_is_the_reading(glossary: Glossary) -> None:
    assert resolve("-------B", "-----6--", glossary).code == "CNYJX"


@pytest.mark.parametrize(("jiangxi", "heilongjiang"), [("1-------", "---4----"), ("--3-----", "-2------")])
def test_places_of_equal_weight_stay_candidates(jiangxi: str, heilongjiang: str, glossary: Glossary) -> None:
    result = resolve(jiangxi, heilongjiang, glossary)
    assert result.code is None
    assert {candidate.code for candidate in result.candidates[:2]} == {"CNYJX", "CNYHL"}


def test_a_stricter_threshold_than_the_reading_leaves_it_to_the_officer(glossary: Glossary) -> None:
    assert resolve("--3-----", "---4----", glossary, threshold=0.9).code is None


def wuwei(code: str, subdivision: str, coordinates: str, status: str) -> Entry:
    attributes = {"country": "CN", "subdivision": subdivision, "status": status, "coordinates": coordinates}
    return Entry(code, {"und-Latn": "Wuwei"}, (), attributes)


def test_a_place_of_no_division_ranks_after_a_prefecture_level_city(glossary: Glossary) -> None:
    places = (
        wuwei("CNWWG", "GS", "3756N 10238E", "RL"),  # 武威市, a prefecture-level city of Gansu
        wuwei("CNWWH", "HE", "", "AS"),  # no Wuwei in Hebei: joined to no division, a better standing
    )
    resolver = resolver_in_china(places, glossary)
    result = resolver.resolve("Увэй", "place", "KZ")
    assert (result.code, result.method) == ("CNWWG", "fuzzy")
