"""Renamed towns of Kazakhstan, Tajikistan, Turkmenistan, Georgia and Azerbaijan (session 6 rows of
glossary/renamed-places.csv): an old document's name, or a new name UN/LOCODE lacks, gives the town's
code with its name today. None of these names is a row of bench/accuracy/places.csv."""

from __future__ import annotations

import pytest

from gateway.resolve import Resolver

# (name as a document writes it, sender country, code, English form today)
NAMES = [
    ("Орджоникидзеабад", "TJ", "TJVAH", "Vahdat"),  # Soviet name, 1936 to the early 1990s
    ("Кофарниҳон", "TJ", "TJVAH", "Vahdat"),  # Tajik spelling of the name until 2003
    ("Серхетабат", "TM", "TMKUK", "Serhetabat"),  # new name: UN/LOCODE keeps Kushka
    ("Serhetabat", "TM", "TMKUK", "Serhetabat"),
    ("Махарадзе", "GE", "GE5OZ", "Ozurgeti"),
    ("Миха-Цхакая", "GE", "GEZAJ", "Senaki"),
    ("Цители-Цкаро", "GE", "GEDED", "Dedoplistskaro"),
    ("Гёйгёль", "AZ", "AZKHA", "Goygol"),  # new name: UN/LOCODE keeps Khanlar
    ("Göygöl", "AZ", "AZKHA", "Goygol"),
]


@pytest.mark.parametrize(("name", "country", "code", "english"), NAMES)
def test_a_renamed_town_gives_its_code_and_its_name_today(
    resolver: Resolver, name: str, country: str, code: str, english: str
) -> None:
    result = resolver.resolve(name, "place", country)
    assert (result.code, result.english, result.method, result.score) == (code, english, "glossary", 1.0)
    assert str(result.source).startswith("glossary renamed-places.csv:")


def test_a_former_name_in_running_text_is_read_through_its_case_ending(resolver: Resolver) -> None:
    """Esik's Soviet name in the prepositional case (в Иссыке): the glossary row read from its stem."""
    result = resolver.resolve("в Иссыке", "place", "KZ")
    assert (result.code, result.english, result.method) == ("KZEIK", "Esik", "fuzzy")
    assert "read as an inflected form: case ending -е of Иссык" in result.notes
