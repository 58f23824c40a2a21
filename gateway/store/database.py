"""Connecting to the store's database and bringing its schema up to date with Alembic.

SQLite (the default) runs in WAL mode with a busy timeout, and a write transaction starts with
``BEGIN IMMEDIATE`` so that two writers queue instead of failing on a lock upgrade. PostgreSQL is
reached through psycopg 3 (``postgresql+psycopg://user@host/db``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_MS = 30_000
SQLITE_SYNCHRONOUS = ("full", "normal")
SQLITE_POOL = 40
"""Connections to a SQLite file kept open: one for each of the 40 threads that serve requests (anyio's
default), so that no request opens a connection and sets it up again (WAL, busy timeout: ~0.3 ms). They
are handed out last in, first out: a write most often gets the connection that wrote last, whose page
cache another connection's commit has not made stale (first in, first out went round them all)."""


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """How long a PostgreSQL connection may take to open, a statement wait for a lock and a statement run
    (GATEWAY_POSTGRES_*_TIMEOUT_SECONDS): past them the request is answered 503 `store.unavailable`
    instead of waiting as long as the database does (a server that does not answer, a session holding a
    table lock, a statement stuck). An accept's statements take milliseconds; migrations run without the
    limits. A URL that sets `connect_timeout` or `options` itself keeps its own. The settings refuse a
    limit that is not positive."""

    connect_seconds: int = 5
    lock_seconds: float = 5.0
    statement_seconds: float = 30.0

    def connect_args(self, url: str) -> dict[str, Any]:
        """psycopg's connection arguments that bound the waits, unless the URL sets them."""
        given = make_url(url).query
        limits: dict[str, Any] = {}
        if "connect_timeout" not in given:
            limits["connect_timeout"] = self.connect_seconds
        if "options" not in given:
            limits["options"] = (
                f"-c lock_timeout={_milliseconds(self.lock_seconds)} "
                f"-c statement_timeout={_milliseconds(self.statement_seconds)}"
            )
        return limits


DEFAULT_LIMITS = ServerLimits()


def _milliseconds(seconds: float) -> int:
    """`seconds` in whole milliseconds, at least 1 (0 would turn PostgreSQL's limit off)."""
    return max(1, math.ceil(seconds * 1000))


def make_engine(url: str, sqlite_synchronous: str = "full", limits: ServerLimits = DEFAULT_LIMITS) -> Engine:
    """An engine for `url`; SQLite files get WAL, a busy timeout, immediate write transactions and the
    `synchronous` mode given (full unless an operator chose normal: GATEWAY_SQLITE_SYNCHRONOUS);
    PostgreSQL connections the `limits`."""
    if not url.startswith("sqlite"):
        return create_engine(
            url, pool_pre_ping=True, pool_size=10, max_overflow=20, connect_args=limits.connect_args(url)
        )
    if sqlite_synchronous not in SQLITE_SYNCHRONOUS:
        raise ValueError(f"SQLite synchronous mode {sqlite_synchronous!r}: use full or normal")
    pool: dict[str, Any] = (
        {"poolclass": NullPool} if ":memory:" in url else {"pool_size": SQLITE_POOL, "pool_use_lifo": True}
    )
    engine = create_engine(url, **pool)
    event.listen(engine, "connect", partial(_sqlite_connect, sqlite_synchronous.upper()))
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def sqlite_url(path: Path) -> str:
    """The URL of a SQLite database file, its folder created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (Alembic `upgrade head`); a no-op when it is there."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # a migration may rewrite a large table
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
            connection.exec_driver_sql("SET LOCAL lock_timeout = 0")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sqlite_connect(synchronous: str, dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event issues BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute(f"PRAGMA synchronous={synchronous}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")
