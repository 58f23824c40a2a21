"""A walk for the "stands alone" rule outside the accuracy set: every Cyrillic name of the project's
place list and glossary with one letter left out (each letter but the first, in turn), resolved from
its place's country (threshold 0.85); counts the forms the rule gives a code (its note), right (the
name's own place, or a place of the same English name: a twin) and wrong, and prints the wrong ones.

    PYTHONPATH=. .venv/bin/python plans/tools/separation_walk.py
"""

from __future__ import annotations

import csv
from collections import Counter

from resolve_ab import official_source

from gateway.glossary import Glossary
from gateway.names.script import detect_script
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT, Settings

COLUMNS = ("name:ru", "name:kk", "name:ky", "name:tg", "name:uz-Cyrl", "name:mn")


def national_names() -> set[tuple[str, str]]:
    """(Cyrillic name, its place's code) of the project's place list and glossary."""
    found: set[tuple[str, str]] = set()
    with (PROJECT_ROOT / "codelists" / "locode" / "codes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found |= {(row[column], row["code"]) for column in COLUMNS if row[column]}
    with (PROJECT_ROOT / "glossary" / "places.csv").open(encoding="utf-8") as handle:
        found |= {(row["term"], row["code"]) for row in csv.DictReader(handle) if row["code"]}
    return {(name, code) for name, code in found if detect_script(name) == "Cyrl"}


def clipped(name: str) -> list[str]:
    return sorted({name[:at] + name[at + 1 :] for at in range(1, len(name)) if name[at].isalpha()})


def main() -> None:
    settings = Settings()
    resolver = Resolver(official_source(settings), Glossary.load(settings.glossary_dir), threshold=0.85)
    names = sorted(national_names())
    counts: Counter[str] = Counter()
    for name, code in names:
        for variant in clipped(name):
            with_rule = resolver.resolve(variant, "place", code[:2])
            if not any(note.startswith("stands alone") for note in with_rule.notes):
                continue
            counts["given by the rule"] += 1
            own = (
                with_rule.code == code
                or with_rule.english == resolver.resolve(name, "place", code[:2]).english
            )
            counts["right" if own else "wrong"] += 1
            if not own:
                print(f"wrong: {variant} ({name}, {code}) -> {with_rule.code} {with_rule.english}")
    total = sum(len(clipped(name)) for name, _ in names)
    print(f"{len(names)} names, {total} clipped forms; {dict(counts)}")


if __name__ == "__main__":
    main()
