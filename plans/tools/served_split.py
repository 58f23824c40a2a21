"""Where a served gateway's CPU goes: inside `Intake.receive` (normalize, plan, store) or around it (HTTP,
FastAPI, the thread hop, logs, metrics, background threads), measured in the serving processes
themselves under bench/ingest.py's load.

Starts the gateway as bench/ingest.py does (two uvicorn workers, SQLite), with a probe loaded into each
worker (a `sitecustomize` module in a temporary folder put first on PYTHONPATH) that adds up the thread
CPU of every `Intake.receive`, notes each thread's first call, and writes its sums to a file four times
a second. After an optional warm-up round it posts with wrk for --seconds and prints the processes' CPU
(/proc) per stored document, receive's thread CPU per call, the rest per document, and what the first
call of each thread cost (a worker's first documents resolve every name afresh, in each thread at once).

    PYTHONPATH=. .venv/bin/python plans/tools/served_split.py [--project DIR] [--warmup 0] [--seconds 10]

--project runs another tree's gateway (an exported commit) under this tree's bench.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import ingest

PROBE = """
import json, os, threading, time
from gateway.service import intake as _intake
_out, _lock, _seen = os.environ["SERVED_SPLIT_PROBE"], threading.Lock(), set()
_sums = {"calls": 0, "cpu": 0.0, "first": []}
def _dump():
    while True:
        time.sleep(0.25)
        with _lock:
            data = json.dumps(dict(_sums, first=list(_sums["first"])))
        with open(f"{_out}/{os.getpid()}.tmp", "w") as file:
            file.write(data)
        os.replace(f"{_out}/{os.getpid()}.tmp", f"{_out}/{os.getpid()}.json")
threading.Thread(target=_dump, daemon=True).start()
_receive = _intake.Intake.receive
def receive(self, *arguments, **options):
    started = time.thread_time()
    try:
        return _receive(self, *arguments, **options)
    finally:
        spent, me = time.thread_time() - started, threading.get_ident()
        with _lock:
            _sums["calls"] += 1
            _sums["cpu"] += spent
            if me not in _seen:
                _seen.add(me)
                _sums["first"].append(spent)
_intake.Intake.receive = receive
"""
HOOK = """
import os, sys
if os.environ.get("SERVED_SPLIT_PROBE"):
    import importlib.abc
    class _AfterApp(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "gateway.api.app":
                sys.meta_path.remove(self)
                import served_split_probe  # noqa: F401
            return None
    sys.meta_path.insert(0, _AfterApp())
"""


def sums(folder: Path) -> dict[str, float | list[float]]:
    """The probes' sums over every worker."""
    found = [json.loads(path.read_text()) for path in folder.glob("*.json")]
    first = [seconds for probe in found for seconds in probe["first"]]
    return {"calls": sum(p["calls"] for p in found), "cpu": sum(p["cpu"] for p in found), "first": first}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ingest.PROJECT, help="the tree whose gateway runs")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=0)
    parser.add_argument("--connections", type=int, default=16)
    a = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gateway-split-") as name:
        folder = Path(name)
        for sub in ("probe", "hook", "metrics"):
            (folder / sub).mkdir()
        (folder / "hook" / "sitecustomize.py").write_text(HOOK)
        (folder / "hook" / "served_split_probe.py").write_text(PROBE)
        (folder / "manifest.xml").write_bytes(ingest.manifest())
        tokens = ingest.bench_keys(folder / "gateway.sqlite3")
        env = os.environ | {
            "PYTHONPATH": f"{folder / 'hook'}:{a.project.resolve()}", "GATEWAY_DATA_DIR": str(folder),
            "GATEWAY_MAX_CONCURRENT_POSTS_PER_KEY": str(a.connections),
            "PROMETHEUS_MULTIPROC_DIR": str(folder / "metrics"), "SERVED_SPLIT_PROBE": str(folder / "probe"),
        }  # fmt: skip
        port = ingest.free_port()
        url = f"http://127.0.0.1:{port}"
        command = ingest.uvicorn_command("gateway.api.app:app_from_settings", port, "auto", "--factory")
        with ingest.server(command, env, f"{url}/ready") as pid:

            def post(length: int, prefix: str) -> dict[str, float]:
                return ingest.wrk(url, "/v1/documents", tokens["KZ"], folder, length, a.connections, prefix)

            store = folder / "gateway.sqlite3"
            if a.warmup:
                ingest.cpu_during(pid, lambda: post(a.warmup, "warm"))
                ingest.settle(pid)
            before = sums(folder / "probe")
            _, measured = ingest.rounds(pid, (0, a.seconds), post, lambda: ingest.stored_messages(store))
            time.sleep(0.6)  # the probes' last sums
            after = sums(folder / "probe")
    report(measured, before, after)


def report(measured: dict[str, float], before: dict, after: dict) -> None:  # type: ignore[type-arg]
    stored, calls = measured["stored"], after["calls"] - before["calls"]
    receive = after["cpu"] - before["cpu"]
    first = after["first"][len(before["first"]) :]
    print(
        f"{stored:.0f} stored, {calls} receives; processes' CPU {measured['cpu'] / stored * 1000:.2f} ms a "
        f"stored document: receive {receive / calls * 1000:.2f} ms a call (thread CPU), the rest "
        f"{(measured['cpu'] - receive) / stored * 1000:.2f} ms a document; first receive of each thread: "
        f"{len(first)} threads, {sum(first):.2f} s in all"
    )


if __name__ == "__main__":
    main()
