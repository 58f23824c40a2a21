"""How SQLite commits: on disk before the answer unless an operator chose otherwise
(GATEWAY_SQLITE_SYNCHRONOUS, docs/operations.md); and its connections are kept for the serving threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from gateway.settings import Settings
from gateway.store.database import SQLITE_POOL, make_engine, sqlite_url
from gateway.store.sql import open_store

FULL, NORMAL = 2, 1  # PRAGMA synchronous answers


@pytest.mark.parametrize(("chosen", "expected"), [(None, FULL), ("full", FULL), ("normal", NORMAL)])
def test_the_store_commits_as_the_setting_says_and_fully_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chosen: str | None, expected: int
) -> None:
    if chosen is not None:
        monkeypatch.setenv("GATEWAY_SQLITE_SYNCHRONOUS", chosen)
    settings = Settings(data_dir=tmp_path)
    store = open_store(settings)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA synchronous")).scalar_one() == expected
    finally:
        store.close()


def test_an_unknown_mode_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="full or normal"):
        make_engine(sqlite_url(tmp_path / "gateway.sqlite3"), "off")


def test_serving_threads_keep_their_connections_instead_of_opening_new_ones(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "gateway.sqlite3"))
    opened: list[Any] = []
    event.listen(engine, "connect", lambda connection, _: opened.append(connection))
    together = threading.Barrier(SQLITE_POOL)

    def read(_: int) -> int:
        with engine.connect() as conn:
            together.wait(5)  # every serving thread holds a connection at the same time
            return int(conn.execute(text("SELECT 1")).scalar_one())

    with ThreadPoolExecutor(SQLITE_POOL) as threads:
        assert sum(threads.map(read, range(5 * SQLITE_POOL))) == 5 * SQLITE_POOL
    assert len(opened) == SQLITE_POOL  # five rounds: each connection opened once, not again each round
    engine.dispose()
