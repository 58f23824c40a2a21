"""A write transaction on the database driver itself, for the accept path: begin, savepoints, commit.

SQLAlchemy's `Connection` costs ~0.1 ms a transaction on top of the driver's own (the connection
object, the begin event and its ``BEGIN IMMEDIATE`` as a statement execution, the commit's events) and
~0.1 ms a savepoint (`begin_nested`, release). Every accepted document pays them, so `write_on_driver`
opens the transaction on a pooled driver connection instead, as SQLAlchemy would: ``BEGIN IMMEDIATE``
on SQLite (writers queue, as `database.py` makes every write transaction begin), psycopg's implicit
transaction on PostgreSQL; `DriverTransaction`'s savepoints send ``SAVEPOINT``, ``RELEASE SAVEPOINT``
and ``ROLLBACK TO SAVEPOINT``. The commit happens when the block ends without an error; any error rolls
the whole transaction back; either way the connection goes back to the pool. Driver errors are raised
as SQLAlchemy raises them (`IntegrityError` for a unique key, `OperationalError`...), so callers see
what they saw through SQLAlchemy. Statement and transaction events of SQLAlchemy do not see these
transactions (the pool's do: checkout, reset on return).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

SAVEPOINT = "accept_write"


class DriverTransaction:
    """An open write transaction on a driver (DBAPI) connection of `dialect`."""

    def __init__(self, driver: Any, dialect: Dialect) -> None:
        self.driver, self.dialect = driver, dialect

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        """Run one statement that returns nothing the caller reads."""
        with driver_errors(self.driver, self.dialect, sql, parameters) as cursor:
            cursor.execute(sql, parameters)

    def savepoint(self) -> None:
        """Start a savepoint (one at a time): `release_savepoint` keeps what was written since,
        `roll_back_to_savepoint` undoes it and the transaction goes on."""
        self.execute(f"SAVEPOINT {SAVEPOINT}")

    def release_savepoint(self) -> None:
        self.execute(f"RELEASE SAVEPOINT {SAVEPOINT}")

    def roll_back_to_savepoint(self) -> None:
        self.execute(f"ROLLBACK TO SAVEPOINT {SAVEPOINT}")
        self.release_savepoint()


@contextmanager
def write_on_driver(engine: Engine) -> Iterator[DriverTransaction]:
    """A write transaction on a pooled driver connection of `engine`, committed when the block ends."""
    pooled = engine.raw_connection()
    driver = pooled.dbapi_connection
    assert driver is not None, "a pooled connection has its driver connection"
    try:
        transaction = DriverTransaction(driver, engine.dialect)
        if engine.dialect.name == "sqlite":
            transaction.execute("BEGIN IMMEDIATE")  # PostgreSQL's driver begins by itself
        try:
            yield transaction
            with driver_errors(driver, engine.dialect, "COMMIT", ()):
                driver.commit()
        except BaseException:
            _roll_back(driver)
            raise
    finally:
        pooled.close()  # back to the pool


def _roll_back(driver: Any) -> None:
    """Undo what the transaction wrote; a connection too broken to roll back is left to the pool, which
    drops it (the error that brought us here is the one to raise)."""
    with suppress(Exception):
        driver.rollback()


@contextmanager
def driver_errors(driver: Any, dialect: Dialect, sql: str, parameters: Any) -> Iterator[Any]:
    """A cursor of `driver`, closed after use; a driver error raised as SQLAlchemy raises it."""
    cursor = driver.cursor()
    try:
        yield cursor
    except dialect.loaded_dbapi.Error as failed:
        error_class = dialect.loaded_dbapi.Error
        raise DBAPIError.instance(sql, parameters, failed, error_class, dialect=dialect) from failed
    finally:
        cursor.close()
