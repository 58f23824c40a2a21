"""What the mapping's memos keep after hostile documents (branch bound18): the Kazakh example grown to
--items goods items, and the Chinese and NCTS examples, every text value replaced by a different value of
--length characters (Cyrillic letters after a serial number), normalized in this process --documents
times each. Printed every --every documents: the process's resident memory (VmRSS, after a collection),
and over every rule's checker memo (`gateway.mapping.checker`): the values remembered, and the characters
of their keys and results.

The gateway measured is the one on PYTHONPATH, so one script measures two trees:

    PYTHONPATH=. .venv/bin/python bench/memo_memory.py [--documents 200] [--length 10000]
    cd /tmp/base && PYTHONPATH=. /path/to/.venv/bin/python /path/to/this/tree/bench/memo_memory.py
"""

from __future__ import annotations

import argparse
import gc
import itertools
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXT = re.compile(r">([^<>]*\S[^<>]*)<")
ITEM = re.compile(r"(?s)\n\s*<pi:GoodsItemDetails>.*?</pi:GoodsItemDetails>")
FORMATS = {"kz-eaeu-pi": "kz-eaeu-pi-manifest.xml", "cn-gacc-manifest": "cn-gacc-manifest.xml",
           "ncts-cc015c": "ncts-cc015c.xml"}  # fmt: skip


def grown(name: str, items: int) -> str:
    """The example, its first goods item repeated `items` times when it has the Kazakh goods items."""
    document = (EXAMPLES / name).read_text(encoding="utf-8")
    item = ITEM.search(document)
    if item is None:
        return document
    return document[: item.start()] + item.group(0) * items + document[item.end() :]


def hostile(template: str, serial: Iterator[int], length: int) -> bytes:
    """`template` with every text value replaced by one never seen before, `length` characters long."""
    filler = "жалпы салмағы " * (length // 14 + 1)
    return TEXT.sub(lambda _: f">{next(serial)} {filler}"[: length + 1] + "<", template).encode()


def memo_figures(normalizer: Normalizer) -> tuple[int, int]:
    """The values every checker memo of the formats remembers, and the characters of their keys and
    results."""
    values = characters = 0
    for name in FORMATS:
        for checker in normalizer.compiled(normalizer.registry.get(name))._checkers:
            values += len(checker.memo)
            characters += sum(_characters(key) + _characters(result) for key, result in checker.memo.items())
    return values, characters


def _characters(thing: Any) -> int:
    if isinstance(thing, str):
        return len(thing)
    if isinstance(thing, tuple):
        return sum(_characters(part) for part in thing)
    return len(str(thing)) if thing is not None else 0


def resident_mb() -> float:
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--documents", type=int, default=200, help="documents of each format")
    parser.add_argument("--length", type=int, default=10_000, help="characters of each value")
    parser.add_argument("--items", type=int, default=10, help="goods items of the Kazakh manifest")
    parser.add_argument("--every", type=int, default=50)
    options = parser.parse_args()
    normalizer = Normalizer.from_settings(Settings())
    normalizer.warm()
    templates = {name: grown(file, options.items) for name, file in FORMATS.items()}
    serial, started = itertools.count(), time.perf_counter()
    print(f"{'documents':>9} {'RSS MB':>7} {'memo values':>11} {'memo M chars':>12} {'s':>6}")
    print(f"{0:9} {resident_mb():7.0f} {0:11} {0:12} {0:6}", flush=True)
    for done in range(1, options.documents + 1):
        for template in templates.values():
            normalizer.normalize(hostile(template, serial, options.length))
        if done % options.every == 0 or done == options.documents:
            values, characters = memo_figures(normalizer)
            print(f"{done:9} {resident_mb():7.0f} {values:11} {characters / 1e6:12.1f} "
                  f"{time.perf_counter() - started:6.0f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
