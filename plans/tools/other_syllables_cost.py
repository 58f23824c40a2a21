"""CPU cost of the other-syllables rule (`scoring.other_syllables`, session 17), in process, A/B.

    PYTHONPATH=. .venv/bin/python plans/tools/other_syllables_cost.py [--rounds 7]

Resolves the accuracy set's Cyrillic names (each from its place's country) and 300 towns of China in
pinyin (township_walk's, from CN) over the project's lists with the official release imported, with the
rule and with it switched off, alternated (process CPU time, median; one resolver, its memo off), and
prints the quotient with/without.
"""

from __future__ import annotations

import argparse
import random

from pypinyin import lazy_pinyin
from resolve_ab import alternated, cyrillic_names, official_source, patched, resolving_cpu
from township_walk import towns

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve import resolver as resolver_module
from gateway.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    settings = Settings()
    resolver = Resolver(official_source(settings), Glossary.load(settings.glossary_dir), memo_size=0)
    pinyin = ["".join(lazy_pinyin(town)).capitalize() for town in random.Random(17).sample(towns(), 300)]
    names = [*cyrillic_names(), *((name, "CN") for name in pinyin)]
    resolving_cpu(resolver.resolve, names)  # catalogs built before timing

    def without() -> float:
        with patched(resolver_module, "other_syllables", lambda *_: False):
            return resolving_cpu(resolver.resolve, names)

    medians = alternated({"with": lambda: resolving_cpu(resolver.resolve, names), "without": without}, rounds)
    per_name = {side: seconds / len(names) * 1e6 for side, seconds in medians.items()}
    print(f"{len(names)} names: with {per_name['with']:.0f} us, without {per_name['without']:.0f} us a name;")
    print(f"with/without {medians['with'] / medians['without']:.3f}")


if __name__ == "__main__":
    main()
