"""The data of the review pages: an inbox page's rows and one delivery's page, through the inbox service
(its access rule: `gateway.service.inbox`), the payload read by `gateway.api.review_page`. No FastAPI."""

from __future__ import annotations

from typing import Any

from gateway.access.keys import Principal
from gateway.api.review_cache import Readings
from gateway.api.review_page import Reading, read_notice
from gateway.api.review_paging import MessagePage, page_of
from gateway.issues import Issue, Severity
from gateway.model import load_model
from gateway.service.inbox import MAX_PAGE, Inbox
from gateway.store.port import Correction, MessageHead, Store

READINGS = Readings()
"""The payloads this process read last (`gateway.api.review_cache`): an officer paging through a large
message reads it once."""


def inbox_rows(inbox: Inbox, store: Store, who: Principal, after: int, limit: int) -> list[dict[str, Any]]:
    """The inbox page's rows: each delivery with its message's columns (sender, kind, reference, time),
    its guesses and its warnings, or its non-delivery notice."""
    rows, country, model = [], who.country or "", load_model()
    for item in inbox.read(who, country, after, min(limit, MAX_PAGE)):
        message = store.message_head(item.message_id)
        row: dict[str, Any] = {"delivery": item, "message": message, "notice": None, "guesses": 0}
        if item.kind == "message" and message is not None and _warned(message):
            reading = READINGS.reading(item.payload, model, country)  # read once: guesses and warnings
            row["guesses"], row["warnings"] = reading.guesses, shared_warnings(message, reading)
        elif item.kind == "message":
            row["guesses"], row["warnings"] = READINGS.guesses(item.payload, model, country), []
        else:
            row["notice"], row["warnings"] = read_notice(item.payload), []
        rows.append(row)
    return rows


def _warned(message: MessageHead) -> bool:
    return any(issue.severity == Severity.WARNING for issue in message.issues)


def delivery_context(
    inbox: Inbox, store: Store, who: Principal, delivery_id: int, number: int = 1
) -> dict[str, Any]:
    """The message page's data: the delivery (the inbox's access rule), its message's columns, and page
    `number` of the payload (`gateway.api.review_paging`) with its warnings and the corrections the
    officer's country proposed for it, or the notice."""
    shown = inbox.get(who, who.country or "", delivery_id)
    message = store.message_head(shown.message_id)
    context: dict[str, Any] = {
        "delivery": shown, "message": message, "notice": None, "reading": None, "proposals": {},
        "page": None, "warnings": [], "warnings_elsewhere": 0,
    }  # fmt: skip
    if shown.kind == "message":
        context["reading"] = reading = READINGS.reading(shown.payload, load_model(), who.country or "")
        page = page_of(reading.declaration, number) if reading.declaration is not None else None
        warnings = shared_warnings(message, reading)
        context["page"], context["warnings"] = page, [w for w in warnings if _on_page(w, page)]
        context["warnings_elsewhere"] = len(warnings) - len(context["warnings"])
        context["proposals"] = proposals_by_pointer(
            store.message_corrections(shown.message_id, who.country or "")
        )
    else:
        context["notice"] = read_notice(shown.payload)
    return context


def _on_page(issue: Issue, page: MessagePage | None) -> bool:
    """Whether a warning is listed on `page`: about an element it shows, or about the whole document
    (on the first page)."""
    if page is None:
        return True
    return page.number == 1 if issue.pointer is None else issue.pointer in page.pointers


def proposals_by_pointer(proposals: list[Correction]) -> dict[str, list[Correction]]:
    """The corrections the officer's country proposed for the message, by the pointer of their name."""
    found: dict[str, list[Correction]] = {}
    for proposal in proposals:
        found.setdefault(proposal.pointer, []).append(proposal)
    return found


OF_ITS_ELEMENT = frozenset({
    "value.bad-date", "value.bad-datetime", "value.bad-number", "value.bad-integer", "value.too-long",
    "value.too-many-digits", "value.bad-unit", "value.bad-currency", "value.bad-code",
    "value.code-not-in-force", "value.bad-language", "value.bad-format", "value.control-character",
    "code.unmapped",
    "element.repeated", "route.unknown-country", "names.not-searched",
})  # fmt: skip
"""The warnings whose text quotes nothing but the value at their pointer (or, without a pointer, nothing
of the document but a count): shown when their element is shared. Any other warning quotes more: the
declared HS code beside a description (`goods.hs-mismatch`, shown only with the classification), the
sender's agreements with other countries and the places naming them (`route.no-agreement`,
`route.kind-not-agreed`), a part of the national document left out of the message (`reference.unused`);
a code added later is not shown until it is listed here."""
HS_CODE = "/21A"
"""The classification of a commodity, below its pointer (``.../23A/21A/145``: its HS code)."""


def shared_warnings(message: MessageHead | None, reading: Reading) -> list[Issue]:
    """The message's warnings about what the partner received: at an element of the payload, or about
    the whole document, and quoting no value of an element the agreement withheld."""
    if message is None:
        return []
    warnings = [issue for issue in message.issues if issue.severity == Severity.WARNING]
    classified = _classified(reading) if any(w.code == "goods.hs-mismatch" for w in warnings) else set()
    return [issue for issue in warnings if _shared(issue, reading, classified)]


def _classified(reading: Reading) -> set[str]:
    """The pointers of the commodities whose HS code the payload holds (``.../23A`` of ``.../23A/21A/145``),
    found in one pass over its pointers, not one a warning (a manifest of 2,000 goods items may have as
    many `goods.hs-mismatch` warnings)."""
    return {p.rsplit(HS_CODE, 1)[0] for p in reading.pointers if p.endswith("/145") and HS_CODE in p}


def _shared(issue: Issue, reading: Reading, classified: set[str]) -> bool:
    """Whether a warning tells the partner only what its payload holds (`classified`: the commodities
    whose HS code it holds)."""
    if issue.pointer is not None and issue.pointer not in reading.pointers:
        return False
    if issue.code == "goods.hs-mismatch" and issue.pointer is not None:
        return issue.pointer.rsplit("/", 1)[0] in classified
    return issue.code in OF_ITS_ELEMENT
