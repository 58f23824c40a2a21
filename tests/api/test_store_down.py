"""When the store fails, the gateway says so: /ready answers 503 and a post is a 503 store.unavailable
problem with Retry-After, with nothing half written; once the store is back, the same document is
accepted."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.database import sqlite_url
from gateway.store.sql import SqlStore
from tests.api.conftest import Gateway, example, running


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
        headers={"Authorization": "Bearer gw_x_y"},
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
