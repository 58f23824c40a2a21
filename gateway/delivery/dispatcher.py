"""The dispatcher: takes due deliveries from the queue, sends each once under a lease, and records how it
ended.

One round (`run_once`):

1. every `sweep_every`, publish the store's due push and file deliveries to the queue (new ones, retries
   whose time has come, and any whose queue entry was lost with a Redis restart);
2. reclaim entries that a dead dispatcher left unacknowledged, then take new ones;
3. for each: claim the delivery in the store (a lease; None when another dispatcher holds it or it is
   finished), check its time to live and its endpoint, hand it to the deliverer of its method, and finish
   it in the store with the outcome; then acknowledge the entry.

A dispatcher that dies after sending and before finishing leaves a lease that runs out; the delivery is
sent again with the same webhook-id, which the partner's receiver drops as a repeat. Outcomes: delivered;
a retry on the agreement's schedule (or later, as Retry-After asks); a dead letter once the schedule is
used up, or at once when the partner refuses the message or its endpoint is disabled (after a 410);
expired once the time to live has run out, checked before the attempt and again right before sending.
For a dead or expired delivery the store writes the sender's non-delivery notice in the same transaction.
Each attempt reads its terms (method, endpoint, signing keys, retry schedule) from the policy once
(`gateway.delivery.policy`): with live agreements, an operator's edit applies from the next attempt, and
a delivery whose agreement was withdrawn is not attempted again but becomes a dead letter, and one whose
agreement is suspended is held unsent (no attempt counted). Each sweep first settles the held deliveries
with the agreements in force (`gateway.delivery.suspension`): holds what a suspension covers, resumes what
is in force again, expires what is held past its time to live.
New deliveries reach the queue at once when intake announces them (`gateway.delivery.announce`).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from gateway.delivery.attempt import AttemptResult, Delivered, Deliverer, Gone, Late, Parcel, Refused, Retry
from gateway.delivery.clock import Clock, utc_now
from gateway.delivery.policy import DeliveryPolicy, FixedPolicy, Suspended, Terms, Withdrawn
from gateway.delivery.queue import Work, WorkQueue
from gateway.delivery.schedule import RetrySchedule, expired
from gateway.delivery.suspension import Suspensions
from gateway.errors import ConfigurationError
from gateway.store.port import Delivery, Outcome, Store

log = logging.getLogger("gateway.delivery")
NEVER = datetime.max.replace(tzinfo=UTC)
MEDIA_TYPES = {"message": "application/xml", "non-delivery-notice": "application/json"}


def webhook_id(delivery: Delivery) -> str:
    """The ID a partner sees for a delivery, the same on every attempt and every resend."""
    suffix = "" if delivery.kind == "message" else f"_{delivery.kind}"
    return f"msg_{delivery.message_id}_{delivery.recipient}{suffix}"


def worker_name() -> str:
    """A name for this dispatcher that differs between processes and machines."""
    return f"{socket.gethostname()}-{os.getpid()}"


class Dispatcher:
    """Sends due push and file deliveries; see the module docstring."""

    def __init__(
        self,
        store: Store,
        queue: WorkQueue,
        deliverers: Mapping[str, Deliverer],
        clock: Clock = utc_now,
        *,
        policy: DeliveryPolicy | None = None,
        worker: str | None = None,
        lease: timedelta = timedelta(seconds=60),
        batch: int = 16,
        sweep_every: timedelta = timedelta(seconds=1),
        concurrency: int = 1,
        suspensions: Suspensions | None = None,
    ) -> None:
        self.store, self.queue, self.deliverers, self.clock = store, queue, deliverers, clock
        self.policy = policy if policy is not None else FixedPolicy()
        self.worker = worker or worker_name()
        self.lease, self.batch, self.sweep_every = lease, max(batch, concurrency), sweep_every
        self._last_sweep: datetime | None = None
        self._pool = ThreadPoolExecutor(concurrency, "delivery") if concurrency > 1 else None
        self.suspensions = suspensions

    def close(self) -> None:
        """Wait for deliveries under way, then release the sending threads."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def announce(self, delivery_ids: list[int]) -> None:
        """Queue deliveries just committed, so that they go out without waiting for the next sweep."""
        self.queue.publish(delivery_ids)

    def sweep(self) -> int:
        """Publish every due push or file delivery; the number published (not already waiting)."""
        now = self.clock()
        self._last_sweep = now
        if self.suspensions is not None:
            self.suspensions.settle(now)  # resumed deliveries are due now: the query below finds them
        # A few batches ahead is enough to keep the queue fed: `due` returns whole rows, payloads included.
        due = self.store.due(now, limit=self.batch * 4, methods=tuple(self.deliverers))
        return self.queue.publish([delivery.id for delivery in due])

    def run_once(self, wait: timedelta = timedelta(0), stop: Callable[[], bool] = lambda: False) -> int:
        """One round; returns how many queue entries it handled, `concurrency` at a time (a slow partner
        then holds up one sending thread, not the others). A delivery not yet started when `stop` says so
        is left for its entry to be reclaimed."""
        if self._last_sweep is None or self.clock() - self._last_sweep >= self.sweep_every:
            self.sweep()
        works = self.queue.reclaim(self.worker, self.lease, self.batch)
        works += self.queue.take(self.worker, self.batch - len(works), wait if not works else timedelta(0))
        if self._pool is None:
            return sum(self._handle_unless_stopped(work, stop) for work in works)
        futures = [self._pool.submit(self._handle_unless_stopped, work, stop) for work in works]
        return sum(future.result() for future in futures)

    def _handle_unless_stopped(self, work: Work, stop: Callable[[], bool]) -> int:
        if stop():
            return 0
        self.handle(work)
        return 1

    def handle(self, work: Work) -> str | None:
        """Send one delivery if it can be claimed; acknowledge its entry once the store has the outcome."""
        state = self.dispatch(work.delivery_id)
        self.queue.acknowledge([work])
        return state

    def dispatch(self, delivery_id: int) -> str | None:
        """Claim, attempt and finish one delivery; its new state, or None if it could not be claimed."""
        now = self.clock()
        delivery = self.store.claim(delivery_id, self.worker, now + self.lease, now)
        if delivery is None:
            return None
        outcome = self._attempt(delivery, now)
        if not self.store.finish(delivery.id, self.worker, outcome):
            log.warning("delivery:lease-lost", extra=_log_fields(delivery, outcome))
            return None
        log.info("delivery:attempted", extra=_log_fields(delivery, outcome))
        return outcome.state

    def _attempt(self, delivery: Delivery, now: datetime) -> Outcome:
        ready = self._ready(delivery, now)
        if isinstance(ready, Outcome):
            return ready
        terms, deliverer = ready
        try:
            result = deliverer.deliver(self._parcel(delivery, terms))
        except ConfigurationError as exc:  # a secret that is not a webhook secret
            return Outcome.dead(self.clock(), f"delivery.misconfigured: {exc}")
        return self._judge(delivery, result, terms.schedule)

    def _ready(self, delivery: Delivery, now: datetime) -> tuple[Terms, Deliverer] | Outcome:
        """The terms and deliverer of this attempt, or the outcome that ends the delivery unsent."""
        if delivery.expires_at is not None and expired(delivery.expires_at, now):
            return Outcome.expired(now)
        try:
            terms = self.policy.terms(delivery)  # one read of the agreements in force for this attempt
        except ConfigurationError as exc:
            return Outcome.dead(now, f"delivery.misconfigured: {exc}")
        if not isinstance(terms, Terms):
            return _unsent(terms, now)
        disabled = self.store.endpoint_disabled(delivery.recipient)
        if disabled is not None:
            return Outcome.dead(now, f"endpoint.disabled: {disabled}")
        deliverer = self.deliverers.get(terms.method)
        if deliverer is None or not terms.endpoint:
            return Outcome.dead(now, f"delivery.no-endpoint: no {terms.method} endpoint to send to")
        return terms, deliverer

    def _parcel(self, delivery: Delivery, terms: Terms) -> Parcel:
        deadline = delivery.expires_at or NEVER
        media_type = MEDIA_TYPES.get(delivery.kind, "application/octet-stream")
        endpoint = terms.endpoint or ""
        return Parcel(
            webhook_id(delivery), endpoint, delivery.payload, media_type, deadline, terms.signing_keys,
            terms.private_networks,
        )  # fmt: skip

    def _judge(self, delivery: Delivery, result: AttemptResult, schedule: RetrySchedule) -> Outcome:
        at = self.clock()
        match result:
            case Delivered():
                return Outcome.delivered(at)
            case Late():
                return Outcome.expired(at)
            case Gone(error):
                self.store.disable_endpoint(delivery.recipient, error, at)
                return Outcome.dead(at, error)
            case Refused(error):
                return Outcome.dead(at, error)
            case Retry(error, wait):
                return self._retry(delivery, at, error, wait, schedule)

    def _retry(
        self, delivery: Delivery, at: datetime, error: str, wait: timedelta | None, schedule: RetrySchedule
    ) -> Outcome:
        attempts = delivery.attempts + 1
        deadline = delivery.expires_at or NEVER
        next_at = schedule.next_attempt(attempts, at, deadline, wait)
        if next_at is None:
            return Outcome.dead(at, f"{error} (the retry schedule is used up after {attempts} attempts)")
        return Outcome.retry(at, next_at, error)


def _unsent(terms: Withdrawn | Suspended, now: datetime) -> Outcome:
    """A withdrawn agreement ends the delivery as a dead letter; a suspended one holds it."""
    if isinstance(terms, Suspended):
        return Outcome.held(now, terms.reason)
    return Outcome.dead(now, terms.reason)


def _log_fields(delivery: Delivery, outcome: Outcome) -> dict[str, object]:
    """The structured fields of a log line about one attempt (gateway.service.log)."""
    fields: dict[str, object] = {
        "message_id": delivery.message_id, "delivery_id": delivery.id, "recipient": delivery.recipient,
        "method": delivery.method, "state": outcome.state,
    }  # fmt: skip
    if outcome.error:
        fields["code"] = outcome.error.split(":", 1)[0]
    return fields
