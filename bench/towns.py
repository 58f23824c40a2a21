"""What China's towns cost: `PYTHONPATH=. .venv/bin/python bench/towns.py [--repeats N]`.

Prints, in one process, CPU time (median of N) and the memory that stays allocated (tracemalloc, one
run apart), with and without the `cn-township` list:
1. loading the project's code lists (`CodeLists.load`, what every process does at start; and again in
   the same process, where unchanged files are not parsed again: `codelists.table.READ_MEMO`);
2. building the place catalog with the official UN/LOCODE release imported (what the first place name
   resolved in a process pays), whose town join is `gateway.resolve.towns`;
and how many names of their own the towns give, and how many county names qualify towns.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from names import code_lists

from gateway.codelists import CodeLists, table
from gateway.glossary import Glossary
from gateway.resolve.catalog import TOWNSHIPS, CodeEntry, build_catalog
from gateway.settings import Settings


class WithoutTowns:
    """The same code lists, without the township list."""

    def __init__(self, lists: CodeLists) -> None:
        self.lists = lists

    def entries(self, kind: str) -> Iterable[CodeEntry]:
        return () if kind == TOWNSHIPS else self.lists.entries(kind)


def cpu_ms(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        work()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def kept_mb(work: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    kept = work()
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    settings = Settings()
    glossary = Glossary.load(settings.glossary_dir)
    with tempfile.TemporaryDirectory() as scratch:
        without = Path(scratch) / "without"
        shutil.copytree(settings.codelists_dir, without)
        shutil.rmtree(without / TOWNSHIPS)
        print("# code lists loaded (CodeLists.load)      CPU ms   kept MB  again, CPU ms")
        for label, folder in (("without cn-township", without), ("with cn-township", settings.codelists_dir)):
            again = lambda folder=folder: CodeLists.load(folder).load_all()  # noqa: E731
            first = lambda again=again: (table._read.clear(), again())[1]  # noqa: E731
            once, repeated = cpu_ms(first, repeats), cpu_ms(again, repeats)
            print(f"{label:40} {once:8.0f} {kept_mb(first):9.1f} {repeated:14.0f}")
        lists, _ = code_lists(settings, False, Path(scratch))
        assert isinstance(lists, CodeLists)
        print("# place catalog, official UN/LOCODE       CPU ms   kept MB  own names  counties")
        for label, source in (("without towns", WithoutTowns(lists)), ("with towns", lists)):
            build = lambda source=source: build_catalog("place", source, glossary)  # noqa: E731
            towns = build().towns
            print(
                f"{label:40} {cpu_ms(build, repeats):8.0f} {kept_mb(build):9.1f} {len(towns.named):10,}"
                f" {len(towns.within):9,}"
            )


if __name__ == "__main__":
    main()
