"""Digests of everything the served app answers, logs and counts around a posted document, to show that a
change of the app around the receive leaves every output the same (branch store11; the rows stored are
plans/tools/store10_same.py's).

Builds the app of the tree named by --project (`create_app` over a fresh SQLite store, its lifespan run,
a clock that advances one second a request, message IDs counted from one, JSON logs captured), with a key of
each role, and calls it as ASGI: every golden input and example posted twice by its country's national
key, the bench manifest with other bytes under its reference (a conflict), a post with no key, with an
unknown key, with a partner's key, as another country, over the size limit by its declared length, a
client that leaves mid-body; then the message, its events, a partner's inbox, /openapi.json and the
counters of /metrics. Prints one SHA-256 per kind of output: answers (status, headers, body), OpenAPI,
logs (without their time and duration), metrics (counters), and the rows of every table.

    PYTHONPATH=. .venv/bin/python plans/tools/store11_same.py --project /tmp/base11
"""

# the gateway is imported from the tree --project names, once the path is set: imports inside functions
# ruff: noqa: PLC0415

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import itertools
import json
import os
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

TABLES = ("messages", "deliveries", "events", "unresolved_names", "disabled_endpoints")


class Clock:
    """A clock that starts at a fixed time and advances one second a request (`tick`), so what the
    background sweeps read does not move it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def tick(self) -> None:
        self.now += timedelta(seconds=1)


CLOCK = Clock()


async def call(app: Any, method: str, path: str, headers: dict[str, str], body: bytes = b"",
               cut: bool = False) -> list[Any]:  # fmt: skip
    """One request as ASGI: status, headers (without the varying ones) and body of the answer."""
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    path, _, query = path.partition("?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
        "root_path": "", "headers": raw, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 2),
    }  # fmt: skip
    chunks = [{"type": "http.request", "body": body, "more_body": False}]
    if cut:
        chunks = [{"type": "http.request", "body": body[:100], "more_body": True}]
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    CLOCK.tick()
    await app(scope, receive, send)
    start = next((m for m in sent if m["type"] == "http.response.start"), None)
    content = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    if start is None:
        return ["no answer"]
    return [start["status"], [(k.decode(), v.decode()) for k, v in start["headers"]], content.decode()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, required=True)
    project = parser.parse_args().project.resolve()
    sys.path[:0] = [str(project), str(project / "bench")]
    os.chdir(project)
    numbers = itertools.count(1)
    uuid.uuid4 = lambda: uuid.UUID(int=next(numbers))  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="store11-same-") as folder:
        digests = asyncio.run(run(project, Path(folder)))
    for name, value in digests.items():
        print(f"{name}: {value}")


async def run(project: Path, folder: Path) -> dict[str, str]:
    from ingest import manifest

    from gateway.access.keys import create_key
    from gateway.api.app import create_app
    from gateway.service import log as service_log
    from gateway.settings import Settings
    from gateway.store.sql import SqlStore

    captured = io.StringIO()
    sys.stderr, real = captured, sys.stderr
    service_log.configure_logging("json")
    sys.stderr = real
    settings = Settings(data_dir=folder)
    store = SqlStore.open(f"sqlite:///{folder}/gateway.sqlite3")
    roles = {"KZ": "national", "CN": "national", "KG": "national", "MN": "national", "TJ": "national",
             "UZ": "national", "AZ": "national", "GE": "national"}  # fmt: skip
    tokens, key_ids = {}, {}
    for country, role in [*roles.items(), ("CN", "partner"), ("KZ", "partner")]:
        key, token = create_key(store, f"{country} {role}", country, role, CLOCK())  # type: ignore[arg-type]
        tokens[(country, role)] = token
        key_ids[key.key_id] = f"{country}-{role}"
    store.close()
    app = create_app(settings, clock=CLOCK)
    inputs = sorted(project.glob("tests/golden/*/*/input.*")) + sorted(project.glob("examples/*.*"))
    answers: list[Any] = []
    body = manifest().replace(b"BENCHID", b"same-1")
    async with app.router.lifespan_context(app):
        normalizer = app.state.services.intake.normalizer
        for path in inputs:
            document = path.read_bytes()
            result = normalizer.normalize(document)
            country = normalizer.registry.get(result.format).country if result.format else "KZ"
            auth = {"Authorization": f"Bearer {tokens[(country, 'national')]}"}
            for _ in range(2):
                answers.append([path.name, await call(app, "POST", "/v1/documents", auth, document)])
        kz = {"Authorization": f"Bearer {tokens[('KZ', 'national')]}"}
        cn = {"Authorization": f"Bearer {tokens[('CN', 'partner')]}"}
        answers.append(await call(app, "POST", "/v1/documents", kz, body))
        answers.append(await call(app, "POST", "/v1/documents", kz, body.replace(b"</", b" </", 1)))
        answers.append(await call(app, "POST", "/v1/documents", {}, body))
        answers.append(await call(app, "POST", "/v1/documents", {"Authorization": "Bearer gw_x_y"}, body))
        answers.append(await call(app, "POST", "/v1/documents", {"Authorization": "Basic abc"}, body))
        answers.append(await call(app, "POST", "/v1/documents", cn, body))
        other = {"Authorization": f"Bearer {tokens[('CN', 'national')]}"}
        answers.append(await call(app, "POST", "/v1/documents", other, body))
        big = kz | {"Content-Length": str(10**9)}
        answers.append(await call(app, "POST", "/v1/documents", big, body))
        answers.append(await call(app, "POST", "/v1/documents", kz, body, cut=True))
        answers.append(await call(app, "POST", "/v1/documents", kz, b"\xff\xfe<bad"))
        first = str(uuid.UUID(int=1))
        answers.append(await call(app, "GET", f"/v1/messages/{first}", kz))
        answers.append(await call(app, "GET", "/v1/inbox/CN", cn))
        openapi = await call(app, "GET", "/openapi.json", {})
        metrics = await call(app, "GET", "/metrics", {})
    service_log._stop_listener()
    return {
        "answers": digest(answers),
        "openapi": digest(openapi),
        "logs": digest(logs(captured.getvalue(), key_ids)),
        "metrics": digest(counters(metrics)),
        "rows": digest(table_rows(folder / "gateway.sqlite3")),
    }


def logs(text: str, key_ids: dict[str, str]) -> list[dict[str, Any]]:
    """The JSON log lines without what varies from run to run (time, duration, random key IDs)."""
    found = []
    for line in text.splitlines():
        fields = json.loads(line)
        fields.pop("time", None)
        fields.pop("duration_ms", None)
        if "key_id" in fields:
            fields["key_id"] = key_ids.get(fields["key_id"], "?")
        found.append(fields)
    return found


def counters(metrics: list[Any]) -> list[str]:
    """The counters of /metrics (the latency histogram and the counters' creation times vary)."""
    text: str = metrics[2]
    return [
        line
        for line in text.splitlines()
        if line.startswith("gateway_") and "intake_seconds" not in line and "_created" not in line
    ]


def table_rows(database: Path) -> list[Any]:
    import sqlite3

    connection = sqlite3.connect(database)
    found = [list(connection.execute(f"SELECT * FROM {table} ORDER BY 1")) for table in TABLES]
    connection.close()
    return found


def digest(value: Any) -> str:
    if os.environ.get("SAME_DUMP"):
        with open(os.environ["SAME_DUMP"], "a") as out:
            out.write(repr(value) + "\n")
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


if __name__ == "__main__":
    main()
