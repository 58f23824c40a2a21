"""Text documents (JSON, CSV): size, UTF-8 with or without a byte-order mark, and the characters that the
harmonized message (XML) cannot carry. Each syntax words its own requirement and its own malformed issue."""

from __future__ import annotations

import re

from gateway.intake.limits import IntakeLimits
from gateway.issues import Issue, error

NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters that XML 1.0 cannot hold: a text with one cannot be carried into the harmonized message."""

_UTF16_OR_32 = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_BOM = b"\xef\xbb\xbf"


def decode_utf8(
    data: bytes, limits: IntakeLimits, requirement: str, wide_encoding: str
) -> tuple[str | None, Issue | None]:
    """The text of `data`, or the issue that stops it: empty, too large, UTF-16 or UTF-32 (`wide_encoding`
    says so in the syntax's words), or not UTF-8 (`requirement` ends the message)."""
    if not data.strip():
        return None, error("intake.empty", "The document is empty.")
    if too_large := limits.too_large(data):
        return None, too_large
    if data.startswith(_UTF16_OR_32) or b"\x00" in data[:4]:
        return None, error("intake.encoding", wide_encoding, line=1)
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        message = f"The bytes are not UTF-8 (byte {exc.start}: {exc.reason}); {requirement}."
        return None, error("intake.encoding", message, line=line)
