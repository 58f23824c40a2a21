"""CPU cost of the "stands alone" rule (`gateway.resolve.separation`), in process, A/B.

    PYTHONPATH=. .venv/bin/python plans/tools/separation_cost.py [--rounds 7]

Resolves the accuracy set's Cyrillic names (each from its place's country) over the project's lists with
the official release imported, with the rule and with it switched off, alternated (process CPU time,
median; one resolver, its memo off), and prints the quotient with/without.
"""

from __future__ import annotations

import argparse

from resolve_ab import alternated, cyrillic_names, official_source, patched, resolving_cpu

from gateway.glossary import Glossary
from gateway.resolve import Resolver, separation
from gateway.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    settings = Settings()
    resolver = Resolver(official_source(settings), Glossary.load(settings.glossary_dir), memo_size=0)
    names = cyrillic_names()
    resolving_cpu(resolver.resolve, names)  # catalogs built before timing

    def without() -> float:
        with patched(separation, "DISTANCE_RATIO", -1.0):
            return resolving_cpu(resolver.resolve, names)

    medians = alternated({"with": lambda: resolving_cpu(resolver.resolve, names), "without": without}, rounds)
    per_name = {side: seconds / len(names) * 1e6 for side, seconds in medians.items()}
    print(f"{len(names)} names: with {per_name['with']:.0f} us, without {per_name['without']:.0f} us a name;")
    print(f"with/without {medians['with'] / medians['without']:.3f}")


if __name__ == "__main__":
    main()
