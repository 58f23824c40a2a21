"""Place names in running text: a case ending, a preposition or an adjective read back to the name
(`gateway.resolve.inflection`), at a lower score than the name itself and with a note. None of these
names is a row of bench/accuracy/places.csv."""

from __future__ import annotations

import pytest
from place_table import PLACES, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.inflection import forms

# (name as a sentence writes it, sender, code, the ending or word read)
INFLECTED = [
    ("Алматыдан", "KZ", "KZALA", "case ending -дан of Алматы"),  # Kazakh ablative: from Almaty
    ("Алматыда", "KZ", "KZALA", "case ending -да of Алматы"),  # Kazakh locative: in Almaty
    ("Тошкентдан", "UZ", "UZTAS", "case ending -дан of Тошкент"),  # Uzbek ablative
    ("Бишкектен", "KG", "KGFRU", "case ending -тен of Бишкек"),  # Kyrgyz ablative
    ("из Караганды", "KZ", "KZKGF", "case ending -ы of Караганда"),  # Russian genitive after из
    ("в Бишкеке", "KG", "KGFRU", "case ending -е of Бишкек"),  # Russian prepositional after в
    ("Карагандинская область", "KZ", "KZKGF", "adjective Карагандинская read as Караганда"),
    ("Ошская область", "KG", "KGOSS", "adjective Ошская read as Ош"),
    ("Ошта", "KG", "KGOSS", "case ending -та of Ош"),  # Kazakh locative of a two-letter name
]


@pytest.mark.parametrize(("name", "country", "code", "reading"), INFLECTED)
def test_an_inflected_place_name_is_read_from_its_stem_with_a_lower_score_and_a_note(
    resolver: Resolver, name: str, country: str, code: str, reading: str
) -> None:
    result = resolver.resolve(name, "place", country)
    assert (result.code, result.method) == (code, "fuzzy")
    assert 0.85 <= result.score < 1.0
    assert f"read as an inflected form: {reading}" in result.notes


@pytest.mark.parametrize(("name", "country", "code"), [("Ош", "KG", "KGOSS"), ("Ташкент", "UZ", "UZTAS")])
def test_a_name_met_as_written_is_never_read_as_an_inflected_form(
    resolver: Resolver, name: str, country: str, code: str
) -> None:
    """Ош (the table has only its Latin name: met at 0.99) and Ташкент (exact) stay themselves."""
    result = resolver.resolve(name, "place", country)
    assert (result.code, result.score >= 0.99) == (code, True)
    assert not any(note.startswith("read as an inflected form") for note in result.notes)


def test_the_forms_of_russian_cases_restore_the_nominative() -> None:
    assert "Тюмень" in {form.name for form in forms("из Тюмени")}  # feminine -ь, genitive -и
    assert "Лхаса" in {form.name for form in forms("в Лхасе")}  # feminine -а, prepositional -е
    assert "Бишкек" in {form.name for form in forms("Бишкека")}  # masculine, genitive -а
    assert "Актюбинск" in {form.name for form in forms("Актюбинская")}  # the adjective of a name in -ск


def test_a_preposition_alone_is_set_apart() -> None:
    assert forms("дар Хуҷанд")[0].name == "Хуҷанд"  # Tajik: in Khujand
    assert forms("дар Хуҷанд")[0].reading == "preposition дар set apart"


def test_an_ending_is_not_read_off_a_name_that_only_resembles_an_entry(resolver: Resolver) -> None:
    """Ташкенда less its locative -да is Ташкен, near Ташкент but no name: two guesses, so the name
    is compared as written, even with a threshold low enough to take the weighted form (0.83)."""
    lenient = Resolver(resolver.codelists, resolver.glossary(), threshold=0.75)
    result = lenient.resolve("Ташкенда", "place", "KZ")
    assert not any(note.startswith("read as an inflected form") for note in result.notes)


def test_a_reading_that_barely_beats_the_name_as_written_is_not_claimed(glossary: Glossary) -> None:
    """Қарағанды (Kazakh for Karaganda) meets it at 0.889 as written, its reading as the Russian
    genitive of Қарағанда at 0.891: no case ending is claimed for so little."""
    strict = Resolver(TableCodeLists({"locode": PLACES}), glossary, threshold=0.95)
    result = strict.resolve("Қарағанды", "place", "KZ")
    assert (result.candidates[0].code, result.candidates[0].score) == ("KZKGF", 0.889)
    assert not any(note.startswith("read as an inflected form") for note in result.notes)


@pytest.mark.parametrize(
    ("name", "country", "code", "reading"),
    [
        ("в городе Алматы", "KZ", "KZALA", "kind word городе set apart"),  # город, prepositional
        ("Бишкек шаарынан", "KG", "KGFRU", "case ending -нан of шаары"),  # Kyrgyz: from Bishkek city
        ("в селе Караганда", "KZ", "KZKGF", "kind word селе set apart"),  # село, neuter -о
    ],
)
def test_a_declined_kind_word_is_set_apart_like_the_word_itself(
    resolver: Resolver, name: str, country: str, code: str, reading: str
) -> None:
    result = resolver.resolve(name, "place", country)
    assert result.code == code
    assert f"read as an inflected form: {reading}" in result.notes
