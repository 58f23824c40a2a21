"""Escaping for the harmonized message, which the engine writes directly as text for speed."""

from __future__ import annotations

import re

_TEXT_SPECIAL = re.compile(r"[&<>]")
_ATTRIBUTE_SPECIAL = re.compile(r"[&<>\"\n\r\t]")
_ATTRIBUTE_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\n": "&#10;",
    "\r": "&#13;",
    "\t": "&#9;",
}


def escape_text(value: str) -> str:
    """`value` escaped for element content."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(value: str) -> str:
    """`value` escaped for a double-quoted attribute."""
    if _ATTRIBUTE_SPECIAL.search(value) is None:
        return value
    return _ATTRIBUTE_SPECIAL.sub(lambda match: _ATTRIBUTE_ESCAPES[match.group()], value)


def attributes(pairs: dict[str, str]) -> str:
    """` name="value"` for each pair, escaped, in order."""
    return "".join(f' {name}="{escape_attribute(value)}"' for name, value in pairs.items())
