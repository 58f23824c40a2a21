"""Words of the kind of a settlement around its name (session 6 rows of glossary/address-words.csv):
set apart and said, so the name itself is looked up. None of these is a row of bench/accuracy/places.csv."""

from __future__ import annotations

import pytest

from gateway.resolve import Resolver

# (name as a document writes it, sender country, code, the word set apart)
WORDED = [
    ("пгт Караганда", "KZ", "KZKGF", "пгт"),  # Russian: urban-type settlement (ОКАТО)
    ("с. Караганда", "KZ", "KZKGF", "с."),  # Russian: abbreviation of село (ГОСТ Р 7.0.12-2011)
    ("гор. Алматы", "KZ", "KZALA", "гор."),  # Russian: abbreviation of город
    ("Алматы қ.", "KZ", "KZALA", "қ."),  # Kazakh: abbreviation of қала
    ("Бишкек шаар", "KG", "KGFRU", "шаар"),  # Kyrgyz: city, nominative
    ("Бишкек ш.", "KG", "KGFRU", "ш."),  # Kyrgyz: abbreviation of шаары
    ("Ташкент шаҳар", "UZ", "UZTAS", "шаҳар"),  # Uzbek: city, nominative
    ("Улаанбаатар хотын", "MN", "MNULN", "хотын"),  # Mongolian: of the city
]


@pytest.mark.parametrize(("name", "country", "code", "word"), WORDED)
def test_the_word_of_a_settlement_s_kind_is_set_apart_and_said(
    resolver: Resolver, name: str, country: str, code: str, word: str
) -> None:
    result = resolver.resolve(name, "place", country)
    assert result.code == code
    assert f"address words set apart: {word}" in result.notes
