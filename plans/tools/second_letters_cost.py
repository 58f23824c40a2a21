"""CPU cost of the second conventional key (Uzbek ў read as о: conventional.SECOND_LETTERS).

    PYTHONPATH=. .venv/bin/python plans/tools/second_letters_cost.py [--rounds 21]

The accuracy set has no Uzbek name with ў, so this resolves real Uzbek names with ў (places of Uzbekistan
and its neighbours, with and without a UN/LOCODE) from an Uzbek document, over the project's lists with
the official release imported, with and without the second key, alternated (process CPU time, median;
one resolver, its memo off).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import names as bench_names  # bench/ is not a package: on the path above

from gateway.glossary import Glossary
from gateway.resolve import Resolver, conventional
from gateway.settings import Settings

NAMES = [
    "Қўқон",
    "Ўрганч",
    "Қўнғирот",
    "Ғўзор",
    "Тўрткўл",
    "Хўжаобод",
    "Бўстонлиқ",
    "Сўх",
    "Ўш",
    "Хўжанд",
    "Ўзган",
    "Кўлоб",
    "Қўрғонтепа",
    "Қўшкўпир",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=21)
    rounds = parser.parse_args().rounds
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        source, _ = bench_names.code_lists(settings, False, Path(scratch))
    resolver = Resolver(source, Glossary.load(settings.glossary_dir), memo_size=0)
    second = conventional.SECOND_LETTERS
    timings: dict[str, list[float]] = {"with": [], "without": []}
    timed(resolver)  # catalogs built before timing
    for number in range(rounds):
        order = [("with", second), ("without", {})]
        for name, letters in order if number % 2 == 0 else order[::-1]:
            conventional.SECOND_LETTERS = letters
            timings[name].append(timed(resolver))
    conventional.SECOND_LETTERS = second
    with_it, without = (statistics.median(timings[name]) for name in ("with", "without"))
    print(
        f"{len(NAMES)} Uzbek names with ў: median CPU with {with_it * 1e3:.1f} ms, without "
        f"{without * 1e3:.1f} ms, with/without {with_it / without:.3f}, "
        f"{(with_it - without) / len(NAMES) * 1e6:+.0f} us per name"
    )


def timed(resolver: Resolver) -> float:
    start = time.process_time()
    for name in NAMES:
        resolver.resolve(name, "place", "UZ")
    return time.process_time() - start


if __name__ == "__main__":
    main()
