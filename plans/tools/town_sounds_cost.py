"""What towns by sound cost (gateway/resolve/town_sounds.py), and how many towns keep a key.

    PYTHONPATH=. .venv/bin/python plans/tools/town_sounds_cost.py [--rounds 7]

Prints, with the official UN/LOCODE release imported (as bench/names.py reads the lists):
1. the towns: rows of cn-township, towns that name a place (their county joined to one), and those of
   them that keep at least one key of their own (unique among all rows, no key of a division or
   place); the keys;
2. building the keys: process CPU (median of `--rounds` fresh builds) and the memory they keep
   (tracemalloc), beside building the towns themselves;
3. per name, an in-process A/B: one resolver, its memo off, resolving the accuracy set's Cyrillic names
   with the sound lookup and without it (`resolver._town_by_sound` swapped for one that finds nothing),
   alternated round by round (process CPU, median).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable

from resolve_ab import alternated, cyrillic_names, official_source, patched, resolving_cpu

from gateway.glossary import Glossary
from gateway.resolve import Resolver, town_sounds
from gateway.resolve import resolver as resolver_module
from gateway.resolve.catalog import TOWNSHIPS, build_catalog
from gateway.settings import Settings


def cpu_ms(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        work()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    settings = Settings()
    source = official_source(settings)
    glossary = Glossary.load(settings.glossary_dir)
    catalog = build_catalog("place", source, glossary)
    towns = catalog.towns
    index = towns.sounds.get()
    joined = {id(town): town for town in towns.named.values()}
    joined |= {id(town): town for inner in towns.within.values() for town in inner.values()}
    counts = index.keys.counts()  # keys by number: a town's, NO_TOWN or TAKEN (session 11: packed)
    print(f"cn-township rows: {sum(1 for _ in source.entries(TOWNSHIPS))}")
    print(f"towns that name a place: {len({town.code for town in joined.values()})}")
    own = sum(n for number, n in counts.items() if number >= 0)
    print(f"towns with a key of their own: {len(index.towns)} ({own} keys)")
    nameless = counts.get(town_sounds.NO_TOWN, 0)
    print(f"keys that name no town (shared, or of a town of no place): {nameless}")
    print(f"keys of divisions and places: {counts.get(town_sounds.TAKEN, 0)}")
    fresh = lambda: build_catalog("place", source, glossary).towns  # noqa: E731
    print(f"the place catalog and its towns: {cpu_ms(fresh, rounds):.0f} ms CPU")
    keys = lambda: fresh().sounds.get()  # noqa: E731, PLW0108  # a fresh catalog each round
    print(f"with the towns' keys: {cpu_ms(keys, rounds):.0f} ms CPU")
    for what, build in (("the catalog and towns", fresh), ("with the keys", lambda: fresh().sounds)):
        gc.collect()
        tracemalloc.start()
        kept = build()
        if what == "with the keys":
            kept.get()
        print(f"{what} keep {tracemalloc.get_traced_memory()[0] / 1e6:.1f} MB")
        tracemalloc.stop()
        del kept
    names = cyrillic_names()
    resolver = Resolver(source, glossary, memo_size=0)
    resolving_cpu(resolver.resolve, names)  # catalogs, readings and town keys built before timing
    nothing = lambda *arguments: None  # noqa: E731

    def without() -> float:
        with patched(resolver_module, "_town_by_sound", nothing):
            return resolving_cpu(resolver.resolve, names)

    sides = {"with": lambda: resolving_cpu(resolver.resolve, names), "without": without}
    medians = alternated(sides, rounds)
    each = {side: seconds / len(names) * 1e6 for side, seconds in medians.items()}
    print(
        f"{len(names)} Cyrillic names: with {each['with']:.0f} us a name, without {each['without']:.0f};"
        f" with/without {medians['with'] / medians['without']:.3f}"
    )
    town_sounds.cyrillic_readings.cache_clear()
    start = time.process_time()
    for name, _ in names:
        town_sounds.cyrillic_readings(name)
    print(f"reading a name as pinyin, uncached: {(time.process_time() - start) / len(names) * 1e6:.0f} us")


if __name__ == "__main__":
    main()
