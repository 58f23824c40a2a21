"""What the intake's check for DEL and C1 control characters (`value.control-character`,
`gateway.normalize.values.control_notice`) costs on bench/ingest.py's 20 KB manifest: how many text and
identifier values it checks in a fresh process's first document (memos empty: the most it can check) and
in the next (memos warm), what checking all of the first costs, and a normalize's CPU for scale. The
in-process A/B of the whole receive is plans/tools/receive_ab.py (plans/notes-sec18.md).

    PYTHONPATH=. .venv/bin/python plans/tools/control_check_cost.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from ingest import manifest

from gateway.mapping import checker
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

seen: list[str] = []
real = checker.control_notice


def counting(text: str) -> object:
    seen.append(text)
    return real(text)


checker.control_notice = counting  # type: ignore[assignment]
normalizer = Normalizer.from_settings(Settings())
body = manifest()
normalizer.normalize(body.replace(b"BENCHID", b"x-0"))
first = list(seen)
seen.clear()
normalizer.normalize(body.replace(b"BENCHID", b"x-1"))
characters = sum(map(len, first))
print(f"values checked: {len(first)} ({characters} characters) in a first document, {len(seen)} in the next")
checker.control_notice = real
best = []
for _ in range(7):
    began = time.perf_counter()
    for _ in range(1000):
        for value in first:
            real(value)
    best.append((time.perf_counter() - began) / 1000)
print(f"checking all of the first's: {min(best) * 1e6:.1f} us (best of 7)")
began = time.process_time()
for number in range(200):
    normalizer.normalize(body.replace(b"BENCHID", f"y-{number}".encode()))
print(f"a normalize, memos warm: {(time.process_time() - began) / 200 * 1e6:.0f} us of CPU")
