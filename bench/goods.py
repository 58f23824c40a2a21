"""What resolving goods descriptions costs the pipeline, measured in one process (CPU time, medians).

Two normalizers over the project's settings, one whose resolution stage reads goods descriptions and
one whose stage skips them (as before they were read), run alternately, their order swapped every
round, over bench/normalize.py's document of --items goods items (every description distinct). Prints
the milliseconds of each side: with the descriptions seen before (the resolver's results kept, as when
the same goods recur), and with them never seen (the kept results cleared before each run), and the
microseconds per goods item that the descriptions add.

    .venv/bin/python bench/goods.py [FORMAT ...] [--items 2000] [--rounds 9]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

from normalize import ROOT, SCALERS  # noqa: E402  (after the path is set)

import gateway.resolve.stage as stage_module  # noqa: E402
from gateway.normalize.pipeline import Normalizer  # noqa: E402
from gateway.settings import Settings  # noqa: E402


def without_goods() -> Normalizer:
    """A normalizer whose resolution stage walks no goods item (the classes that hold only names)."""
    normalizer = Normalizer.from_settings(Settings())
    assert normalizer.resolution is not None
    kept = stage_module.NAME_ELEMENTS
    stage_module.NAME_ELEMENTS = {key: use for key, use in kept.items() if use[0] != "goods"}
    try:  # the walk skips goods items: no class below them holds a name
        normalizer.resolution._holding = stage_module._classes_holding_names(normalizer.model)
    finally:
        stage_module.NAME_ELEMENTS = kept
    return normalizer


def cpu_ms(function: Callable[[], object]) -> float:
    start = time.thread_time()
    function()
    return (time.thread_time() - start) * 1000


def measure(name: str, items: int, rounds: int) -> None:
    goods, plain = Normalizer.from_settings(Settings()), without_goods()
    assert goods.resolution is not None
    mapping = goods.registry.get(name)
    example = sorted((ROOT / "examples").glob(f"{name}*"))[0]
    data, count = SCALERS[mapping.syntax](mapping, example, items)
    runs: dict[str, list[float]] = {"seen": [], "unseen": [], "before": []}
    goods.normalize(data)
    for round_number in range(rounds):
        order = [("seen", goods), ("before", plain)]
        for side, normalizer in order if round_number % 2 else order[::-1]:
            runs[side].append(cpu_ms(partial(normalizer.normalize, data)))
        goods.resolution.goods._recent.clear()  # every description unseen in the next run
        runs["unseen"].append(cpu_ms(partial(goods.normalize, data)))
    warm, fresh, base = (statistics.median(runs[side]) for side in ("seen", "unseen", "before"))
    print(
        f"{name:<22}{count:>6}{base:>12.1f}{warm:>12.1f}{fresh:>12.1f}"
        f"{(warm - base) / count * 1000:>14.1f}{(fresh - base) / count * 1000:>14.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("formats", nargs="*", default=["kz-eaeu-pi", "cn-gacc-manifest"])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=9)
    arguments = parser.parse_args()
    print(
        f"{'format':<22}{'items':>6}{'before ms':>12}{'seen ms':>12}{'unseen ms':>12}"
        f"{'us/item seen':>14}{'unseen':>14}"
    )
    for name in arguments.formats:
        measure(name, arguments.items, arguments.rounds)


if __name__ == "__main__":
    main()
