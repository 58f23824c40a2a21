"""Counting the names that resolution could only guess (the unresolved queue), in one upsert.

`count_unresolved(conn, names)` folds the sightings of each distinct name (kind, text, language) in
order, then sends one `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` for all of them (SQLite and
PostgreSQL alike): a new name is inserted with its count, first and last seen and up to five example
messages; a known one gets its count added and its first and last seen widened, and returns the examples
it held. Only a name that held fewer than five examples and gained one is written again (a second
statement, for all such names at once). The result is what `transitions.counted` gives one sighting at
a time: the count, the first five distinct message IDs, the first and last seen, the first script. The
group commit calls it once for a whole batch of accepts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, case, update
from sqlalchemy.dialects import postgresql, sqlite

from gateway.store.port import UnresolvedCount, UnresolvedName
from gateway.store.rows import unresolved_values
from gateway.store.tables import unresolved
from gateway.store.transitions import counted, with_example

Key = tuple[str, str, str]
"""A name's row: kind, text, language ("" when unknown)."""


def _upsert(insert: Callable[..., Any]) -> Any:
    """The upsert of one dialect's `insert`: count added, first and last seen widened, examples kept."""
    c, statement = unresolved.c, insert(unresolved)
    new = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[c.kind, c.text, c.language],
        set_={
            "count": c.count + new["count"],
            "first_seen": case((new.first_seen < c.first_seen, new.first_seen), else_=c.first_seen),
            "last_seen": case((new.last_seen > c.last_seen, new.last_seen), else_=c.last_seen),
        },
    ).returning(c.kind, c.text, c.language, c.message_ids)


_UPSERTS = {"sqlite": _upsert(sqlite.insert), "postgresql": _upsert(postgresql.insert)}
_UPDATE_EXAMPLES = (
    update(unresolved)
    .where(
        unresolved.c.kind == bindparam("key_kind"),
        unresolved.c.text == bindparam("key_text"),
        unresolved.c.language == bindparam("key_language"),
    )
    .values(message_ids=bindparam("examples"))
)


def count_unresolved(conn: Connection, names: Sequence[UnresolvedName]) -> None:
    """Count the sightings of `names` in their order: one upsert, and one update of the examples of the
    names that held fewer than five and gained one."""
    sightings = _sightings(names)
    if not sightings:
        return
    values = [unresolved_values(count) for count in sightings.values()]
    returned = conn.execute(_UPSERTS[conn.dialect.name], values).all()
    grown = _grown_examples({(r.kind, r.text, r.language): r.message_ids for r in returned}, sightings)
    if grown:
        conn.execute(_UPDATE_EXAMPLES, grown)


def _sightings(names: Sequence[UnresolvedName]) -> dict[Key, UnresolvedCount]:
    """The sightings of each distinct name folded in order (`transitions.counted`), by its row's key."""
    found: dict[Key, UnresolvedCount] = {}
    for name in names:
        key = (name.kind, name.text, name.language or "")
        found[key] = counted(found.get(key), name)
    return found


def _grown_examples(held: dict[Key, str], sightings: dict[Key, UnresolvedCount]) -> list[dict[str, Any]]:
    """The rows whose examples this batch adds to: the examples each held, then the batch's new ones."""
    grown = []
    for key, before in held.items():
        examples: tuple[str, ...] = tuple(json.loads(before))
        after = examples
        for message_id in sightings[key].message_ids:
            after = with_example(after, message_id)
        if after != examples:
            values = dict(zip(("key_kind", "key_text", "key_language"), key, strict=True))
            grown.append(values | {"examples": json.dumps(list(after))})
    return grown
