"""Issues: what is wrong with a document, reported all at once and never raised.

Every issue has a stable code from `CODES` (documented in docs/issues.md, and a test keeps the two in
step), a severity, a clear message, the WCO-style pointer of the harmonized element it concerns
(e.g. ``42A/28A[2]/29A[5]/23A/137``) and, where known, the path and line in the national document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How bad an issue is: an error makes the document unacceptable; a warning does not."""

    ERROR = "error"
    WARNING = "warning"


CODES: dict[str, str] = {
    # Intake: the bytes themselves.
    "intake.empty": "The document is empty.",
    "intake.too-large": "The document is larger than a size limit (bytes, values, rows or segments).",
    "intake.encoding": "The bytes are not valid in the document's declared or detected encoding.",
    "xml.malformed": "The XML is not well-formed (truncated, mismatched tags, bad characters).",
    "xml.forbidden": "The XML declares a DTD or entities, which the gateway refuses.",
    "xml.too-deep": "The XML nests elements deeper than the depth limit.",
    "xml.too-many-elements": "The XML has more elements than the element-count limit.",
    "json.malformed": "The JSON is not well-formed.",
    "csv.malformed": "The CSV cannot be read: bad quoting, ragged rows or a missing header.",
    "edifact.malformed": "The UN/EDIFACT interchange cannot be read: bad service segments or counts.",
    # Detection: which national format this is.
    "format.unknown": "The format of the document is not one the gateway knows.",
    "format.ambiguous": "The document matches more than one known format.",
    "format.mismatch": "The document is not in the format that was asked for.",
    # Values: a single field.
    "value.bad-date": "A date is not in a format the mapping accepts.",
    "value.bad-datetime": "A date and time is not in a format the mapping accepts.",
    "value.bad-number": "A number cannot be read as a decimal number.",
    "value.bad-integer": "A quantity or sequence number is not a whole number.",
    "value.too-long": "A value is longer than the WCO data element allows.",
    "value.too-many-digits": "A number has more digits than the WCO data element allows.",
    "value.bad-unit": "A unit of measure is unknown or cannot be converted.",
    "value.bad-currency": "A currency code is not an ISO 4217 code.",
    "value.bad-code": "A code is not in the code list that the WCO data element uses (a warning when the "
    "project holds only an extract of the list).",
    "value.code-not-in-force": "A code is in its code list but not in force on the document's date: "
    "withdrawn before it, or valid only after it.",
    "value.bad-language": "A language the document gives is not a BCP 47 tag; the gateway's guess is used.",
    "value.bad-format": "A value does not have the shape the element requires.",
    "value.control-character": "A name, description or reference holds DEL or a C1 control character "
    "(U+007F-U+009F), mostly a decoding error upstream; the document is accepted and the value kept as sent.",
    "code.unmapped": "A national code has no equivalent in the crosswalk to the UN/WCO code list.",
    # Structure: elements the document kind requires, or repeats.
    "element.missing": "An element that this document kind requires is missing.",
    "element.too-many": "A repeated part (goods items, itinerary countries, seals) occurs more often under "
    "one parent than the repeat limit; the document is refused.",
    "element.repeated": "A single element was found several times in the source; the first is used.",
    "kind.unknown": "The document kind could not be determined.",
    # Service: requests to the API.
    "request.unauthenticated": "The request has no API key, or its key is unknown, revoked or expired.",
    "request.forbidden": "The key's role or country may not do this (post as another country, read another "
    "country's inbox, operate the gateway without the operator role).",
    "request.not-found": "No such message, delivery or path.",
    "request.malformed": "A request parameter or body is not what the API expects (the issue names it).",
    "request.unsupported-media-type": "The request body's content type is not one the endpoint reads.",
    "request.too-many": "The key has too many documents being received at once; post again shortly.",
    "request.abandoned": "The client closed the connection before its request body arrived whole; nothing "
    "was received.",
    "request.timeout": "The client took longer than the body timeout to send its document; nothing was "
    "received.",
    "message.conflict": "The sender already used this document reference for a document with other bytes.",
    "message.pruned": "The message was removed by retention (GATEWAY_RETENTION_DAYS): its status is gone, "
    "and the same document posted again is not received again.",
    "delivery.expired": "The delivery is past its time to live: it is never delivered late, so not resent.",
    "server.error": "The gateway failed to handle the request (a bug); its log says why.",
    "store.unavailable": "The gateway's database does not answer for now; nothing was stored. Send the same "
    "request again after the Retry-After seconds.",
    # References inside a document: a value that names another part (a goods item's container).
    "reference.unknown": "A value names something (a container) that the document does not declare.",
    "reference.duplicate": "Two parts of the document have the same key (container number); the first is "
    "used.",
    "reference.unused": "A part of the document (a container with its seals) is named by nothing, so it is "
    "in no part of the harmonized message.",
    # Routing: which partners receive the message (the message is kept either way).
    "route.no-agreement": "The message names a country that has no agreement with the sender in that "
    "direction; nothing is sent there.",
    "route.kind-not-agreed": "The agreement with a country the message names does not cover this document "
    "kind.",
    "route.unknown-country": "An office or location code does not start with an ISO 3166 country code, so it "
    "names no country to route to.",
    "route.no-recipient": "The message names no partner that an agreement lets it go to; it is kept and "
    "reported, not delivered.",
    # Push delivery, on the partner's side: a pushed message whose signature headers do not verify.
    "webhook.missing-header": "A webhook-id, webhook-timestamp or webhook-signature header is missing.",
    "webhook.bad-timestamp": "The webhook-timestamp header is not whole seconds since the epoch.",
    "webhook.stale": "The webhook-timestamp is outside the receiver's tolerance window (a replay or a "
    "wrong clock).",
    "webhook.bad-signature": "No v1 signature in the webhook-signature header matches a secret of the "
    "receiver.",
    # Goods descriptions: a hint for the officer, never a rejection.
    "goods.hs-mismatch": "The goods description names glossary terms whose HS codes do not agree with the "
    "item's declared HS code (neither is a prefix of the other).",
    # Names: how far the resolution stage went.
    "names.not-searched": "Names past the document's search budget were looked up exactly only, not searched "
    "for near names (GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT).",
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem with a document. `pointer` is WCO-style; `source` and `line` locate it in the original."""

    code: str
    severity: Severity
    message: str
    pointer: str | None = None
    source: str | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undocumented issue code {self.code!r}: add it to gateway.issues.CODES")
        for name in ("message", "source"):  # a value of megabytes quoted would make megabytes of answer
            text = getattr(self, name)
            if text is not None and len(text) > LONGEST_TEXT:
                object.__setattr__(self, name, _shortened(text))

    def to_dict(self) -> dict[str, Any]:
        """The issue as plain JSON-ready data, without empty fields."""
        return {key: value for key, value in asdict(self).items() if value is not None}

    def __str__(self) -> str:
        where = " ".join(part for part in (self.pointer, self._location()) if part)
        return f"{self.severity}: {self.code}: {self.message}" + (f" [{where}]" if where else "")

    def _location(self) -> str:
        parts = [part for part in (self.source, f"line {self.line}" if self.line else None) if part]
        return f"at {' '.join(parts)}" if parts else ""


LONGEST_TEXT = 600
"""The most characters of an issue's message or source; a longer one keeps its start and its end."""


def _shortened(text: str) -> str:
    kept = LONGEST_TEXT // 2
    return f"{text[:kept]}[...{len(text) - 2 * kept} characters left out...]{text[-kept:]}"


def error(code: str, message: str, **where: Any) -> Issue:
    """An error-severity issue."""
    return Issue(code, Severity.ERROR, message, **where)


def warning(code: str, message: str, **where: Any) -> Issue:
    """A warning-severity issue."""
    return Issue(code, Severity.WARNING, message, **where)


def has_errors(issues: list[Issue]) -> bool:
    """Whether any issue is an error."""
    return any(issue.severity is Severity.ERROR for issue in issues)


SAID_ISSUES = 10
"""The most issue messages a text joins (an exception's text, a problem's `detail`)."""


def said(issues: Sequence[Issue]) -> str:
    """The messages of the first `SAID_ISSUES` issues, joined as one sentence ("A; B."), and how many more
    there are: a text that stays short however many issues a document has (90,000 joined made 7.5 MB)."""
    parts = [issue.message.rstrip().removesuffix(".") for issue in issues[:SAID_ISSUES]]
    if len(issues) > SAID_ISSUES:
        parts.append(f"and {len(issues) - SAID_ISSUES} more issues ({len(issues)} in all)")
    return "; ".join(parts) + "." if parts else ""
