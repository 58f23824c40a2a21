"""CPU cost of session 9's Turkic readings: consonant matches held to whole readings and vowel places
(`resolver._consonants_hold`), endings of the document's own languages first
(`inflection.in_own_languages`), Uyghur raising and Mongolian endings after a long vowel
(`case_endings._unraised`, the new allomorphs).

    PYTHONPATH=. .venv/bin/python plans/tools/turkic9_cost.py [--rounds 7]

Resolves (1) the accuracy set's Cyrillic names, (2) every Kazakh, Kyrgyz, Mongolian and Uyghur name of
the project's places in each case form its grammar gives it, from its language's country, over the
project's lists with the official release imported, with session 9's rules and with them switched off
(session 8's behaviour), alternated (process CPU time, median; one resolver, its memo off).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from resolve_ab import Named, alternated, cyrillic_names, official_source, patched, resolving_cpu

from gateway.glossary import Glossary
from gateway.resolve import Resolver, case_endings
from gateway.resolve import resolver as resolver_module
from gateway.settings import PROJECT_ROOT, Settings

GRAMMARS = {"kk": case_endings.KAZAKH, "ky": case_endings.KYRGYZ, "mn": case_endings.MONGOLIAN}
GRAMMARS["ug-Cyrl"] = case_endings.UYGHUR
SENDERS = {"kk": "KZ", "ky": "KG", "mn": "MN", "ug-Cyrl": "KZ"}
NEW_ENDINGS = frozenset(
    ending
    for ending, conditions in case_endings.ENDINGS["mn"].items()
    if all(sound in ("long", "diphthong") for _, sound in conditions)
)


def case_forms() -> list[Named]:
    """Each national name of the project's place list and glossary in each case form of its grammar."""
    names: set[tuple[str, str]] = set()
    with (PROJECT_ROOT / "codelists" / "locode" / "codes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names |= {(row[f"name:{t}"], t) for t in ("kk", "ky", "mn") if row[f"name:{t}"]}
    with (PROJECT_ROOT / "glossary" / "places.csv").open(encoding="utf-8") as handle:
        names |= {
            (row["term"], row["language"]) for row in csv.DictReader(handle) if row["language"] in GRAMMARS
        }
    return [
        (name + ending, SENDERS[tongue])
        for name, tongue in sorted(names)
        for ending in case_endings.declined(GRAMMARS[tongue], name.split()[-1])
    ]


@contextmanager
def session8() -> Iterator[None]:
    """Session 9's rules switched off."""
    old_endings = frozenset(case_endings.ALL_ENDINGS) - NEW_ENDINGS
    with ExitStack() as stack:
        stack.enter_context(patched(resolver_module, "_consonants_hold", lambda found, *_: found))
        stack.enter_context(patched(resolver_module, "in_own_languages", lambda forms, _: (forms, [])))
        stack.enter_context(patched(case_endings, "_unraised", lambda *_: []))
        stack.enter_context(patched(case_endings, "_SPELT", old_endings))
        yield


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    settings = Settings()
    resolver = Resolver(official_source(settings), Glossary.load(settings.glossary_dir), memo_size=0)
    for label, names in (("accuracy set, Cyrillic", cyrillic_names()), ("case forms", case_forms())):
        resolving_cpu(resolver.resolve, names)  # catalogs built before timing

        def old(names: list[Named] = names) -> float:
            with session8():
                return resolving_cpu(resolver.resolve, names)

        def new(names: list[Named] = names) -> float:
            return resolving_cpu(resolver.resolve, names)

        cpu = alternated({"session 9": new, "session 8": old}, rounds)
        nine, eight = cpu["session 9"], cpu["session 8"]
        print(
            f"{label}: {len(names)} names, median CPU session 9 {nine:.2f} s, session 8 {eight:.2f} s, "
            f"9/8 {nine / eight:.3f}, {(nine - eight) / len(names) * 1e6:+.0f} us per name"
        )


if __name__ == "__main__":
    main()
