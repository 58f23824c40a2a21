"""Chinese places as Russian writes them (Palladius): derived from the pinyin of UN/LOCODE, fuzzy only."""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.palladius import as_palladius, palladius, split_pinyin

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


# Other transcriptions' spellings as the sources of `as_palladius` give them (not from the accuracy set).
OTHER_TRANSCRIPTIONS = [
    ("ханджоу", "ханчжоу"),  # Belarusian Hangzhou, after the Russian reading of ў
    ("дзилинь", "цзилинь"),  # Belarusian Jilin (Дзілінь), after the Russian reading of і
    ("аомынь", "аомэнь"),  # the older Russian spelling of Aomen
]


@pytest.mark.parametrize(("other", "standard"), OTHER_TRANSCRIPTIONS)
def test_other_transcriptions_are_read_as_palladius(other: str, standard: str) -> None:
    assert as_palladius(other) == standard


@pytest.mark.parametrize(
    ("name", "pinyin"), [("Ханджоў", "Hangzhou"), ("Дзілінь", "Jilin"), ("Аомынь", "Aomen")]
)
def test_a_belarusian_or_older_spelling_resolves_to_the_chinese_place(
    glossary: Glossary, name: str, pinyin: str
) -> None:
    entries = tuple(
        Entry(code, {"und-Latn": latin}, (), {"country": "CN"})
        for code, latin in (
            ("CNHAZ", "Hangzhou"),
            ("CNJIL", "Jilin"),
            ("CNAOM", "Aomen"),
            ("CNJIN", "Jining"),
        )
    )
    result = Resolver(TableCodeLists({"locode": entries}), glossary).resolve(name, "place", "KZ")
    assert (result.english, result.method) == (pinyin, "fuzzy") and result.score >= 0.85


def test_a_name_without_those_spellings_is_read_as_it_is() -> None:
    assert as_palladius("караганда") == "караганда"


def test_a_port_named_with_its_qualifier_has_the_palladius_form_of_its_name(glossary: Glossary) -> None:
    zhapu = Entry("CNZPU", {"und-Latn": "Zhapu Pt"}, (), {"country": "CN"})  # UN/LOCODE: a port only
    zhangpu = Entry("CNZAP", {"und-Latn": "Zhangpu"}, (), {"country": "CN"})
    resolver = Resolver(TableCodeLists({"locode": (zhapu, zhangpu)}), glossary)
    result = resolver.resolve("Чжапу", "place", "KZ")
    assert (result.code, result.method, result.score) == ("CNZPU", "fuzzy", 0.99)


def test_a_city_before_its_port_of_the_same_name(glossary: Glossary) -> None:
    port = Entry(
        "CNWEG", {"und-Latn": "Weihai Pt"}, (), {"country": "CN", "status": "AI", "function": "1-------"}
    )
    city = Entry(
        "CNWEI", {"und-Latn": "Weihai"}, (), {"country": "CN", "status": "RL", "function": "--3-----"}
    )
    resolver = Resolver(TableCodeLists({"locode": (port, city)}), glossary)
    result = resolver.resolve("Уйхай", "place", "CN")  # Dungan letters
    assert (result.code, result.score) == ("CNWEI", 0.99)
    assert [candidate.code for candidate in result.candidates][:1] == ["CNWEG"]


@pytest.mark.parametrize(
    ("pinyin", "syllables"),
    [
        ("Jingan", ["jin", "gan"]),
        ("Jinan", ["ji", "nan"]),
        ("Huangan", ["huan", "gan"]),
        ("Haian", ["hai", "an"]),
    ],
)
def test_a_word_without_an_apostrophe_has_no_syllable_starting_with_a_vowel_inside(
    pinyin: str, syllables: list[str]
) -> None:
    """Pinyin writes Jing'an and Huang'an with an apostrophe; Haian has no other reading."""
    assert split_pinyin(pinyin) == syllables


def test_a_palladius_name_meets_the_pinyin_read_without_an_apostrophe(glossary: Glossary) -> None:
    huanan = Entry("CNHUN", {"und-Latn": "Huanan"}, (), {"country": "CN"})
    huangan = Entry("CNHGA", {"und-Latn": "Huangan"}, (), {"country": "CN"})  # huan-gan, not huang-an
    resolver = Resolver(TableCodeLists({"locode": (huangan, huanan)}), glossary)
    result = resolver.resolve("Хуанань", "place", "CN")
    assert (result.code, result.score) == ("CNHUN", 0.99)
    assert all(candidate.score < 0.99 for candidate in result.candidates)
