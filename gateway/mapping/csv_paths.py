"""Source paths into CSV documents: columns by their header name, rows, and rows grouped by a column.

A flat export has one row per goods item; the consignment, the conveyance and the document repeat on
every row. A mapping rebuilds the hierarchy with groups (docs/mappings.md, "Paths by syntax"):

- ``Илгээгчийн нэр``: the value of that column, exactly as the header names it (stripped), read from the
  first row of the context: the table, a group or one row. ``column(NAME)`` says the same and is needed
  only for a column that is called ``rows`` or ``.`` or whose name starts with ``group(``, ``column(`` or
  ``rows/``. Inside ``group( )`` and ``column( )`` and after ``rows/`` the text is a column name as is.
- ``group(Тээврийн баримт №)``: one node per distinct value of that column among the context's rows, in
  order of first appearance; it holds the rows with that value (values are compared stripped).
- ``rows``: one node per row of the context, in file order.
- ``rows/Тоо ширхэг``: the value of that column in every row of the context (for repeating elements).
- ``.``: the context itself.

Sources are written ``row 17/Илгээгчийн нэр`` (a value and the row it was read from, numbered as a
spreadsheet numbers it, the header being row 1), ``row 17`` (a row) and ``Тээврийн баримт №=MN-0012``
(a group); the line of each is the physical line its row starts on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gateway.intake.csv import CsvGroup, CsvRow

Match = tuple[CsvGroup, str]
"""A matched group or row and its source path relative to the context."""

Value = tuple[str, CsvRow, str]
"""A value, the row it came from (for its line) and its relative source path."""

_FUNCTION = re.compile(r"^(group|column)\((.*)\)$", re.S)


@dataclass(frozen=True, slots=True)
class CsvSelf:
    """``.``: the context node."""

    text: str

    def nodes(self, context: CsvGroup) -> list[Match]:
        return [(context, "")]

    def values(self, context: CsvGroup) -> Iterator[Value]:
        return iter(())


@dataclass(frozen=True, slots=True)
class CsvColumn:
    """A column's value in the context's first row, or in each of its rows (`every_row`)."""

    text: str
    column: str
    every_row: bool = False

    def nodes(self, context: CsvGroup) -> list[Match]:
        return []

    def values(self, context: CsvGroup) -> Iterator[Value]:
        position = context.columns.get(self.column)
        if position is None or not context.rows:
            return
        rows = context.rows if self.every_row else context.rows[:1]
        for row in rows:
            source = self.column if context.single else f"row {row.number}/{self.column}"
            yield row.cells[position], row, source


@dataclass(frozen=True, slots=True)
class CsvRows:
    """``rows``: each row of the context."""

    text: str

    def nodes(self, context: CsvGroup) -> list[Match]:
        columns = context.columns
        return [
            (CsvGroup(columns, (row,), True, row.sourceline), f"row {row.number}") for row in context.rows
        ]

    def values(self, context: CsvGroup) -> Iterator[Value]:
        return iter(())


@dataclass(frozen=True, slots=True)
class CsvGrouping:
    """``group(COLUMN)``: the context's rows grouped by their value of a column."""

    text: str
    column: str

    def nodes(self, context: CsvGroup) -> list[Match]:
        position = context.columns.get(self.column)
        if position is None:
            return []
        groups: dict[str, list[CsvRow]] = {}
        for row in context.rows:
            groups.setdefault(row.cells[position].strip(), []).append(row)
        return [
            (CsvGroup(context.columns, tuple(rows), False, rows[0].sourceline), f"{self.column}={value}")
            for value, rows in groups.items()
        ]

    def values(self, context: CsvGroup) -> Iterator[Value]:
        return iter(())


CsvPath = CsvSelf | CsvColumn | CsvRows | CsvGrouping


def compile_csv_path(text: str, namespaces: dict[str, str] | None = None) -> CsvPath:
    """Compile a mapping's source path; `ValueError` with a reason when it is not a valid CSV path."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a path must be a non-empty string")
    path = text.strip()
    if path == ".":
        return CsvSelf(text)
    if path == "rows":
        return CsvRows(text)
    if path.startswith("rows/"):
        return CsvColumn(text, _column_name(text, path[len("rows/") :]), every_row=True)
    function = _FUNCTION.match(path)
    if function is None:
        return CsvColumn(text, path)
    name = _column_name(text, function.group(2))
    return CsvGrouping(text, name) if function.group(1) == "group" else CsvColumn(text, name)


def _column_name(text: str, name: str) -> str:
    if not name.strip():
        raise ValueError(f"{text!r}: a column name is missing")
    return name.strip()
