"""Receiving one document: size, normalization, the sender's right to post it, routing, storing.

Nothing is written unless the document is accepted: a rejected document changes nothing. An
accepted document is stored with its outbox rows and events in one transaction; delivery picks the
rows up after the commit. The same document posted again gets the first answer.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from gateway.access.keys import Principal
from gateway.access.roles import may_post_as
from gateway.issues import Issue, error, has_errors
from gateway.normalize.pipeline import Normalization, Normalizer
from gateway.resolve.unresolved import unresolved_names
from gateway.service.announcer import Announcer, NoAnnouncer
from gateway.service.errors import Conflict, DocumentRejected, Forbidden, MessagePruned, PayloadTooLarge
from gateway.service.limits import PostLimit
from gateway.service.recipients import Plan, Recipient, Router
from gateway.store.port import NewDelivery, NewEvent, NewMessage, ReferenceConflict, Store, UnresolvedName

log = logging.getLogger("gateway.intake")
DEFAULT_POSTS_PER_KEY = 8


@dataclass(frozen=True, slots=True, order=True)
class Held:
    """A recipient whose delivery is held: its agreement is suspended, for `reason` (ordered by both)."""

    recipient: str
    reason: str


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """The answer to an accepted document."""

    message_id: str
    created: bool  # False when this is a repeat of a document already accepted
    reference: str
    status: str
    recipients: tuple[str, ...]
    warnings: tuple[Issue, ...]
    held: tuple[Held, ...] = ()  # recipients among `recipients` whose delivery waits for their agreement


class Intake:
    """Receives documents from national systems into the store."""

    def __init__(
        self,
        store: Store,
        normalizer: Normalizer,
        router: Router,
        clock: Callable[[], datetime],
        max_bytes: int,
        limit: PostLimit | None = None,
        announcer: Announcer | None = None,
    ) -> None:
        self.store, self.normalizer, self.router = store, normalizer, router
        self.clock, self.max_bytes = clock, max_bytes
        self.limit = limit or PostLimit(DEFAULT_POSTS_PER_KEY)
        self.announcer = announcer or NoAnnouncer()

    def receive(self, principal: Principal, body: bytes, admitted: bool = False) -> Acknowledgement:
        """Accept `body` from `principal`, or raise the `ServiceError` that says why not. `admitted`: the
        caller already holds one of the key's places in `limit` (taken before a large body was read)."""
        if principal.role != "national":
            raise Forbidden.because(f"A {principal.role} key may not post documents.")
        if len(body) > self.max_bytes:
            raise PayloadTooLarge.because(
                f"The document has {len(body)} bytes; the limit is {self.max_bytes}."
            )
        if principal.country is not None:  # a national key's country: the only one it may post as
            _check_before_reading(self.router.payload_limits(principal.country), len(body))
        if admitted:
            return self._receive(principal, body)
        with self.limit.admit(principal.key_id):
            return self._receive(principal, body)

    def _receive(self, principal: Principal, body: bytes) -> Acknowledgement:
        result = self.normalizer.normalize(body)
        sender = self._sender(result)
        if sender is not None and not may_post_as(principal, sender):
            raise Forbidden.because(f"A key of {principal.country} may not post a document of {sender}.")
        if sender is None or result.message is None or has_errors(result.issues):
            raise DocumentRejected(result.issues or [error("format.unknown", "The format is not known.")])
        return self._keep(sender, body, result)

    def _keep(self, sender: str, body: bytes, result: Normalization) -> Acknowledgement:
        assert result.message is not None
        digest = hashlib.sha256(body).hexdigest()
        reference, kind = document_reference(result, digest), _kind(result)  # read before the plan
        plan = self.router.plan(result.message, sender)  # may take the message's tree for a payload
        _check_limits(plan, len(body))
        message = self._message(sender, body, result, (digest, reference, kind), plan)
        unresolved = self._unresolved(result, sender, message.message_id)
        try:
            accepted = self.store.accept(message, self._outbox(plan), _events(message, plan), unresolved)
        except ReferenceConflict as conflict:
            raise Conflict.because(
                f"{conflict.reference!r} was already sent by {sender} as message {conflict.message_id} "
                "with other content.",
                pointer="42A/D014",
            ) from None
        self.announcer.announce(accepted)  # after the commit: push and file deliveries start now
        answer = (
            _first_answer(message, plan)
            if accepted.created
            else acknowledgement(self.store, accepted.message_id)
        )
        log.info("message:received", extra={"message_id": answer.message_id, "repeat": not answer.created})
        return answer

    def _unresolved(self, result: Normalization, sender: str, message_id: str) -> list[UnresolvedName]:
        """The names resolution could only guess, for the store's unresolved queue (counted with the
        message, in its transaction, and not again for a repeat)."""
        resolutions = [name.resolution for name in result.names]
        found = unresolved_names(resolutions, sender, message_id, self.clock())
        return [
            UnresolvedName(
                n.kind, n.text, n.language, n.script, n.country, n.message_id, n.seen_at, n.glossary_version
            )
            for n in found
        ]  # field by field: `asdict` would deep-copy every field, at ~0.1 ms a name

    def _message(
        self, sender: str, body: bytes, result: Normalization, read: tuple[str, str, str | None], plan: Plan
    ) -> NewMessage:
        """The message to store; `read` is its digest, reference and kind, read before the plan."""
        assert result.message is not None
        digest, reference, kind = read
        return NewMessage(
            str(uuid.uuid4()), sender, reference, digest, result.format, kind, body, result.message.xml,
            tuple(result.issues), "routed" if plan.recipients else "unrouted", self.clock(),
        )  # fmt: skip

    def _outbox(self, plan: Plan) -> list[NewDelivery]:
        now = self.clock()
        return [_delivery(recipient, now) for recipient in plan.recipients]

    def _sender(self, result: Normalization) -> str | None:
        return self.normalizer.registry.get(result.format).country if result.format else None


