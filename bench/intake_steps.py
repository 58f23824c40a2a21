"""Where one document's CPU goes inside the gateway, in this process, on one thread (no HTTP).

Builds the service as the app does (settings from the environment, a fresh SQLite store in a temporary
folder, the demo agreements), then receives bench/ingest.py's 21 KB kz-eaeu-pi manifest --count times,
each with its own document ID, and prints the median milliseconds of each step, interleaved document by
document: normalize, plan (routing and every recipient's share), accept (the store's transaction), and
the whole `Intake.receive`. Then it receives --count documents on --threads threads at once (as the
served process does, with its group commit) and prints documents per second. Last, the app that
`gateway serve` runs is called as ASGI in this process (no HTTP, no uvicorn; its key check, routing,
logs, metrics and answer included), one post at a time: the process CPU a post costs, to set against the
receive alone (what the served process adds before HTTP). With --profile it prints cProfile's top
functions of --count receives on one thread instead.

    .venv/bin/python bench/intake_steps.py [--count 300] [--threads 8] [--sort cumulative]
                                           [--sqlite-synchronous full|normal] [--profile 25]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

from ingest import bench_keys, manifest  # noqa: E402  (after the path is set)

from gateway.access.keys import Principal  # noqa: E402
from gateway.agreements import Agreements  # noqa: E402
from gateway.api.app import create_app  # noqa: E402
from gateway.normalize.pipeline import Normalizer  # noqa: E402
from gateway.service.agreement_router import AgreementRouter  # noqa: E402
from gateway.service.intake import Intake  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from gateway.store.database import sqlite_url  # noqa: E402
from gateway.store.memory import utc_now  # noqa: E402
from gateway.store.sql import SqlStore  # noqa: E402

T = TypeVar("T")
PRINCIPAL = Principal("bench", "bench", "KZ", "national")


def timed(into: list[tuple[float, float]], function: Callable[..., T], *arguments: object) -> T:
    """Call `function(*arguments)`, add its milliseconds (elapsed, and CPU of this thread) to `into`,
    return its result. The CPU time does not count waiting: for the disk, or for other processes on a
    busy machine."""
    start, cpu = time.perf_counter(), time.thread_time()
    result = function(*arguments)
    into.append(((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="documents of each kind of measurement")
    parser.add_argument("--sqlite-synchronous", default="full", choices=["full", "normal"])
    parser.add_argument("--threads", type=int, default=8, help="threads receiving at once")
    parser.add_argument("--profile", type=int, default=0, help="print this many cProfile lines")
    parser.add_argument("--sort", default="tottime", help="cProfile's order: tottime, cumulative")
    arguments = parser.parse_args()
    settings = Settings()
    body = manifest()
    with tempfile.TemporaryDirectory(prefix="gateway-steps-") as folder:
        store = SqlStore.open(
            sqlite_url(Path(folder) / "steps.sqlite3"), utc_now, arguments.sqlite_synchronous
        )
        normalizer = Normalizer.from_settings(settings)
        router = AgreementRouter(Agreements.load(settings.agreements_dir), normalizer.registry)  # as served
        intake = Intake(store, normalizer, router, utc_now, settings.max_document_bytes)
        documents = (body.replace(b"BENCHID", f"steps-{n}".encode()) for n in range(10**9))
        for _ in range(20):  # warm: the mapping compiles, the resolver's catalogs are built
            intake.receive(PRINCIPAL, next(documents))
        if arguments.profile:
            profile(intake, documents, arguments.count, arguments.profile, arguments.sort)
            return
        steps = step_times(intake, documents, arguments.count)
        rate = threaded_rate(intake, [next(documents) for _ in range(arguments.count)], arguments.threads)
    print(
        f"bench/intake_steps.py: {len(body) / 1000:.1f} KB kz-eaeu-pi manifest, medians of "
        f"{arguments.count}, one thread, SQLite synchronous={arguments.sqlite_synchronous}"
    )
    for index, what in ((0, "elapsed"), (1, "CPU of the thread")):
        medians = {name: statistics.median(v[index] for v in values) for name, values in steps.items()}
        rest = medians["receive"] - medians["normalize"] - medians["plan"]
        print(
            f"{what}: normalize {medians['normalize']:.2f} ms, plan {medians['plan']:.2f} ms, receive "
            f"{medians['receive']:.2f} ms (of which accept and the rest {rest:.2f} ms)"
        )
    print(f"receive on {arguments.threads} threads: {rate:,.1f} documents/s")
    served = asgi_cpu(body, arguments.count)
    print(f"the app called as ASGI, one post at a time: {served:.2f} ms of process CPU a post")


def step_times(
    intake: Intake, documents: Iterator[bytes], count: int
) -> dict[str, list[tuple[float, float]]]:
    """Milliseconds of normalize, plan and a whole receive, interleaved over `count` documents."""
    steps: dict[str, list[tuple[float, float]]] = {"normalize": [], "plan": [], "receive": []}
    for _ in range(count):
        result = timed(steps["normalize"], intake.normalizer.normalize, next(documents))
        assert result.message is not None
        timed(steps["plan"], intake.router.plan, result.message, "KZ")
        timed(steps["receive"], intake.receive, PRINCIPAL, next(documents))
    return steps


def threaded_rate(intake: Intake, batch: list[bytes], threads: int) -> float:
    """Documents per second received when `threads` threads receive `batch` at once."""
    with ThreadPoolExecutor(threads) as pool:
        started = time.perf_counter()
        list(pool.map(lambda document: intake.receive(PRINCIPAL, document), batch))
        return len(batch) / (time.perf_counter() - started)


def asgi_cpu(body: bytes, count: int) -> float:
    """Median process CPU milliseconds of one POST /v1/documents through the app (`create_app`, warmed by
    its lifespan, over a fresh SQLite store), called as ASGI in this process."""
    with tempfile.TemporaryDirectory(prefix="gateway-asgi-") as folder:
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", folder)  # as `gateway serve --workers 2`
        settings = Settings(data_dir=Path(folder))
        token = bench_keys(Path(folder) / "gateway.sqlite3")["KZ"]
        app = create_app(settings)
        headers = [
            (b"authorization", f"Bearer {token}".encode()),
            (b"content-length", str(len(body)).encode()),
        ]

        async def posts() -> list[float]:
            async with app.router.lifespan_context(app):
                spent = []
                for n in range(count + 20):
                    started = time.process_time()
                    await post(app, headers, body.replace(b"BENCHID", f"asgi-{n}".encode()))
                    spent.append((time.process_time() - started) * 1000)
                return spent[20:]

        return statistics.median(asyncio.run(posts()))


async def post(app: Callable[..., Any], headers: list[tuple[bytes, bytes]], document: bytes) -> None:
    """One POST /v1/documents of `document`, answered 202."""
    status = await answered(app, headers, document)
    assert status == 202, status


async def answered(app: Callable[..., Any], headers: list[tuple[bytes, bytes]], document: bytes) -> int:
    """The status of one POST /v1/documents of `document`, called as ASGI."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/v1/documents", "raw_path": b"/v1/documents", "query_string": b"",
        "root_path": "", "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 2),
    }  # fmt: skip
    messages = [{"type": "http.request", "body": document, "more_body": False}]
    statuses = []

    async def receive() -> dict[str, Any]:
        return messages.pop() if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await app(scope, receive, send)
    return statuses[0]


def profile(
    intake: Intake, documents: Iterator[bytes], count: int, lines: int, sort: str = "tottime"
) -> None:
    """cProfile of `count` receives, the top `lines` functions by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        intake.receive(PRINCIPAL, next(documents))
    profiler.disable()
    pstats.Stats(profiler).sort_stats(sort).print_stats(lines)


if __name__ == "__main__":
    main()
