"""A walk outside the accuracy set: made-up Chinese names of two Mandarin syllables (seeded, from
`syllables.mandarin_syllables`, pypinyin's inventory), written in Palladius and resolved as places
from a Chinese document (threshold 0.85). A code given to a place whose pinyin is another name is
wrong; the walk counts them by how they were given (the consonant rule's and the stands-alone rule's
0.86, or a plain score) and prints those given at 0.86.

    PYTHONPATH=. .venv/bin/python plans/tools/chinese_sounds_walk.py [--official] [--names N]

--official: the project's code lists with the official UN/LOCODE release imported (as bench/names.py);
else the lists the gateway ships. Session 16, 3,000 names drawn then from `real_syllables` (which
also holds combinations no word has), wrong codes: shipped lists 416 -> 29 (at 0.86: 403 -> 1);
official release 622 -> 179 (at 0.86: 488 -> 0). Drawn from Mandarin's own syllables, after the
session's work: shipped lists 16 of 2,909 names.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from resolve_ab import official_source

from gateway.codelists import CodeLists
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.palladius import palladius
from gateway.resolve.syllables import mandarin_syllables
from gateway.settings import Settings

RULES = 0.86


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--official", action="store_true")
    parser.add_argument("--names", type=int, default=3000)
    arguments = parser.parse_args()
    settings = Settings()
    source = official_source(settings) if arguments.official else CodeLists.load(settings.codelists_dir)
    resolver = Resolver(source, Glossary.load(settings.glossary_dir), threshold=0.85)
    rng = random.Random(16)
    syllables = sorted(mandarin_syllables())
    counts: Counter[str] = Counter()
    for _ in range(arguments.names):
        pinyin = rng.choice(syllables) + rng.choice(syllables)
        name = palladius(pinyin.capitalize())
        if not name:
            continue
        result = resolver.resolve(name, "place", "CN")
        counts["names"] += 1
        if not result.code or result.score < resolver.threshold:
            continue
        english = (result.english or "").lower()
        own = "".join(letter for letter in english if letter.isalpha()) == pinyin
        by_rule = abs(result.score - RULES) < 1e-9
        counts[("right" if own else "wrong") + (" at 0.86" if by_rule else "")] += 1
        if by_rule and not own:
            print(f"  {name} ({pinyin}) -> {result.code} {result.english} {result.notes}")
    print(("official release" if arguments.official else "shipped lists"), dict(counts))


if __name__ == "__main__":
    main()
