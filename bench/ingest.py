"""Ingest throughput of the running service against a bare FastAPI endpoint that only parses the XML.

Starts, on 127.0.0.1, `gateway serve --workers 2` over a fresh SQLite store (the default) and a bare
FastAPI + uvicorn app with two workers whose one endpoint parses the body with lxml. wrk posts 20 KB
Kazakh manifests (the example grown to six consignments, each post with its own document ID) to each for
the same time, one after the other in the same run, and the benchmark prints:

* documents per second accepted (202) and stored (rows in the store afterwards), and the p99 latency;
* the same for the bare endpoint, and the ratio of the two (the goal is at least 0.5);
* the p99 time from posting a document to its arrival in the partner's (China's) inbox, with 4 posters
  and the inbox polled every 10 ms;
* the CPU time the serving processes used per request and per stored document (from /proc, so it does
  not depend on what else runs on the machine), and the ratio of the two;
* the busiest serving process's share of that CPU (uvicorn's workers share one listening socket, and
  the worker that wakes first may accept most of wrk's keep-alive connections; each side is measured
  only once all its workers have started and gone idle, `settle`: seen at 51-52 % on the bare side and
  81-83 % on the gateway's here);
* normalization alone in this process (documents per second on one core), which bounds the first figure.

Each server is posted to for `--warmup` seconds (3) before the measured round, with document IDs of its
own, and measured once it has gone idle again: the figures above are those of a running server. The
warm-up's own CPU is printed apart. It is dear on the gateway's side: a worker's first documents resolve
every name afresh (the resolver's memo is empty), and every thread that takes one of wrk's first posts
does so at once. Until session 9 the measured round began cold, and that first-seconds cost (about 0.3 s
of CPU a worker, ~0.5 ms a stored document of a 10 s round) was counted as if every document paid it
(plans/notes-served9.md). `--warmup 0` measures from the start.

Both sides run the same uvicorn server, two workers, with the same HTTP parser and event loop: `--http
auto` (the default) is what `gateway serve` uses, httptools and uvloop when installed (`uvicorn[standard]`);
`--http h11` is the pure-Python parser and asyncio's loop. The gateway side is the app factory that
`gateway serve --workers 2` runs (`gateway.api.app:app_from_settings`), started through uvicorn's command
so that the parser can be chosen.

The store commits with `synchronous=FULL` (GATEWAY_SQLITE_SYNCHRONOUS=full, the default): every
acknowledged document is on disk. `--sqlite-synchronous normal` shows what that fsync costs here; the
figures the issue asks for are those of the default.

    .venv/bin/python bench/ingest.py [--seconds 10] [--warmup 3] [--connections 16]
                                     [--http auto|h11|httptools] [--sqlite-synchronous full|normal]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from gateway.access.keys import create_key  # noqa: E402  (after the path is set)
from gateway.normalize.pipeline import Normalizer  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from gateway.store.database import sqlite_url  # noqa: E402
from gateway.store.memory import utc_now  # noqa: E402
from gateway.store.sql import SqlStore  # noqa: E402

EXAMPLE = PROJECT / "examples" / "kz-eaeu-pi-manifest.xml"
DOCUMENT_ID = b"3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10"
LOOPS = {"auto": "auto", "h11": "asyncio", "httptools": "uvloop"}  # the event loop that goes with a parser
BARE_APP = """
from fastapi import FastAPI, Request
from lxml import etree

app = FastAPI()
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@app.post("/parse")
async def parse(request: Request) -> dict[str, bool]:
    etree.fromstring(await request.body(), PARSER)
    return {"ok": True}
"""
WRK_SCRIPT = """
local counter, number = 0, 0
function setup(thread) number = number + 1; thread:set("tid", tostring(number)) end
function init(args)
  local file = io.open("%(body)s", "rb"); template = file:read("*all"); file:close()
end
function request()
  counter = counter + 1
  local body = (template:gsub("BENCHID", "%(prefix)s-" .. tid .. "-" .. counter))
  return wrk.format("POST", "%(path)s", {["Authorization"] = "Bearer %(token)s",
                    ["Content-Type"] = "application/xml"}, body)
