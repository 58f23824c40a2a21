"""What a process pays before it answers: `.venv/bin/python bench/startup.py [--runs N] [--breakdown]`.

Prints, median of N runs, each in a fresh process:
1. wall clock, CPU time (user + system) and peak RSS of `gateway resolve Алматы --country KZ` (a place
   found exactly), of `gateway resolve 朱泾镇` (a town of China: the township list is read) and of
   `gateway serve` from its start until `GET /ready` answers 200 (a temporary SQLite store; the serving
   process compiles its mappings and builds its catalogs before it answers);
2. with `--breakdown`, where one process's time goes, step by step in the order a serving process takes
   them (imports, each code list, the glossary, each catalog and index, the first names resolved): CPU
   and wall milliseconds and the RSS each step adds, median of N fresh processes.

`--root DIR` (repeatable) measures the project in DIR (a worktree, or a `git archive` of main unpacked);
with several, the runs alternate between them, the order swapped every run, so that a before and an after
share one time window (plans/STATUS.md, "Working practice"). The default is this checkout. `--official`
measures a deployment that imported the official UN/LOCODE release (../shared/reference/unlocode/, with
`gateway codelists import-locode` into a temporary copy of each project's code lists): places of China
then join their counties, and their towns read the township list.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ingest import free_port  # bench/ is the script's folder, so on its path

HERE = Path(__file__).resolve().parent
UNLOCODE = next(
    (folder / "shared" / "reference" / "unlocode" for folder in HERE.parents if (folder / "shared").is_dir()),
    HERE.parent.parent / "shared" / "reference" / "unlocode",
)
T = TypeVar("T")
PROCESS_LIMIT = 120.0
"""Seconds after which a measured process is taken as hung (the run fails)."""
COMMANDS = {
    "resolve Алматы --country KZ": ["resolve", "Алматы", "--country", "KZ"],
    "resolve 朱泾镇": ["resolve", "朱泾镇"],
}


CODE_LISTS: dict[Path, Path] = {}
"""A project folder -> the code lists its processes read (a copy with the official release: `--official`)."""


def environment(root: Path) -> dict[str, str]:
    """The environment of a measured process: the project in `root` first on the path, nothing of ours."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("GATEWAY_", "PYTHONPATH"))}
    lists = {"GATEWAY_CODELISTS_DIR": str(CODE_LISTS[root])} if root in CODE_LISTS else {}
    return {**keep, "PYTHONPATH": str(root), "PYTHONHASHSEED": "0", **lists}


def import_official(root: Path, scratch: Path) -> None:
    """A copy of `root`'s code lists with the official UN/LOCODE release imported, for its processes."""
    folder = scratch / root.name / "codelists"
    shutil.copytree(root / "codelists", folder)
    CODE_LISTS[root] = folder
    files = sorted(str(path) for path in UNLOCODE.glob("*.csv"))
    command = [sys.executable, "-m", "gateway.cli.main", "codelists", "import-locode", "--skip-bad-rows"]
    subprocess.run([*command, *files], cwd=root, env=environment(root), capture_output=True, check=True)


