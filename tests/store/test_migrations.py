"""The Alembic migrations build exactly the tables the store's code declares (no drift), on SQLite and
PostgreSQL, and running them again changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from gateway.store.database import make_engine, migrate, sqlite_url
from gateway.store.tables import metadata


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "gateway.sqlite3")
        migrate(make_engine(url))
        return url
    url: str = request.getfixturevalue("postgres_engine_url")
    return url


def test_the_migrations_match_the_declared_tables(migrated_url: str) -> None:
    engine = make_engine(migrated_url)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert differences == []


def test_migrating_twice_changes_nothing(migrated_url: str) -> None:
    engine = make_engine(migrated_url)
    before = sorted(inspect(engine).get_table_names())
    migrate(engine)
    assert sorted(inspect(engine).get_table_names()) == before
    assert {"messages", "deliveries", "events", "api_keys", "unresolved_names"} <= set(before)
    engine.dispose()
