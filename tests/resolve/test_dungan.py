"""Chinese places as Kazakh, Kyrgyz and Dungan Cyrillic write them: derived from pinyin, fuzzy only.

Palladius writes Hangzhou Ханчжоу; the Dungan alphabet, whose letters Kazakh and Kyrgyz share, writes
zh and j җ, ch and q ч, sh and x ш, r ж, the final -ng ң, e before a nasal ы: Хаңҗоу. The spellings
below follow that alphabet; none is a row of the accuracy set.
"""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.dungan import dungan


@pytest.mark.parametrize(
    ("pinyin", "cyrillic"),
    [
        ("Hangzhou", "Хаңҗоу"),  # zh җ, -ng ң
        ("Lanzhou", "Ланҗоу"),
        ("Chongqing", "Чуңчиң"),  # ch and q ч
        ("Xi'an", "Шиан"),  # x ш
        ("Renhe", "Жынхә"),  # r ж, e before a nasal ы, e ә
        ("Xuzhou", "Шүҗоу"),  # u after x is ü: ү
        ("Ziyang", "Зыяң"),  # i after z is ы
    ],
)
def test_pinyin_names_in_dungan_letters(pinyin: str, cyrillic: str) -> None:
    assert dungan(pinyin) == cyrillic


def test_a_name_that_is_not_pinyin_has_no_dungan_form() -> None:
    assert dungan("Urumqi") is None


def china(code: str, name: str) -> Entry:
    return Entry(f"CN{code}", {"und-Latn": name}, (), {"country": "CN"})


CITIES = (
    china("HAZ", "Hangzhou"),
    china("HZO", "Huangzhou"),
    china("CZX", "Changzhou"),
    china("LAZ", "Lanzhou"),
    china("CQI", "Chongqing"),
    china("XDU", "Xindu"),
)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Хаңҗоу", "CNHAZ"), ("Ланҗоу", "CNLAZ"), ("Чуңчиң", "CNCQI")],
)
def test_a_kazakh_spelling_of_a_chinese_city_resolves_fuzzily(
    glossary: Glossary, text: str, code: str
) -> None:
    resolver = Resolver(TableCodeLists({"locode": CITIES}), glossary)
    result = resolver.resolve(text, "place", "KZ")
    assert (result.code, result.method) == (code, "fuzzy")
    assert result.score >= resolver.threshold


def test_the_dungan_form_is_for_cyrillic_names_only(glossary: Glossary) -> None:
    resolver = Resolver(TableCodeLists({"locode": CITIES}), glossary)
    result = resolver.resolve("Changzhou", "place", "CN")
    assert (result.code, result.method) == ("CNCZX", "code-list")
    assert all(candidate.name != "Чаңҗоу" for candidate in resolver.resolve("Chanjou", "place").candidates)
