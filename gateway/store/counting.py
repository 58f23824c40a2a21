"""Counting the names that resolution could only guess (the unresolved queue), in three statements.

`count_unresolved(conn, names)` reads the rows of all the distinct names at once, folds each name's
sightings into its count in order (`transitions.counted`: the count, five example messages, first and
last seen, as one at a time would), then inserts the new names in one executemany and updates the others
in another, whatever the number of names. The group commit calls it once for a whole batch of accepts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, tuple_, update

from gateway.store import rows, transitions
from gateway.store.port import UnresolvedCount, UnresolvedName
from gateway.store.tables import unresolved

Key = tuple[str, str, str]
"""A name's row: kind, text, language ("" when unknown)."""

_UNRESOLVED_KEY = (
    unresolved.c.kind == bindparam("key_kind"),
    unresolved.c.text == bindparam("key_text"),
    unresolved.c.language == bindparam("key_language"),
)
_UNRESOLVED_KEY_NAMES = ("key_kind", "key_text", "key_language")
_UNRESOLVED_ROWS = select(unresolved).where(
    tuple_(unresolved.c.kind, unresolved.c.text, unresolved.c.language).in_(bindparam("keys", expanding=True))
)
_INSERT_UNRESOLVED = insert(unresolved)
_UPDATE_UNRESOLVED = update(unresolved).where(*_UNRESOLVED_KEY)


def count_unresolved(conn: Connection, names: Sequence[UnresolvedName]) -> None:
    """Count the sightings of `names` in their order: one read, one insert and one update in all."""
    sightings = _sightings(names)
    found = conn.execute(_UNRESOLVED_ROWS, {"keys": list(sightings)})
    counts = {(r.kind, r.text, r.language): rows.to_unresolved(r._mapping) for r in found}
    new, seen_before = _counted_rows(sightings, counts)
    for statement, batch in ((_INSERT_UNRESOLVED, new), (_UPDATE_UNRESOLVED, seen_before)):
        if batch:
            conn.execute(statement, batch)


def _sightings(names: Sequence[UnresolvedName]) -> dict[Key, list[UnresolvedName]]:
    """The sightings of each distinct name, by the key of its row: kind, text, language ("" if none)."""
    found: dict[Key, list[UnresolvedName]] = {}
    for name in names:
        found.setdefault((name.kind, name.text, name.language or ""), []).append(name)
    return found


def _counted_rows(
    sightings: dict[Key, list[UnresolvedName]],
    counts: dict[Key, UnresolvedCount],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of the names after their sightings: those to insert, and those to update (in `counts`)."""
    new: list[dict[str, Any]] = []
    seen_before: list[dict[str, Any]] = []
    for key, seen in sightings.items():
        count = counts.get(key)
        for name in seen:
            count = transitions.counted(count, name)
        assert count is not None  # `seen` is never empty
        values = rows.unresolved_values(count) | dict(zip(_UNRESOLVED_KEY_NAMES, key, strict=True))
        (seen_before if key in counts else new).append(values)
    return new, seen_before
