"""The same document posted many times at once ends as one message and one delivery per recipient, and
every poster gets the same answer: on SQLite and on PostgreSQL, through a real server."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.database import sqlite_url
from gateway.store.sql import SqlStore
from tests.api.conftest import Gateway, example, running

KZ = example("kz-eaeu-pi-manifest.xml")
POSTS = 16


def fresh_postgres(server_url: str) -> str:
    """An empty database on the test server, its URL."""
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS gateway_api"))
        conn.execute(text("CREATE DATABASE gateway_api"))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + "/gateway_api"


@pytest.fixture(params=["sqlite", "postgresql"])
def sql_gateway(
    request: pytest.FixtureRequest, tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[Gateway]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "gateway.sqlite3")
    else:
        url = fresh_postgres(request.getfixturevalue("postgres_url"))
    store = SqlStore.open(url)
    yield from running(Settings(), store, normalizer, agreement_router)
    store.close()


@pytest.mark.slow
def test_the_same_document_posted_at_once_is_one_message(sql_gateway: Gateway) -> None:
    def post(_: int) -> httpx.Response:
        with httpx.Client(base_url=sql_gateway.url, timeout=60) as client:
            return client.post("/v1/documents", content=KZ, headers=sql_gateway.headers("kz-national"))

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(post, range(POSTS)))
    assert {answer.status_code for answer in answers} == {202}
    bodies = {answer.text for answer in answers}
    assert len(bodies) == 1, "every poster gets the same answer"
    message_id = answers[0].json()["message_id"]
    assert [(d.recipient, d.kind) for d in sql_gateway.store.deliveries(message_id)] == [("CN", "message")]
    inbox = sql_gateway.get("cn-partner", "/v1/inbox/CN").json()["items"]
    assert [item["message_id"] for item in inbox] == [message_id]
