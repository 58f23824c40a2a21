"""GET /v1/messages/{message_id}: the status of a message and its events, per recipient; and
GET /v1/messages/{message_id}/issues: its issues a page at a time, for its sender."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from gateway.api.params import MAX_ID, MessageId
from gateway.api.problem_issues import LISTED_ISSUES, listed
from gateway.api.problems import responses
from gateway.api.schemas import (
    CodeCountBody,
    DeliveryBody,
    EventBody,
    IssueBody,
    IssuePageBody,
    MessageStatusBody,
)
from gateway.api.services import PrincipalDep, ServicesDep
from gateway.service.status import message_issues, message_status
from gateway.store.port import Delivery

router = APIRouter(tags=["messages"])


@router.get(
    "/v1/messages/{message_id}",
    response_model=MessageStatusBody,
    responses=responses(400, 401, 403, 404),
    summary="A message's status",
)
async def get_message(message_id: MessageId, who: PrincipalDep, found: ServicesDep) -> MessageStatusBody:
    """The message's lifecycle: its deliveries and events. The sender and operators see every recipient;
    a recipient sees its own part."""
    status = await run_in_threadpool(message_status, found.store, who, message_id)
    count, codes, first = listed(status.issues)
    return MessageStatusBody(
        message_id=status.message_id, sender=status.sender, reference=status.reference,
        format=status.format, kind=status.kind, status=status.status, received_at=status.received_at,
        issue_count=count, codes=[CodeCountBody(**code) for code in codes],
        issues=[IssueBody(**issue) for issue in first],
        deliveries=[delivery_body(d) for d in status.deliveries],
        events=[EventBody(id=e.id, name=e.name, recipient=e.recipient, detail=dict(e.detail), at=e.at)
                for e in status.events],
    )  # fmt: skip


OffsetQuery = Annotated[
    int, Query(ge=0, le=MAX_ID, description="The position of the first issue: the `next_offset` of the page "
               "before (0: from the first).")
]  # fmt: skip
LimitQuery = Annotated[int, Query(ge=1, le=LISTED_ISSUES, description="At most this many issues.")]


@router.get(
    "/v1/messages/{message_id}/issues",
    response_model=IssuePageBody,
    responses=responses(400, 401, 403, 404, 410),
    summary="A message's issues, a page at a time",
)
async def get_message_issues(
    message_id: MessageId,
    who: PrincipalDep,
    found: ServicesDep,
    offset: OffsetQuery = 0,
    limit: LimitQuery = LISTED_ISSUES,
) -> IssuePageBody:
    """Every issue of the message (its document's warnings), in the order the checks found them, for its
    sender and operators: a status lists the first of them. `next_offset` is null on the last page."""
    page = await run_in_threadpool(message_issues, found.store, who, message_id, offset, limit)
    return IssuePageBody(
        message_id=message_id, issue_count=page.issue_count, offset=page.offset,
        issues=[IssueBody(**issue.to_dict()) for issue in page.issues], next_offset=page.next_offset,
    )  # fmt: skip


def delivery_body(delivery: Delivery) -> DeliveryBody:
    """A delivery as the API shows it (without its payload)."""
    return DeliveryBody(
        id=delivery.id, message_id=delivery.message_id, recipient=delivery.recipient, kind=delivery.kind,
        method=delivery.method, state=delivery.state, attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at, expires_at=delivery.expires_at,
        last_error=delivery.last_error, delivered_at=delivery.delivered_at,
    )  # fmt: skip
