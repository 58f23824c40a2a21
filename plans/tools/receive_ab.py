"""Two trees' `Intake.receive` against each other, interleaved in short rounds (the A/B this machine needs:
its CPU speed moves by 2x from one minute to the next, so runs of one side after the other compare
nothing).

One worker process per tree (--base, then this tree), each building the intake as bench/intake_steps.py
does (its own gateway/, a fresh SQLite store, the demo agreements, warmed by 20 documents). The driver
asks each in turn for --per documents, --rounds times; each answers the medians of the CPU of its thread
for normalize, plan and the whole receive of those documents (bench/ingest.py's 21 KB manifest, each with
its own ID). Printed: each round's medians, then the median over rounds of each side and of the per-round
ratios (this tree / base).

    .venv/bin/python plans/tools/receive_ab.py --base /tmp/base10 [--rounds 10] [--per 60]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
STEPS = ("normalize", "plan", "receive")

WORKER = r"""
import json, statistics, sys, tempfile, time
from pathlib import Path
root = Path(sys.argv[1])
sys.path[:0] = [str(root), str(root / "bench")]
from ingest import manifest
from intake_steps import PRINCIPAL
from gateway.agreements import Agreements
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.service.intake import Intake
from gateway.settings import Settings
from gateway.store.database import sqlite_url
from gateway.store.memory import utc_now
from gateway.store.sql import SqlStore

settings, body = Settings(), manifest()
folder = tempfile.mkdtemp(prefix="receive-ab-")
store = SqlStore.open(sqlite_url(Path(folder) / "ab.sqlite3"), utc_now, "full")
normalizer = Normalizer.from_settings(settings)
router = AgreementRouter(Agreements.load(settings.agreements_dir), normalizer.registry)
intake = Intake(store, normalizer, router, utc_now, settings.max_document_bytes)
documents = (body.replace(b"BENCHID", f"ab-{n}".encode()) for n in range(10**9))
for _ in range(20):
    intake.receive(PRINCIPAL, next(documents))

def cpu(function, *arguments):
    started = time.thread_time()
    result = function(*arguments)
    return result, (time.thread_time() - started) * 1000

print("ready", flush=True)
for line in sys.stdin:
    spent = {"normalize": [], "plan": [], "receive": []}
    for _ in range(int(line)):
        result, ms = cpu(intake.normalizer.normalize, next(documents))
        spent["normalize"].append(ms)
        spent["plan"].append(cpu(intake.router.plan, result.message, "KZ")[1])
        spent["receive"].append(cpu(intake.receive, PRINCIPAL, next(documents))[1])
    print(json.dumps({step: statistics.median(values) for step, values in spent.items()}), flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the other tree (with its gateway/)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per", type=int, default=60, help="documents of one side in one round")
    arguments = parser.parse_args()
    sides = {"base": start(arguments.base), "this": start(PROJECT)}
    rounds: dict[str, list[dict[str, float]]] = {"base": [], "this": []}
    for number in range(arguments.rounds):
        for name, worker in sides.items():
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write(f"{arguments.per}\n")
            worker.stdin.flush()
            rounds[name].append(json.loads(worker.stdout.readline()))
        print(f"round {number + 1}: " + "; ".join(shown(name, rounds[name][-1]) for name in sides))
    for worker in sides.values():
        worker.communicate("")
    for name in sides:
        print(f"median of rounds, {name}: " + shown(name, median_of(rounds[name]))[len(name) + 1 :])
    ratios = {step: statistics.median(t[step] / b[step] for b, t in zip(*rounds.values(), strict=True))
              for step in STEPS}  # fmt: skip
    print("this / base, median of the rounds' ratios: "
          + ", ".join(f"{step} {ratio:.2f}" for step, ratio in ratios.items()))  # fmt: skip


def start(root: Path) -> subprocess.Popen[str]:
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(root.resolve())],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=root,
    )  # fmt: skip
    assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    return worker


def median_of(rounds: list[dict[str, float]]) -> dict[str, float]:
    return {step: statistics.median(each[step] for each in rounds) for step in STEPS}


def shown(name: str, medians: dict[str, float]) -> str:
    return f"{name} " + ", ".join(f"{step} {medians[step]:.2f}" for step in STEPS)


if __name__ == "__main__":
    main()
