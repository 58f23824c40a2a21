"""CPU cost of the conventional reading (gateway/resolve/conventional.py) on the accuracy set's names.

    PYTHONPATH=. .venv/bin/python plans/tools/conventional_cost.py [--rounds 5]

Prints (1) the reading alone per name (conventional_readings + the Latin keys of the extra keys), and (2)
an in-process A/B: two resolvers over the same code lists, one with the reading and one without,
resolving the set's Cyrillic names in alternate order each round (process CPU time, median).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import names as bench_names  # bench/ is not a package: on the path above

from gateway.glossary import Glossary
from gateway.resolve import Resolver, keys
from gateway.resolve.conventional import conventional_readings
from gateway.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        source, _ = bench_names.code_lists(settings, False, Path(scratch))
    with (bench_names.ACCURACY / "places.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["script"] == "Cyrl"]
    print(f"{len(rows)} Cyrillic names")
    reading_alone(rows)
    glossary = Glossary.load(settings.glossary_dir)
    with_it, without = Resolver(source, glossary), Resolver(source, glossary)
    for resolver in (with_it, without):  # catalogs built before timing
        resolver.resolve("Алматы", "place", "KZ")
    keyed = [row for row in rows if conventional_readings(row["native"], None, row["country"])]
    compare(with_it, without, rows, rounds, "all Cyrillic names")
    compare(with_it, without, keyed, rounds * 3, "names with the extra key")


def compare(with_it: Resolver, without: Resolver, rows: list[dict[str, str]], rounds: int, what: str) -> None:
    """Print the median CPU of resolving `rows` with and without the reading, alternated."""
    timings: dict[str, list[float]] = {"with": [], "without": []}
    for number in range(rounds):
        order = [("with", with_it), ("without", without)]
        for name, resolver in order if number % 2 == 0 else order[::-1]:
            timings[name].append(timed(resolver, rows, name == "without"))
    with_cpu, without_cpu = (statistics.median(timings[name]) for name in ("with", "without"))
    per_name = (with_cpu - without_cpu) / len(rows) * 1e6
    print(
        f"{what}: median CPU with {with_cpu:.3f} s, without {without_cpu:.3f} s, "
        f"with/without {with_cpu / without_cpu:.3f}, {per_name:+.0f} us per name"
    )


def reading_alone(rows: list[dict[str, str]]) -> None:
    """CPU per name of the reading and, where it gives one, the extra key's Latin form."""
    start = time.process_time()
    read = 0
    for _ in range(20):
        for row in rows:
            conventional = conventional_readings(row["native"], None, row["country"])
            read += bool(conventional)
            for reading in conventional:
                keys.latin_keys(keys.russian_reading(reading), "ru", row["country"])
    spent = (time.process_time() - start) / 20
    print(
        f"reading alone: {spent / len(rows) * 1e6:.1f} us per name; "
        f"{read // 20} of {len(rows)} names get the extra key"
    )


def timed(resolver: Resolver, rows: list[dict[str, str]], off: bool) -> float:
    """Process CPU time to resolve every row with a fresh memo, the reading switched off if `off`."""
    resolver._recent = type(resolver._recent)(resolver.memo_size)  # a cold memo each round
    real = keys.conventional_readings
    keys.conventional_readings = (lambda *_: []) if off else real  # type: ignore[assignment]
    try:
        start = time.process_time()
        for row in rows:
            resolver.resolve(row["native"], "place", row["country"])
        return time.process_time() - start
    finally:
        keys.conventional_readings = real


if __name__ == "__main__":
    main()
