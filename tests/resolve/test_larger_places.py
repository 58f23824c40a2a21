"""Chinese addresses name the larger place first (中国上海, 安徽省宿州市): the country and province are set
apart and the rest is looked up, the country named becoming the preferred one; the short names of the
four municipalities (沪, 京, 津, 渝) name the city. The UN/LOCODE rows are the official release's; none of
the names below is a row of bench/accuracy/places.csv."""

from __future__ import annotations

import pytest
from place_table import Entry, TableCodeLists, unlocode

from gateway.codelists import CodeLists
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.larger import province_names, without_larger_places
from gateway.settings import PROJECT_ROOT

PLACES = (
    unlocode("CNBJS", "Beijing", "BJ", "-23456--", "AS", "3955N 11624E"),
    unlocode("CNCQI", "Chongqing", "CQ", "12-45---", "AS", "2935N 10633E"),
    unlocode("CNSGH", "Shanghai", "SH", "12345---", "AS", "3114N 12129E"),
    unlocode("CNSUH", "Suzhou", "AH", "--3-----", "RL", "3338N 11658E"),
    unlocode("CNSZH", "Suzhou", "JS", "1---56--", "AS", "3119N 12037E"),
    unlocode("KZALA", "Almaty", "75", "-2-45---", "AI", "4315N 07657E"),
)


@pytest.fixture(scope="module")
def lists() -> dict[str, tuple[Entry, ...]]:
    project = CodeLists.load(PROJECT_ROOT / "codelists")
    return {
        name: tuple(Entry(e.code, e.names, (), e.attributes) for e in project.entries(name))
        for name in ("country", "cn-division")
    }


@pytest.fixture(scope="module")
def resolver(glossary: Glossary, lists: dict[str, tuple[Entry, ...]]) -> Resolver:
    places = (*PLACES, Entry("KZALA", {"zh-Hans": "阿拉木图"}, (), {"country": "KZ"}))
    return Resolver(TableCodeLists({"locode": places, **lists}), glossary)


@pytest.mark.parametrize(
    ("name", "code", "country"),
    [
        ("安徽省宿州市", "CNSUH", "CN"),
        ("安徽宿州", "CNSUH", "CN"),  # the province without the word of its kind
        ("江苏省苏州市", "CNSZH", "CN"),
        ("中国苏州", "CNSZH", "CN"),
        ("中国重庆市", "CNCQI", "CN"),
        ("哈萨克斯坦阿拉木图", "KZALA", "CN"),  # Kazakhstan, Almaty, in a Chinese document
        ("中国江苏省苏州市", "CNSZH", "KZ"),
    ],
)
def test_the_larger_places_are_set_apart(resolver: Resolver, name: str, code: str, country: str) -> None:
    result = resolver.resolve(name, "place", country)
    assert (result.code, result.method, result.score) == (code, "code-list", 1.0)
    assert any(note.startswith("larger places set apart: ") for note in result.notes)


def test_a_province_or_country_alone_is_not_set_apart(lists: dict[str, tuple[Entry, ...]]) -> None:
    provinces = province_names(lists["cn-division"])
    assert provinces["安徽省"] == provinces["安徽"] == "34"
    country_of = {"中国": "CN"}.get
    assert without_larger_places("安徽省", country_of, provinces) == ("安徽省", None, [])
    assert without_larger_places("中国", country_of, provinces) == ("中国", None, [])
    assert without_larger_places("中国上海", country_of, provinces) == ("上海", "CN", ["中国"])
    assert without_larger_places("Shanghai", country_of, provinces) == ("Shanghai", None, [])


@pytest.mark.parametrize(("name", "code"), [("京", "CNBJS"), ("渝", "CNCQI"), ("申", "CNSGH")])
def test_a_municipality_s_short_name_is_the_city(resolver: Resolver, name: str, code: str) -> None:
    result = resolver.resolve(name, "place", "CN")
    assert (result.code, result.method) == (code, "code-list")
    assert result.source is not None and "cn-division" in result.source


@pytest.mark.parametrize("name", ["湖", "胡", "户"])
def test_a_short_name_meets_no_name_of_its_reading(resolver: Resolver, name: str) -> None:
    # 沪 reads hu, as 湖 (lake), 胡 and 户 do: the short name has no Latin key, so only 沪 itself is Shanghai
    assert resolver.resolve(name, "place", "CN").code is None
