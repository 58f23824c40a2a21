"""The unresolved queue: names that fell through to transliteration or matched only weakly.

`unresolved_names` picks them out of a document's resolutions; the store counts them across documents,
with a few documents each came from (`Store.record_unresolved` / `Store.unresolved`; the memory store
is the in-process version). `glossary_rows` turns counts into rows of the glossary's own columns, most
frequent first, for a terminologist to fill in (`english` left empty, so `gateway glossary check`
refuses a row until it is filled).

The store keeps every name it counted; what the glossary in force now resolves is left out when the
queue is read (`OpenNames.of`: each name resolved again, as the API's `GET /v1/unresolved` and `gateway
glossary unresolved --csv` do), so a row a terminologist added takes its name off the list as soon as
the glossary holding it is in force, and a name whose row is taken out again comes back with its count.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

from gateway.glossary.cells import protected
from gateway.glossary.columns import COLUMNS
from gateway.resolve.corrections import with_proposals
from gateway.resolve.descriptions import GoodsDescriptions
from gateway.resolve.keys import latin_form
from gateway.resolve.resolver import Resolver
from gateway.resolve.result import Resolution
from gateway.store.port import Correction, UnresolvedCount, UnresolvedQueue
from gateway.sweep import start_sweep

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Unresolved:
    """One unresolved name seen in one document (the fields of the store's `UnresolvedName`)."""

    kind: str
    text: str
    language: str | None
    script: str | None
    country: str | None
    message_id: str | None
    seen_at: datetime
    glossary_version: str | None = None
    """The glossary version it was a guess under: the queue counts it as checked against that one."""


class UnresolvedCounted(Protocol):
    """An unresolved name with its count (the store's `UnresolvedCount`)."""

    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def language(self) -> str | None: ...
    @property
    def script(self) -> str | None: ...
    @property
    def count(self) -> int: ...
    @property
    def message_ids(self) -> Sequence[str]: ...
    @property
    def countries(self) -> Sequence[str]: ...
    @property
    def checked_in(self) -> str | None: ...


def unresolved_names(
    resolutions: Iterable[Resolution], country: str | None, message_id: str | None, seen_at: datetime
) -> list[Unresolved]:
    """The resolutions that are guesses (fuzzy, legal form, transliteration), once per kind and text."""
    seen: set[tuple[str, str]] = set()
    names = []
    for resolution in resolutions:
        key = (resolution.kind, resolution.original)
        if resolution.is_guess and key not in seen:
            seen.add(key)
            names.append(
                Unresolved(
                    resolution.kind,
                    resolution.original,
                    resolution.language,
                    resolution.script,
                    country,
                    message_id,
                    seen_at,
                    resolution.glossary_version,
                )
            )
    return names


GLOSSARY_KIND = {
    "place": "place",
    "office": "office",
    "party": "party",
    "goods": "goods",
    "package": "package",
    "country": "place",
}


def glossary_rows(
    counts: Iterable[UnresolvedCounted], version: str | None = None, within: int | None = None
) -> list[dict[str, str]]:
    """Glossary rows for unresolved names: kind, language and term filled, `latin` suggested; the note
    says how often, which countries sent it, and whether it was checked against glossary `version`
    (and, past the first `within` rows, that the background check does not reach it)."""
    rows = []
    for position, count in enumerate(counts):
        past = None if _in_background(position, within) else within
        latin, language, _, scheme = latin_form(count.text, count.language)
        rows.append(
            {
                "kind": GLOSSARY_KIND.get(count.kind, count.kind),
                "language": language,
                "term": count.text,
                "english": "",
                "latin": latin,
                "code": "",
                "note": "; ".join(_note(count, scheme, version, past)),
            }
        )
    return rows


def _note(count: UnresolvedCounted, scheme: str, version: str | None, past: int | None) -> list[str]:
    senders = ", ".join(count.countries)
    documents = ", ".join(count.message_ids)
    parts = [f"seen {_times(count.count)}"] + ([f"sent by {senders}"] if senders else [])
    parts.append(f"latin suggested by {scheme}")
    parts += [f"in {documents}"] if documents else []
    if version is None or count.checked_in == version:
        return parts
    if past is None:
        return [*parts, f"not yet checked against glossary {version}"]
    return [*parts, f"not checked against glossary {version} (past the first {past}: checked when read)"]


def _times(count: int) -> str:
    return "1 time" if count == 1 else f"{count} times"


def glossary_csv(
    counts: Iterable[UnresolvedCounted],
    version: str | None = None,
    within: int | None = None,
    proposals: Sequence[Correction] = (),
) -> str:
    """The rows of `glossary_rows` as CSV text with the glossary's header, the officers' `proposals`
    (newest first) laid over them (`gateway.resolve.corrections.with_proposals`), formula-looking cells
    protected (`gateway.glossary.cells`: a spreadsheet shows them as text, the glossary reads them as
    written)."""
    output = io.StringIO(newline="")
    writer = csv.DictWriter(output, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in with_proposals(glossary_rows(counts, version, within), proposals, GLOSSARY_KIND):
        writer.writerow({column: protected(value) for column, value in row.items()})
    return output.getvalue()


CHECKS_PER_READ = 100
"""How many names one read of the queue checks itself, at most (~0.3 s of a core): the rest are listed
unchecked until the background check (`OpenNames.check`) reaches them."""
CHECKS_PER_TURN = 100
"""How many names the background check takes in one turn (every GATEWAY_GLOSSARY_CHECK_SECONDS)."""
CHECKS_PER_VERSION = 2_000
"""How many names, at most, the background check checks against one glossary version: the first ones a
read lists (most frequent first, the names the version answers left out). Past them a name is checked
only by a read that lists it, so the background's CPU per glossary version stays bounded (~2-5 ms a
name: a few seconds of a core) however long the queue's tail of names seen once grows (the setting
GATEWAY_UNRESOLVED_CHECKS_PER_VERSION)."""
QUIET_SECONDS = 30.0
"""How long the background check rests after a turn that found nothing to check under the version in
force (a glossary change ends the rest): an empty turn still reads the queue's first names, ~6 ms at
20,000 names, and more as it grows."""
CLAIM_LEASE = timedelta(seconds=60)
"""How long the names a checker claimed are its own (a turn checks them in ~0.3-1 s): a checker that
died holding them leaves them to the others after it."""


class OpenNames:
    """The queue's names that the glossary in force still leaves a guess for a country that sent them.

    Each name is checked at most once per glossary version and the answer kept in the store
    (`checked_in`, `answered`): by the background check, most frequent first, `CHECKS_PER_TURN` names a
    turn, for the first `checks_per_version` names a read lists (None: all), and by a read for the names
    of its page not yet checked, `CHECKS_PER_READ` at most. A read leaves out what its version answers
    in the store's query, so it costs a page of rows, however large the queue.

    The background checks of the processes sharing one store (`gateway serve --workers N`) split the
    queue: each turn claims its names in the store (`claim_unresolved`, for `lease`, for the version in
    force) under the name `checker`, so no two check the same name against one version, and a claim
    made for an older version does not hold up the new one's check; a read checks its page's names
    whoever holds them (its answer is never older than the version in force)."""

    def __init__(
        self,
        resolver: Resolver,
        descriptions: GoodsDescriptions | None = None,
        checks_per_read: int = CHECKS_PER_READ,
        checker: str | None = None,
        lease: timedelta = CLAIM_LEASE,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        checks_per_version: int | None = CHECKS_PER_VERSION,
    ) -> None:
        self.resolver = resolver
        self.descriptions = descriptions or GoodsDescriptions(resolver)
        self.checks_per_read, self.checks_per_version = checks_per_read, checks_per_version
        self.checker = checker or checker_name()
        self.lease, self.clock = lease, clock

    def version(self) -> str:
        """The version of the glossary in force, that the queue is checked against."""
        return self.resolver.glossary().version

    def answered(self, name: UnresolvedCounted) -> bool:
        """Whether the glossary in force resolves the name for every country that sent it (resolved again
        as each one's documents read it, in the language it was seen in); a name counted before the
        queue kept countries is read as a document of no country reads it."""
        return all(not self._again(name, country).is_guess for country in name.countries or (None,))

    def _again(self, name: UnresolvedCounted, country: str | None) -> Resolution:
        return self.resolved_now(name.kind, name.text, name.language, country, name.script)

    def resolved_now(
        self, kind: str, text: str, language: str | None, country: str | None, script: str | None = None
    ) -> Resolution:
        """How the glossary in force resolves the name now, as a document of `country` reads it."""
        if kind == "goods":
            return self.descriptions.describe(text, language, country, script, keep=False)
        return self.resolver.resolve(text, kind, country, language, keep=False)

    def check(self, queue: UnresolvedQueue, limit: int = CHECKS_PER_TURN) -> int:
        """Claim the `limit` most frequent names not yet checked against the glossary in force that no
        other checker holds for it, among the first `checks_per_version` a read lists, check them and
        mark them in the store; how many were checked (0: those names are up to date, or the rest is
        being checked by others). Answers found while the glossary changed are not kept: the new
        version's checkers claim their names at once (the claim was for the old one)."""
        version, now = self.version(), self.clock()
        lease_until, within = now + self.lease, self.checks_per_version
        names = queue.claim_unresolved(version, self.checker, limit, lease_until, now, within)
        marks = [(name, self.answered(name)) for name in names]
        if self.version() == version:
            queue.mark_unresolved(version, marks)
        return len(names)

    def in_background(self, position: int) -> bool:
        """Whether the name a read lists at `position` (from 0) is one the background check checks
        against each glossary version (else only a read that lists it does)."""
        return _in_background(position, self.checks_per_version)

    def of(self, queue: UnresolvedQueue, limit: int) -> list[UnresolvedCount]:
        """The first `limit` names open under the glossary in force, in the queue's order; a name not
        checked yet is checked here while the read's budget lasts, else listed as it is (`checked_in`
        another version: it may be answered already)."""
        version, budget = self.version(), self.checks_per_read
        kept: list[UnresolvedCount] = []
        offset = 0
        while len(kept) < limit:
            page = queue.unresolved(limit, offset, open_in=version)
            unchecked = [name for name in page if name.checked_in != version][:budget]
            budget -= len(unchecked)
            marks = {_key(name): self.answered(name) for name in unchecked}
            queue.mark_unresolved(version, [(name, marks[_key(name)]) for name in unchecked])
            kept += [_as_checked(name, version, marks) for name in page if not marks.get(_key(name))]
            if len(page) < limit:
                break
            offset += len(page) - sum(marks.values())  # the answered ones left the query's order
        return kept[:limit]


def start_queue_check(
    open_names: OpenNames, queue: UnresolvedQueue, every: float, quiet: float = QUIET_SECONDS
) -> threading.Event:
    """Check the queue against the glossary in force in a background thread, `CHECKS_PER_TURN` names
    every `every` seconds (at least 0.05), most frequent first, until the names it checks are checked
    against the version in force (and again after each change), each turn that checked names logged;
    after a turn that found nothing, rest `quiet` seconds unless the version changes (names a dead
    checker held, or new senders' names, wait that much longer); set the returned event to stop it."""
    rested: list[tuple[str, float]] = []  # the version and time of the last turn that found nothing

    def turn() -> None:
        version = open_names.version()
        if rested and rested[0][0] == version and time.monotonic() - rested[0][1] < quiet:
            return
        rested.clear()
        if checked := open_names.check(queue):
            checker = open_names.checker
            logger.info(f"unresolved queue: {checked} names checked against glossary {version} by {checker}")
        else:
            rested.append((version, time.monotonic()))

    return start_sweep(
        turn,
        max(every, 0.05),
        "unresolved-check",
        logger,
        "unresolved:check-failed",
    )


def _in_background(position: int, within: int | None) -> bool:
    """Whether the background check, checking the first `within` names of a read (None: all), reaches
    the name a read lists at `position` (from 0)."""
    return within is None or position < within


def checker_name() -> str:
    """A name for one checker that differs between checkers, processes and machines."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"[-200:]


def _key(name: UnresolvedCount) -> tuple[str, str, str | None]:
    return (name.kind, name.text, name.language)


def _as_checked(
    name: UnresolvedCount, version: str, marks: dict[tuple[str, str, str | None], bool]
) -> UnresolvedCount:
    """`name` as this read left it: checked against `version` if it checked it."""
    return replace(name, checked_in=version, answered=False) if _key(name) in marks else name
