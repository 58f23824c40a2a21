"""Dump the misses of bench/names.py (threshold 0.85) as TSV, to find CLASSES of error (never to add a row's name):
`PYTHONPATH=. .venv/bin/python plans/tools/misses.py > /tmp/misses.tsv`. Columns: WRONG/ABST, script, language, native,
official Latin, expected code, code given, score, method, Latin form, whether the expected code is a candidate,
the first candidates."""

import csv, sys, tempfile
from pathlib import Path

sys.path.insert(0, "bench")
import names as B
from gateway.settings import Settings
from gateway.glossary import Glossary
from gateway.resolve import Resolver

settings = Settings()
with tempfile.TemporaryDirectory() as t:
    source, _ = B.code_lists(settings, False, Path(t))
glossary = Glossary.load(settings.glossary_dir)
r = Resolver(source, glossary, threshold=0.0)
out = sys.stdout
with (B.ACCURACY / "places.csv").open(encoding="utf-8") as h:
    for row in csv.DictReader(h):
        res = r.resolve(row["native"], "place", row["country"])
        acc = row["accepted_codes"].split()
        ok = res.code in acc
        exact = res.method in ("code-list", "glossary")
        given = res.code is not None and (exact or res.score >= 0.85)
        if given and ok:
            continue
        cands = [(c.code, round(c.score, 2)) for c in (res.candidates or [])][:4]
        incand = any(c[0] in acc for c in cands)
        status = "WRONG" if given else "ABST"
        out.write(
            "\t".join(
                [
                    status,
                    row["script"],
                    row["language"],
                    row["native"],
                    row["official_latin"],
                    row["locode"],
                    str(res.code),
                    f"{res.score:.2f}",
                    res.method,
                    str(res.latin),
                    "cand" if incand else "-",
                    str(cands),
                ]
            )
            + "\n"
        )
