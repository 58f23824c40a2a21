"""The accuracy set's misses as TSV, to find CLASSES of error (never to add a row's name to anything).

    PYTHONPATH=. .venv/bin/python plans/tools/misses.py > /tmp/misses.tsv

A row per name that bench/names.py (threshold 0.85) does not get right: WRONG (another code given) or
ABST (no code given), script, language, native name, official Latin name, expected code, code given,
score, method, Latin form, "cand" when the expected code is among the first candidates, those candidates.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import names as bench_names  # bench/ is not a package: on the path above

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.settings import Settings

THRESHOLD = 0.85


def main() -> None:
    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        source, _ = bench_names.code_lists(settings, False, Path(scratch))
    resolver = Resolver(source, Glossary.load(settings.glossary_dir), threshold=0.0)
    with (bench_names.ACCURACY / "places.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            line = miss(resolver, row)
            if line:
                print("\t".join(line))


def miss(resolver: Resolver, row: dict[str, str]) -> list[str]:
    """The TSV fields of `row` when the resolver misses it, else nothing."""
    result = resolver.resolve(row["native"], "place", row["country"])
    accepted = row["accepted_codes"].split()
    exact = result.method in ("code-list", "glossary")
    given = result.code is not None and (exact or result.score >= THRESHOLD)
    if given and result.code in accepted:
        return []
    candidates = [(c.code, round(c.score, 2)) for c in result.candidates[:4]]
    among = any(code in accepted for code, _ in candidates)
    return [
        "WRONG" if given else "ABST", row["script"], row["language"], row["native"], row["official_latin"],
        row["locode"], str(result.code), f"{result.score:.2f}", result.method, str(result.latin),
        "cand" if among else "-", str(candidates),
    ]  # fmt: skip


if __name__ == "__main__":
    main()
