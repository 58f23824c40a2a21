"""PostgreSQL going away under a running gateway: a post is answered 503 `store.unavailable` with
Retry-After (never a 500, never a hang, never an acknowledgement of a document not stored), /ready says
503, /metrics still answers with `gateway_store_available 0`, the log has one line per refused request
and no traceback; once the server is back the same gateway accepts again, without a restart."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.database import ServerLimits
from gateway.store.sql import SqlStore
from tests.api.conftest import Gateway, example, running
from tests.conftest import PostgresServer, postgres_server

pytestmark = pytest.mark.slow
KZ = example("kz-eaeu-pi-manifest.xml")
FIRST_ID = b"3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10"


def document(number: int) -> bytes:
    """The Kazakh example as another document (its own EDocId)."""
    return KZ.replace(FIRST_ID, f"3f6c1e2a-9b7d-4c21-8a55-{number:012d}".encode())


@pytest.fixture
def server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this test alone, which it stops and starts again."""
    server = postgres_server()
    yield server
    server.remove()


@pytest.fixture
def pg_gateway(
    server: PostgresServer, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[Gateway]:
    store = SqlStore.open(server.url)
    yield from running(Settings(), store, normalizer, agreement_router)
    store.close()


def _unavailable_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == "request:unavailable"]


def test_postgresql_stopped_and_started_again(
    pg_gateway: Gateway, server: PostgresServer, caplog: pytest.LogCaptureFixture
) -> None:
    assert pg_gateway.post("kz-national", document(1)).status_code == 202
    server.stop()
    with caplog.at_level(logging.INFO):
        answers = [pg_gateway.post("kz-national", document(n)) for n in (2, 3)]
        ready = pg_gateway.get(None, "/ready")
        scraped = pg_gateway.get(None, "/metrics")
    for answer in answers:
        assert answer.status_code == 503, answer.text
        assert answer.json()["code"] == "store.unavailable"
        assert answer.json()["type"] == "urn:carec-gateway:problem:store.unavailable"
        assert answer.headers["retry-after"] == "5"
    assert ready.status_code == 503
    assert scraped.status_code == 200 and "gateway_store_available 0.0" in scraped.text
    assert 'gateway_documents_rejected_total{code="store.unavailable"} 2.0' in scraped.text
    lines = _unavailable_lines(caplog)
    assert len(lines) == 2 and all("Connection refused" in str(r.__dict__["reason"]) for r in lines)
    assert not [r for r in caplog.records if r.exc_info], "no traceback for the database away"
    server.start()
    again = pg_gateway.post("kz-national", document(2))
    assert again.status_code == 202, again.text
    assert pg_gateway.get(None, "/ready").status_code == 200
    assert "gateway_store_available 1.0" in pg_gateway.get(None, "/metrics").text
    assert len(pg_gateway.store.deliveries(again.json()["message_id"])) == 1


def test_a_table_locked_by_another_session_is_a_503_not_a_hang(
    pg_gateway: Gateway, server: PostgresServer
) -> None:
    assert pg_gateway.post("kz-national", document(1)).status_code == 202
    holder = psycopg.connect(f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres")
    released = threading.Event()
    try:
        holder.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        answer = pg_gateway.post("kz-national", document(2))
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
        released.set()
    assert answer.status_code == 503 and answer.json()["code"] == "store.unavailable", answer.text
    assert waited < ServerLimits().lock_seconds + 20, "answered once the lock timeout passed"
    assert pg_gateway.post("kz-national", document(2)).status_code == 202, "nothing of it was kept"


def test_a_refused_post_was_not_stored(pg_gateway: Gateway, server: PostgresServer) -> None:
    server.stop()
    assert pg_gateway.post("kz-national", document(7)).status_code == 503
    server.start()
    inbox = pg_gateway.get("cn-partner", "/v1/inbox/CN").json()["items"]
    assert inbox == []
    with httpx.Client(base_url=pg_gateway.url, timeout=30) as client:
        answer = client.post("/v1/documents", content=document(7), headers=pg_gateway.headers("kz-national"))
    assert answer.status_code == 202 and answer.json()["status"] != "repeat"
