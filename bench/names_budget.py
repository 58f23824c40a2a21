"""CPU of one large manifest whose towns are all unknown, under the per-document search budget.

A place, office or country name that is no code-list or glossary name exactly is searched for near names
(milliseconds a name). The gateway searches at most GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT (200) different
such names a document; the rest are looked up exactly only. This bench builds a manifest from
examples/uz-customs-json.json (a stand-in for the Uzbek customs JSON format) with `--consignments` copies
of its consignment, each consignor and consignee in a different synthetic town (random Cyrillic
syllables: no real place; their party names synthetic too), normalizes it in process with each budget
of `--searches` (a budget of a million stands for "no budget") and with name resolution off, and prints
the CPU seconds of one normalization, median of `--rounds`, taken in turns so that the machine's drift
touches every budget alike.

    PYTHONPATH=. .venv/bin/python bench/names_budget.py
    PYTHONPATH=. .venv/bin/python bench/names_budget.py --consignments 2000 --searches 0 200 1000000
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import time
from pathlib import Path

from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "uz-customs-json.json"
SYLLABLES = ("ба", "бе", "ки", "ко", "лу", "ма", "мо", "на", "ни", "ра", "ру", "са", "со", "та", "ту", "ша",
             "ка", "ға", "қа", "ұл", "өр", "ің", "тұ", "жа", "же", "зи")  # fmt: skip


def town(rnd: random.Random) -> str:
    """A synthetic town name of one or two words, at most 35 letters (WCO CityName): no real place."""
    size = rnd.randint(1, 2)
    words = ["".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4))) for _ in range(size)]
    return " ".join(word.capitalize() for word in words)[:35]


def manifest(consignments: int, seed: int = 14) -> bytes:
    """The Uzbek example with `consignments` consignments, each party in its own synthetic town."""
    rnd = random.Random(seed)
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    first = document["consignments"][0]
    copies = []
    for number in range(1, consignments + 1):
        consignment = copy.deepcopy(first)
        consignment["sequence"] = number
        for role in ("consignor", "consignee"):
            consignment[role]["address"]["city"] = town(rnd)
            consignment[role]["name"] = f"ТОО «{town(rnd)} Транс {number}»"
        copies.append(consignment)
    document["consignments"] = copies
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--consignments", type=int, default=1000)
    parser.add_argument("--searches", type=int, nargs="+", default=[0, 200, 1_000_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data = manifest(args.consignments)
    warm = EXAMPLE.read_bytes()
    runs: dict[str, Normalizer] = {"names off": Normalizer.from_settings(Settings(resolve_names=False))}
    for searches in args.searches:
        settings = Settings(resolve_searches_per_document=searches)
        runs[f"budget {searches}"] = Normalizer.from_settings(settings)
    for normalizer in runs.values():
        normalizer.warm()
        normalizer.normalize(warm)
    seconds: dict[str, list[float]] = {label: [] for label in runs}
    warnings: dict[str, int] = {}
    for _ in range(args.rounds):
        for label, normalizer in runs.items():
            start = time.process_time()
            result = normalizer.normalize(data)
            seconds[label].append(time.process_time() - start)
            assert result.ok, [str(issue) for issue in result.issues if issue.severity == "error"]
            warnings[label] = sum(issue.code == "names.not-searched" for issue in result.issues)
    towns = 2 * args.consignments
    print(f"manifest: {len(data) / 1e6:.2f} MB, {args.consignments} consignments, {towns} synthetic towns;")
    print(f"CPU of one normalization, median of {args.rounds}")
    base = statistics.median(seconds["names off"])
    for label, values in seconds.items():
        median = statistics.median(values)
        note = " (names.not-searched)" if warnings.get(label) else ""
        print(f"  {label:>16}: {median:7.2f} s  ({median / base:5.1f}x names off){note}")


if __name__ == "__main__":
    main()
