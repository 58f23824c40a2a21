"""CPU cost of the second conventional key (Uzbek ў read as о: conventional.SECOND_LETTERS).

    PYTHONPATH=. .venv/bin/python plans/tools/second_letters_cost.py [--rounds 21]

The accuracy set has no Uzbek name with ў, so this resolves real Uzbek names with ў (places of Uzbekistan
and its neighbours, with and without a UN/LOCODE) from an Uzbek document, over the project's lists with
the official release imported, with and without the second key, alternated (process CPU time, median;
one resolver, its memo off).
"""

from __future__ import annotations

import argparse

from resolve_ab import alternated, official_source, patched, resolving_cpu

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
    resolver = Resolver(official_source(settings), Glossary.load(settings.glossary_dir), memo_size=0)
    uzbek = [(name, "UZ") for name in NAMES]
    resolving_cpu(resolver.resolve, uzbek)  # catalogs built before timing

    def timed(letters: dict[str, dict[str, str]]) -> float:
        with patched(conventional, "SECOND_LETTERS", letters):
            return resolving_cpu(resolver.resolve, uzbek)

    second = conventional.SECOND_LETTERS
    cpu = alternated({"with": lambda: timed(second), "without": lambda: timed({})}, rounds)
    with_it, without = cpu["with"], cpu["without"]
    print(
        f"{len(NAMES)} Uzbek names with ў: median CPU with {with_it * 1e3:.1f} ms, without "
        f"{without * 1e3:.1f} ms, with/without {with_it / without:.3f}, "
        f"{(with_it - without) / len(NAMES) * 1e6:+.0f} us per name"
    )


if __name__ == "__main__":
    main()
