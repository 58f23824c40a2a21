"""The CSV files of a code list: codes with names per language, validity and attributes; and aliases.

A codes file has the columns `code`, `name:<BCP 47 tag>` (one per language), `valid_from` and `valid_to`
(ISO dates, empty when open), and the attributes that `list.yaml` declares. An aliases file has the
columns `code,alias,language,script`, one alias a row. Every fault fails with file, line and reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from gateway.codelists.entry import Alias, CodeEntry
from gateway.codelists.metadata import ListMetadata
from gateway.codelists.tags import known_script, tag_problem
from gateway.errors import InvalidCodeList
from gateway.names.script import detect_script, same_script

ALIAS_HEADER = ("code", "alias", "language", "script")
DATE_COLUMNS = ("valid_from", "valid_to")


READ_MEMO = 32
"""How many codes files are kept parsed (first in, first out; the project has 11), by path, content and
list metadata: a process that loads the code lists again (a test suite, a reload) parses an unchanged
file once (cn-township has 41,352 rows)."""
_read: dict[tuple[str, bytes, str], dict[str, tuple[int, CodeEntry]]] = {}


def read_rows(path: Path, data: bytes | None = None) -> Iterator[tuple[int, list[str]]]:
    """The rows of a UTF-8 CSV file (a BOM is allowed), each with its line number; the header first."""
    data = path.read_bytes() if data is None else data
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidCodeList(
            str(path), line, f"the file is not UTF-8 (byte {data[exc.start]:#04x})"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise InvalidCodeList(str(path), reader.line_num, f"the CSV cannot be read: {exc}") from None


def read_codes(path: Path, metadata: ListMetadata) -> dict[str, tuple[int, CodeEntry]]:
    """The entries of one codes file by code, each with its line (a new dictionary of shared, frozen
    entries: an unchanged file is parsed once, READ_MEMO)."""
    data = path.read_bytes()
    key = (str(path), hashlib.blake2b(data, digest_size=16).digest(), repr(metadata))
    found = _read.get(key)
    if found is None:
        found = _parsed_codes(path, metadata, data)
        while len(_read) >= READ_MEMO:
            del _read[next(iter(_read))]
        _read[key] = found
    return dict(found)


def _parsed_codes(path: Path, metadata: ListMetadata, data: bytes) -> dict[str, tuple[int, CodeEntry]]:
    rows = read_rows(path, data)
    _, header = next(rows, (1, []))
    _check_header(path, header, metadata)
    columns = _Columns(header, metadata)
    entries: dict[str, tuple[int, CodeEntry]] = {}
    keys: dict[str, int] = {}
    for line, row in rows:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        entry = _entry(path, line, columns, cells, metadata)
        if entry.code in entries:
            first = entries[entry.code][0]
            raise InvalidCodeList(
                str(path), line, f"code {entry.code!r} appears twice (first on line {first})"
            )
        entries[entry.code] = (line, entry)
        for key in (entry.attributes[name] for name in metadata.keys if name in entry.attributes):
            if keys.setdefault(key, line) != line:
                raise InvalidCodeList(str(path), line, f"the key {key!r} repeats line {keys[key]}")
    return entries


def _check_header(path: Path, header: list[str], metadata: ListMetadata) -> None:
    if not header or header[0] != "code":
        raise InvalidCodeList(str(path), 1, "the first column must be 'code'")
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise InvalidCodeList(str(path), 1, f"the column {column!r} appears twice")
        seen.add(column)
        if column.startswith("name:"):
            problem = tag_problem(column.removeprefix("name:"))
            if problem:
                raise InvalidCodeList(str(path), 1, f"column {column!r}: {problem}")
        elif column not in ("code", *DATE_COLUMNS, *metadata.attributes):
            raise InvalidCodeList(
                str(path),
                1,
                f"unknown column {column!r}: use code, name:<language>, valid_from, valid_to, or declare it "
                "under attributes in list.yaml",
            )


class _Columns:
    """Where each kind of column is in a codes file's header, worked out once per file."""

    def __init__(self, header: list[str], metadata: ListMetadata) -> None:
        self.count = len(header)
        self.names = [
            (index, column.removeprefix("name:"))
            for index, column in enumerate(header)
            if column.startswith("name:")
        ]
        self.attributes = [
            (index, column) for index, column in enumerate(header) if column in metadata.attributes
        ]
        self.dates = [header.index(column) if column in header else None for column in DATE_COLUMNS]


def _entry(path: Path, line: int, columns: _Columns, cells: list[str], metadata: ListMetadata) -> CodeEntry:
    if len(cells) != columns.count:
        raise InvalidCodeList(str(path), line, f"expected {columns.count} columns, found {len(cells)}")
    code = cells[0]
    if not code:
        raise InvalidCodeList(str(path), line, "the code is empty")
    if metadata.pattern is not None and not metadata.pattern.fullmatch(code):
        raise InvalidCodeList(str(path), line, f"code {code!r} does not match {metadata.pattern.pattern}")
    valid_from, valid_to = (
        _day(path, line, column, cells[index] if index is not None else "")
        for column, index in zip(DATE_COLUMNS, columns.dates, strict=True)
    )
    if valid_from and valid_to and valid_to < valid_from:
        raise InvalidCodeList(str(path), line, f"valid_to {valid_to} is before valid_from {valid_from}")
    names = {tag: cells[index] for index, tag in columns.names if cells[index]}
    attributes = {column: cells[index] for index, column in columns.attributes if cells[index]}
    return CodeEntry(code, names, (), valid_from, valid_to, attributes)


def _day(path: Path, line: int, column: str, text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidCodeList(
            str(path), line, f"{column} {text!r} is not an ISO 8601 date (YYYY-MM-DD)"
        ) from None


def read_aliases(path: Path, codes: frozenset[str]) -> dict[str, list[Alias]]:
    """The aliases in one aliases file by code; each code must be one of `codes`."""
    rows = read_rows(path)
    _, header = next(rows, (1, []))
    if tuple(header) != ALIAS_HEADER:
        raise InvalidCodeList(
            str(path), 1, f"the header must be {','.join(ALIAS_HEADER)}, not {','.join(header)}"
        )
    found: dict[str, list[Alias]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        code, alias = _alias(path, line, row, codes)
        first = seen.setdefault((code, alias.text, alias.language), line)
        if first != line:
            raise InvalidCodeList(str(path), line, f"alias {alias.text!r} of {code} repeats line {first}")
        found.setdefault(code, []).append(alias)
    return found


def _alias(path: Path, line: int, row: list[str], codes: frozenset[str]) -> tuple[str, Alias]:
    if len(row) != len(ALIAS_HEADER):
        raise InvalidCodeList(str(path), line, f"expected {len(ALIAS_HEADER)} columns, found {len(row)}")
    code, text, language, script = (cell.strip() for cell in row)
    if code not in codes:
        raise InvalidCodeList(str(path), line, f"alias for code {code!r}, which the list does not hold")
    if not text:
        raise InvalidCodeList(str(path), line, "the alias is empty")
    problem = tag_problem(language)
    if problem:
        raise InvalidCodeList(str(path), line, problem)
    if not known_script(script):
        raise InvalidCodeList(str(path), line, f"{script!r} is not an ISO 15924 script")
    detected = detect_script(text)
    if not same_script(script, detected):
        raise InvalidCodeList(str(path), line, f"alias {text!r} is written in {detected}, not {script}")
    return code, Alias(text, language, script)
