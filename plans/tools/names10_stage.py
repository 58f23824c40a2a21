"""CPU of the names stage alone (NameResolution.apply_apart) on bench/ingest.py's manifest, memo warm.

Run from the project to measure (its folder first on the path), e.g. alternated A/B:
    PYTHONPATH=/tmp/base10 .venv/bin/python plans/tools/names10_stage.py --root /tmp/base10
    PYTHONPATH=$PWD .venv/bin/python plans/tools/names10_stage.py --root $PWD
Prints the median CPU milliseconds (this thread) of apply_apart over --count calls, and of the whole
normalize for reference. With --profile N, cProfile's top N functions of --count calls instead.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--profile", type=int, default=0)
    arguments = parser.parse_args()
    sys.path.insert(0, str(arguments.root))
    sys.path.insert(0, str(arguments.root / "bench"))
    from ingest import manifest  # noqa: PLC0415  (from the project measured)

    from gateway.normalize.pipeline import Normalizer  # noqa: PLC0415
    from gateway.settings import Settings  # noqa: PLC0415

    normalizer = Normalizer.from_settings(Settings())
    normalizer.warm()
    body = manifest()
    mapping = normalizer.registry.get("kz-eaeu-pi")
    resolution = normalizer.resolution
    assert resolution is not None
    coded = normalizer._name_codes(mapping)
    seen: list[bytes] = []
    apply_apart = resolution.apply_apart
    resolution.apply_apart = lambda xml, *rest: seen.append(xml) or apply_apart(xml, *rest)  # type: ignore[method-assign]
    normalizer.normalize(body, "kz-eaeu-pi")
    resolution.apply_apart = apply_apart  # type: ignore[method-assign]
    bare = seen[0]

    def stage() -> None:
        resolution.apply_apart(bare, mapping.country, coded)

    for _ in range(20):
        stage()
    if arguments.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(arguments.count):
            stage()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(arguments.profile)
        return
    names, whole = [], []
    for _ in range(arguments.count):
        start = time.thread_time()
        stage()
        names.append(time.thread_time() - start)
        start = time.thread_time()
        normalizer.normalize(body, "kz-eaeu-pi")
        whole.append(time.thread_time() - start)
    print(
        f"{arguments.root}: names stage {statistics.median(names) * 1000:.3f} ms, "
        f"normalize {statistics.median(whole) * 1000:.3f} ms (CPU medians of {arguments.count})"
    )


if __name__ == "__main__":
    main()
