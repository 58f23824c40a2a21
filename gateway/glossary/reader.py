"""Read glossary CSV files into entries, collecting every problem with its file and line.

Checks: UTF-8 (a BOM is accepted), a header of known columns with the required ones, no ragged rows,
known kinds, BCP 47 language tags, codes of the right kind (HS 2022 for goods), no empty term or English,
no duplicate (the same kind, language and term twice with the same meaning) and no conflict (twice
with different meanings, except a place or office name with one meaning per country: `meanings_clash`),
within a file and across files. A cell protected from spreadsheets (`'=...`: `gateway.glossary.cells`)
is read as the text after its apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from gateway.glossary.cells import unprotected
from gateway.glossary.columns import COLUMNS, KINDS, REQUIRED_COLUMNS, code_problem, language_problem
from gateway.glossary.entry import (
    CONFLICT,
    SAME_COUNTRY,
    UNCODED_TWICE,
    GlossaryEntry,
    GlossaryProblem,
    term_key,
)

_Seen = dict[tuple[str, str, str], list[GlossaryEntry]]

COUNTRY_KINDS = ("place", "office")
"""Kinds whose code gives a country (UN/LOCODE, office codes): their terms may mean one place per country."""


class _Rows(Protocol):
    """A csv reader: rows, and the line the last one ended on."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...


def read_folder(folder: Path) -> tuple[list[GlossaryEntry], list[GlossaryProblem]]:
    """Every entry of the `*.csv` files in `folder` (sorted by name), and every problem found."""
    entries: list[GlossaryEntry] = []
    problems: list[GlossaryProblem] = []
    seen: _Seen = {}
    for path in sorted(folder.glob("*.csv")):
        file_entries, file_problems = read_file(path.name, path.read_bytes())
        problems.extend(file_problems)
        for entry in file_entries:
            problem = _repeated(entry, seen)
            if problem is None:
                entries.append(entry)
            else:
                problems.append(problem)
    return entries, problems


def read_file(name: str, data: bytes) -> tuple[list[GlossaryEntry], list[GlossaryProblem]]:
    """The entries of one glossary file and the problems of each of its lines."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        line = data[: bad.start].count(b"\n") + 1
        return [], [GlossaryProblem(name, line, f"not UTF-8 (byte {data[bad.start]:#04x})")]
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(rows, None)
        if header is None:
            return [], [GlossaryProblem(name, 1, "empty file: a header line is required")]
        problems = _header_problems(name, header)
        if problems:
            return [], problems
        return _rows(name, header, rows)
    except csv.Error as bad:
        return [], [GlossaryProblem(name, rows.line_num, f"bad CSV: {bad}")]


def _header_problems(name: str, header: list[str]) -> list[GlossaryProblem]:
    problems = [
        GlossaryProblem(name, 1, f"unknown column {column!r} (columns: {', '.join(COLUMNS)})")
        for column in header
        if column not in COLUMNS
    ]
    problems += [
        GlossaryProblem(name, 1, f"missing column {column!r}")
        for column in REQUIRED_COLUMNS
        if column not in header
    ]
    problems += [
        GlossaryProblem(name, 1, f"column {column!r} appears twice")
        for column in sorted({column for column in header if header.count(column) > 1})
    ]
    return problems


def _rows(name: str, header: list[str], rows: _Rows) -> tuple[list[GlossaryEntry], list[GlossaryProblem]]:
    entries: list[GlossaryEntry] = []
    problems: list[GlossaryProblem] = []
    for values in _records(name, rows, problems):
        line = rows.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            problems.append(GlossaryProblem(name, line, f"{len(values)} values for {len(header)} columns"))
            continue
        row = {column: unprotected(value.strip()) for column, value in zip(header, values, strict=True)}
        reasons = _row_problems(row)
        problems += [GlossaryProblem(name, line, reason) for reason in reasons]
        if not reasons:
            entries.append(_entry(row, name, line))
    return entries, problems


def _records(name: str, rows: _Rows, problems: list[GlossaryProblem]) -> Iterator[list[str]]:
    """The rows up to the first that is not CSV, which ends the file with a problem at the line it began on.

    An unclosed quote swallows the rest of the file: the reader fails at its end, not where the quote is.
    """
    start = rows.line_num + 1
    try:
        for values in rows:
            yield values
            start = rows.line_num + 1
    except csv.Error as bad:
        unclosed = "; a quote opened on this line is never closed" if rows.line_num > start else ""
        problems.append(GlossaryProblem(name, start, f"bad CSV: {bad}{unclosed}"))


def _row_problems(row: dict[str, str]) -> list[str]:
    reasons = [f"empty {column}" for column in REQUIRED_COLUMNS if not row[column]]
    kind = row["kind"]
    if kind and kind not in KINDS:
        reasons.append(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
    if row["language"]:
        reasons += [reason for reason in [language_problem(row["language"])] if reason]
    if kind in KINDS:
        reasons += [reason for reason in [code_problem(kind, row.get("code", ""))] if reason]
    return reasons


def _entry(row: dict[str, str], name: str, line: int) -> GlossaryEntry:
    return GlossaryEntry(
        row["kind"],
        row["language"],
        row["term"],
        row["english"],
        row.get("latin", ""),
        row.get("code", ""),
        row.get("note", ""),
        name,
        line,
    )


def _repeated(entry: GlossaryEntry, seen: _Seen) -> GlossaryProblem | None:
    """A problem when an entry with the same kind, language and term came before: the same meaning
    (a duplicate), or another meaning that the sender's country cannot tell apart (`meanings_clash`)."""
    earlier = seen.setdefault((entry.kind, entry.language, term_key(entry.term)), [])
    meaning = (entry.english, entry.latin, entry.code)
    same = next((first for first in earlier if (first.english, first.latin, first.code) == meaning), None)
    clash = same or next((first for first in earlier if meanings_clash(first, entry)), None)
    earlier.append(entry)
    if same is not None:
        reason = f"duplicate of {same.reference} ({entry.kind} {entry.term!r} in {entry.language})"
        return GlossaryProblem(entry.file, entry.line, reason)
    if clash is None:
        return None
    reason = (
        f"conflicts with {clash.reference}: {entry.kind} {entry.term!r} in {entry.language} "
        f"means {clash.english!r} there and {entry.english!r} here"
    )
    detail, code = _clash_kind(entry)
    return GlossaryProblem(entry.file, entry.line, reason + detail, code)


def meanings_clash(first: GlossaryEntry, second: GlossaryEntry) -> bool:
    """Whether two meanings of one term cannot both stand: a term means one thing, but for one name that
    places in different countries bear (a place or office row each, whose code gives its country; at
    most one row without a code), the sender's country decides (docs/glossary.md, "One name, two
    places")."""
    return first.kind not in COUNTRY_KINDS or row_country(first) == row_country(second)


def row_country(entry: GlossaryEntry) -> str | None:
    """The country of a place or office row: its code's first two letters; None without a code."""
    return entry.code[:2] if entry.kind in COUNTRY_KINDS and entry.code else None


def _clash_kind(entry: GlossaryEntry) -> tuple[str, str]:
    """What to add to a conflict's reason, and its code: a place or office term clashes within one
    country or as a second row without a code; other kinds simply conflict."""
    if entry.kind not in COUNTRY_KINDS:
        return "", CONFLICT
    country = row_country(entry)
    if country is None:
        return " (two rows without a code: no country tells them apart)", UNCODED_TWICE
    return f" (both in {country}: a name may mean one place of a country)", SAME_COUNTRY
