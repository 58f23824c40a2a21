"""Two trees' CPU for one manifest of unknown towns, alternated (session 14, the search budget).

The manifest is bench/names_budget.py's (examples/uz-customs-json.json, a stand-in of the Uzbek JSON
format, with --consignments consignments, each party in its own synthetic town). Each measurement runs
in its own process: the tree's Normalizer built from its own settings (a budget with --searches when
the tree has the setting, else its defaults), warmed, then one normalization timed on the process CPU.
The trees alternate for --rounds rounds.

    .venv/bin/python plans/tools/budget14_ab.py --base /tmp/base14 [--consignments 1000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

ONE = r"""
import sys, time
sys.path.insert(0, {project!r})
from bench.names_budget import manifest
data = manifest({consignments})
for name in [m for m in sys.modules if m == "gateway" or m.startswith(("gateway.", "bench"))]:
    del sys.modules[name]
sys.path[0] = {tree!r}
import gateway
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings
assert gateway.__file__.startswith({tree!r}), gateway.__file__
known = "resolve_searches_per_document" in Settings.model_fields
options = {{"resolve_searches_per_document": {searches}}} if {searches} >= 0 and known else {{}}
normalizer = Normalizer.from_settings(Settings(**options))
normalizer.warm()
normalizer.normalize(open({example!r}, "rb").read())
start = time.process_time()
normalizer.normalize(data)
print(round(time.process_time() - start, 2))
"""


def one(tree: Path, consignments: int, searches: int) -> str:
    code = ONE.format(
        project=str(PROJECT),
        tree=str(tree),
        consignments=consignments,
        searches=searches,
        example=str(PROJECT / "examples" / "uz-customs-json.json"),
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/tmp"
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--consignments", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    for number in range(1, args.rounds + 1):
        base = one(args.base, args.consignments, -1)
        unbounded = one(PROJECT, args.consignments, 1_000_000)
        default = one(PROJECT, args.consignments, -1)
        print(f"round {number}: base {base} s; this tree, no budget {unbounded} s, its default {default} s")


if __name__ == "__main__":
    main()
