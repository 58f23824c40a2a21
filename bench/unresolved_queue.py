"""What reading the unresolved queue costs now that it is read through the glossary in force:
`PYTHONPATH=. .venv/bin/python bench/unresolved_queue.py [--names N] [--rounds R]`.

A queue of N names (half party names with a legal form, half place names: made-up Kazakh-looking words,
none of them known, so each is resolved to the end; sent from KZ) is kept in the memory store; prints
the CPU milliseconds of reading all N (`OpenNames.of`) on a resolver over the project's code lists and
glossary whose catalogs are built: the first read under a glossary version and a read after it, median
of R rounds, each with a new resolver and the names made anew. Since session 13 a read checks at most
`CHECKS_PER_READ` names itself and the background check (`OpenNames.check`, `CHECKS_PER_TURN` names a
turn) the rest: its CPU for the whole queue is printed too, and the read after it. Runs on the session
13 start as well (`PYTHONPATH=/tmp/base13`: the read checks every name; no background check).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

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


def one_round(codelists: CodeLists, seed: int, number: int) -> tuple[float, float, float, float]:
    """CPU ms of the first read, a read again, the background check of the queue, a read after it."""
    resolver = resolver_from_settings(Settings(), codelists)
    for kind in ("party", "place"):
        resolver.catalog(kind, resolver.glossary()).warm()
    store = MemoryStore()
    store.record_unresolved(made_up(random.Random(seed), number))
    open_names = OpenNames(resolver)
    first, again = (
        _cpu(lambda: _read(open_names, store, number)),
        _cpu(lambda: _read(open_names, store, number)),
    )
    if not hasattr(open_names, "check"):  # the session 13 start: no background check
        return first, again, float("nan"), again
    checking = _cpu(lambda: _check_all(open_names, store))
    return first, again, checking, _cpu(lambda: _read(open_names, store, number))


def _read(open_names: Any, store: MemoryStore, number: int) -> None:
    read = store if hasattr(open_names, "check") else store.unresolved
    assert len(open_names.of(read, number)) == number  # none is known: all stay open


def _check_all(open_names: Any, store: MemoryStore) -> None:
    while open_names.check(store):
        pass


def _cpu(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return (time.process_time() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    codelists = CodeLists.load(Settings().codelists_dir)
    rounds = [one_round(codelists, seed, arguments.names) for seed in range(arguments.rounds)]
    first, again, checking, after = (statistics.median(r[n] for r in rounds) for n in range(4))
    names = arguments.names
    print(f"queue of {names} names, median of {arguments.rounds} rounds, CPU ms")
    print(f"  first read under a glossary version  {first:9.1f}  ({first / names:.2f} a name)")
    print(f"  read again                           {again:9.1f}  ({again / names:.3f} a name)")
    print(f"  background check of the whole queue  {checking:9.1f}  ({checking / names:.2f} a name)")
    print(f"  read after the background check      {after:9.1f}  ({after / names:.3f} a name)")


if __name__ == "__main__":
    main()