end
"""


def manifest() -> bytes:
    """The Kazakh example grown to six consignments (about 20 KB), its document ID a placeholder."""
    source = EXAMPLE.read_bytes()
    start = source.index(b"  <pi:PICargoInfo>")
    end = source.rindex(b"</pi:PICargoInfo>") + len(b"</pi:PICargoInfo>\n")
    grown = source[:end] + source[start:end] * 2 + source[end:]
    return grown.replace(DOCUMENT_ID, b"BENCHID")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def family_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user and system) used so far by process `pid` and each of its descendants (/proc)."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        number = int(stat.parent.name)
        parents[number] = int(fields[1])
        used[number] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    family: set[int] = set()
    grown = {pid}
    while grown != family:
        family = grown
        grown = family | {number for number, parent in parents.items() if parent in family}
    return {number: used.get(number, 0.0) for number in family}


def cpu_during(pid: int, run: Callable[[], dict[str, float]]) -> dict[str, float]:
    """`run()`'s figures, with the CPU seconds the server `pid` and its workers used meanwhile (`cpu`) and
    the busiest process's share of them (`busiest`: uvicorn's workers share one listening socket, and
    the first to wake may take most of the keep-alive connections)."""
    before = family_cpu(pid)
    figures = run()
    spent = [seconds - before.get(number, 0.0) for number, seconds in family_cpu(pid).items()]
    total = sum(spent)
    return figures | {"cpu": total, "busiest": max(spent) / total if total else 0.0}


@contextmanager
def server(command: list[str], env: dict[str, str], ready: str) -> Iterator[int]:
    """A server process, waited for until `ready` answers, stopped at the end; its process ID."""
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(ready, timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise RuntimeError(f"{command} did not become ready")
            settle(process.pid)
            yield process.pid
        finally:
            process.terminate()
            process.wait(30)


def settle(pid: int, idle: float = 0.05, window: float = 0.5, limit: float = 60.0) -> None:
    """Wait until the server `pid` and its workers use under `idle` CPU seconds in `window`: the first
    worker to finish starting answers `ready`, while the others may still be loading and warming, and a
    worker that is not listening yet when wrk opens its connections gets none of them."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = sum(family_cpu(pid).values())
        time.sleep(window)
        if sum(family_cpu(pid).values()) - before < idle:
            return


def wrk(
    url: str, path: str, token: str, folder: Path, seconds: int, connections: int, prefix: str = "bench"
) -> dict[str, float]:
    """Run wrk posting folder/manifest.xml, each post's document ID `prefix`-thread-count; requests per
    second, p99 latency in ms, the count of requests and of answers other than 2xx/3xx."""
    script = folder / f"post{path.replace('/', '-')}-{prefix}.lua"
    script.write_text(
        WRK_SCRIPT % {"body": folder / "manifest.xml", "path": path, "token": token, "prefix": prefix}
    )
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]  # type: ignore[union-attr]
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rate": rate, "total": total, "p99": float(p99.group(1)) * scale,  # type: ignore[union-attr]
            "failed": int(failed.group(1)) if failed else 0}  # fmt: skip


def post_to_inbox(url: str, tokens: dict[str, str], body: bytes, count: int) -> list[float]:
    """Seconds from the start of each post to the message's arrival in China's inbox."""
    cn = {"Authorization": f"Bearer {tokens['CN']}"}
    with httpx.Client(base_url=url, headers=cn, timeout=60) as reader:
        cursor = drain(reader, 0)
        seen: dict[str, float] = {}
        stop = threading.Event()

        def poll() -> None:
            nonlocal cursor
            while not stop.is_set():
                page = reader.get("/v1/inbox/CN", params={"after": cursor, "limit": 500}).json()
                for item in page["items"]:
                    seen.setdefault(item["message_id"], time.perf_counter())
                cursor = page["next_after"]
                time.sleep(0.01)

        poller = threading.Thread(target=poll)
        poller.start()
        with ThreadPoolExecutor(4) as pool:
            posted = list(pool.map(lambda n: post_one(url, tokens["KZ"], body, f"arrival-{n}"), range(count)))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not all(message in seen for message, _ in posted):
            time.sleep(0.01)
        stop.set()
        poller.join()
    return [seen[message] - started for message, started in posted if message in seen]


def post_one(url: str, token: str, body: bytes, document_id: str) -> tuple[str, float]:
    started = time.perf_counter()
    answer = httpx.post(f"{url}/v1/documents", content=body.replace(b"BENCHID", document_id.encode()),
                        headers={"Authorization": f"Bearer {token}"}, timeout=60)  # fmt: skip
    answer.raise_for_status()
    return answer.json()["message_id"], started


def drain(reader: httpx.Client, cursor: int) -> int:
    """The cursor after everything already in the inbox."""
    while True:
        page = reader.get("/v1/inbox/CN", params={"after": cursor, "limit": 500}).json()
        if not page["items"]:
            return cursor
        cursor = page["next_after"]


