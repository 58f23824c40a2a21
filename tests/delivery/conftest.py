"""Delivery test set-up: a real redis-server started by the test suite on loopback, and the queue versions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from redis_server import REDIS_SERVER, RedisServer

from gateway.delivery.queue import InProcessQueue, RedisStreamQueue, WorkQueue

needs_redis = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One redis-server for the session; tests that stop Redis start their own."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> Iterator[str]:
    """The session server, emptied for this test."""
    client = redis_server.client()
    client.flushall()
    client.close()
    yield redis_server.url


@pytest.fixture(params=["in-process", "redis"])
def work_queue(request: pytest.FixtureRequest) -> Iterator[WorkQueue]:
    """Each version of the work queue, fresh, with a short reclaim time."""
    idle = timedelta(milliseconds=200)
    if request.param == "in-process":
        yield InProcessQueue(idle)
        return
    queue = RedisStreamQueue.from_url(request.getfixturevalue("redis_url"), idle)
    queue.ensure_group()
    yield queue
    queue.close()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of this test alone, which it may stop and start again on the same port."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()
