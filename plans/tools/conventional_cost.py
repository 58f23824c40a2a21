"""CPU cost of the conventional reading (gateway/resolve/conventional.py) on the accuracy set's names.

    PYTHONPATH=. .venv/bin/python plans/tools/conventional_cost.py [--rounds 5]

Prints (1) the reading alone per name (conventional_readings + the Latin keys of the extra keys), and (2)
an in-process A/B: two resolvers over the same code lists, one with the reading and one without,
resolving the set's Cyrillic names in alternate order each round (process CPU time, median).
"""

from __future__ import annotations

import argparse
import time

from resolve_ab import Named, alternated, cyrillic_names, official_source, patched, resolving_cpu

from gateway.glossary import Glossary
from gateway.resolve import Resolver, keys
from gateway.resolve.conventional import conventional_readings
from gateway.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    settings = Settings()
    source = official_source(settings)
    names = cyrillic_names()
    print(f"{len(names)} Cyrillic names")
    reading_alone(names)
    glossary = Glossary.load(settings.glossary_dir)
    with_it, without = Resolver(source, glossary), Resolver(source, glossary)
    for resolver in (with_it, without):  # catalogs built before timing
        resolver.resolve("Алматы", "place", "KZ")
    keyed = [(name, country) for name, country in names if conventional_readings(name, None, country)]
    compare(with_it, without, names, rounds, "all Cyrillic names")
    compare(with_it, without, keyed, rounds * 3, "names with the extra key")


def compare(with_it: Resolver, without: Resolver, names: list[Named], rounds: int, what: str) -> None:
    """Print the median CPU of resolving `names` with and without the reading, alternated."""
    cpu = alternated(
        {"with": lambda: timed(with_it, names, False), "without": lambda: timed(without, names, True)}, rounds
    )
    per_name = (cpu["with"] - cpu["without"]) / len(names) * 1e6
    print(
        f"{what}: median CPU with {cpu['with']:.3f} s, without {cpu['without']:.3f} s, "
        f"with/without {cpu['with'] / cpu['without']:.3f}, {per_name:+.0f} us per name"
    )


def reading_alone(names: list[Named]) -> None:
    """CPU per name of the reading and, where it gives one, the extra key's Latin form."""
    start = time.process_time()
    read = 0
    for _ in range(20):
        for name, country in names:
            conventional = conventional_readings(name, None, country)
            read += bool(conventional)
            for reading in conventional:
                keys.latin_keys(keys.russian_reading(reading), "ru", country)
    spent = (time.process_time() - start) / 20
    print(
        f"reading alone: {spent / len(names) * 1e6:.1f} us per name; "
        f"{read // 20} of {len(names)} names get the extra key"
    )


def timed(resolver: Resolver, names: list[Named], off: bool) -> float:
    """Process CPU time to resolve every name with a fresh memo, the reading switched off if `off`."""
    resolver._recent = type(resolver._recent)(resolver.memo_size)  # a cold memo each round
    with patched(keys, "conventional_readings", (lambda *_: []) if off else conventional_readings):
        return resolving_cpu(resolver.resolve, names)


if __name__ == "__main__":
    main()
