"""Redis or the database away under delivery is logged once when it starts and once when it is over,
in one line with the reason, not a line (or a traceback) per round, per document or per sweep: an
operator on call reads when it started and when it ended. Real redis-server and PostgreSQL."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from delivery_system import wait_until
from outbox import accept_documents
from redis_server import RedisServer

from gateway.delivery.announce import QueueAnnouncer
from gateway.delivery.queue import RedisStreamQueue
from gateway.delivery.worker import build_dispatcher, open_queue, serve_deliveries
from gateway.service.expiry import start_expiry
from gateway.settings import Settings
from gateway.store.database import sqlite_url
from gateway.store.port import Accepted
from gateway.store.sql import SqlStore
from tests.conftest import postgres_server

pytestmark = pytest.mark.slow
OUTAGE = 3.5  # seconds: rounds, announcements and sweeps come several times a second meanwhile


def _lines(caplog: pytest.LogCaptureFixture, start: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage().startswith(start)]


def test_a_worker_logs_redis_away_once_and_back_once(
    tmp_path: Path, own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    store = SqlStore.open(sqlite_url(tmp_path / "gateway.sqlite3"))
    settings = Settings(redis_url=own_redis.url, delivery_sweep_seconds=0.1)
    queue = open_queue(settings)
    stop = threading.Event()
    loop = threading.Thread(
        target=serve_deliveries, args=(build_dispatcher(settings, store, queue), stop, timedelta(seconds=0.1))
    )
    with caplog.at_level(logging.INFO, logger="gateway.delivery.worker"):
        loop.start()
        own_redis.stop()
        time.sleep(OUTAGE)
        own_redis.start()
        wait_until(lambda: bool(_lines(caplog, "delivery:resumed")), 30)
        stop.set()
        loop.join(10)
    paused = [r.getMessage() for r in _lines(caplog, "delivery:paused")]
    assert len(paused) == len(set(paused)), (
        "a line when the reason changes (closed, then refused), not a round"
    )
    assert "Connection refused" in paused[-1] and not any("\n" in line for line in paused)
    assert len(_lines(caplog, "delivery:resumed")) == 1
    queue.close()
    store.close()


def test_announcing_to_a_stopped_redis_is_logged_once(
    tmp_path: Path, own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    store = SqlStore.open(sqlite_url(tmp_path / "gateway.sqlite3"))
    queue = RedisStreamQueue.from_url(own_redis.url, timedelta(seconds=3))
    announcer = QueueAnnouncer(store, queue)
    message_ids = accept_documents(store, 6, "http://127.0.0.1:9/inbox", store.clock())
    own_redis.stop()
    try:
        with caplog.at_level(logging.INFO, logger="gateway.delivery"):
            for message_id in message_ids[:5]:
                announcer.announce(Accepted(message_id, True))
            own_redis.start()
            announcer.announce(Accepted(message_ids[5], True))
        assert len(_lines(caplog, "delivery:announce-failed")) == 1, "once, not once per document"
        assert len(_lines(caplog, "delivery:announce-resumed")) == 1
    finally:  # the client's sockets closed here, not by a later test's garbage collection
        queue.close()
        store.close()


def test_a_sweep_logs_postgresql_away_once_without_a_traceback(caplog: pytest.LogCaptureFixture) -> None:
    server = postgres_server()
    store = SqlStore.open(server.url)
    try:
        with caplog.at_level(logging.INFO, logger="gateway.expiry"):
            stop = start_expiry(store, store.clock, timedelta(seconds=0.1))
            server.stop()
            time.sleep(OUTAGE)
            server.start()
            wait_until(lambda: bool(_lines(caplog, "pull-expiry:resumed")), 30)
            stop.set()
            for sweep in [thread for thread in threading.enumerate() if thread.name == "pull-expiry"]:
                sweep.join(5)  # its connection back in the pool before the pool is closed
        failed = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(failed) == 1 and failed[0].exc_info is None
        assert "Connection refused" in failed[0].__dict__["reason"]
    finally:
        store.close()
        server.remove()
