"""Chinese places as Russian writes them (Palladius): derived from the pinyin of UN/LOCODE, fuzzy only."""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.palladius import palladius

# Pairs as Russian atlases spell them.
PUBLISHED = [
    ("Jiuquan", "Цзюцюань"),
    ("Zhuzhou", "Чжучжоу"),
    ("Changchun", "Чанчунь"),
    ("Xi'an", "Сиань"),
    ("Zigong", "Цзыгун"),
    ("Qingdao", "Циндао"),
    ("Xuzhou", "Сюйчжоу"),
    ("Jiayuguan", "Цзяюйгуань"),
    ("Erlianhaote", "Эрляньхаотэ"),
]


@pytest.mark.parametrize(("pinyin", "cyrillic"), PUBLISHED)
def test_pinyin_names_in_palladius(pinyin: str, cyrillic: str) -> None:
    assert palladius(pinyin) == cyrillic


def test_a_name_that_is_not_pinyin_has_no_palladius_form() -> None:
    assert palladius("Urumqi") is None and palladius("Lhasa") is None


def test_a_russian_spelling_of_a_chinese_city_resolves_fuzzily(glossary: Glossary) -> None:
    jiuquan = Entry("CNJQU", {"und-Latn": "Jiuquan"}, (), {"country": "CN"})
    resolver = Resolver(TableCodeLists({"locode": (jiuquan,)}), glossary)
    result = resolver.resolve("Цзюцюань", "place", "KZ")
    assert (result.code, result.method, result.english, result.score) == ("CNJQU", "fuzzy", "Jiuquan", 0.99)
    # the derived form is for Cyrillic names: the pinyin itself still matches exactly
    assert resolver.resolve("Jiuquan", "place").method == "code-list"
