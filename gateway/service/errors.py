"""Why a request to the service fails. The API turns each into RFC 9457 problem details, its HTTP
status assigned in one place (`gateway.api.problems`). The tree::

    ServiceError           "service.error"
    ├── Unauthenticated    "request.unauthenticated"  no key, or a key unknown, revoked or expired
    ├── Forbidden          "request.forbidden"        the key's role or country may not do this
    ├── NotFound           "request.not-found"        no such message or delivery
    ├── PayloadTooLarge    "intake.too-large"         over the global or an agreement's size limit
    ├── DocumentRejected   "document.rejected"        the document has errors (all listed)
    ├── Conflict           "message.conflict"         the reference was used for another document
    ├── MessagePruned      "message.pruned"           the message was removed by retention
    ├── DeliveryExpired    "delivery.expired"         a resend of a dead letter past its time to live
    ├── TooManyRequests    "request.too-many"         the key has too many documents being received
    ├── RequestTimeout     "request.timeout"          the body did not arrive within the body timeout
    └── StoreUnavailable   "store.unavailable"        the store's database does not answer for now (retry)

Each carries the issues to show (at least one), with codes from `gateway.issues.CODES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from gateway.errors import GatewayError
from gateway.issues import Issue, error, said


class ServiceError(GatewayError):
    """A request the service refuses; `issues` say why (all of them; its text says the first few and how
    many there are: `gateway.issues.said`)."""

    code = "service.error"
    title = "The request was refused"

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = list(issues)
        super().__init__(said(self.issues))

    @classmethod
    def because(cls, message: str, **where: object) -> ServiceError:
        """The error with one issue of the class's own code."""
        return cls([error(cls.code, message, **where)])


class Unauthenticated(ServiceError):
    code = "request.unauthenticated"
    title = "A valid API key is required"


class Forbidden(ServiceError):
    code = "request.forbidden"
    title = "This key may not do this"


class NotFound(ServiceError):
    code = "request.not-found"
    title = "Not found"


class PayloadTooLarge(ServiceError):
    code = "intake.too-large"
    title = "The document is too large"


class DocumentRejected(ServiceError):
    code = "document.rejected"
    title = "The document was rejected"


class Conflict(ServiceError):
    code = "message.conflict"
    title = "The document reference is already used for another document"


class MessagePruned(ServiceError):
    code = "message.pruned"
    title = "The message was removed by retention"

    @classmethod
    def of(cls, message_id: str, received_at: datetime, pruned_at: datetime) -> MessagePruned:
        """The refusal of message `message_id`, received and removed at those times."""
        return cls([error(cls.code, f"Message {message_id}, received {received_at.isoformat()}, was removed "
                          f"by retention {pruned_at.isoformat()}: the same document is not received nor "
                          "delivered again.")])  # fmt: skip


class DeliveryExpired(ServiceError):
    code = "delivery.expired"
    title = "The delivery is past its time to live"


class TooManyRequests(ServiceError):
    code = "request.too-many"
    title = "Too many documents at once from this key"


class RequestTimeout(ServiceError):
    code = "request.timeout"
    title = "The document did not arrive in time"


class StoreUnavailable(ServiceError):
    """The store's database does not answer for now (stopped, out of connections, a statement timed out,
    a SQLite file that cannot be written): nothing was stored, and the same request may be sent again."""

    code = "store.unavailable"
    title = "The store is unavailable for now; send the request again later"
