"""Measure name resolution: `PYTHONPATH=. .venv/bin/python bench/names.py [--skip-index] [--no-country]`.

Prints
1. top-1 accuracy on real place names in native scripts (bench/accuracy/places.csv, from GeoNames, with
   codes from the official UN/LOCODE release; built by bench/accuracy/make_places.py), per script and
   language and for all Cyrillic and all Chinese names (goals: 97 % and 90 %);
2. the share of real company names (bench/accuracy/companies.csv, authored for the project) whose
   English form is their official Latin form, and, resolved without their country, how many are read in
   a language of their country;
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
from gateway.names.language_profiles import COUNTRY_LANGUAGES
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
SWEEP = (0.75, 0.8, 0.85, 0.9, 0.95)


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
    lists = CodeLists.load(folder).load_all()  # read now: `scratch` is deleted before the lists are used
    return lists, "the project's code lists with the official UN/LOCODE release imported"


@dataclass(frozen=True)
class Outcome:
    """One name of the accuracy set, resolved with threshold 0: its groups, its best code and score."""

    groups: tuple[str, ...]
    exact: bool
    score: float
    correct: bool
    """Whether the best entry is the city's (a resolution at any threshold gives it or nothing)."""
    coded: bool


def place_outcomes(resolver: Resolver, with_country: bool = True) -> list[Outcome]:
    """Every name of the set, resolved once; thresholds are applied afterwards (`resolved_at`). The
    place's country is given as the sender's country (the prior a document gives), unless
    `with_country` is false."""
    outcomes = []
    with (ACCURACY / "places.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            result = resolver.resolve(row["native"], "place", row["country"] if with_country else None)
            family = "Chinese" if row["script"] in CHINESE else "Cyrillic"
            groups = (f"{row['script']} {row['language']}", f"all {family}")
            correct = result.code in row["accepted_codes"].split()
            exact = result.method in ("code-list", "glossary")
            outcomes.append(Outcome(groups, exact, result.score, correct, result.code is not None))
    return outcomes


def resolved_at(outcome: Outcome, threshold: float) -> tuple[bool, bool]:
    """(right code, wrong code) of a name at `threshold`."""
    given = outcome.coded and (outcome.exact or outcome.score >= threshold)
    return given and outcome.correct, given and not outcome.correct


def place_accuracy(outcomes: list[Outcome], threshold: float) -> None:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for outcome in outcomes:
        right, wrong = resolved_at(outcome, threshold)
        for group in outcome.groups:
            totals[group][0] += right
            totals[group][1] += wrong
            totals[group][2] += 1
    print(f"{'group':24} {'names':>6} {'top-1':>7} {'wrong code':>11}")
    for group in sorted(totals, key=lambda name: (name.startswith("all"), name)):
        right, wrong, count = totals[group]
        print(f"{group:24} {count:>6} {right / count:>7.1%} {wrong / count:>11.1%}")


def threshold_sweep(outcomes: list[Outcome]) -> None:
    """Top-1 accuracy and wrong codes given, for all Cyrillic and all Chinese names, per threshold."""
    print(f"{'threshold':>9} {'Cyrillic top-1':>15} {'wrong':>6} {'Chinese top-1':>14} {'wrong':>6}")
    for threshold in SWEEP:
        cells = []
        for family in ("all Cyrillic", "all Chinese"):
            mine = [resolved_at(outcome, threshold) for outcome in outcomes if family in outcome.groups]
            cells.append(sum(right for right, _ in mine) / len(mine))
            cells.append(sum(wrong for _, wrong in mine) / len(mine))
        print(f"{threshold:>9.2f} {cells[0]:>15.1%} {cells[1]:>6.1%} {cells[2]:>14.1%} {cells[3]:>6.1%}")


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


def company_languages_without_country(resolver: Resolver) -> None:
    """The companies resolved as `gateway resolve` without `--country` reads them: how many are read in a
    language of their own country (their legal form's country is the prior: ТОО, Kazakhstan), and how
    many English forms are then the official Latin form."""
    own = right = count = 0
    with (ACCURACY / "companies.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            result = resolver.resolve(row["native"], "party")
            spoken = {language for language, _ in COUNTRY_LANGUAGES.get(row["country"], ())}
            count += 1
            own += result.language.split("-")[0] in spoken
            right += ascii_key(result.english or "") == ascii_key(row["official_latin"])
    print(
        f"companies without their country: {own}/{count} read in a language of their country, "
        f"{right}/{count} English forms equal to the official Latin form"
    )


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
    parser.add_argument(
        "--no-country", action="store_true", help="places: resolve without the sender country"
    )
    options = parser.parse_args(arguments)
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        source, described = code_lists(settings, options.official_only, Path(scratch))
    glossary = Glossary.load(settings.glossary_dir)
    prior = "no sender country" if options.no_country else "the place's country as the sender's"
    print(f"# place names, code list: {described}; {prior}; threshold {settings.resolve_threshold}")
    started = time.perf_counter()
    outcomes = place_outcomes(Resolver(source, glossary, threshold=0.0), not options.no_country)
    place_accuracy(outcomes, settings.resolve_threshold)
    print(f"({len(outcomes)} names in {time.perf_counter() - started:.1f} s)\n\n# thresholds")
    threshold_sweep(outcomes)
    resolver = Resolver(source, glossary, settings.resolve_threshold)
    print("\n# companies")
    company_accuracy(resolver)
    company_languages_without_country(resolver)
    print("\n# transliterations per second, one thread")
    for what, rate in measurements(options.seconds):
        print(f"{what:32} {rate:>12,.0f}")
    print()
    index_report(options.skip_index)


if __name__ == "__main__":
    main(sys.argv[1:])
