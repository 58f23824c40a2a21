"""The bodies the API answers with, as published in /openapi.json."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gateway.api.problem_issues import LISTED_ISSUES


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IssueBody(_Body):
    """One issue: a stable code, how bad, what, and where (WCO pointer, source path and line)."""

    code: str
    severity: str
    message: str
    pointer: str | None = None
    source: str | None = None
    line: int | None = None


class CodeCountBody(_Body):
    """How many issues of one code and severity a problem has, and the first of them."""

    code: str
    severity: str
    count: int = Field(ge=1)
    first: IssueBody


class ProblemDetails(_Body):
    """RFC 9457 problem details, with the issues behind the problem: how many (`issue_count`), each code
    with its count and first issue (`codes`), and the first `LISTED_ISSUES` issues (`issues`: all of them
    when `issue_count` is its length)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
    issue_count: int = Field(ge=0)
    codes: list[CodeCountBody]
    issues: list[IssueBody] = Field(max_length=LISTED_ISSUES)


class HeldBody(_Body):
    """A recipient whose delivery is held while its agreement is suspended: neither attempted nor in its
    inbox until the agreement is in force again (past its time to live: a non-delivery notice)."""

    recipient: str
    reason: str


class Acknowledgement(_Body):
    """A document accepted (or a repeat of one): its message ID, who it goes to, which of those
    deliveries are held (a suspended agreement), and its warnings: how many (`warning_count`), each code
    with its count and first warning (`warning_codes`), and the first `LISTED_ISSUES` (`warnings`: all
    of them when `warning_count` is its length; the rest from `GET /v1/messages/{message_id}/issues`)."""

    message_id: str
    reference: str
    status: str
    recipients: list[str]
    held: list[HeldBody]
    warning_count: int = Field(ge=0)
    warning_codes: list[CodeCountBody]
    warnings: list[IssueBody] = Field(max_length=LISTED_ISSUES)


class DeliveryBody(_Body):
    """One delivery of the message to one recipient."""

    id: int
    message_id: str
    recipient: str
    kind: str
    method: str
    state: str
    attempts: int
    next_attempt_at: datetime
    expires_at: datetime | None
    last_error: str | None
    delivered_at: datetime | None


class EventBody(_Body):
    """One event in the life of the message."""

    id: int
    name: str
    recipient: str | None
    detail: dict[str, Any]
    at: datetime


class MessageStatusBody(_Body):
    """A message, its deliveries per recipient and its events. Its issues (the accepted document's
    warnings; none for a recipient): how many (`issue_count`), each code with its count and first issue
    (`codes`), and the first `LISTED_ISSUES` (`issues`; every one a page at a time from
    `GET /v1/messages/{message_id}/issues`)."""

    message_id: str
    sender: str
    reference: str
    format: str | None
    kind: str | None
    status: str
    received_at: datetime
    issue_count: int = Field(ge=0)
    codes: list[CodeCountBody]
    issues: list[IssueBody] = Field(max_length=LISTED_ISSUES)
    deliveries: list[DeliveryBody]
    events: list[EventBody]


class IssuePageBody(_Body):
    """A page of a message's issues, in the order the checks found them; ask again with
    `offset=next_offset` while it is not null."""

    message_id: str
    issue_count: int = Field(ge=0, description="How many issues the message has in all.")
    offset: int = Field(ge=0, description="The position of the page's first issue among them all.")
    issues: list[IssueBody] = Field(max_length=LISTED_ISSUES)
    next_offset: int | None = Field(description="The offset of the next page; null on the last page.")


class InboxItem(_Body):
    """One message (or non-delivery notice) waiting in an inbox; acknowledge it by `delivery_id`."""

    delivery_id: int
    message_id: str
    kind: str
    media_type: str
    payload: str
    expires_at: datetime | None


class InboxPage(_Body):
    """A page of the inbox; ask again with `after=next_after` for the next one."""

    items: list[InboxItem]
    next_after: int


class UnresolvedBody(_Body):
    """A name resolution could not settle, how often it was seen, and example messages."""

    kind: str
    text: str
    language: str | None
    script: str | None
    count: int
    message_ids: list[str]
    first_seen: datetime
    last_seen: datetime
    countries: list[str] = Field(
        description="The countries that sent it (ISO 3166 alpha-2, sorted); empty for a name counted "
        "before the queue kept them."
    )
    checked: bool = Field(
        description="True: checked against the glossary in force, still unresolved for a country that "
        "sent it. False: not checked against it (see `background_check`); it may be resolved already."
    )
    background_check: bool = Field(
        description="True: one of the first GATEWAY_UNRESOLVED_CHECKS_PER_VERSION names listed, which the "
        "background check checks against each glossary version (a `checked` false is checked soon). "
        "False: past them, checked only by a read that lists it (at most 100 names a read)."
    )


class Health(_Body):
    """Whether the process (health) or the process and its store (ready) are well."""

    status: str


class DisabledEndpointBody(_Body):
    """A partner's endpoint disabled after a 410: nothing is sent to it until an operator enables it."""

    recipient: str
    reason: str
    disabled_at: datetime


class CorrectionBody(_Body):
    """An officer's proposed correction of a name of a delivered message (docs/review.md), for the
    terminologists; the delivered message is never changed."""

    kind: str = Field(description="What the name is: place, office, country, package, goods or party.")
    text: str = Field(description="The name as the document wrote it.")
    language: str | None = Field(description="Its BCP 47 language, as resolution read it.")
    script: str | None = Field(description="Its ISO 15924 script.")
    sender: str = Field(description="The country that sent the document (ISO 3166 alpha-2).")
    english: str = Field(description="The English form proposed; empty when only a code is proposed.")
    code: str = Field(
        description="The code proposed, from the code list of the name's kind (an HS code for goods); "
        "empty when only an English form is proposed."
    )
    comment: str = Field(description="The officer's comment; may be empty.")
    key_id: str = Field(description="The ID of the officer's key (the agency's key they signed in with).")
    country: str = Field(description="The officer's country.")
    message_id: str
    delivery_id: int
    pointer: str = Field(description="The WCO pointer of the name in the message.")
    glossary_version: str | None = Field(
        description="The glossary version the page showed it resolved under."
    )
    proposed_at: datetime
    followed: bool = Field(
        description="True: the glossary in force resolves the name to what was proposed already (a row "
        "was committed); False: still to review."
    )
