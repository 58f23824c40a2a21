"""Counting the names that resolution could only guess (the unresolved queue), in one upsert.

`count_unresolved(conn, names)` folds the sightings of each distinct name (kind, text, language) in
order, then sends one `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` for all of them (SQLite and
PostgreSQL alike): a new name is inserted with its count, first and last seen and up to five example
messages and its senders; a known one gets its count added and its first and last seen widened, and
returns the examples and senders it held. Only a name that held fewer than five examples and gained one
is written again (a second statement, for all such names at once), and only a name that gained a sending
country (a third, which also replaces its check against the glossary: the sighting shows it open under
the version it was a guess under, whatever an older check said for the other senders).
The result is what `transitions.counted` gives one sighting at a time: the count, the first five
distinct message IDs, the first and last seen, the first script, the senders. The group commit calls it
once for a whole batch of accepts. The statements are compiled once (the upsert
once per number of names) and sent to the driver (`driver.py`): through SQLAlchemy's execution the
upsert of a document's few names cost ~0.5 ms of Python, ten times what SQLite takes to run it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import bindparam, case, false, null, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

from gateway.store.driver import Binds, DriverMany, DriverRows, Transaction
from gateway.store.port import UnresolvedCount, UnresolvedName
from gateway.store.rows import unresolved_values
from gateway.store.tables import QUEUE_COLUMNS, unresolved
from gateway.store.transitions import counted, with_country, with_example

Key = tuple[str, str, str]
"""A name's row: kind, text, language ("" when unknown)."""


def _upsert(insert: Callable[..., Any], rows: Binds) -> Any:
    """The upsert of `rows` with one dialect's `insert`: count added, first and last seen widened,
    examples kept."""
    c, statement = unresolved.c, insert(unresolved).values(rows)
    new = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[c.kind, c.text, c.language],
        set_={
            "count": c.count + new["count"],
            "first_seen": case((new.first_seen < c.first_seen, new.first_seen), else_=c.first_seen),
            "last_seen": case((new.last_seen > c.last_seen, new.last_seen), else_=c.last_seen),
        },
    ).returning(c.kind, c.text, c.language, c.message_ids, c.countries)


_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def _upsert_of(dialect: Dialect, rows: Binds) -> Any:
    return _upsert(_INSERTS[dialect.name], rows)


_UPSERT = DriverRows(unresolved, [c.name for c in QUEUE_COLUMNS], _upsert_of)
THE_ROW = (
    unresolved.c.kind == bindparam("key_kind"),
    unresolved.c.text == bindparam("key_text"),
    unresolved.c.language == bindparam("key_language"),
)
"""The queue row of a name, by the parameters `row_key` gives."""
_UPDATE_EXAMPLES = DriverMany(update(unresolved).where(*THE_ROW).values(message_ids=bindparam("examples")))
_UPDATE_COUNTRIES = DriverMany(
    update(unresolved)
    .where(*THE_ROW)
    .values(
        countries=bindparam("senders"),
        checked_in=bindparam("seen_in"),
        answered=false(),
        claimed_by=null(),
        claimed_until=null(),
        claimed_for=null(),
    )
)
"""A new sender's sighting replaces the check: the name is open under the glossary version it was a guess
under (`seen_in`; NULL when unknown: not checked); a check under way leaves no mark (`WHERE countries`)."""


def count_unresolved(conn: Transaction, names: Sequence[UnresolvedName]) -> None:
    """Count the sightings of `names` in their order: one upsert, one update of the examples of the
    names that held fewer than five and gained one, and one of the senders of names that gained one."""
    sightings = _sightings(names)
    if not sightings:
        return
    values = [unresolved_values(count) for count in sightings.values()]
    returned = _UPSERT.run(conn, values)
    examples = {(kind, text, language): held for kind, text, language, held, _ in returned}
    seen_in = {key: count.message_ids for key, count in sightings.items()}
    if grown := _grown(examples, seen_in, with_example, "examples"):
        _UPDATE_EXAMPLES.many(conn, grown)
    senders = {(kind, text, language): held for kind, text, language, _, held in returned}
    sent_by = {key: count.countries for key, count in sightings.items()}
    if grown := _grown(senders, sent_by, with_country, "senders"):
        _UPDATE_COUNTRIES.many(conn, [row | {"seen_in": _seen_in(row, sightings)} for row in grown])


def _sightings(names: Sequence[UnresolvedName]) -> dict[Key, UnresolvedCount]:
    """The sightings of each distinct name folded in order (`transitions.counted`), by its row's key."""
    found: dict[Key, UnresolvedCount] = {}
    for name in names:
        key = name_key(name)
        found[key] = counted(found.get(key), name)
    return found


def _grown(
    held: dict[Key, str],
    added: dict[Key, tuple[str, ...]],
    add: Callable[[tuple[str, ...], str], tuple[str, ...]],
    column: str,
) -> list[dict[str, Any]]:
    """The rows whose JSON list in `column` (examples, senders) this batch adds to: what each held, then
    the batch's values through `add`. (A new row returns what it was inserted with, so it gains none.)"""
    grown = []
    for key, before in held.items():
        values: tuple[str, ...] = tuple(json.loads(before))
        after = values
        for value in added[key]:
            after = add(after, value)
        if after != values:
            grown.append(row_key(key) | {column: json.dumps(list(after))})
    return grown


def _seen_in(row: dict[str, Any], sightings: dict[Key, UnresolvedCount]) -> str | None:
    """The glossary version the batch's sightings of `row`'s name were guesses under (the fold's)."""
    return sightings[(row["key_kind"], row["key_text"], row["key_language"])].checked_in


def name_key(name: UnresolvedName | UnresolvedCount) -> Key:
    """The key of a name's row: its kind, text and language ("" when unknown)."""
    return (name.kind, name.text, name.language or "")


def row_key(key: Key) -> dict[str, Any]:
    """The parameters of `THE_ROW` for a name's row."""
    return dict(zip(("key_kind", "key_text", "key_language"), key, strict=True))
