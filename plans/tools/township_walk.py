"""A walk outside the accuracy set with real names: China's towns (codelists/cn-township, sampled,
seeded), their names without 镇, 乡 or 街道 read in pinyin (pypinyin) and written in Palladius, resolved
as places from a Chinese document (threshold 0.85). A town is inside its county, so a code is right when
it is the town's (method `town`: the county seat's code, as the resolver gives it) or a place whose
pinyin is the town's name (a place of that name); any other code given is wrong. Prints the wrong ones
by how they were given.

    PYTHONPATH=. .venv/bin/python plans/tools/township_walk.py [--official] [--names N]

Session 16, wrong codes at its start (a1a02cb) -> after (Mandarin syllables, in Cyrillic or pinyin,
are Chinese names among China's places: no consonant or stands-alone lift; met by syllables):
* Palladius, 2,994 towns: shipped lists 483 -> 34 (at 0.86: 444 -> 0); official release 761 -> 329
  (at 0.86: 458 -> 9, each with its homophone note; the rest plain fuzzy scores, 0.85-0.99).
* pinyin (`--pinyin`), 3,000 towns: shipped lists 505 -> 42 (at 0.86: 409 -> 1); official release
  1,189 -> 257 (at 0.86: 221 -> 6).

Session 17 (a name of Mandarin syllables against a place of other syllables, or from China against a
place abroad, squeezed under 0.85: `scoring.OTHER_SYLLABLES`; plans/notes-pinyin17.md), wrong codes:
Palladius shipped 34 -> 19, official 329 -> 234; pinyin shipped 42 -> 4, official 257 -> 30. Of the
official pinyin 30, 12 are the town's own name with UN/LOCODE's "Pt" (Xintang Pt): right, which this
walk's check (English letters equal to the pinyin) did not see.

Session 18 (plans/notes-names18.md): the check takes UN/LOCODE's "Pt" off the place's name (a port of
the town is the town: Palladius official 234 -> 221, pinyin official 30 -> 18, same code). `--holding v`
walks only the towns whose pinyin has ü (pypinyin types it v: 绿园 lvyuan), which were letters before
ü typed v was read as pinyin: pinyin 1 -> 0 wrong (shipped), 18 -> 0 (official). With case forms
from China read only of names ending in a consonant and UN/LOCODE's English words ("... International
Apt") no bar to a pinyin name: Palladius shipped 19 -> 16, official 221 -> 206; pinyin official 18 -> 15.
A one-word name of more syllables than the place, more than a letter off, another name: official 206 -> 129.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter

from pypinyin import lazy_pinyin
from resolve_ab import official_source

from gateway.codelists import CodeLists
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.palladius import palladius
from gateway.settings import PROJECT_ROOT, Settings

SUFFIXES = ("街道", "镇", "乡")


def towns() -> list[str]:
    with (PROJECT_ROOT / "codelists" / "cn-township" / "codes.csv").open(encoding="utf-8") as handle:
        names = [row["name:zh-Hans"] for row in csv.DictReader(handle)]
    stems = {name[: -len(end)] for name in names for end in SUFFIXES if name.endswith(end)}
    return sorted(stem for stem in stems if len(stem) >= 2)


def own_name(english: str) -> str:
    """The place's English name without UN/LOCODE's qualifier "Pt" (a port): the port of a town
    named so is the town (Xintang Pt is Xintang)."""
    words = english.lower().split()
    return " ".join(words[:-1] if len(words) > 1 and words[-1] == "pt" else words)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--official", action="store_true")
    parser.add_argument("--names", type=int, default=3000)
    parser.add_argument("--pinyin", action="store_true", help="the names in pinyin, not Palladius")
    parser.add_argument("--holding", default="", help="only towns whose pinyin holds these letters (v)")
    arguments = parser.parse_args()
    settings = Settings()
    source = official_source(settings) if arguments.official else CodeLists.load(settings.codelists_dir)
    resolver = Resolver(source, Glossary.load(settings.glossary_dir), threshold=0.85)
    every = [one for one in towns() if arguments.holding in "".join(lazy_pinyin(one))]
    sample = random.Random(16).sample(every, min(arguments.names, len(every)))
    counts: Counter[str] = Counter()
    for chinese in sample:
        pinyin = "".join(lazy_pinyin(chinese))
        name = pinyin.capitalize() if arguments.pinyin else palladius(pinyin.capitalize())
        if not name:
            continue
        counts["names"] += 1
        result = resolver.resolve(name, "place", "CN")
        if not result.code or result.score < resolver.threshold:
            continue
        english = "".join(letter for letter in own_name(result.english or "") if letter.isalpha())
        if result.method == "town" or english == pinyin:
            counts["right"] += 1
            continue
        how = "at 0.86" if abs(result.score - 0.86) < 1e-9 else result.method
        counts[f"wrong ({how})"] += 1
        given = f"{result.code} {result.english} {result.score} {result.notes}"
        print(f"  {name} ({chinese} {pinyin}) -> {given}")
    print(("official release" if arguments.official else "shipped lists"), dict(counts))


if __name__ == "__main__":
    main()
