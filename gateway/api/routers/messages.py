"""GET /v1/messages/{message_id}: the status of a message and its events, per recipient."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from gateway.api.params import MessageId
from gateway.api.problems import responses
from gateway.api.schemas import DeliveryBody, EventBody, IssueBody, MessageStatusBody
from gateway.api.services import PrincipalDep, ServicesDep
from gateway.service.status import message_status
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
    return MessageStatusBody(
        message_id=status.message_id, sender=status.sender, reference=status.reference,
        format=status.format, kind=status.kind, status=status.status, received_at=status.received_at,
        issues=[IssueBody(**issue.to_dict()) for issue in status.issues],
        deliveries=[delivery_body(d) for d in status.deliveries],
        events=[EventBody(id=e.id, name=e.name, recipient=e.recipient, detail=dict(e.detail), at=e.at)
                for e in status.events],
    )  # fmt: skip


def delivery_body(delivery: Delivery) -> DeliveryBody:
    """A delivery as the API shows it (without its payload)."""
    return DeliveryBody(
        id=delivery.id, message_id=delivery.message_id, recipient=delivery.recipient, kind=delivery.kind,
        method=delivery.method, state=delivery.state, attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at, expires_at=delivery.expires_at,
        last_error=delivery.last_error, delivered_at=delivery.delivered_at,
    )  # fmt: skip
