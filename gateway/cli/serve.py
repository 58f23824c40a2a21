"""`gateway serve`: the HTTP service, with the in-process dispatcher; `--demo` runs a self-contained demo."""

from __future__ import annotations

import logging
import os
import tempfile

import click
import uvicorn

from gateway.agreements import Agreements
from gateway.api.app import create_app
from gateway.api.slow_clients import HeaderDeadline
from gateway.cli.demo import run_demo
from gateway.delivery.announce import QueueAnnouncer
from gateway.delivery.worker import open_queue, start_in_thread
from gateway.glossary import Glossary
from gateway.mapping.registry import FormatRegistry
from gateway.service.log import configure_logging
from gateway.settings import Settings
from gateway.store.sql import open_store

log = logging.getLogger("gateway.serve")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=int, help="HTTP worker processes.")
@click.option("--demo", is_flag=True, help="A temporary SQLite store, demo keys, and one document sent.")
def serve(host: str, port: int, workers: int, demo: bool) -> None:
    """Serve the intake API, inboxes and operations on HOST:PORT (docs/api.md, docs/operations.md)."""
    if demo:
        run_demo(host, port)
        return
    settings = Settings()
    configure_logging(settings.log_format)
    store = open_store(settings)  # migrates before any worker starts
    if workers > 1:
        _check_configuration(settings)  # before the workers: uvicorn restarts a worker that dies, for ever
        # prometheus-client reads this variable when imported: each worker then shares its counters
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="gateway-metrics-")
        log.info("serving", extra={"path": f"http://{host}:{port}", "status": f"{workers} workers"})
        uvicorn.run("gateway.api.app:app_from_settings", factory=True, host=host, port=port, workers=workers,
                    log_config=None, access_log=False, http=HeaderDeadline)  # fmt: skip
        return
    queue = open_queue(settings)  # shared: intake announces new deliveries to the dispatcher's queue
    start_in_thread(settings, store, queue)
    app = create_app(settings, store=store, announcer=QueueAnnouncer(store, queue))
    log.info("serving", extra={"path": f"http://{host}:{port}", "status": "1 worker with the dispatcher"})
    uvicorn.run(app, host=host, port=port, log_config=None, access_log=False, http=HeaderDeadline)


def _check_configuration(settings: Settings) -> None:
    """Read the mappings, the glossary and the agreements once in the supervising process, so that a
    broken file stops `serve --workers N` with its problems (`gateway.cli.group` tells them): each worker
    builds its app from them, and a worker whose app fails is restarted by uvicorn's supervisor at
    once, a traceback a second and no end. The workers read them again for themselves."""
    FormatRegistry.from_folder(settings.mappings_dir, settings.codelists_dir / "crosswalks")
    if settings.resolve_names:
        Glossary.load(settings.glossary_dir)
    Agreements.load(settings.agreements_dir)
