"""What reading the unresolved queue costs now that it is read through the glossary in force:
`PYTHONPATH=. .venv/bin/python bench/unresolved_queue.py [--names N] [--rounds R]`.

A queue of N names (half party names with a legal form, half place names: made-up Kazakh-looking words,
none of them known, so each is resolved to the end) is kept in the memory store; prints the CPU
milliseconds of `OpenNames.of(store.unresolved, N)` on a resolver over the project's code lists and
glossary whose catalogs are built: the first read under a glossary version (every name resolved again)
and a read after it (answers kept per version), median of R rounds, each with a new resolver and the
names made anew.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, datetime

from gateway.codelists import CodeLists
from gateway.resolve.setup import resolver_from_settings
from gateway.resolve.unresolved import OpenNames
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from gateway.store.port import UnresolvedName

SYLLABLES = [
    "ақ",
    "бай",
    "жол",
    "қара",
    "тау",
    "сай",
    "көл",
    "тас",
    "кент",
    "бұлақ",
    "өзек",
    "шың",
    "дала",
    "құм",
    "мұнай",
    "сары",
    "ата",
    "бек",
    "нұр",
]


def made_up(rng: random.Random, number: int) -> list[UnresolvedName]:
    """`number` names no list or glossary knows, half parties and half places."""
    names = []
    for n in range(number):
        word = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        kind, text = ("party", f"ТОО «{word} Транзит»") if n % 2 else ("place", word)
        names.append(UnresolvedName(kind, f"{text} {n}", "kk", "Cyrl", "KZ", f"m-{n}", datetime.now(UTC)))
    return names


def one_round(codelists: CodeLists, seed: int, number: int) -> tuple[float, float]:
    resolver = resolver_from_settings(Settings(), codelists)
    for kind in ("party", "place"):
        resolver.catalog(kind, resolver.glossary()).warm()
    store = MemoryStore()
    store.record_unresolved(made_up(random.Random(seed), number))
    open_names = OpenNames(resolver)
    times = []
    for _ in range(2):
        started = time.process_time()
        assert len(open_names.of(store.unresolved, number)) == number
        times.append((time.process_time() - started) * 1000)
    return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    codelists = CodeLists.load(Settings().codelists_dir)
    rounds = [one_round(codelists, seed, arguments.names) for seed in range(arguments.rounds)]
    first = statistics.median(r[0] for r in rounds)
    again = statistics.median(r[1] for r in rounds)
    print(f"queue of {arguments.names} names, median of {arguments.rounds} rounds, CPU ms")
    print(f"  first read under a glossary version  {first:9.1f}  ({first / arguments.names:.2f} a name)")
    print(f"  read again                           {again:9.1f}  ({again / arguments.names:.3f} a name)")


if __name__ == "__main__":
    main()
