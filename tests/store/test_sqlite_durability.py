"""How SQLite commits: on disk before the answer unless an operator chose otherwise
(GATEWAY_SQLITE_SYNCHRONOUS, docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from gateway.settings import Settings
from gateway.store.database import make_engine, sqlite_url
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
