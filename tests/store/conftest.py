"""The store fixture: each store test runs against every version of the port.

PostgreSQL is migrated once per session and emptied before each test; SQLite is a new file per test,
copied from one migrated once.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.store.database import make_engine, migrate, sqlite_url
from gateway.store.memory import MemoryStore
from gateway.store.port import Store
from gateway.store.sql import SqlStore
from tests.conftest import empty_postgres


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the newest schema, to copy."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    engine = make_engine(sqlite_url(path))
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh, empty store of each version."""
    if request.param == "memory":
        yield MemoryStore()
        return
    sql = fresh_sql_store(request, tmp_path)
    yield sql
    sql.close()


def fresh_sql_store(request: pytest.FixtureRequest, tmp_path: Path) -> SqlStore:
    """An empty SQL store on the database that `request.param` names ("sqlite" or "postgresql")."""
    if request.param == "sqlite":
        path = tmp_path / "gateway.sqlite3"
        shutil.copy(request.getfixturevalue("migrated_sqlite"), path)
        return SqlStore(make_engine(sqlite_url(path)))
    sql = SqlStore(make_engine(request.getfixturevalue("postgres_engine_url")))
    empty_postgres(sql)
    return sql
