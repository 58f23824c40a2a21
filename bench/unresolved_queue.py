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

`--checkers 1,2` prints instead what the background check of N names queued before a glossary change
costs the processes of `gateway serve --workers K` sharing one SQLite store: K checker processes, each
with its own resolver (catalogs built before the clock starts), run `OpenNames.check` until it finds
nothing to check, at once; the CPU milliseconds of all of them added up, and how many names each
checked (since session 14 they claim their names in the store and split the queue; before, each checked
every name: the figure with 2 was ~2x the figure with 1). Runs on the session 14 start as well.

`--versions K` prints instead what the background check costs per glossary version for a long queue of
N names of which most were seen once (`--once 0.9`: the share seen once; the others 2-20 times), in one
SQLite store, one checker (its resolver's catalogs built first): the glossary in force changes K times
(the project's glossary under another version name), and after each change `OpenNames.check` runs until
it finds nothing to check; the CPU milliseconds and names checked per version, then the CPU of one
turn that finds nothing (what a serving process spends every GATEWAY_GLOSSARY_CHECK_SECONDS after).
Since session 15 the check stops at the first `--within` names (GATEWAY_UNRESOLVED_CHECKS_PER_VERSION,
its default when not given); before, it checked every name each version. Runs on the session 15 start
as well (`PYTHONPATH=/tmp/base-queue15`: `--within` is ignored there).
"""

from __future__ import annotations

import argparse
import inspect
import multiprocessing
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from gateway.codelists import CodeLists
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.setup import resolver_from_settings
from gateway.resolve.unresolved import OpenNames
from gateway.settings import Settings
from gateway.store.database import make_engine, migrate, sqlite_url
from gateway.store.memory import MemoryStore
from gateway.store.port import UnresolvedName
from gateway.store.sql import SqlStore

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


def made_up(rng: random.Random, number: int, version: str | None = None) -> list[UnresolvedName]:
    """`number` names no list or glossary knows, half parties and half places (guesses under glossary
    `version`)."""
    names = []
    for n in range(number):
        word = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        kind, text = ("party", f"ТОО «{word} Транзит»") if n % 2 else ("place", word)
        seen = datetime.now(UTC)
        names.append(UnresolvedName(kind, f"{text} {n}", "kk", "Cyrl", "KZ", f"m-{n}", seen, version))
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


def shared_check(codelists: CodeLists, seed: int, number: int, checkers: int) -> list[tuple[float, int]]:
    """CPU ms and names checked of each of `checkers` processes checking one SQLite store's queue of
    `number` names, checked last against a glossary version no longer in force, at once."""
    with tempfile.TemporaryDirectory() as folder:
        url = sqlite_url(Path(folder) / "gateway.sqlite3")
        engine = make_engine(url)
        migrate(engine)
        SqlStore(engine).record_unresolved(made_up(random.Random(seed), number, "before-the-change"))
        engine.dispose()
        context = multiprocessing.get_context("fork")
        start, results = context.Barrier(checkers), context.SimpleQueue()
        processes = [
            context.Process(target=_checker, args=(codelists, url, start, results)) for _ in range(checkers)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        return [results.get() for _ in processes]


def _checker(codelists: CodeLists, url: str, start: Barrier, results: Any) -> None:
    """One serving process's background check: its resolver warmed, then `check` until nothing is left."""
    resolver = resolver_from_settings(Settings(), codelists)
    for kind in ("party", "place"):
        resolver.catalog(kind, resolver.glossary()).warm()
    store, open_names = SqlStore(make_engine(url)), OpenNames(resolver)
    start.wait()
    started, checked = time.process_time(), 0
    while turn := open_names.check(store):
        checked += turn
    results.put(((time.process_time() - started) * 1000, checked))


def print_shared(codelists: CodeLists, number: int, rounds: int, counts: list[int]) -> None:
    """The figure of `--checkers`: rounds interleaved, K checkers after one another in each round."""
    totals: dict[int, list[float]] = {count: [] for count in counts}
    print(f"queue of {number} names after a glossary change, one SQLite store, CPU ms of all checkers")
    for seed in range(rounds):
        for count in counts:
            each = shared_check(codelists, seed, number, count)
            totals[count].append(sum(cpu for cpu, _ in each))
            split = ", ".join(f"{checked} names in {cpu:.0f}" for cpu, checked in each)
            print(f"  round {seed}: {count} checker(s)  {totals[count][-1]:9.1f}  ({split})")
    base = statistics.median(totals[counts[0]])
    for count in counts:
        median = statistics.median(totals[count])
        print(f"  {count} checker(s): median {median:9.1f}  ({median / base:.2f}x {counts[0]})")


def per_version(codelists: CodeLists, number: int, once: float, versions: int, within: int | None) -> None:
    """The figure of `--versions`: the background check's CPU after each of `versions` glossary changes."""
    settings = Settings()
    glossary = Glossary.load(settings.glossary_dir)
    in_force = [glossary]
    resolver = Resolver(
        codelists, lambda: in_force[0], settings.resolve_threshold, settings.resolve_memo_size
    )
    for kind in ("party", "place"):
        resolver.catalog(kind, glossary).warm()
    bounded = "checks_per_version" in inspect.signature(OpenNames).parameters
    options: dict[str, Any] = (
        {"checks_per_version": within or settings.unresolved_checks_per_version} if bounded else {}
    )
    open_names = OpenNames(resolver, **options)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(sqlite_url(Path(folder) / "gateway.sqlite3"))
        migrate(engine)
        store = SqlStore(engine)
        store.record_unresolved(_seen(made_up(random.Random(0), number, "before"), once))
        print(f"queue of {number} names ({once:.0%} seen once), one SQLite store, one checker, CPU ms")
        print(f"  bound per version: {options.get('checks_per_version', 'none (every name)')}")
        for version in range(versions):
            in_force[0] = Glossary(glossary.entries, f"version-{version}")
            cpu, checked = _check_counting(open_names, store)
            print(f"  glossary version {version}: {checked:6d} names checked in {cpu:9.1f}")
        idle = statistics.median(_cpu(lambda: open_names.check(store)) for _ in range(20))
        print(f"  a turn with nothing to check (median of 20): {idle:.2f}")
        engine.dispose()


def _seen(names: list[UnresolvedName], once: float) -> list[UnresolvedName]:
    """Each name sighted once, and the first (1 - `once`) share of them again, 1 to 19 more times."""
    rng, again = random.Random(1), int(len(names) * (1 - once))
    return names + [name for name in names[:again] for _ in range(rng.randint(1, 19))]


def _check_counting(open_names: Any, store: SqlStore) -> tuple[float, int]:
    """CPU ms and names checked of the background check's turns until one finds nothing to check."""
    started, checked = time.process_time(), 0
    while turn := open_names.check(store):
        checked += turn
    return (time.process_time() - started) * 1000, checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--checkers", help="e.g. 1,2: the shared background check's CPU instead")
    parser.add_argument("--versions", type=int, help="the background check's CPU per glossary version")
    parser.add_argument("--once", type=float, default=0.9, help="with --versions: share seen once")
    parser.add_argument("--within", type=int, help="with --versions: the bound (default: the setting's)")
    arguments = parser.parse_args()
    codelists = CodeLists.load(Settings().codelists_dir)
    if arguments.versions:
        per_version(codelists, arguments.names, arguments.once, arguments.versions, arguments.within)
        return
    if arguments.checkers:
        counts = [int(count) for count in arguments.checkers.split(",")]
        print_shared(codelists, arguments.names, arguments.rounds, counts)
        return
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
