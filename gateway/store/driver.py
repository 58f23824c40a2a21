"""Hot statements sent straight to the database driver, compiled once per dialect: the accept path's
inserts, and the API key lookup that every request makes.

SQLAlchemy spends ~40-50 µs of Python on every statement it executes (the compiled-cache lookup, the
parameters' processing objects, the cursor's result wrapping, events), about as much as SQLite takes to
run the insert itself. The three inserts every accepted document makes (the message, each outbox row,
the events) are hot, so `DriverInsert` compiles its statement once per dialect, with the columns given,
and sends it on the transaction's own DBAPI cursor, each value converted by its column type's bind
processor (what SQLAlchemy would do: UTC datetimes as SQLite keeps them, bytes, text). The SQL, the
parameter style (`?` for SQLite, `%(name)s` for psycopg) and the types are SQLAlchemy's; the statement
runs in the caller's transaction (SQLAlchemy's, or the accept's own on the driver:
`driver_transaction.py`), so nothing changes for atomicity or the group commit's savepoints. Statement
events (`before_cursor_execute`) do not see these statements. `DriverRows` sends a statement over many
rows at once (the unresolved names' upsert with RETURNING, compiled once per number of rows), and
`DriverMany` one statement per row in an executemany (the examples' update). A converter remembers the
last time it converted (`_LastValue`): a document's rows hold a few datetime objects many times.

`DriverQuery` does the same for a one-row select outside any transaction of SQLAlchemy's (a pooled
driver connection, one statement, which is its own read transaction; the pool rolls back on return):
~20 µs against ~140 µs for a read transaction through SQLAlchemy. Its values come back through the
columns' result processors (UTC datetimes from SQLite's text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import BindParameter, Connection, Engine, Insert, Select, Table, bindparam
from sqlalchemy.engine import Dialect

from gateway.store.driver_transaction import DriverTransaction, driver_errors

Converter = Callable[[Any], Any] | None
"""A column type's bind or result processor for one dialect (None: the value as it is)."""
Transaction = Connection | DriverTransaction
"""Where the accept path's statements run: SQLAlchemy's transaction, or one on the driver itself."""
Binds = list[dict[str, BindParameter[Any]]]
"""The bind parameters of each row of a `DriverRows` statement, by column."""
ROWS_PER_STATEMENT = 100
"""Rows of one `DriverRows` statement (SQLite binds at most 32,766 parameters; each count is compiled
once)."""


