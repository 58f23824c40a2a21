"""The plan step alone (routing and every recipient's share) of bench/ingest.py's manifest, as served.

Normalizes --count documents first (each its own document ID), then plans each one as the sender KZ
and prints the median CPU milliseconds of this thread per plan; with --profile, cProfile's top lines.

    PYTHONPATH=<root> .venv/bin/python plans/tools/share10_plan.py <root> [--count 300] [--profile 30]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("root", type=Path)
parser.add_argument("--count", type=int, default=300)
parser.add_argument("--profile", type=int, default=0)
arguments = parser.parse_args()
ROOT = arguments.root.resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest import manifest  # noqa: E402

from gateway.agreements import Agreements  # noqa: E402
from gateway.normalize.pipeline import Normalizer  # noqa: E402
from gateway.service.agreement_router import AgreementRouter  # noqa: E402
from gateway.settings import Settings  # noqa: E402

settings = Settings(agreements_dir=ROOT / "agreements")
normalizer = Normalizer.from_settings(settings)
router = AgreementRouter(Agreements.load(settings.agreements_dir), normalizer.registry)
body = manifest()
messages = []
for n in range(arguments.count + 20):
    result = normalizer.normalize(body.replace(b"BENCHID", f"plan-{n}".encode()))
    assert result.message is not None
    messages.append(result.message)
for message in messages[:20]:
    router.plan(message, "KZ")
timed = messages[20:]
if arguments.profile:
    profiler = cProfile.Profile()
    profiler.enable()
    for message in timed:
        router.plan(message, "KZ")
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(arguments.profile)
else:
    cpu = []
    for message in timed:
        start = time.thread_time()
        plan = router.plan(message, "KZ")
        cpu.append((time.thread_time() - start) * 1000)
    print(
        f"{ROOT}: plan {statistics.median(cpu):.3f} ms CPU (median of {len(cpu)}),",
        f"{len(plan.recipients)} recipients",
    )
