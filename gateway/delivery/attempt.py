"""One attempt at handing a message to a partner: what a deliverer is given and what it answers.

The dispatcher turns a stored delivery into a `Parcel`; a deliverer (push, file drop) tries once and
answers with one of the outcomes below, which the dispatcher turns into the store's outcome:

* `Delivered`: the partner has it (HTTP 2xx, or both files renamed into the folder);
* `Retry`: a passing failure (timeout, refused connection, 429, 5xx, a full disk); try again on the
  schedule, or later if the partner asked for it (`retry_after`);
* `Refused`: the partner refuses these bytes (another 4xx): retrying cannot help, so it is a dead letter;
* `Gone`: HTTP 410, the endpoint no longer exists: it is disabled until an operator enables it again;
* `Late`: the time to live ran out before anything was sent: the delivery expires.

Every `error` starts with a stable code (``push.timeout``, ``file.unavailable``, ...) listed in
docs/delivery.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Parcel:
    """What one attempt sends. `webhook_id` stays the same across attempts (the partner's idempotency
    key, and the file name of a file drop); nothing may be sent from `deadline` on."""

    webhook_id: str
    endpoint: str
    body: bytes
    media_type: str
    deadline: datetime
    signing_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Delivered:
    detail: str


@dataclass(frozen=True, slots=True)
class Retry:
    error: str
    retry_after: timedelta | None = None


@dataclass(frozen=True, slots=True)
class Refused:
    error: str


@dataclass(frozen=True, slots=True)
class Gone:
    error: str


@dataclass(frozen=True, slots=True)
class Late:
    error: str


AttemptResult = Delivered | Retry | Refused | Gone | Late


class Deliverer(Protocol):
    """Tries to hand one parcel over, once; never raises for a failure of the partner's side."""

    def deliver(self, parcel: Parcel) -> AttemptResult: ...
