"""The limits that protect the gateway from oversized and hostile documents."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IntakeLimits:
    """Limits applied to every document before it is parsed further.

    `max_bytes` caps the raw size, `max_depth` the nesting of XML elements (or JSON containers), and
    `max_elements` the number of XML elements (or JSON values, CSV rows, EDIFACT segments).
    """

    max_bytes: int = 20 * 1024 * 1024
    max_depth: int = 64
    max_elements: int = 1_000_000


DEFAULT_LIMITS = IntakeLimits()
