"""Chinese places as Kazakh writes them from Mandarin: derived from pinyin, fuzzy only.

Kazakh writes zh, j and r ж, ch and q ч, sh and x ш, -ng ң and the vowel e ө (Шаңхай; the
spelling dictionary of Kazakh published in China). None of the spellings below is a row of the
accuracy set.
"""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.kazakh import kazakh


@pytest.mark.parametrize(
    ("pinyin", "cyrillic"),
    [
        ("Zhengzhou", "Жөңжоу"),  # zh ж, e ө, -ng ң
        ("Shenzhen", "Шөнжөн"),  # sh ш, en өн
        ("Shanghai", "Шаңхай"),
        ("Beijing", "Бейжиң"),  # j ж
        ("Wuhu", "Үху"),  # wu ү
        ("Hebi", "Хөби"),
    ],
)
def test_pinyin_names_as_kazakh_writes_them(pinyin: str, cyrillic: str) -> None:
    assert kazakh(pinyin) == cyrillic


def china(code: str, name: str) -> Entry:
    return Entry(f"CN{code}", {"und-Latn": name}, (), {"country": "CN"})


CITIES = (
    china("ZGZ", "Zhengzhou"),
    china("ZHZ", "Zhuozhou"),
    china("SZX", "Shenzhen"),
    china("SZN", "Suzhen"),
    china("HEB", "Hebi"),
    china("HUB", "Huaibei"),
)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Жөңжоу", "CNZGZ"), ("Шөнжөн", "CNSZX"), ("Хөби", "CNHEB")],
)
def test_a_kazakh_spelling_with_o_for_e_meets_its_city(glossary: Glossary, text: str, code: str) -> None:
    resolver = Resolver(TableCodeLists({"locode": CITIES}), glossary)
    result = resolver.resolve(text, "place", "KZ")
    assert (result.code, result.method) == (code, "fuzzy")
    assert result.score >= resolver.threshold
