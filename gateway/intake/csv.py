"""Safe CSV intake: UTF-8 (a byte-order mark is dropped), a header row, rows as wide as the header.

National CSV exports (Mongolia's among them) are UTF-8, often with a BOM, separated by commas,
semicolons or tabs. The delimiter is sniffed: of ``,`` ``;`` and tab, the one that splits the first
records into the same number of fields, and into the most, wins. The first non-blank record is the header,
which is required: its names are stripped, must not be empty and must not repeat. Every other record must
have as many fields as the header; a ragged row is `csv.malformed` with its line. Blank records (no
field with text) are skipped. The `csv` module reads in linear time; a field longer than its limit
(131072 characters) or a NUL is `csv.malformed`, never an exception.

Rows keep their number as a spreadsheet shows it (the header is row 1) and the physical line they start
on, which differ only when a quoted field spans lines. The mapping reads them through `CsvGroup`s: the
whole table, the rows that share a value of a column, or one row (see `gateway.mapping.csv_paths`).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from gateway.intake.limits import DEFAULT_LIMITS, IntakeLimits
from gateway.intake.text import NOT_IN_XML, decode_utf8
from gateway.issues import Issue, error

DELIMITERS = (",", ";", "\t")
"""The delimiters that national CSV exports use, in order of preference when the sniff is a tie."""

RAGGED_ROWS_REPORTED = 20
"""Ragged rows reported one by one; beyond them one issue counts the rest."""

_SNIFFED_RECORDS = 6


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data record: its row number (the header is row 1), the line it starts on, its fields."""

    number: int
    sourceline: int
    cells: tuple[str, ...]

    def __iter__(self) -> Any:
        """No XML children: the engine's child index of XML elements sees none here."""
        return iter(())


class CsvGroup:
    """Rows read together: the whole table, the rows sharing a value of a column, or one row (`single`).
    A column read from a group is read from its first row."""

    __slots__ = ("columns", "rows", "single", "sourceline")

    def __init__(self, columns: dict[str, int], rows: tuple[CsvRow, ...], single: bool, line: int) -> None:
        self.columns, self.rows, self.single, self.sourceline = columns, rows, single, line

    def __iter__(self) -> Any:
        """No XML children: the engine's child index of XML elements sees none here."""
        return iter(())


@dataclass(frozen=True, slots=True)
class ParsedCsv:
    """A parsed CSV document (its header and the group of all its rows), or the issues that stopped it."""

    header: tuple[str, ...]
    root: CsvGroup | None
    issues: list[Issue]
    delimiter: str = ","


def parse_csv(data: bytes, limits: IntakeLimits = DEFAULT_LIMITS) -> ParsedCsv:
    """Parse `data` safely; return the header and the table's rows, or coded issues."""
    text, problem = _decode(data, limits)
    if problem is not None or text is None:
        return ParsedCsv((), None, [problem] if problem else [])
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return _table(_records(reader), delimiter, limits)
    except _Unreadable as stop:
        message = f"The CSV cannot be read from line {stop.line}: {stop.reason}."
        return ParsedCsv((), None, [error("csv.malformed", message, line=stop.line)], delimiter)


class _Unreadable(Exception):
    """Internal: the `csv` module gave up on the record that starts at `line`."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def _decode(data: bytes, limits: IntakeLimits) -> tuple[str | None, Issue | None]:
    text, problem = decode_utf8(
        data,
        limits,
        "CSV exports must be UTF-8",
        "The CSV is UTF-16 (a spreadsheet's 'Unicode text' export); CSV exports must be UTF-8.",
    )
    bad = NOT_IN_XML.search(text) if text is not None else None
    if bad is None or text is None:
        return text, problem
    line = text.count("\n", 0, bad.start()) + 1
    message = f"The CSV holds the control character U+{ord(bad.group()):04X} at line {line}."
    return None, error("csv.malformed", message, line=line)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the same number of fields, the most of them."""
    return max(DELIMITERS, key=lambda delimiter: _shape(text, delimiter))


def _shape(text: str, delimiter: str) -> tuple[bool, int]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = [cells for cells in islice(reader, 4 * _SNIFFED_RECORDS) if _has_text(cells)]
    except csv.Error:
        return False, 0
    records = records[:_SNIFFED_RECORDS]
    width = len(records[0]) if records else 0
    return width > 1 and all(len(cells) == width for cells in records), width


def _fields(count: int) -> str:
    return f"{count} field" if count == 1 else f"{count} fields"


def _has_text(cells: list[str]) -> bool:
    return any(cell.strip() for cell in cells)


def _records(reader: Any) -> Iterator[tuple[int, int, list[str]]]:
    """(row number, first line, fields) of each record with text; blank ones only take a number."""
    previous_line, number = 0, 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _Unreadable(previous_line + 1, str(exc)) from None
        number, line, previous_line = number + 1, previous_line + 1, reader.line_num
        if _has_text(cells):
            yield number, line, cells


def _table(records: Iterator[tuple[int, int, list[str]]], delimiter: str, limits: IntakeLimits) -> ParsedCsv:
    first = next(records, None)
    if first is None:
        missing = error(
            "csv.malformed", "The CSV has no header row: line 1 on holds no cell with text.", line=1
        )
        return ParsedCsv((), None, [missing], delimiter)
    header = tuple(name.strip() for name in first[2])
    issues = _header_issues(header, first[1])
    rows, row_issues = _rows(records, len(header), limits)
    issues += row_issues
    if issues:
        return ParsedCsv(header, None, issues, delimiter)
    columns = {name: position for position, name in enumerate(header)}
    return ParsedCsv(header, CsvGroup(columns, rows, False, first[1]), [], delimiter)


def _header_issues(header: tuple[str, ...], line: int) -> list[Issue]:
    issues = []
    unnamed = [str(position) for position, name in enumerate(header, start=1) if not name]
    if unnamed:
        message = f"The header row has no name for column {', '.join(unnamed)}; every column needs one."
        issues.append(error("csv.malformed", message, line=line))
    repeated = sorted(name for name, count in Counter(header).items() if name and count > 1)  # linear
    if repeated:
        message = f"The header row names a column twice: {', '.join(map(repr, repeated))}."
        issues.append(error("csv.malformed", message, line=line))
    return issues


def _rows(
    records: Iterator[tuple[int, int, list[str]]], width: int, limits: IntakeLimits
) -> tuple[tuple[CsvRow, ...], list[Issue]]:
    rows: list[CsvRow] = []
    issues: list[Issue] = []
    ragged = 0
    first_unreported: tuple[int, int] | None = None  # the row number and line of the first one not reported
    for number, line, cells in records:
        if len(rows) >= limits.max_elements:
            message = f"The CSV has more than {limits.max_elements} rows."
            return (), [*issues, error("intake.too-large", message, line=line)]
        if len(cells) != width:
            ragged += 1
            if ragged <= RAGGED_ROWS_REPORTED:
                message = f"Row {number} has {_fields(len(cells))}; the header has {width}."
                issues.append(error("csv.malformed", message, source=f"/row {number}", line=line))
            elif first_unreported is None:
                first_unreported = number, line
            continue
        rows.append(CsvRow(number, line, tuple(cells)))
    if first_unreported is not None:
        (number, line), more = first_unreported, ragged - RAGGED_ROWS_REPORTED
        message = f"{more} more rows do not have {width} fields, from row {number} on."
        issues.append(error("csv.malformed", message, source=f"/row {number}", line=line))
    return tuple(rows), issues
