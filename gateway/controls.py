"""Characters that act rather than show: control characters (C0, DEL, C1) and the Unicode ones that
move or reorder the text around them (line and paragraph separators, bidirectional embeddings and
overrides). Text from outside the gateway (a national document's names, an officer's proposal, a
partner's reason phrase) may hold them; where it reaches a person (a log line, a terminal, the
glossary export) they are refused, replaced or written as escapes (``\\x1b``, ``\\u202e``)."""

from __future__ import annotations

import re

DEL_C1 = r"\x7f-\x9f"
"""DEL and C1, as the inside of a regular expression's character class: the control characters that every
intake lets through (XML allows them; CSV, JSON and EDIFACT intake refuse C0), warned of at intake
(`value.control-character`)."""
CONTROLS = r"\x00-\x1f" + DEL_C1
"""C0, DEL and C1 (Unicode's category Cc), likewise."""
SEPARATORS = r"\u2028\u2029"
"""The Unicode line and paragraph separators, likewise."""
BIDI = r"\u202a-\u202e"
"""The bidirectional embeddings and overrides, likewise."""
ACTING = re.compile(f"[{CONTROLS}{SEPARATORS}{BIDI}]")
"""Any character that acts rather than shows: a control character, a separator, a bidirectional
embedding or override."""


def has_control(text: str) -> bool:
    """Whether `text` holds a control character, a separator or a bidirectional embedding or override."""
    return ACTING.search(text) is not None


def escaped(character: str) -> str:
    """One character written as its escape: ``\\x1b`` (up to U+00FF), ``\\u202e``."""
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
