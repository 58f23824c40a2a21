"""The limits that protect the gateway from oversized and hostile documents."""

from __future__ import annotations

from dataclasses import dataclass

from gateway.issues import Issue, error


@dataclass(frozen=True, slots=True)
class IntakeLimits:
    """Limits applied to every document before it is parsed further.

    `max_bytes` caps the raw size, `max_depth` the nesting of XML elements (or JSON containers), and
    `max_elements` the number of XML elements (or JSON values, CSV rows, EDIFACT segments), and
    `max_repeats` the instances of one repeated class under one parent in the harmonized message (goods
    items of a consignment, countries of an itinerary, seals of a container: the mapping stops there with
    `element.too-many`; 9,999 is the largest repetition NCTS phase 5 allows, its transport equipment and
    previous documents, and each instance costs 20-30 µs to write however few bytes it had). XML is never
    nested deeper than libxml2's own limit, `LIBXML2_MAX_DEPTH`, which costs nothing to enforce; a lower
    `max_depth` is checked after parsing, at about 7 ms per megabyte.
    """

    max_bytes: int = 20 * 1024 * 1024
    max_depth: int = 256
    max_elements: int = 1_000_000
    max_repeats: int = 9_999

    def too_large(self, data: bytes) -> Issue | None:
        """`intake.too-large` when `data` has more than `max_bytes`, whatever its syntax."""
        if len(data) <= self.max_bytes:
            return None
        message = f"The document has {len(data)} bytes; the limit is {self.max_bytes}."
        return error("intake.too-large", message)


LIBXML2_MAX_DEPTH = 256
"""The nesting libxml2 accepts when its huge-tree option is off, as it always is here."""

DEFAULT_LIMITS = IntakeLimits()
