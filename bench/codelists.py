"""How long the code lists take to load and to answer, measured in one run.

Prints the median time to load the project's lists (`CodeLists.load`, every file checked), the same with
the official UN/LOCODE release imported (when ../shared/reference/unlocode/ is there), the time of that
import, `is_valid` look-ups per second for places, national tariff codes and numeric currency codes, and
the load time of a synthetic release as large as the whole UN/LOCODE (--places, 116,000 by default, in
100 countries: what an operator who imports every country starts with).

    .venv/bin/python bench/codelists.py [--repeats 7] [--places 116000]
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import string
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pycountry

from gateway.codelists import CodeLists
from gateway.codelists.lists import load_list
from gateway.codelists.locode import read_release
from gateway.codelists.locode_files import write_release

PROJECT = Path(__file__).resolve().parent.parent
REFERENCES = [
    folder / "reference" / "unlocode"
    for folder in (PROJECT.parent / "shared", PROJECT.parent.parent / "shared")
]
QUERIES = [
    ("locode", "KZALA"),
    ("locode", "CNTLS"),
    ("hs", "8471300000"),
    ("currency", "398"),
    ("country", "XX"),
]


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def lookups_per_second(lists: CodeLists, rounds: int = 20_000) -> float:
    on = date(2024, 6, 3)
    start = time.perf_counter()
    for _ in range(rounds):
        for kind, code in QUERIES:
            lists.is_valid(kind, code, on=on)
    return rounds * len(QUERIES) / (time.perf_counter() - start)


def whole_world(places: int) -> float:
    """Seconds to load the UN/LOCODE list alone with `places` official places imported."""
    countries = sorted(country.alpha_2 for country in pycountry.countries)[:100]
    locations = ["".join(letters) for letters in itertools.product(string.ascii_uppercase, repeat=3)]
    pairs = itertools.product(countries, locations)
    rows = [
        f',"{country}","{location}","Plàce {location}","Place {location}",,"--3-----","RL","2007",,,\n'
        for country, location in itertools.islice(pairs, places)
    ]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "locode"
        shutil.copytree(PROJECT / "codelists" / "locode", folder)
        release = Path(temporary) / "world.csv"
        release.write_text("".join(rows), encoding="utf-8")
        write_release(read_release([release]), folder)
        start = time.perf_counter()
        load_list(folder / "list.yaml")
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--places", type=int, default=116_000)
    arguments = parser.parse_args()
    repeats = arguments.repeats
    folder = PROJECT / "codelists"
    CodeLists.load(folder)  # imports and the HS provider's first read are not the load's cost
    print(f"load, project lists: {median_seconds(lambda: CodeLists.load(folder), repeats) * 1000:.0f} ms")
    print(f"is_valid: {lookups_per_second(CodeLists.load(folder)):,.0f} look-ups/s")
    print(f"load, a synthetic release of {arguments.places:,} places: {whole_world(arguments.places):.1f} s")
    reference = next((path for path in REFERENCES if (path / "KZ.csv").is_file()), None)
    if reference is None:
        print("UN/LOCODE reference files absent: import not measured")
        return
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary) / "codelists"
        shutil.copytree(folder, copy)
        files = sorted(reference.glob("*.csv"))
        release = read_release(files)
        places = sum(len(found) for found in release.places.values())
        seconds = median_seconds(lambda: write_release(read_release(files), copy / "locode"), repeats)
        print(
            f"import-locode, {places} places of {len(release.places)} countries: {seconds * 1000:.0f} ms "
            "(median: files are rewritten only when they change)"
        )
        loading = median_seconds(lambda: CodeLists.load(copy), repeats)
        print(f"load, with the release imported: {loading * 1000:.0f} ms")
        print(
            f"is_valid, with the release imported: {lookups_per_second(CodeLists.load(copy)):,.0f} look-ups/s"
        )


if __name__ == "__main__":
    main()
