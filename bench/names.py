"""Measure name resolution: `PYTHONPATH=. .venv/bin/python bench/names.py [--seconds S] [--skip-index]`.

Prints
1. top-1 accuracy on real place names in native scripts (bench/accuracy/places.csv, from GeoNames, with
   codes from the official UN/LOCODE release; built by bench/accuracy/make_places.py), per script and
   language and for all Cyrillic and all Chinese names (goals: 97 % and 90 %);
2. the share of real company names (bench/accuracy/companies.csv, authored for the project) whose
   English form is their official Latin form;
3. transliterations per second per scheme (gateway.names.speed);
4. the fuzzy index's latency table for 10k, 100k and 1M entries (bench/names_index.py, branch `index`).

The resolver gets the project's glossary and code lists, with the official UN/LOCODE release imported
into a temporary copy of them (what `gateway codelists import-locode` does in a deployment), or with
`--official-only` the official UN/LOCODE names alone (Latin, without the project's aliases). It never
loads GeoNames.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gateway.codelists import CodeLists
from gateway.codelists.locode import read_release
from gateway.codelists.locode_files import write_release
from gateway.glossary import Glossary
from gateway.names.speed import measurements
from gateway.resolve import Resolver
from gateway.resolve.catalog import CodeListSource
from gateway.resolve.keys import ascii_key
from gateway.settings import Settings

HERE = Path(__file__).parent
ACCURACY = HERE / "accuracy"
UNLOCODE = next(
    (
        folder / "shared" / "reference" / "unlocode"
        for folder in HERE.parents
        if (folder / "shared" / "reference").is_dir()
    ),
    HERE.parent.parent / "shared" / "reference" / "unlocode",
)
CHINESE = ("Hans", "Hant", "Hani")


@dataclass(frozen=True)
class _Entry:
    code: str
    names: Mapping[str, str]
    aliases: tuple[()] = ()
    attributes: Mapping[str, str] = field(default_factory=dict)


class OfficialUnlocode:
    """UN/LOCODE entries of the official release: the Latin names and nothing else."""

    def __init__(self, folder: Path) -> None:
        self.places: list[_Entry] = []
        for path in sorted(folder.glob("*.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.reader(handle):
                    if row[2]:
                        self.places.append(_Entry(row[1] + row[2], {"en": row[3]}, (), {"country": row[1]}))

    def entries(self, kind: str) -> Iterable[_Entry]:
        return self.places if kind == "locode" else ()


def code_lists(settings: Settings, official_only: bool, scratch: Path) -> tuple[CodeListSource, str]:
    """The project's code lists with the official release imported (in `scratch`), or the release alone."""
    if official_only:
        return OfficialUnlocode(UNLOCODE), f"official UN/LOCODE names only ({UNLOCODE})"
    folder = scratch / "codelists"
    shutil.copytree(settings.codelists_dir, folder)
    write_release(read_release(sorted(UNLOCODE.glob("*.csv"))), folder / "locode")
    return CodeLists.load(folder), "the project's code lists with the official UN/LOCODE release imported"


def place_accuracy(resolver: Resolver) -> None:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[str] = []
    with (ACCURACY / "places.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            result = resolver.resolve(row["native"], "place")
            correct = result.code in row["accepted_codes"].split()
            family = "Chinese" if row["script"] in CHINESE else "Cyrillic"
            for group in (f"{row['script']} {row['language']}", f"all {family}"):
                totals[group][0] += correct
                totals[group][1] += 1
            if not correct and len(failures) < 12:
                failures.append(
                    f"  {row['native']} ({row['language']}): {result.code} by {result.method}, "
                    f"expected {row['locode']} {row['official_latin']}"
                )
    print(f"{'group':24} {'names':>6} {'top-1':>7}")
    for group in sorted(totals, key=lambda name: (name.startswith("all"), name)):
        right, count = totals[group]
        print(f"{group:24} {count:>6} {right / count:>7.1%}")
    print("some misses:", *failures, sep="\n")


def company_accuracy(resolver: Resolver) -> None:
    right = count = 0
    with (ACCURACY / "companies.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            result = resolver.resolve(row["native"], "party", row["country"])
            count += 1
            match = ascii_key(result.english or "") == ascii_key(row["official_latin"])
            right += match
            mark = "ok  " if match else "miss"
            print(f"  {mark} {row['native']}: {result.english} (official: {row['official_latin']})")
    print(f"companies: {right}/{count} = {right / count:.1%} English forms equal to the official Latin form")


def index_report(skip: bool) -> None:
    path = HERE / "names_index.py"
    if skip or not path.is_file():
        print(
            "fuzzy index latency: "
            + ("skipped" if skip else "bench/names_index.py not present (branch index)")
        )
        return
    spec = importlib.util.spec_from_file_location("names_index", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.report()


def main(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=0.5, help="per transliteration measurement")
    parser.add_argument("--skip-index", action="store_true", help="leave out the 1M-entry index table")
    parser.add_argument("--official-only", action="store_true", help="places: official UN/LOCODE names only")
    options = parser.parse_args(arguments)
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        source, described = code_lists(settings, options.official_only, Path(scratch))
    resolver = Resolver(source, Glossary.load(settings.glossary_dir), settings.resolve_threshold)
    print(f"# place names, code list: {described}; threshold {settings.resolve_threshold}")
    started = time.perf_counter()
    place_accuracy(resolver)
    print(f"({time.perf_counter() - started:.1f} s)\n\n# companies")
    company_accuracy(resolver)
    print("\n# transliterations per second, one thread")
    for what, rate in measurements(options.seconds):
        print(f"{what:32} {rate:>12,.0f}")
    print()
    index_report(options.skip_index)


if __name__ == "__main__":
    main(sys.argv[1:])
