"""Hot statements sent straight to the database driver, compiled once per dialect: the accept path's
inserts, and the API key lookup that every request makes.

SQLAlchemy spends ~40-50 µs of Python on every statement it executes (the compiled-cache lookup, the
parameters' processing objects, the cursor's result wrapping, events), about as much as SQLite takes to
run the insert itself. The three inserts every accepted document makes (the message, each outbox row,
the events) are hot, so `DriverInsert` compiles its statement once per dialect, with the columns given,
and sends it on the transaction's own DBAPI cursor, each value converted by its column type's bind
processor (what SQLAlchemy would do: UTC datetimes as SQLite keeps them, bytes, text). The SQL, the
parameter style (`?` for SQLite, `%(name)s` for psycopg) and the types are SQLAlchemy's; the statement
runs in the caller's transaction, so nothing changes for atomicity or the group commit's savepoints.
Statement events (`before_cursor_execute`) do not see these inserts.

`DriverQuery` does the same for a one-row select outside any transaction of SQLAlchemy's (a pooled
driver connection, one statement, which is its own read transaction; the pool rolls back on return):
~20 µs against ~140 µs for a read transaction through SQLAlchemy. Its values come back through the
columns' result processors (UTC datetimes from SQLite's text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Insert, Select, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

Converter = Callable[[Any], Any] | None
"""A column type's bind or result processor for one dialect (None: the value as it is)."""


@dataclass(frozen=True, slots=True)
class _Compiled:
    """An insert in one dialect's SQL: its text, its parameter names in order, each one's converter."""

    sql: str
    names: tuple[str, ...]
    converters: tuple[Callable[[Any], Any] | None, ...]
    positional: bool

    def parameters(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        converted = [
            value if convert is None or value is None else convert(value)
            for value, convert in zip((values.get(name) for name in self.names), self.converters, strict=True)
        ]
        return tuple(converted) if self.positional else dict(zip(self.names, converted, strict=True))


class DriverInsert:
    """An insert of `columns` into `table` (with `returning`, one column read back), run on the driver."""

    def __init__(self, table: Table, columns: Sequence[str], returning: str | None = None) -> None:
        self.table, self.columns, self.returns = table, tuple(columns), returning is not None
        self.statement: Insert = table.insert()
        if returning is not None:
            self.statement = self.statement.returning(table.c[returning])
        self._compiled: dict[str, _Compiled] = {}

    def one(self, conn: Connection, values: Mapping[str, Any]) -> Any:
        """Insert one row (a column missing from `values` is NULL); the returned column's value (None
        without `returning`)."""
        compiled = self._form(conn.dialect)
        parameters = compiled.parameters(values)
        with _driver_errors(conn, compiled.sql, parameters) as cursor:
            cursor.execute(compiled.sql, parameters)
            row = cursor.fetchone() if self.returns else None
        return row[0] if row is not None else None

    def many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert `rows` in one executemany."""
        compiled = self._form(conn.dialect)
        parameters = [compiled.parameters(row) for row in rows]
        with _driver_errors(conn, compiled.sql, parameters) as cursor:
            cursor.executemany(compiled.sql, parameters)

    def _form(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            found = self._compiled[dialect.name] = self._compile(dialect)
        return found

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect, column_keys=list(self.columns))
        positional = bool(compiled.positional)
        names = tuple(compiled.positiontup or ()) if positional else tuple(compiled.binds)
        if sorted(names) != sorted(self.columns):
            raise ValueError(f"{self.table.name}: the insert binds {names}, not the columns {self.columns}")
        converters = tuple(
            self.table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
        )
        return _Compiled(compiled.string, names, converters, positional)


@contextmanager
def _driver_errors(conn: Connection, sql: str, parameters: Any) -> Iterator[Any]:
    """A cursor of the transaction's driver connection, closed after use; a driver error raised as
    SQLAlchemy raises it (`IntegrityError` for a unique key, as the accept path expects)."""
    driver = conn.connection.dbapi_connection
    assert driver is not None, "a connection in a transaction has its driver connection"
    cursor = driver.cursor()
    try:
        yield cursor
    except conn.dialect.loaded_dbapi.Error as failed:
        wrapped = DBAPIError.instance(
            sql, parameters, failed, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect
        )
        raise wrapped from failed
    finally:
        cursor.close()


class DriverQuery:
    """A select that gives at most one row, run on a pooled driver connection of `engine`."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._compiled: dict[
            str, tuple[_Compiled, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]]
        ] = {}

    def first(self, engine: Engine, values: Mapping[str, Any]) -> dict[str, Any] | None:
        """The first row for the parameters `values`, by column name, or None."""
        compiled, names, readers = self._form(engine.dialect)
        parameters = compiled.parameters(values)
        driver = engine.raw_connection()
        try:
            cursor = driver.cursor()
            cursor.execute(compiled.sql, parameters)
            row = cursor.fetchone()
            cursor.close()
        finally:
            driver.close()  # back to the pool, which rolls back (PostgreSQL's implicit transaction)
        if row is None:
            return None
        return {
            name: value if read is None else read(value)
            for name, value, read in zip(names, row, readers, strict=True)
        }

    def _form(
        self, dialect: Dialect
    ) -> tuple[_Compiled, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]]:
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect)
            positional = bool(compiled.positional)
            binds = tuple(compiled.positiontup or ()) if positional else tuple(compiled.binds)
            writers = tuple(
                compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in binds
            )
            columns = list(self.statement.selected_columns)
            readers = tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
            )
            form = _Compiled(compiled.string, binds, writers, positional)
            found = self._compiled[dialect.name] = (form, tuple(column.name for column in columns), readers)
        return found
