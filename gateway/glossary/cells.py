"""Glossary cells that a spreadsheet would read as a formula, written and read back safely.

The unresolved queue's export carries names exactly as national documents wrote them, and
terminologists open it in a spreadsheet. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is a formula there (CSV injection, OWASP): `=cmd|'/C calc'!A0` would run. The export writes such
a cell with a leading apostrophe, which spreadsheets show as text and drop, and the glossary reader
drops it again, so a row filled in from the export means the name the document wrote.

A name may also hold a character a terminal obeys: a national document can carry DEL and the 8-bit
controls (XML allows U+007F-U+009F; U+009B is a CSI, the start of an escape sequence), and a proposal
stored before proposals were checked (docs/review.md) an ESC. The export written to a terminal shows
them as escapes (`for_terminal`); written to a file or a pipe it keeps them, as the document wrote them.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula."""

QUOTE = "'"


def protected(value: str) -> str:
    """`value` as a cell a spreadsheet shows as text: a leading apostrophe before a formula's start."""
    return QUOTE + value if value.startswith(FORMULA_STARTS) else value


def unprotected(value: str) -> str:
    """The text of a cell written by `protected`: the apostrophe before a formula's start dropped."""
    return value[1:] if value.startswith(QUOTE) and value[1:].startswith(FORMULA_STARTS) else value


_OBEYED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]")
"""What a terminal obeys rather than shows (every control character but the line feed that ends a row;
the line separators and bidirectional overrides, which reorder what is shown)."""


def for_terminal(text: str) -> str:
    """`text` with each character a terminal would obey written as an escape (``\\x1b``, ``\\u202e``)."""
    return _OBEYED.sub(lambda found: _escape(found.group()), text)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
