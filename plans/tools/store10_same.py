"""Digests of everything the accept step writes and answers, to show that a change of the store's
transaction leaves every output the same (branch store10).

Runs every golden input (tests/golden/*/*/input.*), every example (examples/*) and bench/ingest.py's
kz-eaeu-pi manifest through `Intake.receive` of the tree named by --project (e.g. /tmp/base10 and a
worktree), with a clock that advances one second a call and message IDs counted from one, on SQLite
and (with --postgres) on a PostgreSQL server started here on 127.0.0.1. Each input is posted, posted
again (a repeat), and the manifest is also posted with other bytes under its reference (a conflict).
Then it reads every table with the driver (the bytes the database holds, not what SQLAlchemy makes of
them) and prints one SHA-256 per table and one of the answers (acknowledgements, or the error's class
and issues). A threaded pass posts 64 manifests on 8 threads (the group commit's batches; the order of
commits varies, so its rows are compared without IDs and message IDs, order-free).

    PYTHONPATH=. .venv/bin/python plans/tools/store10_same.py --project /tmp/base10 [--postgres]
"""

# the gateway is imported from the tree --project names, once the path is set: imports inside functions
# ruff: noqa: PLC0415

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

TABLES = ("messages", "deliveries", "events", "unresolved_names", "disabled_endpoints")
ORDER = {"messages": "message_id", "unresolved_names": "kind, text, language"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--postgres", action="store_true", help="also on a PostgreSQL server started here")
    arguments = parser.parse_args()
    project = arguments.project.resolve()
    sys.path[:0] = [str(project), str(project / "bench")]
    os.chdir(project)
    world = World(project)
    with tempfile.TemporaryDirectory(prefix="store10-same-") as folder:
        report("sqlite", world.sequential(f"sqlite:///{folder}/same.sqlite3"))
        report("sqlite threaded", world.threaded(f"sqlite:///{folder}/threads.sqlite3"))
    if arguments.postgres:
        with postgres() as url:
            report("postgresql", world.sequential(url))
            world.empty(url)
            report("postgresql threaded", world.threaded(url))


def report(name: str, digests: dict[str, str]) -> None:
    whole = hashlib.sha256("".join(digests.values()).encode()).hexdigest()[:16]
    print(f"{name}: all {whole}  " + "  ".join(f"{k} {v[:12]}" for k, v in digests.items()))


class World:
    """The project's normalizer and router, loaded once, and stores made on demand."""

    def __init__(self, project: Path) -> None:
        from ingest import manifest

        from gateway.agreements import Agreements
        from gateway.normalize.pipeline import Normalizer
        from gateway.service.agreement_router import AgreementRouter
        from gateway.settings import Settings

        settings = Settings()
        self.normalizer = Normalizer.from_settings(settings)
        self.router = AgreementRouter(Agreements.load(settings.agreements_dir), self.normalizer.registry)
        self.max_bytes = settings.max_document_bytes
        inputs = sorted(project.glob("tests/golden/*/*/input.*")) + sorted(project.glob("examples/*.*"))
        self.documents = [(str(p.relative_to(project)), p.read_bytes()) for p in inputs]
        body = manifest()
        self.documents.append(("bench manifest", body.replace(b"BENCHID", b"same-1")))
        self.conflict = body.replace(b"BENCHID", b"same-1").replace(b"</", b" </", 1)
        self.manifest = body

    def intake(self, url: str, step: int = 1) -> Any:
        from gateway.service.intake import Intake
        from gateway.store.sql import SqlStore

        clock = Clock(step)
        store = SqlStore.open(url, clock)
        return Intake(store, self.normalizer, self.router, clock, self.max_bytes)

    def sequential(self, url: str) -> dict[str, str]:
        intake, answers = self.intake(url), []
        with counted_ids():
            for (name, body), _ in itertools.product(self.documents, range(2)):
                answers.append([name, answer(intake, body)])
            answers.append(["conflict", answer(intake, self.conflict)])
        found = {table: rows(intake.store.engine, table) for table in TABLES}
        intake.store.close()
        print("rows: " + ", ".join(f"{table} {len(held)}" for table, held in found.items()))
        return {table: digest(held) for table, held in found.items()} | {"answers": digest(answers)}

    def threaded(self, url: str) -> dict[str, str]:
        intake = self.intake(url, step=0)  # one time: the order of calls varies between threads
        bodies = [self.manifest.replace(b"BENCHID", f"t-{n % 48}".encode()) for n in range(64)]
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda body: answer(intake, body, ids=False), bodies))
        tables = {table: rows(intake.store.engine, table) for table in TABLES}
        intake.store.close()
        return {name: digest(sorted(map(repr, order_free(name, found, tables)))) for name, found in
                tables.items()} | {"answers": digest(sorted(map(repr, answers)))}  # fmt: skip

    def empty(self, url: str) -> None:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        engine.dispose()


