"""Measures (does not build) a "clear winner" acceptance: a fuzzy top candidate under the threshold but at
or above a floor, of the sender's country, that leads every other candidate by a wide margin (the ratio
test of matching: a best match far ahead of the second is seldom a wrong one).

    PYTHONPATH=. .venv/bin/python plans/tools/clear_winner.py

For each threshold of bench/names.py's sweep, resolves the accuracy set with the place's country as the
sender's, and for each (floor, margin) counts the names left without a code that the rule would give,
right and wrong, per script family (Cyrillic, Chinese). A candidate list holds scores down to 0.6
(`resolver.CANDIDATE_FLOOR`): a name with one candidate leads by its score less 0.6 at least.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter

from resolve_ab import bench_names, official_source

from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.resolve.resolver import CANDIDATE_FLOOR
from gateway.settings import Settings

FLOORS = (0.7, 0.75, 0.8)
MARGINS = (0.1, 0.15, 0.2)


def main() -> None:
    settings = Settings()
    source = official_source(settings)
    glossary = Glossary.load(settings.glossary_dir)
    with (bench_names.ACCURACY / "places.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print("threshold floor margin  Cyrillic right/wrong  Chinese right/wrong")
    for threshold in bench_names.SWEEP:
        resolver = Resolver(source, glossary, threshold=threshold)
        counts: Counter[tuple[float, float, str, bool]] = Counter()
        for row in rows:
            result = resolver.resolve(row["native"], "place", row["country"])
            if result.code is not None or not result.candidates:
                continue
            family = "Chinese" if row["script"] in bench_names.CHINESE else "Cyrillic"
            first = result.candidates[0]
            second = result.candidates[1].score if len(result.candidates) > 1 else CANDIDATE_FLOOR
            if first.code is None or first.code[:2] != row["country"]:
                continue
            for floor, margin in itertools.product(FLOORS, MARGINS):
                if first.score >= floor and first.score - second >= margin:
                    counts[(floor, margin, family, first.code in row["accepted_codes"].split())] += 1
        for floor, margin in itertools.product(FLOORS, MARGINS):
            cells = [
                counts[(floor, margin, family, right)]
                for family in ("Cyrillic", "Chinese")
                for right in (True, False)
            ]
            cyrillic, chinese = f"{cells[0]:>8} / {cells[1]:<8}", f"{cells[2]:>8} / {cells[3]}"
            print(f"{threshold:9.2f} {floor:5.2f} {margin:6.2f}  {cyrillic}  {chinese}")


if __name__ == "__main__":
    main()
