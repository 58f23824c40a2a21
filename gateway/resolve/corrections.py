"""The officers' proposed corrections of names: checked before they are kept, and laid over the rows of
the unresolved queue's export for the terminologists (docs/review.md, docs/glossary.md).

An officer reading a delivered message may say that a name is wrong and what it is ("Хоргос is Khorgos,
CNHRS"). The delivered message never changes (the sender's and the partner's records must agree): the
proposal is kept in the store (`Store.propose_correction`) and fills the `english` and `code` columns of
the name's row in `gateway glossary unresolved --csv`, noted with who proposed it, for a terminologist
to review and commit. A name proposed that the queue does not hold (resolved exactly, but wrongly: the
worst case) gets a row of its own. No FastAPI here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from gateway.codelists.entry import CodeList
from gateway.controls import has_control
from gateway.glossary.columns import code_problem as row_code_problem
from gateway.glossary.columns import hs_problem
from gateway.resolve.catalog import CODE_LISTS
from gateway.resolve.keys import latin_form
from gateway.resolve.result import Resolution
from gateway.store.port import Correction

MAX_ENGLISH = 200
MAX_CODE = 35
MAX_COMMENT = 500
LIST_NAMES = {"package-type": "package type", "locode": "UN/LOCODE"}
"""How the refusals name a code list (else by its own name)."""


class CodeEntries(Protocol):
    """The code lists, as a proposal's code is looked up in them (`gateway.codelists.CodeLists`)."""

    def entry(self, kind: str, code: str) -> object | None: ...

    def get(self, name: str) -> CodeList | None: ...


@dataclass(frozen=True, slots=True)
class Proposed:
    """A proposal as the officer typed it, trimmed (the code in capitals)."""

    english: str
    code: str
    comment: str

    @classmethod
    def of(cls, english: str, code: str, comment: str) -> Proposed:
        return cls(" ".join(english.split()), code.strip().upper(), comment.strip())


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a proposal cannot be kept: the id of the review pages' message that tells it (in the catalog
    of `gateway.api.review_text`) and that message's fields (`kind`: the name's kind, which the pages say
    by the catalog's `kind.<kind>`)."""

    message_id: str
    params: dict[str, str | int] = dataclasses.field(default_factory=dict)


def proposal_problem(kind: str, proposed: Proposed, codelists: CodeEntries) -> Refusal | None:
    """Why the officer's proposal for a name of `kind` cannot be kept, or None."""
    if not proposed.english and not proposed.code:
        return Refusal("correction.empty")
    # a control character: an escape sequence reaches the terminal of whoever prints the export, a NUL
    # fails PostgreSQL; a separator or a bidirectional override reorders what is shown
    if any(has_control(value) for value in (proposed.english, proposed.code, proposed.comment)):
        return Refusal("correction.control-character")
    for field, value, most in (
        ("english", proposed.english, MAX_ENGLISH),
        ("code", proposed.code, MAX_CODE),
        ("comment", proposed.comment, MAX_COMMENT),
    ):
        if len(value) > most:
            return Refusal(f"correction.{field}-too-long", {"most": most})
    return code_problem(kind, proposed.code, codelists) if proposed.code else None


def code_problem(kind: str, code: str, codelists: CodeEntries) -> Refusal | None:
    """Why `code` is not a code for a name of `kind`: not in the code list of its kind (goods: an HS
    2022 heading or subheading, `hs_problem` decides), or a kind with no code (a party)."""
    if kind == "goods":
        if hs_problem(code) is None:
            return None
        if not code.isdecimal() or len(code) not in (4, 6, 8, 10):
            return Refusal("correction.hs-shape", {"quoted": repr(code)})
        heading = code[:6] if len(code) >= 6 else code
        level = "subheading" if len(heading) == 6 else "heading"
        return Refusal("correction.hs-unknown", {"quoted": repr(code), "heading": heading, "level": level})
    list_name = CODE_LISTS.get(kind)
    if list_name is None:
        return Refusal("correction.no-code", {"kind": kind})
    if codelists.entry(list_name, code) is None and not _real_outside_extract(
        kind, list_name, code, codelists
    ):
        return Refusal(
            "correction.not-in-list",
            {"code": code, "list": LIST_NAMES.get(list_name, list_name), "kind": kind},
        )
    return None


def _real_outside_extract(kind: str, list_name: str, code: str, codelists: CodeEntries) -> bool:
    """Whether `code`, absent from its list, is taken as the intake takes it in a document: the list of
    places or offices is an extract kept for its names (`outside_extract: shape-only`), so a code of
    the list's shape outside it (CNAKL before China's official rows are imported) is a real code the
    project does not hold yet; a country whose official rows are imported holds all its codes."""
    found = codelists.get(list_name)
    return (
        found is not None
        and not found.warn_outside
        and not found.holds_all(code)
        and row_code_problem(kind, code) is None
    )


NOT_QUEUED = "not in the unresolved queue: resolved exactly, and said to be wrong"
"""The note of a proposed name the queue does not hold."""
Row = dict[str, str]
"""A row of the unresolved queue's export, in the glossary's columns (`glossary_rows`)."""


