"""CPU of the accept step alone, per document, in this process (branch store10).

Builds the service as bench/intake_steps.py does (a fresh SQLite store, the demo agreements) from the
tree named by --project, warms it, then receives bench/ingest.py's manifest --count times, each with its
own document ID, and prints the median thread CPU (and elapsed) of: the whole receive, the store's
`accept`, and "keep" (`Intake._keep` less the plan: digest, reference, message, unresolved names,
accept, answer, log). With --threads N it also receives --count documents on N threads at once and
prints the process CPU a document (the group commit's batches). With --postgres URL the store is
that database instead (emptied first); with --pg-server, a PostgreSQL server started here for the run.

    PYTHONPATH=. .venv/bin/python plans/tools/store10_steps.py --project /tmp/base10 [--count 300]
"""

# the gateway is imported from the tree --project names, once the path is set: imports inside functions
# ruff: noqa: PLC0415

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any


def timed(into: list[tuple[float, float]], function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*arguments: Any) -> Any:
        start, cpu = time.perf_counter(), time.thread_time()
        try:
            return function(*arguments)
        finally:
            into.append(((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000))

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL instead of SQLite")
    parser.add_argument("--pg-server", action="store_true", help="on a PostgreSQL server started here")
    arguments = parser.parse_args()
    if arguments.pg_server:
        from store10_same import postgres

        with postgres() as url:
            arguments.postgres = url
            measure(arguments)
        return
    measure(arguments)


def measure(arguments: argparse.Namespace) -> None:
    project = arguments.project.resolve()
    sys.path[:0] = [str(project), str(project / "bench")]
    from ingest import manifest

    from gateway.access.keys import Principal
    from gateway.agreements import Agreements
    from gateway.normalize.pipeline import Normalizer
    from gateway.service.agreement_router import AgreementRouter
    from gateway.service.intake import Intake
    from gateway.settings import Settings
    from gateway.store.database import sqlite_url
    from gateway.store.memory import utc_now
    from gateway.store.sql import SqlStore

    settings = Settings(agreements_dir=project / "agreements")
    body, principal = manifest(), Principal("bench", "bench", "KZ", "national")
    with tempfile.TemporaryDirectory(prefix="store10-steps-") as folder:
        url = arguments.postgres or sqlite_url(Path(folder) / "steps.sqlite3")
        store = SqlStore.open(url, utc_now)
        if arguments.postgres:
            empty(store)
        normalizer = Normalizer.from_settings(settings)
        router = AgreementRouter(Agreements.load(settings.agreements_dir), normalizer.registry)
        intake = Intake(store, normalizer, router, utc_now, settings.max_document_bytes)
        numbers = iter(range(10**9))

        def document() -> bytes:
            return body.replace(b"BENCHID", f"steps-{next(numbers)}".encode())

        for _ in range(20):
            intake.receive(principal, document())
        steps: dict[str, list[tuple[float, float]]] = {"receive": [], "accept": [], "keep": [], "plan": []}
        store.accept = timed(steps["accept"], store.accept)  # type: ignore[method-assign]
        router.plan = timed(steps["plan"], router.plan)  # type: ignore[method-assign]
        intake._keep = timed(steps["keep"], intake._keep)  # type: ignore[method-assign]
        receive = timed(steps["receive"], intake.receive)
        for _ in range(arguments.count):
            receive(principal, document())
        medians = {name: [statistics.median(v[i] for v in values) for i in (0, 1)] for name, values in
                   steps.items()}  # fmt: skip
        keep = [medians["keep"][i] - medians["plan"][i] for i in (0, 1)]
        print(
            f"{project}: CPU receive {medians['receive'][1]:.3f} ms, accept {medians['accept'][1]:.3f} ms, "
            f"keep less plan {keep[1]:.3f} ms | elapsed accept {medians['accept'][0]:.3f} ms"
        )
        if arguments.threads:
            batch = [document() for _ in range(arguments.count)]
            with ThreadPoolExecutor(arguments.threads) as pool:
                started, cpu = time.perf_counter(), time.process_time()
                list(pool.map(lambda one: intake.receive(principal, one), batch))
                spent, wall = time.process_time() - cpu, time.perf_counter() - started
            print(f"  {arguments.threads} threads: {spent / len(batch) * 1000:.3f} ms of process CPU a "
                  f"document, {len(batch) / wall:.1f} documents/s")  # fmt: skip
        store.close()


def empty(store: Any) -> None:
    from sqlalchemy import text

    with store.engine.begin() as conn:
        conn.execute(text("TRUNCATE messages, deliveries, events, unresolved_names RESTART IDENTITY CASCADE"))


if __name__ == "__main__":
    main()
