"""Which failures are the database away (503 `store.unavailable`, one log line) and which stay bugs (500
`server.error` with a traceback): real sqlite3 errors, raised by the driver and wrapped by SQLAlchemy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from gateway.store.outage import REASON_LENGTH, unavailable


def _failure(url: str, statement: str) -> BaseException:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    except SQLAlchemyError as failure:
        return failure
    finally:
        engine.dispose()
    raise AssertionError("the statement did not fail")


def test_a_file_that_cannot_be_written_is_the_database_away(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "g.sqlite3").execute("CREATE TABLE t (x)").connection.close()
    failure = _failure(
        f"sqlite:///file:{tmp_path / 'g.sqlite3'}?mode=ro&uri=true", "INSERT INTO t VALUES (1)"
    )
    assert unavailable(failure) == "OperationalError: attempt to write a readonly database"


def test_a_file_that_cannot_be_opened_is_the_database_away(tmp_path: Path) -> None:
    (tmp_path / "g.sqlite3").mkdir()
    reason = unavailable(_failure(f"sqlite:///{tmp_path / 'g.sqlite3'}", "SELECT 1"))
    assert reason is not None and "unable to open database file" in reason


@pytest.mark.parametrize(
    "statement", ["SELECT * FROM nowhere", "SELECT nothing FROM sqlite_master", "SELEC 1", "SELECT nothing()"]
)
def test_a_wrong_statement_stays_a_bug(tmp_path: Path, statement: str) -> None:
    assert unavailable(_failure(f"sqlite:///{tmp_path / 'g.sqlite3'}", statement)) is None


def test_the_driver_error_unwrapped_and_raised_from_are_seen() -> None:
    driver = sqlite3.OperationalError("database or disk is full\nmore lines")
    assert unavailable(driver) == "OperationalError: database or disk is full"
    try:
        try:
            raise driver
        except sqlite3.OperationalError as inner:
            raise RuntimeError("the accept failed") from inner
    except RuntimeError as outer:
        assert unavailable(outer) == "OperationalError: database or disk is full"
    assert unavailable(ValueError("a bug")) is None
    assert len(unavailable(sqlite3.OperationalError("x" * 1000)) or "") <= REASON_LENGTH + 20
