"""The fast path of `share()`: the message's bytes with only the Forms a partner does not read removed.

Used when the agreement lists every element the message's mapping can write (`coverage`), so nothing
else would be removed. The Forms are found in the bytes as the resolution stage writes them
(`<Form languageID=".." scriptCode="..">name</Form>`); anything that starts like a Form but is written
otherwise, or a Header naming another format than the mapping's, returns None and the caller runs the
full filter (fail closed).
"""

from __future__ import annotations

import re

from gateway.agreements.languages import shares_form
from gateway.normalize.message import DECLARATION

_FORM = re.compile(rb'<Form languageID="([^"<>&]*)"(?: scriptCode="([^"<>&]*)")?>[^<]*</Form>')
_SOURCE_FORMAT = re.compile(rb"<SourceFormat>([^<]*)</SourceFormat>")
_DECLARATION = DECLARATION.encode("ascii")
_HEAD = 2048
"""How far into the message the Header's SourceFormat is looked for."""


def keep_forms(document: bytes, source_format: str, languages: tuple[str, ...]) -> bytes | None:
    """`document` (with or without its XML declaration) as UTF-8 XML with a declaration, without the
    Forms that `languages` do not match; None when the fast path cannot vouch for the document."""
    head = _SOURCE_FORMAT.search(document, 0, _HEAD)
    if head is None or head.group(1) != source_format.encode("utf-8"):
        return None
    if not document.startswith(_DECLARATION):
        if document.startswith(b"<?xml"):
            return None  # another declaration than the engine's
        document = _DECLARATION + document
    if b"<Form" not in document:
        return document
    found = [0]

    def keep(match: re.Match[bytes]) -> bytes:
        found[0] += 1
        script = match.group(2)
        kept = shares_form(languages, match.group(1).decode("ascii"), script and script.decode("ascii"))
        return match.group(0) if kept else b""

    try:
        shared = _FORM.sub(keep, document)
    except UnicodeDecodeError:
        return None
    return shared if found[0] == document.count(b"<Form") else None