def acknowledgement(store: Store, message_id: str) -> Acknowledgement:
    """The answer to a repeat, read from the store: the same as the first answer, its held deliveries
    as they stand now (a suspension lifted since is no longer said). A repeat of a message that retention
    removed is refused (`message.pruned`): it was received, and is not received nor delivered again."""
    message = store.message_head(message_id)
    assert message is not None, message_id
    if message.pruned_at is not None:
        raise MessagePruned.of(message.message_id, message.received_at, message.pruned_at)
    outbox = [d for d in store.deliveries(message_id) if d.kind == "message"]
    recipients = tuple(sorted({d.recipient for d in outbox}))
    held = _held_now(store, message_id, {d.id: d.recipient for d in outbox if d.state == "held"})
    return Acknowledgement(
        message_id, False, message.reference, message.status, recipients, message.issues, held
    )


def _held_now(store: Store, message_id: str, held: dict[int, str]) -> tuple[Held, ...]:
    """The held deliveries `held` (ID: recipient) with the reasons of their `delivery:held` events."""
    if not held:
        return ()
    reasons = {
        event.detail.get("delivery_id"): str(event.detail.get("reason", ""))
        for event in store.events(message_id)
        if event.name == "delivery:held"
    }
    found = {Held(recipient, reasons.get(id_, "")) for id_, recipient in held.items()}
    return tuple(sorted(found))


def _first_answer(message: NewMessage, plan: Plan) -> Acknowledgement:
    recipients = tuple(sorted({r.country for r in plan.recipients}))
    held = {Held(r.country, r.held) for r in plan.recipients if r.held is not None}
    return Acknowledgement(
        message.message_id, True, message.reference, message.status, recipients, message.issues,
        tuple(sorted(held)),
    )  # fmt: skip


def document_reference(result: Normalization, digest: str) -> str:
    """The sender's own reference: the declaration's ID (WCO D014), its functional reference (D026),
    or, when it has neither, the digest of its bytes."""
    assert result.message is not None
    declaration = result.message.declaration()
    for name in ("ID", "FunctionalReferenceID"):
        found = declaration.find(result.message.tag(name)) if declaration is not None else None
        if found is not None and found.text and found.text.strip():
            return found.text.strip()[:200]
    return f"sha256:{digest}"


def _kind(result: Normalization) -> str | None:
    assert result.message is not None
    kind = result.message.head_tree().findtext(
        f"{result.message.tag('Header')}/{result.message.tag('DocumentKind')}"
    )
    return kind or None


def _delivery(r: Recipient, now: datetime) -> NewDelivery:
    expires = now + r.time_to_live if r.time_to_live else None
    return NewDelivery(r.country, "message", r.method, r.endpoint, r.payload, now, expires)


def _check_before_reading(limits: dict[str, int], size: int) -> None:
    """Refuse a document larger than every agreement of its sender accepts, before it is normalized: it
    could go to no partner (a document the sender may send to someone is read, and refused by the
    limits of the recipients it is routed to, `_check_limits`)."""
    if limits and all(size > limit for limit in limits.values()):
        raise PayloadTooLarge([_over_limit(to, limit, size) for to, limit in sorted(limits.items())])


def _check_limits(plan: Plan, size: int) -> None:
    over = [
        (r.country, r.payload_limit)
        for r in plan.recipients
        if r.payload_limit is not None and size > r.payload_limit
    ]
    if over:
        raise PayloadTooLarge([_over_limit(country, limit, size) for country, limit in over])


def _over_limit(country: str, limit: int, size: int) -> Issue:
    text = f"The document has {size} bytes; the agreement with {country} accepts at most {limit}."
    return error("intake.too-large", text)


def _events(message: NewMessage, plan: Plan) -> list[NewEvent]:
    received = NewEvent(
        "message:received", None,
        {"format": message.format, "kind": message.kind, "reference": message.reference,
         "digest": message.digest, "bytes": len(message.original)},
    )  # fmt: skip
    if plan.recipients:
        return [received]
    return [received, NewEvent("message:unrouted", None, {"reasons": plan.unrouted})]