def run_command(root: Path, arguments: list[str]) -> dict[str, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one CLI command in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway.cli.main", *arguments],
        cwd=root, env=environment(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(arguments)} failed in {root}: {process.stderr.read().decode()}")
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    process.stderr.close()
    process.returncode = 0
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def run_serve(root: Path) -> dict[str, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of `gateway serve` until `/ready` answers 200."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="startup-") as scratch:
        env = {**environment(root), "GATEWAY_DATA_DIR": scratch, "GATEWAY_LOG_FORMAT": "text"}
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "gateway.cli.main", "serve", "--port", str(port)],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_ready(port, process, started)
            wall = time.perf_counter() - started
            cpu, rss = _cpu_and_peak(process.pid)
        finally:
            process.terminate()
            process.wait(PROCESS_LIMIT)
    return {"wall": wall, "cpu": cpu, "rss": rss}


def _wait_ready(port: int, process: subprocess.Popen[bytes], started: float) -> None:
    while time.perf_counter() - started < PROCESS_LIMIT:
        if process.poll() is not None:
            raise SystemExit(f"gateway serve ended with status {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.005)
    raise SystemExit("gateway serve was not ready in time")


def _cpu_and_peak(pid: int) -> tuple[float, float]:
    """CPU seconds so far (user + system) and peak RSS in MB of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    status = Path(f"/proc/{pid}/status").read_text()
    peak = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return cpu, int(peak.split()[1]) / 1024


def breakdown(root: Path) -> list[tuple[str, float, float, float]]:
    """The steps of one fresh process (bench/startup_steps.py): name, CPU ms, wall ms, RSS MB added."""
    found = subprocess.run(
        [sys.executable, str(HERE / "startup_steps.py")],
        cwd=root, env=environment(root), capture_output=True, text=True, timeout=PROCESS_LIMIT, check=False,
    )  # fmt: skip
    if found.returncode != 0:
        raise SystemExit(f"bench/startup_steps.py failed in {root}: {found.stderr}")
    return [(name, cpu, wall, rss) for name, cpu, wall, rss in map(json.loads, found.stdout.splitlines())]


def alternated(roots: list[Path], runs: int, measure: Callable[[Path], T]) -> dict[Path, list[T]]:
    """`measure(root)` `runs` times for each root, alternating, the order swapped every run."""
    results: dict[Path, list[T]] = defaultdict(list)
    for run in range(runs):
        for root in roots if run % 2 == 0 else roots[::-1]:
            results[root].append(measure(root))
    return results


def print_figures(roots: list[Path], runs: int) -> None:
    print(f"# start-up, median of {runs} fresh processes each (wall s, CPU s, peak RSS MB)")
    print(f"{'what':30} {'project':28} {'wall':>6} {'cpu':>6} {'rss':>6}")
    measures: dict[str, Callable[[Path], dict[str, float]]] = {
        name: (lambda root, given=arguments: run_command(root, given)) for name, arguments in COMMANDS.items()
    }
    measures["serve until /ready"] = run_serve
    for name, measure in measures.items():
        results = alternated(roots, runs, measure)
        for root in roots:
            median = {
                key: statistics.median(row[key] for row in results[root]) for key in ("wall", "cpu", "rss")
            }
            figures = f"{median['wall']:6.2f} {median['cpu']:6.2f} {median['rss']:6.0f}"
            print(f"{_padded(name, 30)} {_label(root):28} {figures}")


def print_breakdown(roots: list[Path], runs: int) -> None:
    results = alternated(roots, runs, breakdown)
    for root in roots:
        print(f"\n# where the time goes: {_label(root)}, median of {runs} processes")
        print(f"{'step':58} {'cpu ms':>8} {'wall ms':>8} {'+rss MB':>8}")
        steps: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
        for run in results[root]:
            for name, cpu, wall, rss in run:
                steps[name].append((cpu, wall, rss))
        for name, values in steps.items():
            cpu, wall, rss = (statistics.median(column) for column in zip(*values, strict=True))
            print(f"{_padded(name, 58)} {cpu:8.1f} {wall:8.1f} {rss:8.1f}")


def _label(root: Path) -> str:
    return str(root) if len(str(root)) <= 28 else "..." + str(root)[-25:]


def _padded(text: str, width: int) -> str:
    """`text` padded to `width` columns of a terminal (a Chinese character takes two)."""
    wide = sum(1 for character in text if unicodedata.east_asian_width(character) in "WF")
    return text + " " * max(0, width - len(text) - wide)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure (median)")
    parser.add_argument("--root", type=Path, action="append", help="project folder (repeat to alternate)")
    parser.add_argument("--breakdown", action="store_true", help="also print where one process's time goes")
    parser.add_argument("--only-breakdown", action="store_true", help="print the breakdown only")
    parser.add_argument("--official", action="store_true", help="with the official UN/LOCODE imported")
    arguments = parser.parse_args()
    roots = [root.resolve() for root in arguments.root or [HERE.parent]]
    with tempfile.TemporaryDirectory(prefix="startup-lists-") as scratch:
        for number, root in enumerate(roots if arguments.official else []):
            import_official(root, Path(scratch) / str(number))
        print(
            f"# code lists: {'with the official UN/LOCODE release' if arguments.official else 'as shipped'}"
        )
        if not arguments.only_breakdown:
            print_figures(roots, arguments.runs)
        if arguments.breakdown or arguments.only_breakdown:
            print_breakdown(roots, arguments.runs)


if __name__ == "__main__":
    main()