def order_free(table: str, found: list[tuple[Any, ...]], tables: dict[str, Any]) -> list[Any]:
    """Rows of the threaded pass with what commit order decides left out: IDs, message IDs (read as
    the reference), the examples of the unresolved queue."""
    reference = {row[0]: row[2] for row in tables["messages"]}
    if table == "messages":
        return [row[1:] for row in found]
    if table == "deliveries":
        return [(reference[row[1]], *row[2:]) for row in found]
    if table == "events":
        return [(reference.get(row[1]), *row[2:4], strip_ids(row[4]), row[5]) for row in found]
    if table == "unresolved_names":
        return [row[:5] + row[6:] for row in found]
    return found


def strip_ids(detail: str) -> str:
    values = json.loads(detail)
    values.pop("delivery_id", None)
    return json.dumps(values, sort_keys=True)


def answer(intake: Any, body: bytes, ids: bool = True) -> Any:
    """What the sender is told: the acknowledgement's fields, or the error's class and issues."""
    from gateway.access.keys import Principal

    result = intake.normalizer.normalize(body)
    country = intake.normalizer.registry.get(result.format).country if result.format else "KZ"
    principal = Principal("same", "same", country, "national")
    try:
        ack = intake.receive(principal, body)
    except Exception as refused:
        return [type(refused).__name__, [i.to_dict() for i in getattr(refused, "issues", [])]]
    fields = [ack.created, ack.reference, ack.status, ack.recipients, [i.to_dict() for i in ack.warnings]]
    return [ack.message_id if ids else "", *fields, [(h.recipient, h.reason) for h in ack.held]]


def rows(engine: Any, table: str) -> list[tuple[Any, ...]]:
    """Every row of `table` as the driver reads it, in key order."""
    driver = engine.raw_connection()
    try:
        cursor = driver.cursor()
        cursor.execute(f"SELECT * FROM {table} ORDER BY {ORDER.get(table, '1')}")
        found = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor]
        cursor.close()
    finally:
        driver.close()
    return found


def digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


class Clock:
    """A clock that starts at a fixed time and advances `step` seconds a call."""

    def __init__(self, step: int) -> None:
        self.now, self.step = datetime(2026, 11, 24, 9, 0, tzinfo=UTC), timedelta(seconds=step)

    def __call__(self) -> datetime:
        self.now += self.step
        return self.now


@contextmanager
def counted_ids() -> Iterator[None]:
    """Message IDs (`uuid.uuid4`) counted from one while inside."""
    original, numbers = uuid.uuid4, itertools.count(1)
    uuid.uuid4 = lambda: uuid.UUID(int=next(numbers))  # type: ignore[assignment]
    try:
        yield
    finally:
        uuid.uuid4 = original


@contextmanager
def postgres() -> Iterator[str]:
    """A PostgreSQL server on 127.0.0.1 for this run (as tests/conftest.py starts it)."""
    programs = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1].parent
    folder = Path(tempfile.mkdtemp(prefix="store10-pg-"))
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(folder, "postgres", "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = folder / "data"
    run: Callable[..., Any] = subprocess.run
    run([*as_user, str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync",
         "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)  # fmt: skip
    pg_ctl = [*as_user, str(programs / "pg_ctl"), "-D", str(data), "-l", str(folder / "log")]
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off"
    run([*pg_ctl, "-w", "-o", options, "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        run([*pg_ctl, "-m", "immediate", "stop"], check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
