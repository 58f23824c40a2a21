"""CPU cost of the case endings made by harmony (gateway/resolve/case_endings.py) on the set's names.

    PYTHONPATH=. .venv/bin/python plans/tools/case_endings_cost.py [--rounds 5]

Prints (1) per word: `case_endings.read_off` against session 6's hand-made list read off any stem, and
(2) an in-process A/B: one resolver, its memo off, resolving the set's Cyrillic names with the one and
the other in alternate order each round (process CPU time, median), over all names and over the names
whose endings differ (the only ones whose forms change; the rest differ by (1) alone).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from resolve_ab import Named, alternated, cyrillic_names, official_source, patched, resolving_cpu

from gateway.glossary import Glossary
from gateway.resolve import Resolver, inflection
from gateway.resolve.case_endings import read_off
from gateway.settings import Settings

SESSION6_LIST = (
    "ға ге қа ке на не да де та те нда нде дан ден тан тен нан нен ның нің дың дің тың тің ны ні ды ді ты"
    " ті мен бен пен га го гө ка ко кө до дө то тө дон дөн тон төн нын нин нун нүн дын дин дун дүн тын тин"
    " тун түн нинг ни аас ээс оос өөс руу рүү"
)
"""The endings inflection.py listed by hand in session 6."""
SESSION6 = sorted(set(SESSION6_LIST.split()), key=lambda ending: (-len(ending), ending))
ReadOff = Callable[[str, int], list[tuple[str, str]]]


def session6_read_off(word: str, min_stem: int) -> list[tuple[str, str]]:
    """Session 6's reading: every listed ending after any stem."""
    lower = word.lower()
    return [(word[: -len(e)], e) for e in SESSION6 if lower.endswith(e) and len(word) - len(e) >= min_stem]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    settings = Settings()
    source = official_source(settings)
    names = cyrillic_names()
    words = [last(name) for name, _ in names]
    for what, reader in (("harmony", read_off), ("session 6", session6_read_off)):
        start = time.process_time()
        for _ in range(50):
            for word in words:
                reader(word, 2)
        print(
            f"read_off alone, {what}: {(time.process_time() - start) / 50 / len(words) * 1e6:.1f} us a word"
        )
    resolver = Resolver(source, Glossary.load(settings.glossary_dir), memo_size=0)
    timed(resolver, names, read_off)  # catalogs, readings and towns built before timing
    changed = [(name, country) for name, country in names if endings_differ(last(name))]
    compare(resolver, names, rounds, "Cyrillic names")
    compare(resolver, changed, rounds * 3, "names whose endings differ")


def last(name: str) -> str:
    return name.rsplit(maxsplit=1)[-1]


def endings_differ(word: str) -> bool:
    return read_off(word, 2) != session6_read_off(word, 2)


def compare(resolver: Resolver, names: list[Named], rounds: int, what: str) -> None:
    """Print the median CPU of resolving `names` with either reading, alternated."""
    cpu = alternated(
        {
            "harmony": lambda: timed(resolver, names, read_off),
            "session 6": lambda: timed(resolver, names, session6_read_off),
        },
        rounds,
    )
    new, old = cpu["harmony"], cpu["session 6"]
    print(
        f"{len(names)} {what}: median CPU harmony {new:.3f} s, session 6 {old:.3f} s, "
        f"harmony/session 6 {new / old:.3f}, {(new - old) / len(names) * 1e6:+.0f} us per name"
    )


def timed(resolver: Resolver, names: list[Named], reader: ReadOff) -> float:
    """Process CPU time to resolve every name with `reader` as the inflection's case endings."""
    with patched(inflection, "read_off", reader):
        return resolving_cpu(resolver.resolve, names)


if __name__ == "__main__":
    main()
