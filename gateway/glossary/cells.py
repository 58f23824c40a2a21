"""Glossary cells that a spreadsheet would read as a formula, written and read back safely.

The unresolved queue's export carries names exactly as national documents wrote them, and
terminologists open it in a spreadsheet. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is a formula there (CSV injection, OWASP): `=cmd|'/C calc'!A0` would run. The export writes such
a cell with a leading apostrophe, which spreadsheets show as text and drop, and the glossary reader
drops it again, so a row filled in from the export means the name the document wrote.

A name may also hold a character a terminal obeys rather than shows: `gateway.cli.terminal`.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula."""

QUOTE = "'"


def protected(value: str) -> str:
    """`value` as a cell a spreadsheet shows as text: a leading apostrophe before a formula's start."""
    return QUOTE + value if value.startswith(FORMULA_STARTS) else value


def unprotected(value: str) -> str:
    """The text of a cell written by `protected`: the apostrophe before a formula's start dropped."""
    return value[1:] if value.startswith(QUOTE) and value[1:].startswith(FORMULA_STARTS) else value
