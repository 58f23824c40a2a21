"""Measures the "stands alone" rule (`gateway.resolve.separation`) on the whole accuracy set, every script.

    PYTHONPATH=. .venv/bin/python plans/tools/separation.py [--no-country]

For the rule off and each (floor, distance ratio), resolves every name of bench/accuracy/places.csv as
bench/names.py does (threshold 0, the place's country as the sender's unless --no-country) and prints
bench/names.py's threshold sweep, then how many names the rule made right and wrong against the rule
off, per script family (the names themselves are not printed: classes, never rows, are what to study).
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter

from resolve_ab import bench_names, official_source, patched

from gateway.glossary import Glossary
from gateway.resolve import Resolver, separation
from gateway.settings import Settings

FLOORS = (0.7, 0.75, 0.8)
RATIOS = (0.6, 0.7, 0.8, 0.9)


def outcomes(source: object, glossary: Glossary, with_country: bool) -> list[bench_names.Outcome]:
    return bench_names.place_outcomes(Resolver(source, glossary, threshold=0.0), with_country)  # type: ignore[arg-type]


def sweep(found: list[bench_names.Outcome]) -> str:
    cells = []
    for threshold in bench_names.SWEEP:
        for family in ("all Cyrillic", "all Chinese"):
            mine = [bench_names.resolved_at(o, threshold) for o in found if family in o.groups]
            right, wrong = sum(r for r, _ in mine), sum(w for _, w in mine)
            cells.append(f"{right / len(mine):.1%}/{wrong / len(mine):.1%}")
    return "  ".join(cells)


def changed(before: list[bench_names.Outcome], after: list[bench_names.Outcome]) -> str:
    moved: Counter[str] = Counter()
    for old, new in zip(before, after, strict=True):
        for threshold in (0.85,):
            was, now = bench_names.resolved_at(old, threshold), bench_names.resolved_at(new, threshold)
            family = old.groups[-1].removeprefix("all ")
            if was != now:
                moved[f"{family} {'right' if now[0] else 'wrong' if now[1] else 'none'}"] += 1
                moved[f"{family} was {'right' if was[0] else 'wrong' if was[1] else 'none'}"] += 1
    return ", ".join(f"{key} {count}" for key, count in sorted(moved.items())) or "no change"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-country", action="store_true")
    options = parser.parse_args()
    settings = Settings()
    source = official_source(settings)
    glossary = Glossary.load(settings.glossary_dir)
    heads = [f"{t:.2f} Cyrl / Han" for t in bench_names.SWEEP]
    print("floor ratio  " + "  ".join(heads))
    with patched(separation, "DISTANCE_RATIO", -1.0):
        off = outcomes(source, glossary, not options.no_country)
    print(f"off          {sweep(off)}")
    for floor, ratio in itertools.product(FLOORS, RATIOS):
        with patched(separation, "SEPARATION_FLOOR", floor), patched(separation, "DISTANCE_RATIO", ratio):
            found = outcomes(source, glossary, not options.no_country)
        print(f"{floor:.2f} {ratio:.2f}   {sweep(found)}")
        print(f"             at 0.85 against off: {changed(off, found)}")


if __name__ == "__main__":
    main()