def normalization_rate(body: bytes, seconds: float = 3.0) -> float:
    """Documents per second that the normalizer alone reaches in this process (one core)."""
    normalizer = Normalizer.from_settings(Settings())
    document = body.replace(b"BENCHID", b"rate")
    normalizer.normalize(document)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        normalizer.normalize(document)
        count += 1
    return count / (time.perf_counter() - started)


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share) - 1] if len(values) > 1 else values[0]


@dataclass
class Figures:
    """What one run measured."""

    body_bytes: int
    seconds: int
    connections: int
    http: str
    synchronous: str
    baseline: dict[str, float]
    ingest: dict[str, float]
    stored: int
    arrivals: list[float]
    wanted_arrivals: int
    warmup: int = 0
    warm_baseline: dict[str, float] = field(default_factory=dict)
    warm_ingest: dict[str, float] = field(default_factory=dict)


def uvicorn_command(app: str, port: int, http: str, *options: str) -> list[str]:
    """uvicorn serving `app` on 127.0.0.1:`port` with two workers and the parser `http`."""
    return [sys.executable, "-m", "uvicorn", app, *options, "--port", str(port), "--workers", "2",
            "--http", http, "--loop", LOOPS[http], "--log-level", "warning", "--no-access-log"]  # fmt: skip


def parser_in_use(http: str) -> str:
    """What uvicorn's `http` choice means on this machine."""
    if http != "auto":
        return f"{http} + {LOOPS[http]}"
    installed = importlib.util.find_spec("httptools") and importlib.util.find_spec("uvloop")
    return "auto: httptools + uvloop" if installed else "auto: h11 + asyncio"


def measure(
    seconds: int, connections: int, arrivals: int, http: str, synchronous: str, warmup: int = 0
) -> Figures:
    """Both servers in turn, each warmed up for `warmup` seconds first, then the post-to-inbox times, in
    one temporary folder."""
    body = manifest()
    with tempfile.TemporaryDirectory(prefix="gateway-bench-") as name:
        folder = Path(name)
        (folder / "manifest.xml").write_bytes(body)
        (folder / "bare_app.py").write_text(BARE_APP)
        tokens = bench_keys(folder / "gateway.sqlite3")
        env = os.environ | {
            "PYTHONPATH": str(PROJECT),
            "GATEWAY_DATA_DIR": str(folder),
            # one key posts everything here: let all of wrk's connections in at once
            "GATEWAY_MAX_CONCURRENT_POSTS_PER_KEY": str(connections),
            # what `gateway serve --workers N` sets: the workers share their metrics
            "PROMETHEUS_MULTIPROC_DIR": str(folder / "metrics"),
            "GATEWAY_SQLITE_SYNCHRONOUS": synchronous,
        }
        (folder / "metrics").mkdir()
        bare_port, gateway_port = free_port(), free_port()
        bare = uvicorn_command("bare_app:app", bare_port, http, "--app-dir", str(folder))
        with server(bare, env, f"http://127.0.0.1:{bare_port}/docs") as pid:
            bare_url = f"http://127.0.0.1:{bare_port}"

            def parse(length: int, prefix: str) -> dict[str, float]:
                return wrk(bare_url, "/parse", "-", folder, length, connections, prefix)

            warm_bare, baseline = rounds(pid, (warmup, seconds), parse)
        url = f"http://127.0.0.1:{gateway_port}"
        serve = uvicorn_command("gateway.api.app:app_from_settings", gateway_port, http, "--factory")
        with server(serve, env, f"{url}/ready") as pid:

            def post(length: int, prefix: str) -> dict[str, float]:
                return wrk(url, "/v1/documents", tokens["KZ"], folder, length, connections, prefix)

            warm_ingest, ingest = rounds(
                pid, (warmup, seconds), post, lambda: stored_messages(folder / "gateway.sqlite3")
            )
            times = post_to_inbox(url, tokens, body, arrivals)
    return Figures(
        len(body), seconds, connections, http, synchronous, baseline, ingest, int(ingest["stored"]), times,
        arrivals, warmup, warm_bare, warm_ingest,
    )  # fmt: skip


Post = Callable[[int, str], dict[str, float]]


def rounds(
    pid: int, seconds: tuple[int, int], post: Post, stored: Callable[[], int] = lambda: 0
) -> tuple[dict[str, float], dict[str, float]]:
    """The figures of a warm-up round and of the measured round that follows once the server has gone
    idle again (`seconds`: how long each posts; no warm-up when 0), each with the count of messages it
    `stored`. The warm-up's documents have IDs of their own: the measured round stores new documents."""
    warmup, measured_seconds = seconds
    warm: dict[str, float] = {}
    if warmup:
        before = stored()
        warm = cpu_during(pid, lambda: post(warmup, "warm"))
        settle(pid)
        warm["stored"] = stored() - before
    before = stored()
    measured = cpu_during(pid, lambda: post(measured_seconds, "bench"))
    measured["stored"] = stored() - before
    return warm, measured


