"""CPU cost of the case endings made by harmony (gateway/resolve/case_endings.py) on the set's names.

    PYTHONPATH=. .venv/bin/python plans/tools/case_endings_cost.py [--rounds 5]

Prints (1) per word: `case_endings.read_off` against session 6's hand-made list read off any stem, and
(2) an in-process A/B: one resolver, its memo off, resolving the set's Cyrillic names with the one and
the other in alternate order each round (process CPU time, median), over all names and over the names
whose endings differ (the only ones whose forms change; the rest differ by (1) alone).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import names as bench_names  # bench/ is not a package: on the path above

from gateway.glossary import Glossary
from gateway.resolve import Resolver, inflection
from gateway.resolve.case_endings import read_off
from gateway.settings import Settings

SESSION6_LIST = (
    "ға ге қа ке на не да де та те нда нде дан ден тан тен нан нен ның нің дың дің тың тің ны ні ды ді ты"
    " ті мен бен пен га го гө ка ко кө до дө то тө дон дөн тон төн нын нин нун нүн дын дин дун дүн тын тин"
    " тун түн нинг ни аас ээс оос өөс руу рүү"
)
"""The endings inflection.py listed by hand in session 6."""
SESSION6 = sorted(set(SESSION6_LIST.split()), key=lambda ending: (-len(ending), ending))
ReadOff = Callable[[str, int], list[tuple[str, str]]]


def session6_read_off(word: str, min_stem: int) -> list[tuple[str, str]]:
    """Session 6's reading: every listed ending after any stem."""
    lower = word.lower()
    return [(word[: -len(e)], e) for e in SESSION6 if lower.endswith(e) and len(word) - len(e) >= min_stem]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        source, _ = bench_names.code_lists(settings, False, Path(scratch))
    with (bench_names.ACCURACY / "places.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["script"] == "Cyrl"]
    words = [row["native"].split()[-1] for row in rows]
    for name, reader in (("harmony", read_off), ("session 6", session6_read_off)):
        start = time.process_time()
        for _ in range(50):
            for word in words:
                reader(word, 2)
        print(
            f"read_off alone, {name}: {(time.process_time() - start) / 50 / len(words) * 1e6:.1f} us a word"
        )
    resolver = Resolver(source, Glossary.load(settings.glossary_dir), memo_size=0)
    timed(resolver, rows, read_off)  # catalogs, readings and towns built before timing
    changed = [row for row in rows if read_off(last(row), 2) != session6_read_off(last(row), 2)]
    compare(resolver, rows, rounds, "Cyrillic names")
    compare(resolver, changed, rounds * 3, "names whose endings differ")


def last(row: dict[str, str]) -> str:
    return row["native"].split()[-1]


def compare(resolver: Resolver, rows: list[dict[str, str]], rounds: int, what: str) -> None:
    """Print the median CPU of resolving `rows` with either reading, alternated."""
    timings: dict[str, list[float]] = {"harmony": [], "session 6": []}
    for number in range(rounds):
        order = [("harmony", read_off), ("session 6", session6_read_off)]
        for name, reader in order if number % 2 == 0 else order[::-1]:
            timings[name].append(timed(resolver, rows, reader))
    new, old = (statistics.median(timings[name]) for name in ("harmony", "session 6"))
    print(
        f"{len(rows)} {what}: median CPU harmony {new:.3f} s, session 6 {old:.3f} s, "
        f"harmony/session 6 {new / old:.3f}, {(new - old) / len(rows) * 1e6:+.0f} us per name"
    )


def timed(resolver: Resolver, rows: list[dict[str, str]], reader: ReadOff) -> float:
    """Process CPU time to resolve every row with `reader` as the inflection's case endings."""
    real = inflection.read_off
    inflection.read_off = reader  # type: ignore[assignment]
    try:
        start = time.process_time()
        for row in rows:
            resolver.resolve(row["native"], "place", row["country"])
        return time.process_time() - start
    finally:
        inflection.read_off = real


if __name__ == "__main__":
    main()