def with_proposals(
    rows: Sequence[Row], proposals: Iterable[Correction], glossary_kind: dict[str, str]
) -> list[Row]:
    """`rows` with the officers' proposals laid over them: a row whose name was proposed gets the newest
    proposal's English form and code (each proposal noted: who, when, what, the comment); a proposed
    name that no row holds gets a row of its own after them. `proposals` come newest first."""
    by_name: dict[tuple[str, str, str], list[Correction]] = {}
    for proposal in proposals:
        by_name.setdefault(_name_key(proposal, glossary_kind), []).append(proposal)
    filled = [_filled(row, by_name.pop((row["kind"], row["language"], row["term"]), [])) for row in rows]
    return filled + [_own_row(found, glossary_kind) for found in by_name.values()]


def _name_key(proposal: Correction, glossary_kind: dict[str, str]) -> tuple[str, str, str]:
    _, language, _, _ = latin_form(proposal.text, proposal.language)
    return (glossary_kind.get(proposal.kind, proposal.kind), language, proposal.text)


def _filled(row: Row, proposals: list[Correction]) -> Row:
    if not proposals:
        return row
    newest = proposals[0]
    notes = [row["note"]] if row["note"] else []
    misfit = _misfit(row["kind"], newest)
    return row | {
        "english": newest.english or row["english"],
        "code": row["code"] if misfit else newest.code or row["code"],
        "note": "; ".join([*(proposal_note(p) for p in proposals), *([misfit] if misfit else []), *notes]),
    }


def _misfit(kind: str, proposal: Correction) -> str | None:
    """Why the proposed code stays out of a `kind` row's code column (the row would fail `gateway glossary
    check`), and where it belongs; None when it fits. A country's name is no glossary term: its code list
    holds its names (codelists/country, docs/codelists.md)."""
    problem = row_code_problem(kind, proposal.code)
    if problem is None:
        return None
    if proposal.kind == "country":
        return (
            f"code {proposal.code} left out: a country's name is an alias of {proposal.code} in "
            "codelists/country (docs/codelists.md), not a glossary row"
        )
    return f"code {proposal.code} left out: {problem}"


def _own_row(proposals: list[Correction], glossary_kind: dict[str, str]) -> Row:
    first = proposals[0]
    latin, language, _, scheme = latin_form(first.text, first.language)
    note = f"{NOT_QUEUED}; latin suggested by {scheme}"
    row = {
        "kind": glossary_kind.get(first.kind, first.kind), "language": language, "term": first.text,
        "english": "", "latin": latin, "code": "", "note": note,
    }  # fmt: skip
    return _filled(row, proposals)


def proposal_note(proposal: Correction) -> str:
    """How the export notes a proposal: "proposed by CN officer (key ...) on DATE: ENGLISH, CODE (in
    message ...): comment"."""
    said = ", ".join(value for value in (proposal.english, proposal.code) if value)
    where = f"in {proposal.message_id} from {proposal.sender}"
    note = (
        f"proposed by {proposal.country} officer (key {proposal.key_id}) on {proposal.proposed_at:%Y-%m-%d}"
    )
    note += f": {said} ({where})"
    return f"{note}: {proposal.comment}" if proposal.comment else note


class Resolving(Protocol):
    """What tells how the glossary in force resolves a name now (`OpenNames.resolved_now`), and which
    version that is."""

    def resolved_now(self, kind: str, text: str, language: str | None, country: str | None) -> Resolution: ...

    def version(self) -> str: ...


Reading = tuple[bool, str | None, str | None]
"""How the glossary in force reads a proposed name: whether it is a guess, its English form, its code."""
KEPT_NAMES = 4096


class ProposedNames:
    """How the glossary in force reads each proposed name, kept for that glossary version: the
    terminologists' list (`GET /v1/corrections`) reads the same proposals again and again, and a name no
    row meets costs ~1.5 ms to resolve (a page of 1,000: 1.5 s of CPU a read, `bench/corrections.py`).
    At most `size` names are kept; all are forgotten when the version changes."""

    def __init__(self, size: int = KEPT_NAMES) -> None:
        self.size = size
        self._version: str | None = None
        self._kept: dict[tuple[str, str, str | None, str | None], Reading] = {}

    def read(self, proposal: Correction, resolving: Resolving, version: str) -> Reading:
        if version != self._version:
            self._version, self._kept = version, {}
        kept = self._kept  # a thread that finds another version's dict fills that one: never read again
        key = (proposal.kind, proposal.text, proposal.language, proposal.sender)
        found = kept.get(key)
        if found is None:
            now = resolving.resolved_now(*key)
            found = (now.is_guess, now.english, now.code)
            if len(kept) < self.size:
                kept[key] = found
        return found


def still_open(
    proposals: Iterable[Correction], resolving: Resolving, names: ProposedNames | None = None
) -> list[Correction]:
    """The proposals that the glossary in force does not yet follow: the name, resolved again as its
    sender's documents read it, is a guess, or its English form or code is not the one proposed (a row
    committed from the export takes its proposals off it). `names` keeps the names' readings across
    calls (each call reads a name once either way)."""
    names = names if names is not None else ProposedNames()
    version = resolving.version()
    open_ones = []
    for proposal in proposals:
        is_guess, english, code = names.read(proposal, resolving, version)
        followed = not is_guess and proposal.english in ("", english) and proposal.code in ("", code)
        if not followed:
            open_ones.append(proposal)
    return open_ones
