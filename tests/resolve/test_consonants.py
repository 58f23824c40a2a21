"""Consonant skeletons: Chinese transcriptions of Turkic and Mongolian names, and spellings that
disagree on vowels, meet their entry within the sender's country, and only when one place has them."""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists, place

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.catalog import build_catalog
from gateway.resolve.consonants import is_pinyin, latin_consonants, pinyin_consonants
from gateway.resolve.keys import readings
from gateway.resolve.scoring import same_consonants

PLACES: tuple[Entry, ...] = (
    place("CNKOL", "Korla"),
    place("CNKHG", "Kashgar"),
    place("CNCGC", "Changchun"),
    place("UZKSQ", "Karshi"),
    place("TJKHU", "Khujand"),
    place("TJLBD", "Khudzhand"),  # the same city, an older spelling: one place
    place("TJPJK", "Penjikent"),
    place("KZDZH", "Dzhambul"),
    place("KZDMB", "Zhambyl"),
)

# (name as a document writes it, sender country, code or None)
TRANSCRIPTIONS = [
    ("库尔勒", "CN", "CNKOL"),  # Kuerle: k r, as Korla
    ("卡尔希", "UZ", "UZKSQ"),  # Kaerxi: k r s, as Karshi
    ("Пәнҗәкәнт", "TJ", "TJPJK"),  # Tatar-style vowels: p n s k n d, as Penjikent
    ("Хужант", "TJ", "TJLBD"),  # Khujand and Khudzhand are one place: the closer spelling (khuzhant) wins
    ("库尔勒", None, None),  # no country, no consonant comparison
    ("库尔勒", "KZ", None),  # only within the sender's country
    ("长春", "CN", "CNCGC"),  # a Chinese name meets its pinyin, as before
]


@pytest.fixture(scope="module")
def resolver(glossary: Glossary) -> Resolver:
    return Resolver(TableCodeLists({"locode": PLACES}), glossary, threshold=0.85)


@pytest.mark.parametrize(("text", "country", "code"), TRANSCRIPTIONS)
def test_transcriptions_meet_their_place_by_consonants(
    resolver: Resolver, text: str, country: str | None, code: str | None
) -> None:
    assert resolver.resolve(text, "place", country).code == code


def test_a_consonant_match_is_a_guess_at_the_threshold(resolver: Resolver) -> None:
    result = resolver.resolve("库尔勒", "place", "CN")
    assert (result.method, result.score, result.english) == ("fuzzy", 0.86, "Korla")


def test_two_places_with_the_same_consonants_match_neither(glossary: Glossary) -> None:
    catalog = build_catalog("place", TableCodeLists({"locode": PLACES}), glossary)
    assert latin_consonants("dzhambul") == latin_consonants("zhambyl") == "smbr"
    assert same_consonants(catalog, "Жомбол", "kk", "KZ") == []


def test_pinyin_names_are_never_met_by_consonants_from_chinese(glossary: Glossary) -> None:
    lists = TableCodeLists({"locode": (place("CNCGC", "Changchun"),)})
    catalog = build_catalog("place", lists, glossary)
    assert same_consonants(catalog, "松江村", "zh-Hans", "CN") == []  # song jiang cun: s n k s n


@pytest.mark.parametrize(
    ("pinyin", "skeletons"),
    [("kuerle", ("kr",)), ("kaerxi", ("krs",)), ("erlianhaote", ("rnkd", "rkd")), ("kashi", ("ks",))],
)
def test_pinyin_skeletons_with_and_without_nasal_endings(pinyin: str, skeletons: tuple[str, ...]) -> None:
    assert pinyin_consonants(pinyin) == skeletons


@pytest.mark.parametrize(
    ("latin", "pinyin"), [("Korla", False), ("Urumqi", False), ("Changji", True), ("Yuyue Pt", True)]
)
def test_pinyin_names_are_recognised(latin: str, pinyin: bool) -> None:
    assert is_pinyin(latin.lower()) is pinyin


def test_the_sender_s_place_beats_an_exact_name_abroad(glossary: Glossary) -> None:
    lists = TableCodeLists({"locode": (place("CNAAT", "Altay", ru="Алтай"), place("MNLTI", "Altai"))})
    resolver = Resolver(lists, glossary, threshold=0.85)
    assert resolver.resolve("Алтай", "place", "MN").code == "MNLTI"
    assert resolver.resolve("Алтай", "place", "CN").method == "code-list"
    assert resolver.resolve("Алтай", "place", None).code == "CNAAT"


def test_kazakh_letters_are_also_read_as_russian_gazetteers_write_them() -> None:
    # the third reading writes дж as Palladius does (`as_palladius`): Худжанд is not Chinese, but its
    # readings only add candidates
    assert [plain for plain, _ in readings("Хуҷанд", "tg")] == ["khujand", "khudzhand", "khuchzhand"]
    assert [plain for plain, _ in readings("Қарағанды", "kk")] == ["qaraghandy", "karagandy"]


def test_a_chinese_name_is_also_read_with_its_characters_other_readings(glossary: Glossary) -> None:
    lists = TableCodeLists({"locode": (place("CNCIH", "Changzhi"), place("CNZJI", "Zhangjian"))})
    result = Resolver(lists, glossary, threshold=0.85).resolve("长治", "place", "CN")  # dictionary: Zhangzhi
    assert (result.code, result.method) == ("CNCIH", "fuzzy")
    assert 0.85 <= result.score < 0.9  # another reading than the dictionary's: a guess near the threshold


def test_a_chinese_address_word_may_be_part_of_the_name(glossary: Glossary) -> None:
    lists = TableCodeLists({"locode": (place("CNJDZ", "Jingdezhen"), place("CNYGD", "Yingde"))})
    assert Resolver(lists, glossary, threshold=0.85).resolve("景德镇", "place", "CN").code == "CNJDZ"


def test_a_chinese_name_with_its_address_word_is_not_read_by_consonants(glossary: Glossary) -> None:
    """龙口县 (Longkou county) is a Chinese name: without 县 it is too short for consonants, and with it
    its consonants (l k s, nasal endings dropped) are Lhasa's; a Chinese name is no transcription."""
    lhasa = Entry("CNLXA", {"und-Latn": "Lhasa"}, (), {"country": "CN"})
    resolver = Resolver(TableCodeLists({"locode": (lhasa,)}), glossary)
    assert resolver.resolve("龙口县", "place", "CN").code is None
