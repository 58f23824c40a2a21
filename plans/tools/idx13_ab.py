"""Two trees' fuzzy index against each other at one size (branch idx13): the same results, and the CPU.

One worker process per tree (--base, then this tree), each building bench/names_index.py's glossary
of --size entries, its FuzzyIndex, and the bench's --queries queries (this tree's bench module for both,
so that both get the same entries and queries). The driver asks each worker for every query's
`search(query, limit)` (all `limit` matches: position and score) and prints how many queries differ
between the trees, with the first few; then it asks each in turn, --rounds times, for the median thread
CPU and wall time of one search over all the queries, and prints each round, the medians over rounds
and the median of the per-round ratios (this tree / base). --profile prints a cProfile of this tree's
searches (thread CPU) instead of timing rounds.

    PYTHONPATH=. .venv/bin/python plans/tools/idx13_ab.py --base /tmp/base13 [--size 1000000]
        [--queries 2000] [--rounds 6] [--limit 5] [--profile]
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
import cProfile, importlib.util, io, json, pstats, statistics, sys, time
root, bench = sys.argv[1], sys.argv[2]
size, count, limit = (int(value) for value in sys.argv[3:6])
sys.path.insert(0, root)
from gateway.names.index import FuzzyIndex  # before the bench module, which puts its own tree first
spec = importlib.util.spec_from_file_location("names_index_bench", bench)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
entries = module.glossary(size)
asked = module.queries(entries, count)
index = FuzzyIndex(entries)
for query in asked[:20]:
    index.search(query, limit)

def timed():
    cpu, wall = [], []
    for query in asked:
        start, thread = time.perf_counter(), time.thread_time()
        index.search(query, limit)
        cpu.append(time.thread_time() - thread)
        wall.append(time.perf_counter() - start)
    return {"cpu_ms": 1000 * statistics.median(cpu), "wall_ms": 1000 * statistics.median(wall)}

def profiled():
    profile = cProfile.Profile(time.thread_time)
    profile.runcall(lambda: [index.search(query, limit) for query in asked])
    text = io.StringIO()
    for order in ("cumulative", "tottime"):
        pstats.Stats(profile, stream=text).sort_stats(order).print_stats(30)
    return {"profile": text.getvalue()}

print(json.dumps({"ready": index.__class__.__module__}), flush=True)
for line in sys.stdin:
    command = line.strip()
    if command == "results":
        found = [[(match.position, match.score) for match in index.search(query, limit)] for query in asked]
        answer = {"queries": asked, "found": found}
    else:
        answer = timed() if command == "time" else profiled()
    print(json.dumps(answer), flush=True)
"""


class Worker:
    """One tree's index in a child process, asked one command at a time."""

    def __init__(self, root: Path, arguments: argparse.Namespace) -> None:
        bench = PROJECT / "bench" / "names_index.py"
        options = [str(arguments.size), str(arguments.queries), str(arguments.limit)]
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(root), str(bench), *options],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ready = self._answer()

    def ask(self, command: str) -> dict[str, object]:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._answer()

    def _answer(self) -> dict[str, object]:
        assert self.process.stdout is not None
        answer: dict[str, object] = json.loads(self.process.stdout.readline())
        return answer

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def compare(base: Worker, branch: Worker) -> None:
    """Print how many queries get different matches (positions or scores) from the two trees."""
    before, after = base.ask("results"), branch.ask("results")
    asked = before["queries"]
    assert isinstance(asked, list) and asked == after["queries"]
    pairs = zip(asked, before["found"], after["found"], strict=True)  # type: ignore[call-overload]
    differ = [(query, old, new) for query, old, new in pairs if old != new]
    tops = sum(bool(old) != bool(new) or (old and old[0] != new[0]) for _, old, new in differ)
    print(
        f"{len(differ)} of {len(asked)} queries differ (all matches with scores); top match differs: {tops}"
    )
    for query, old, new in differ[:10]:
        print(f"  {query!r}\n    base {old}\n    this {new}")


def rounds(base: Worker, branch: Worker, count: int) -> None:
    """Time both trees in alternated rounds and print the medians and the per-round ratio."""
    figures: dict[str, list[float]] = {"base cpu": [], "this cpu": [], "base wall": [], "this wall": []}
    for number in range(count):
        first, second = (base, branch) if number % 2 == 0 else (branch, base)
        answers = {id(first): first.ask("time"), id(second): second.ask("time")}
        for name, worker in (("base", base), ("this", branch)):
            answer = answers[id(worker)]
            figures[f"{name} cpu"].append(float(answer["cpu_ms"]))  # type: ignore[arg-type]
            figures[f"{name} wall"].append(float(answer["wall_ms"]))  # type: ignore[arg-type]
        line = "  ".join(f"{name} {values[-1]:.3f}" for name, values in figures.items())
        print(f"round {number + 1}: {line} (ms, median of a search)", flush=True)
    ratios = [this / base for this, base in zip(figures["this cpu"], figures["base cpu"], strict=True)]
    medians = "  ".join(f"{name} {statistics.median(values):.3f}" for name, values in figures.items())
    print(f"medians of rounds: {medians}; cpu ratio this/base {statistics.median(ratios):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the other tree (e.g. /tmp/base13)")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    arguments = parser.parse_args()
    base, branch = Worker(arguments.base, arguments), Worker(PROJECT, arguments)
    compare(base, branch)
    if arguments.profile:
        print(branch.ask("profile")["profile"])
    else:
        rounds(base, branch, arguments.rounds)
    base.close()
    branch.close()


if __name__ == "__main__":
    main()