def stored_messages(database: Path) -> int:
    """Messages in the gateway's store."""
    with sqlite3.connect(database) as db:
        return int(db.execute("SELECT count(*) FROM messages").fetchone()[0])


def bench_keys(database: Path) -> dict[str, str]:
    """A Kazakh national key and a Chinese partner key in a new store."""
    store = SqlStore.open(sqlite_url(database))
    tokens = {
        "KZ": create_key(store, "Kazakhstan SRC (bench)", "KZ", "national", utc_now())[1],
        "CN": create_key(store, "GACC (bench)", "CN", "partner", utc_now())[1],
    }
    store.close()
    return tokens


def report(f: Figures) -> list[str]:
    """The lines to print."""
    accepted = f.ingest["total"] - f.ingest["failed"]
    per_second = f.stored / f.seconds
    return [
        f"bench/ingest.py: {f.body_bytes / 1000:.1f} KB kz-eaeu-pi manifests; wrk -t2 -c{f.connections} "
        f"-d{f.seconds}s against each server; uvicorn with 2 worker processes each, HTTP "
        f"{parser_in_use(f.http)}; SQLite (WAL, synchronous={f.synchronous}) store",
        f"bare FastAPI endpoint that parses the XML: {f.baseline['rate']:,.0f} requests/s, "
        f"p99 {f.baseline['p99']:.1f} ms",
        f"gateway: {accepted / f.seconds:,.1f} documents/s accepted, {per_second:,.1f} stored "
        f"({f.stored} stored, {accepted} answers 202 within the run, {f.ingest['failed']} other answers), "
        f"p99 {f.ingest['p99']:.1f} ms",
        f"ratio (documents stored per second / bare requests per second): "
        f"{per_second / f.baseline['rate']:.3f} (goal at least 0.5)",
        f"CPU of the serving processes: bare {f.baseline['cpu'] / f.baseline['total'] * 1000:.2f} ms a "
        f"request, gateway {f.ingest['cpu'] / max(f.stored, 1) * 1000:.2f} ms a stored document (their "
        f"ratio {f.baseline['cpu'] / f.baseline['total'] / (f.ingest['cpu'] / max(f.stored, 1)):.3f}: "
        "the ratio above if CPU alone bounded both, whatever else runs on the machine)",
        f"busiest serving process's share of that CPU: bare {f.baseline['busiest']:.0%}, gateway "
        f"{f.ingest['busiest']:.0%} (50 % is an even spread over the two workers)",
        *warm_up(f),
        f"post to inbox: p99 {percentile(f.arrivals, 99) * 1000:.1f} ms, median "
        f"{statistics.median(f.arrivals) * 1000:.1f} ms ({len(f.arrivals)} of {f.wanted_arrivals} arrived; "
        "4 posters, inbox polled every 10 ms)",
    ]


def warm_up(f: Figures) -> list[str]:
    """The warm-up round's line: what the first seconds after a start cost (not in the figures above)."""
    if not f.warmup:
        return []
    bare, ingest = f.warm_baseline, f.warm_ingest
    return [
        f"warm-up, the first {f.warmup} s of each server (not counted above): bare "
        f"{bare['cpu'] / max(bare['total'], 1) * 1000:.2f} ms CPU a request, gateway "
        f"{ingest['cpu'] / max(ingest['stored'], 1) * 1000:.2f} ms a stored document ({ingest['stored']:.0f} "
        "stored; a worker's first documents resolve names it has not seen, in each thread at once)"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="How long wrk posts to each server.")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections.")
    parser.add_argument("--arrivals", type=int, default=200, help="Documents timed from post to inbox.")
    parser.add_argument("--http", choices=sorted(LOOPS), default="auto", help="uvicorn's parser, both sides.")
    parser.add_argument("--sqlite-synchronous", choices=("full", "normal"), default="full",
                        help="The gateway's GATEWAY_SQLITE_SYNCHRONOUS (the goal: full).")  # fmt: skip
    parser.add_argument("--warmup", type=int, default=3, help="Seconds each server is posted to before "
                        "the measured round (not counted in it; 0: none).")  # fmt: skip
    a = parser.parse_args()
    figures = measure(a.seconds, a.connections, a.arrivals, a.http, a.sqlite_synchronous, a.warmup)
    for line in report(figures):
        print(line)
    print(f"normalization alone, this process, one core: {normalization_rate(manifest()):,.1f} documents/s")


if __name__ == "__main__":
    main()
