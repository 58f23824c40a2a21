"""When the store fails, the gateway says so: /ready answers 503 and a post is a 503 store.unavailable
problem with Retry-After, with nothing half written; once the store is back, the same document is
accepted."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway.api.app import create_app
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.service.log import JsonFormatter, TextFormatter
from gateway.settings import Settings
from gateway.store.database import make_engine, sqlite_url
from gateway.store.sql import SqlStore
from tests.api.conftest import Gateway, ServerThread, example, issue_keys, running


@pytest.fixture
def sqlite_gateway(
    tmp_path: Path, normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[Gateway]:
    store = SqlStore.open(sqlite_url(tmp_path / "gateway.sqlite3"))
    yield from running(Settings(), store, normalizer, agreement_router)
    store.close()


def test_a_broken_store_gives_503_problems_then_recovers(sqlite_gateway: Gateway, tmp_path: Path) -> None:
    database = tmp_path / "gateway.sqlite3"
    assert isinstance(sqlite_gateway.store, SqlStore)
    sqlite_gateway.store.engine.dispose()
    shutil.move(database, tmp_path / "away.sqlite3")
    database.mkdir()  # a folder where the database file was: every connection now fails
    assert sqlite_gateway.get(None, "/ready").status_code == 503
    answer = sqlite_gateway.client.post(
        "/v1/documents",
        content=example("kz-eaeu-pi-manifest.xml"),
        headers=sqlite_gateway.headers("kz-national"),  # a well-formed key: only the store can say
    )
    assert answer.status_code == 503 and answer.json()["code"] == "store.unavailable"
    assert answer.headers["retry-after"] == "5"
    assert answer.headers["content-type"] == "application/problem+json"
    sqlite_gateway.store.engine.dispose()
    database.rmdir()
    shutil.move(tmp_path / "away.sqlite3", database)
    assert sqlite_gateway.get(None, "/ready").status_code == 200
    accepted = sqlite_gateway.post("kz-national", example("kz-eaeu-pi-manifest.xml"))
    assert accepted.status_code == 202, accepted.text


def test_a_sqlite_file_that_cannot_be_written_gives_503_and_ready_says_it_cannot_write(
    tmp_path: Path,
    normalizer: Normalizer,
    agreement_router: AgreementRouter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """As a folder made read-only, or a full disk: reads work, every write fails. Root writes through
    a folder's mode bits, so the file is opened read-only (SQLite's `mode=ro`) instead."""
    database = tmp_path / "gateway.sqlite3"
    writable = SqlStore.open(sqlite_url(database))
    tokens = issue_keys(writable)
    writable.close()
    read_only = SqlStore(make_engine(f"sqlite:///file:{database}?mode=ro&uri=true"), writable.clock)
    app = create_app(Settings(), store=read_only, normalizer=normalizer, router=agreement_router)
    with ServerThread(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        headers = {"Authorization": f"Bearer {tokens['kz-national']}"}
        with caplog.at_level(logging.INFO):
            answer = client.post("/v1/documents", content=example("kz-eaeu-pi-manifest.xml"), headers=headers)
        assert answer.status_code == 503 and answer.json()["code"] == "store.unavailable", answer.text
        ready = client.get("/ready")  # reads work, but a post failed to write: /ready probes a write
        assert (ready.status_code, ready.json()) == (503, {"status": "store cannot write"})
        scraped = client.get("/metrics").text
    assert 'gateway_documents_rejected_total{code="store.unavailable"} 1.0' in scraped
    assert "gateway_store_writable 0.0" in scraped
    (line,) = [r for r in caplog.records if r.getMessage() == "request:unavailable"]
    assert "readonly database" in line.__dict__["reason"]
    # and in the line an operator reads, in both forms (the field was kept on the record but written
    # by neither formatter, so the log said 503 without saying why)
    assert "readonly database" in json.loads(JsonFormatter().format(line))["reason"]
    assert 'reason="' in TextFormatter().format(line) and "readonly database" in TextFormatter().format(line)
    assert not [r for r in caplog.records if r.exc_info]
    read_only.close()
