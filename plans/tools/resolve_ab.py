"""What the resolver's in-process cost A/Bs (plans/tools/*_cost.py) share: the code lists they resolve
over, the accuracy set's Cyrillic names, the CPU of resolving names, a module attribute swapped for one
side, and the two sides alternated round by round (process CPU time, median of each side).

The scripts import this from their own folder (`python plans/tools/X_cost.py` puts it on the path).
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import names as bench_names  # bench/ is not a package: on the path above

from gateway.resolve.catalog import CodeListSource
from gateway.settings import Settings

Named = tuple[str, str | None]
"""A place name and the sender's country it is resolved for."""


def official_source(settings: Settings) -> CodeListSource:
    """The project's code lists with the official UN/LOCODE release imported, as bench/names.py reads
    them (every list read before the scratch copy goes)."""
    with tempfile.TemporaryDirectory() as scratch:
        source, _ = bench_names.code_lists(settings, False, Path(scratch))
    return source


def cyrillic_names() -> list[Named]:
    """The accuracy set's Cyrillic names, each with its place's country as the sender's."""
    with (bench_names.ACCURACY / "places.csv").open(encoding="utf-8") as handle:
        return [(row["native"], row["country"]) for row in csv.DictReader(handle) if row["script"] == "Cyrl"]


def resolving_cpu(resolve: Callable[[str, str, str | None], object], names: Sequence[Named]) -> float:
    """Process CPU seconds to resolve every name as a place with `resolve` (a `Resolver.resolve`)."""
    start = time.process_time()
    for name, country in names:
        resolve(name, "place", country)
    return time.process_time() - start


@contextmanager
def patched(owner: object, attribute: str, value: object) -> Iterator[None]:
    """`owner.attribute` set to `value` for the block, restored after it."""
    real = getattr(owner, attribute)
    setattr(owner, attribute, value)
    try:
        yield
    finally:
        setattr(owner, attribute, real)


def alternated(sides: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """The median of each side's measure over `rounds`, the sides taken in turn, the order reversed every
    other round (so that neither side always runs on a warmer or a busier machine)."""
    timings: dict[str, list[float]] = {name: [] for name in sides}
    order = list(sides.items())
    for number in range(rounds):
        for name, measure in order if number % 2 == 0 else order[::-1]:
            timings[name].append(measure())
    return {name: statistics.median(values) for name, values in timings.items()}
