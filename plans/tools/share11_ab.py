"""Two trees' plan step (`AgreementRouter.plan`: routing and every recipient's share) against each other,
interleaved in short rounds: this machine's CPU speed moves by 2x from one minute to the next, so only
alternated runs compare.

One worker process per tree (--base, then this tree) builds the normalizer and the router of the demo
agreements from its own gateway/ and warms them; the driver asks each in turn for --per plans, --rounds
times. Each plan is of a fresh message (normalized first, not timed): bench/ingest.py's 21 KB kz-eaeu-pi
manifest from KZ (one recipient, CN), or with --example NAME --sender XX a file of examples/ (the demo's
documents that reach two partners: tj-asycuda-manifest.xml TJ, ncts-cc015c.xml GE). Printed: each round's
median CPU of the thread per plan, the median of each side over the rounds and of the per-round ratios.

    .venv/bin/python plans/tools/share11_ab.py --base /tmp/base11 [--rounds 20] [--per 40]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

WORKER = r"""
import json, statistics, sys, time
from pathlib import Path
root, example, sender = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
sys.path[:0] = [str(root), str(root / "bench")]
from ingest import manifest
from gateway.agreements import Agreements
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings

settings = Settings(agreements_dir=root / "agreements")
normalizer = Normalizer.from_settings(settings)
router = AgreementRouter(Agreements.load(settings.agreements_dir), normalizer.registry)
body = manifest() if example == "-" else (root / "examples" / example).read_bytes()
marker = b"BENCHID" if example == "-" else None

def message(n):
    data = body.replace(marker, f"ab-{n}".encode()) if marker else body
    return normalizer.normalize(data).message

count = 0
for _ in range(20):
    router.plan(message(count), sender); count += 1
print("ready", flush=True)
for line in sys.stdin:
    spent = []
    for _ in range(int(line)):
        planned = message(count); count += 1
        started = time.thread_time()
        router.plan(planned, sender)
        spent.append((time.thread_time() - started) * 1000)
    print(json.dumps(statistics.median(spent)), flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the other tree (with its gateway/)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--per", type=int, default=40, help="plans of one side in one round")
    parser.add_argument("--example", default="-", help="a file of examples/ instead of the manifest")
    parser.add_argument("--sender", default="KZ")
    arguments = parser.parse_args()
    sides = {name: start(root, arguments) for name, root in (("base", arguments.base), ("this", PROJECT))}
    rounds: dict[str, list[float]] = {"base": [], "this": []}
    for number in range(arguments.rounds):
        order = list(sides) if number % 2 == 0 else list(reversed(sides))
        for name in order:
            worker = sides[name]
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write(f"{arguments.per}\n")
            worker.stdin.flush()
            rounds[name].append(json.loads(worker.stdout.readline()))
        print(f"round {number + 1}: base {rounds['base'][-1]:.3f}, this {rounds['this'][-1]:.3f} ms")
    for worker in sides.values():
        worker.communicate("")
    ratios = [this / base for base, this in zip(rounds["base"], rounds["this"], strict=True)]
    print(
        f"plan, median of rounds: base {statistics.median(rounds['base']):.3f} ms, "
        f"this {statistics.median(rounds['this']):.3f} ms; this / base, median of the rounds' ratios: "
        f"{statistics.median(ratios):.2f}"
    )


def start(root: Path, arguments: argparse.Namespace) -> subprocess.Popen[str]:
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(root.resolve()), arguments.example, arguments.sender],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=root,
    )  # fmt: skip
    assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    return worker


if __name__ == "__main__":
    main()
