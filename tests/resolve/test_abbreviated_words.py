"""An abbreviated settlement word written without its space ("с.Кордай", "г.Ош", "п.Нарын"), as
addresses in Kazakh and Kyrgyz documents often print it: set apart and said, so the name itself is
looked up (`variants.without_address_words`). The abbreviations are the glossary's address words
(glossary/address-words.csv); none of these names is a row of bench/accuracy/places.csv."""

from __future__ import annotations

import pytest
from place_table import TableCodeLists, place

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.variants import address_keys, without_address_words
from gateway.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def with_villages(glossary: Glossary) -> Resolver:
    places = (
        place("KZKOR", "Kordai", ru="Кордай", kk="Қордай"),
        place("KGOSS", "Osh", ru="Ош", ky="Ош"),
        place("KGNAR", "Naryn", ru="Нарын", ky="Нарын"),
        place("KGFRU", "Bishkek (ex Frunze)", ru="Бишкек", ky="Бишкек"),
        place("KZALA", "Almaty", ru="Алматы", kk="Алматы"),
    )
    return Resolver(TableCodeLists({"locode": places}), glossary)


@pytest.mark.parametrize(
    ("name", "country", "code", "word"),
    [
        ("с.Кордай", "KZ", "KZKOR", "с."),  # село, village (ГОСТ Р 7.0.12-2011)
        ("г.Ош", "KG", "KGOSS", "г."),  # город, city
        ("п.Нарын", "KG", "KGNAR", "п."),  # посёлок, settlement
        ("ш.Бишкек", "KG", "KGFRU", "ш."),  # Kyrgyz шаары, city
        ("Алматы қ.", "KZ", "KZALA", "қ."),  # after the name, with its space: as before
    ],
)
def test_an_abbreviation_written_without_its_space_is_set_apart(
    with_villages: Resolver, name: str, country: str, code: str, word: str
) -> None:
    result = with_villages.resolve(name, "place", country)
    assert (result.code, result.method, result.score) == (code, "code-list", 1.0)
    assert f"address words set apart: {word}" in result.notes


def test_only_the_glossary_s_abbreviations_before_a_letter_are_split() -> None:
    keys = address_keys(e.term for e in Glossary.load(PROJECT_ROOT / "glossary").of_kind("address"))
    assert without_address_words("с.Кордай", keys) == ("Кордай", ["с."])
    assert without_address_words("Ж.Жабаев", keys) == ("Ж.Жабаев", [])  # an initial, not a kind word
    assert without_address_words("с.1", keys) == ("с.1", [])  # a number follows: not a name
