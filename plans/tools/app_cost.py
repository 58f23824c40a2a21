"""The CPU of the app around a document's receiving: POST /v1/documents called as ASGI in this process
(`create_app`, its lifespan run, a fresh SQLite store, JSON logs configured as `gateway serve` does and
written to /dev/null), with `Intake._receive` answering every post with its first answer (--stub, the
default: key check, FastAPI, the thread hop, logs, metrics and the answer, without the document's work)
or really receiving each (--real). Prints the median and mean process CPU of a post.

    PYTHONPATH=. .venv/bin/python plans/tools/app_cost.py [--project DIR] [--real] [--count 3000]

--project measures another tree (an exported commit with `_fastread*.so` copied in): run the two
alternately, several times, and compare medians of the same window.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[2])
parser.add_argument("--real", action="store_true", help="receive every document (no stub)")
parser.add_argument("--count", type=int, default=3000)
arguments = parser.parse_args()
sys.path[:0] = [str(arguments.project.resolve()), str(arguments.project.resolve() / "bench")]

import intake_steps  # noqa: E402  (after the path is set)
from ingest import bench_keys, manifest  # noqa: E402

from gateway.api.app import create_app  # noqa: E402
from gateway.service.intake import Intake  # noqa: E402
from gateway.service.log import configure_logging  # noqa: E402
from gateway.settings import Settings  # noqa: E402


def stub_receive() -> None:
    """Every `Intake._receive` answers with the first one's acknowledgement."""
    original, first = Intake._receive, []

    def answered(self: Intake, principal: Any, body: bytes) -> Any:
        if not first:
            first.append(original(self, principal, body))
        return first[0]

    Intake._receive = answered  # type: ignore[method-assign]


def main() -> None:
    body = manifest()
    with tempfile.TemporaryDirectory(prefix="gateway-app-cost-") as folder:
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", folder)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # the JSON lines go where `gateway serve` sends them
        configure_logging("json")
        token = bench_keys(Path(folder) / "gateway.sqlite3")["KZ"]
        app = create_app(Settings(data_dir=Path(folder)))
        if not arguments.real:
            stub_receive()
        headers = [
            (b"authorization", f"Bearer {token}".encode()),
            (b"content-length", str(len(body)).encode()),
        ]

        async def posts() -> list[float]:
            async with app.router.lifespan_context(app):
                spent = []
                for n in range(arguments.count + 20):
                    started = time.process_time()
                    await intake_steps.post(app, headers, body.replace(b"BENCHID", f"app-{n}".encode()))
                    spent.append((time.process_time() - started) * 1000)
                return spent[20:]

        spent = asyncio.run(posts())
    what = "real receive" if arguments.real else "stubbed receive"
    print(
        f"{arguments.project}: app around a {what}: median {statistics.median(spent):.3f} ms, mean "
        f"{statistics.mean(spent):.3f} ms of process CPU a post ({arguments.count} posts)"
    )


if __name__ == "__main__":
    main()
