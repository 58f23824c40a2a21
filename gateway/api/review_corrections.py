"""An officer's proposed correction of a name on the message page (docs/review.md): the name is found in
the delivered payload by its WCO pointer (never taken from the form), the proposal checked
(`gateway.resolve.corrections.proposal_problem`) and kept in the store for the terminologists. The
delivered message is not changed. No FastAPI here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gateway.access.keys import Principal
from gateway.api.review_page import Part, Value, read_message
from gateway.api.review_text import TEXTS, Missing, Said
from gateway.model import load_model
from gateway.resolve.corrections import CodeEntries, Proposed, proposal_problem
from gateway.service.inbox import Inbox
from gateway.store.port import Correction, Store

MAX_TEXT = 500
MAX_POINTER = 200
"""The longest name and pointer a proposal keeps (`name_corrections.text`, `.pointer`)."""
MAX_PER_MESSAGE = 200
"""The most proposals one country's officers make on one message: the store's rows stay bounded by the
messages a country receives, whatever a key posts (a manifest has a few hundred names at most)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What became of a proposal: kept (`created`: new, or the same proposal made before), or refused
    with the `problem` to show beside the name's form (in the officer's language), with what the officer
    typed."""

    pointer: str
    proposed: Proposed
    problem: Said | None = None
    created: bool = False


def propose(
    inbox: Inbox,
    store: Store,
    codelists: CodeEntries,
    who: Principal,
    delivery_id: int,
    form: dict[str, str],
    now: datetime,
) -> Answer:
    """Keep the officer's proposal for the name at `form["pointer"]` of a delivery in their inbox (the
    inbox's access rule: another country's delivery is not found)."""
    shown = inbox.get(who, who.country or "", delivery_id)
    pointer = form.get("pointer", "")
    if shown.kind != "message":
        raise Missing(Said("error.notice-no-names", {"delivery": delivery_id}))
    reading = read_message(shown.payload, load_model())
    resolution = reading.resolutions.get(pointer)
    value = _value_at(reading.declaration, pointer) if resolution is not None else None
    if resolution is None or value is None:
        raise Missing(Said("error.no-name", {"delivery": delivery_id, "quoted": repr(pointer[:200])}))
    proposed = Proposed.of(form.get("english", ""), form.get("code", ""), form.get("comment", ""))
    kind = resolution.attributes.get("kind", "")
    problem = said_problem(kind, proposed, codelists) or _too_long(value.text, pointer)
    made = store.message_corrections(shown.message_id, who.country or "")
    if problem is None and len(made) >= MAX_PER_MESSAGE:
        problem = Said("correction.too-many", {"count": len(made)})
    if problem is not None:
        return Answer(pointer, proposed, problem)
    message = store.message_head(shown.message_id)
    a = resolution.attributes
    correction = Correction(
        kind=kind, text=value.text, language=a.get("language") or None, script=a.get("script") or None,
        sender=message.sender if message else reading.header.get("SourceCountry", "")[:2],
        english=proposed.english, code=proposed.code, comment=proposed.comment, key_id=who.key_id,
        country=who.country or "", message_id=shown.message_id, delivery_id=shown.id, pointer=pointer,
        glossary_version=a.get("glossaryVersion"), proposed_at=now,
    )  # fmt: skip
    return Answer(pointer, proposed, created=store.propose_correction(correction))


def said_problem(kind: str, proposed: Proposed, codelists: CodeEntries) -> Said | None:
    """Why the proposal cannot be kept, to say in the officer's language: the refusal
    `gateway.resolve.corrections.proposal_problem` finds, told by its message id."""
    refusal = proposal_problem(kind, proposed, codelists)
    if refusal is None:
        return None
    params = {name: _kind(str(v)) if name == "kind" else v for name, v in refusal.params.items()}
    return Said(refusal.message_id, params)


def _kind(kind: str) -> Said | str:
    """A name's kind, said in the officer's language when the catalog has it (else as it is)."""
    return Said(f"kind.{kind}") if f"kind.{kind}" in TEXTS else kind


def _too_long(text: str, pointer: str) -> Said | None:
    """Why a name is not kept for a proposal: longer than the store keeps (a long goods description)."""
    if len(text) > MAX_TEXT or len(pointer) > MAX_POINTER:
        return Said("correction.name-too-long", {"most": MAX_TEXT})
    return None


def _value_at(part: Part | None, pointer: str) -> Value | None:
    """The value of the message at `pointer`, found along the parts whose pointers lead to it."""
    if part is None:
        return None
    for value in part.values:
        if value.pointer == pointer:
            return value
    below = (child for child in part.parts if pointer.startswith(child.pointer + "/"))
    return next((found for child in below if (found := _value_at(child, pointer)) is not None), None)
