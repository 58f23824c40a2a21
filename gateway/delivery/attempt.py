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
docs/delivery.md. An error from an HTTP answer follows the code with the status and, when the partner
sent one, its Retry-After, in a fixed form that `read_error` reads back for the dead-letter list:
``push.http-503: HTTP 503 [Retry-After 120] Service Unavailable``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from gateway.agreements.terms import IPNetwork
from gateway.controls import CONTROLS

_ERROR = re.compile(
    r"(?P<code>[a-z][a-z0-9.-]*): (?:HTTP (?P<status>\d{3})(?: \[Retry-After (?P<wait>[^\]]*)\])?)?"
)
_UNSAFE = re.compile(r"[^\x20-\x5c\x5e-\x7e]")  # printable ASCII but "]"
_CONTROL = re.compile(f"[{CONTROLS}]")
MAX_REASON = 200
"""The most characters of a partner's reason phrase an error keeps."""


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
    private_networks: tuple[IPNetwork, ...] = ()  # where a push's name may lead beyond global addresses


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


@dataclass(frozen=True, slots=True)
class ErrorFacts:
    """What an attempt's error says, read back from its text (`read_error`)."""

    code: str | None
    status: int | None = None
    retry_after: str | None = None


def http_error(code: str, status: int, reason: str, retry_after: str | None = None) -> str:
    """The error of an HTTP answer: code, status, the Retry-After as the partner wrote it (printable
    ASCII, at most 64 characters), then the reason phrase (without brackets, so it cannot pose as one;
    its control characters as "?": HTTP allows a tab and DEL there, on which `gateway dead-letters list`
    splits columns and which reach the operator's terminal; MAX_REASON characters)."""
    wait = f" [Retry-After {_UNSAFE.sub('?', retry_after.strip())[:64]}]" if retry_after is not None else ""
    reason = _CONTROL.sub("?", reason[:MAX_REASON]).replace("[", "(").replace("]", ")")
    return f"{code}: HTTP {status}{wait} {reason}".rstrip()


def read_error(error: str | None) -> ErrorFacts:
    """The code, HTTP status and Retry-After of an error written by this package; a reason the
    partner chose cannot forge them (they are read from the start of the text only)."""
    found = _ERROR.match(error or "")
    if found is None:
        return ErrorFacts(None)
    status = found["status"]
    return ErrorFacts(found["code"], int(status) if status else None, found["wait"])
