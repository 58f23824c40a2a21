"""Two trees' served app against each other, in process, interleaved in short rounds (branch store11):
the process CPU of one POST /v1/documents called as ASGI, as bench/intake_steps.py's last line measures
it, with the CPU of the event loop's thread and of the other threads apart.

One worker process per tree (--base, then this tree), each building the app as intake_steps.asgi_cpu
does (`create_app` over a fresh SQLite store, its lifespan run, bench/ingest.py's key and 21 KB
manifest, each post with its own document ID), warmed by 30 posts. The driver asks each in turn for
--per posts, --rounds times; each answers the medians of its posts' process CPU, and the loop thread's
and the other threads' CPU over the round (per post). --logs configures JSON logs as `gateway serve`
does (written to /dev/null); --stub answers every receive with the first one's answer (the app around
the receive alone, as plans/tools/app_cost.py). Printed: each round, the medians over rounds of each
side, and the median of the per-round ratios (this tree / base).

    .venv/bin/python plans/tools/store11_ab.py --base /tmp/base11 [--rounds 10] [--per 60] [--logs] [--stub]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
PARTS = ("post", "loop", "others")

WORKER = r"""
import asyncio, json, os, statistics, sys, tempfile, threading, time
from pathlib import Path
root, logs, stub = Path(sys.argv[1]), sys.argv[2] == "1", sys.argv[3] == "1"
sys.path[:0] = [str(root), str(root / "bench")]
import intake_steps
from ingest import bench_keys, manifest
from gateway.api.app import create_app
from gateway.service.intake import Intake
from gateway.service.log import configure_logging
from gateway.settings import Settings

if stub:
    original, first = Intake._receive, []
    def answered(self, principal, body):
        if not first:
            first.append(original(self, principal, body))
        return first[0]
    Intake._receive = answered
body, folder = manifest(), tempfile.mkdtemp(prefix="store11-ab-")
if logs:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    configure_logging("json")
token = bench_keys(Path(folder) / "gateway.sqlite3")["KZ"]
app = create_app(Settings(data_dir=Path(folder)))
headers = [(b"authorization", f"Bearer {token}".encode()), (b"content-length", str(len(body)).encode())]
numbers = iter(range(10**9))

async def posted(count):
    spent = []
    for _ in range(count):
        started = time.process_time()
        await intake_steps.post(app, headers, body.replace(b"BENCHID", f"ab-{next(numbers)}".encode()))
        spent.append((time.process_time() - started) * 1000)
    return spent

async def serve():
    async with app.router.lifespan_context(app):
        await posted(30)
        print("ready", flush=True)
        for line in sys.stdin:
            count = int(line)
            process, loop = time.process_time(), time.thread_time()
            spent = await posted(count)
            loop = (time.thread_time() - loop) * 1000 / count
            process = (time.process_time() - process) * 1000 / count
            print(json.dumps({"post": statistics.median(spent), "loop": loop, "others": process - loop}),
                  flush=True)

asyncio.run(serve())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the other tree (with its gateway/)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per", type=int, default=60, help="posts of one side in one round")
    parser.add_argument("--logs", action="store_true", help="JSON logs configured, as served")
    parser.add_argument("--stub", action="store_true", help="every receive answered with the first")
    arguments = parser.parse_args()
    flags = [str(int(arguments.logs)), str(int(arguments.stub))]
    sides = {"base": start(arguments.base, flags), "this": start(PROJECT, flags)}
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
    ratios = {part: statistics.median(t[part] / b[part] for b, t in zip(*rounds.values(), strict=True))
              for part in PARTS}  # fmt: skip
    print("this / base, median of the rounds' ratios: "
          + ", ".join(f"{part} {ratio:.3f}" for part, ratio in ratios.items()))  # fmt: skip


def start(root: Path, flags: list[str]) -> subprocess.Popen[str]:
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(root.resolve()), *flags],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=root,
    )  # fmt: skip
    assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    return worker


def median_of(rounds: list[dict[str, float]]) -> dict[str, float]:
    return {part: statistics.median(each[part] for each in rounds) for part in PARTS}


def shown(name: str, medians: dict[str, float]) -> str:
    return f"{name} " + ", ".join(f"{part} {medians[part]:.3f}" for part in PARTS)


if __name__ == "__main__":
    main()