class _Compiled:
    """A statement in one dialect's SQL: its text, its parameter names in order, each one's converter."""

    __slots__ = ("converters", "converting", "names", "positional", "sql")

    def __init__(
        self, sql: str, names: tuple[str, ...], converters: tuple[Converter, ...], positional: bool
    ) -> None:
        self.sql, self.names, self.converters, self.positional = sql, names, converters, positional
        remembering: dict[int, _LastValue] = {}  # one memo a converter: the same column in every row
        self.converting = tuple(
            (index, remembering.setdefault(id(convert), _LastValue(convert)))
            for index, convert in enumerate(converters)
            if convert is not None
        )  # only times convert (tables.UtcDateTime): the other values go as they are

    def parameters(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        return self.as_parameters([values.get(name) for name in self.names])

    def as_parameters(self, converted: list[Any]) -> Sequence[Any] | dict[str, Any]:
        """The values in the order of `names`, converted, as the driver takes them."""
        for index, convert in self.converting:
            value = converted[index]
            if value is not None:
                converted[index] = convert(value)
        return tuple(converted) if self.positional else dict(zip(self.names, converted, strict=True))


class _LastValue:
    """A converter that remembers the last value it converted and its result: a document's times are a
    few datetime objects, each converted several times (the rows of one statement, the events' stamp).
    The value is held, so `is` cannot match another object that took its place in memory."""

    __slots__ = ("convert", "last")

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert, self.last = convert, (object(), None)

    def __call__(self, value: Any) -> Any:
        before, result = self.last  # one read, one write: threads share it
        if value is not before:
            result = self.convert(value)
            self.last = (value, result)
        return result


def _compile(
    statement: Any, dialect: Dialect, type_of: Callable[[str], Any] | None = None, **options: Any
) -> _Compiled:
    """`statement` in `dialect`'s SQL, each parameter with its type's bind processor: the type of its
    bind parameter, or `type_of(name)` where the statement's binds carry none (a column's)."""
    compiled = statement.compile(dialect=dialect, **options)
    positional = bool(compiled.positional)
    names = tuple(compiled.positiontup or ()) if positional else tuple(compiled.binds)
    types = [type_of(name) if type_of else compiled.binds[name].type for name in names]
    converters = tuple(kind.dialect_impl(dialect).bind_processor(dialect) for kind in types)
    return _Compiled(compiled.string, names, converters, positional)


class DriverInsert:
    """An insert of `columns` into `table` (with `returning`, one column read back), run on the driver."""

    def __init__(self, table: Table, columns: Sequence[str], returning: str | None = None) -> None:
        self.table, self.columns, self.returns = table, tuple(columns), returning is not None
        self.statement: Insert = table.insert()
        if returning is not None:
            self.statement = self.statement.returning(table.c[returning])
        self._compiled: dict[str, _Compiled] = {}

    def one(self, conn: Transaction, values: Mapping[str, Any]) -> Any:
        """Insert one row (a column missing from `values` is NULL); the returned column's value (None
        without `returning`)."""
        driver, dialect = driver_of(conn)
        compiled = self._form(dialect)
        parameters = compiled.parameters(values)
        with driver_errors(driver, dialect, compiled.sql, parameters) as cursor:
            cursor.execute(compiled.sql, parameters)
            row = cursor.fetchone() if self.returns else None
        return row[0] if row is not None else None

    def many(self, conn: Transaction, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert `rows` in one executemany."""
        driver, dialect = driver_of(conn)
        compiled = self._form(dialect)
        parameters = [compiled.parameters(row) for row in rows]
        with driver_errors(driver, dialect, compiled.sql, parameters) as cursor:
            cursor.executemany(compiled.sql, parameters)

    def _form(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            found = self._compiled[dialect.name] = self._compile(dialect)
        return found

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = _compile(
            self.statement, dialect, lambda name: self.table.c[name].type, column_keys=list(self.columns)
        )
        if sorted(compiled.names) != sorted(self.columns):
            raise ValueError(
                f"{self.table.name}: the insert binds {compiled.names}, not the columns {self.columns}"
            )
        return compiled


class DriverRows:
    """A statement over several rows at once (an insert's VALUES list: an upsert with RETURNING), built by
    `build(dialect, rows of bind parameters)`, compiled once per dialect and number of rows and run on
    the driver, ROWS_PER_STATEMENT rows a statement; the rows it returns, as the driver gives them. The
    parameters of row i are named `{column}_{i}`; each value goes through its column's bind processor."""

    def __init__(self, table: Table, columns: Sequence[str], build: Callable[[Dialect, Binds], Any]) -> None:
        self.table, self.columns, self.build = table, tuple(columns), build
        self._compiled: dict[tuple[str, int], _Compiled] = {}

    def run(self, conn: Transaction, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
        driver, dialect = driver_of(conn)
        returned: list[Any] = []
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            compiled = self._form(dialect, len(chunk))
            parameters = compiled.as_parameters([row.get(c) for row in chunk for c in self.columns])
            with driver_errors(driver, dialect, compiled.sql, parameters) as cursor:
                cursor.execute(compiled.sql, parameters)
                returned.extend(cursor.fetchall())
        return returned

    def _form(self, dialect: Dialect, count: int) -> _Compiled:
        found = self._compiled.get((dialect.name, count))
        if found is None:
            binds: Binds = [{c: bindparam(f"{c}_{n}") for c in self.columns} for n in range(count)]
            found = _compile(self.build(dialect, binds), dialect, self._column_type)
            if found.names != tuple(f"{c}_{n}" for n in range(count) for c in self.columns):
                raise ValueError(
                    f"{self.table.name}: the statement binds {found.names}, not its rows' columns"
                )
            self._compiled[(dialect.name, count)] = found
        return found

    def _column_type(self, name: str) -> Any:
        """The type of the column a row's parameter (`{column}_{row}`) binds."""
        return self.table.c[name.rsplit("_", 1)[0]].type


class DriverMany:
    """A statement run once per row of parameters (an update by key), in one executemany on the driver;
    each value goes through its bind parameter's type's bind processor."""

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def many(self, conn: Transaction, rows: Sequence[Mapping[str, Any]]) -> None:
        driver, dialect = driver_of(conn)
        compiled = self._compiled.get(dialect.name) or self._compile(dialect)
        parameters = [compiled.parameters(row) for row in rows]
        with driver_errors(driver, dialect, compiled.sql, parameters) as cursor:
            cursor.executemany(compiled.sql, parameters)

    def _compile(self, dialect: Dialect) -> _Compiled:
        found = self._compiled[dialect.name] = _compile(self.statement, dialect)
        return found


def driver_of(conn: Transaction) -> tuple[Any, Dialect]:
    """The driver connection of a transaction (SQLAlchemy's or the driver's own), and its dialect."""
    if isinstance(conn, DriverTransaction):
        return conn.driver, conn.dialect
    driver = conn.connection.dbapi_connection
    assert driver is not None, "a connection in a transaction has its driver connection"
    return driver, conn.dialect


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
            form = _compile(self.statement, dialect)
            columns = list(self.statement.selected_columns)
            readers = tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
            )
            found = self._compiled[dialect.name] = (form, tuple(column.name for column in columns), readers)
        return found
