"""A town of China named in Cyrillic (Palladius, or the Kazakh and Dungan letters) names the UN/LOCODE
place of its county by the sound of its name: the Cyrillic read as pinyin, looked up exactly among the
keys that only one town of the country has (`gateway.resolve.town_sounds`). The UN/LOCODE rows are the
official release's (../shared/reference/unlocode/CN.csv); none of the names below is a row of
bench/accuracy/places.csv."""

from __future__ import annotations

import pytest
from place_table import resolver_with_towns, unlocode

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.scoring import TOWN, TOWN_BY_SOUND
from gateway.resolve.town_sounds import cyrillic_readings

PLACES = (
    unlocode("CNKNC", "Ji'an", "JL", "-2------", "AS", "4108N 12611E"),
    unlocode("CNMAN", "Manas", "XJ", "--3--6--", "RL", "4418N 08613E"),
    unlocode("CNFAS", "Fangshan", "11", "--3-----", "RL", "3941N 11559E"),
    unlocode("CNSNY", "Shunyi", "BJ", "-----6--", "AS", "4008N 11639E"),
    unlocode("CNNCH", "Nanchang", "JX", "---45---", "AS", "2840N 11555E"),
    unlocode("CNQIE", "Qiaoshe", "GD", "--3-----", "RL", ""),
)


@pytest.fixture(scope="module")
def resolver(glossary: Glossary) -> Resolver:
    return resolver_with_towns(PLACES, glossary)


@pytest.mark.parametrize(
    ("name", "code", "town"),
    [
        ("Лэтуи", "CNMAN", "652324101 乐土驿镇, town of 玛纳斯县, read as letuyi"),  # Palladius
        ("Летуи", "CNMAN", "652324101 乐土驿镇, town of 玛纳斯县, read as letuyi"),  # е for э
        ("Лөтуи", "CNMAN", "652324101 乐土驿镇, town of 玛纳斯县, read as letuyi"),  # Kazakh ө for e
        ("Бэйуча", "CNMAN", "652324104 北五岔镇, town of 玛纳斯县, read as beiwucha"),
        ("Бейүча", "CNMAN", "652324104 北五岔镇, town of 玛纳斯县, read as beiwucha"),  # Kazakh
        ("Гаолиин", "CNSNY", "110113101 高丽营镇, town of 顺义区, read as gaoliying"),
        ("Масянь", "CNKNC", "220582200 麻线乡, town of 集安市, read as maxian"),
    ],
)
def test_a_town_named_in_cyrillic_names_the_place_of_its_county(
    resolver: Resolver, name: str, code: str, town: str
) -> None:
    result = resolver.resolve(name, "place", "KZ")
    assert (result.code, result.method, result.score) == (code, "town", TOWN_BY_SOUND)
    assert result.source == f"code-list locode {code} (cn-township {town})"


def test_a_town_by_sound_is_weaker_than_by_its_characters(resolver: Resolver) -> None:
    assert resolver.resolve("乐土驿镇", "place", "KZ").score == TOWN > TOWN_BY_SOUND >= resolver.threshold


def test_a_sound_two_towns_share_names_no_town(resolver: Resolver) -> None:
    # 窦店镇 (Fangshan) and 陡电街道 (Tangshan) both read doudian: the characters tell them apart, the
    # Cyrillic does not
    assert resolver.resolve("窦店镇", "place", "KZ").code == "CNFAS"
    result = resolver.resolve("Доудянь", "place", "KZ")
    assert result.method != "town" and result.code is None


def test_a_town_that_sounds_as_a_place_gives_the_place(resolver: Resolver) -> None:
    # 樵舍镇, a town of Nanchang's 新建区, reads qiaoshe: UN/LOCODE's Qiaoshe (Guangdong) is named so
    assert resolver.resolve("樵舍镇", "place", "KZ").code == "CNNCH"
    result = resolver.resolve("Цяошэ", "place", "KZ")
    assert (result.code, result.method) == ("CNQIE", "fuzzy")
    catalog = resolver.catalog("place", resolver.glossary())
    assert catalog.town_by_sound("Цяошэ") is None


@pytest.mark.parametrize(
    ("name", "readings"),
    [
        ("Хэдэ", ["hede"]),
        ("Хеде", ["hedie", "hede"]),  # е for э is a variant: the Palladius reading (ie) first
        ("Бишкек", []),  # no Chinese name
    ],
)
def test_a_cyrillic_name_is_read_as_pinyin_by_the_syllable_tables(name: str, readings: list[str]) -> None:
    assert [reading for reading, _ in cyrillic_readings(name)] == readings
