"""A country's pull inbox: GET a page by cursor, POST an acknowledgement per delivery."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from gateway.api.params import MAX_ID, Country, DeliveryId
from gateway.api.problems import responses
from gateway.api.schemas import InboxItem, InboxPage
from gateway.api.services import PrincipalDep, ServicesDep
from gateway.store.port import Delivery

router = APIRouter(tags=["inbox"])


@router.get(
    "/v1/inbox/{country}",
    response_model=InboxPage,
    responses=responses(400, 401, 403),
    summary="Read an inbox",
)
async def read_inbox(
    country: Country,
    who: PrincipalDep,
    found: ServicesDep,
    after: Annotated[int, Query(ge=0, le=MAX_ID, description="Return deliveries after this ID.")] = 0,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many items.")] = 100,
) -> InboxPage:
    """Messages addressed to `country` that it has not acknowledged, oldest first. Only that country's
    national system or partner agency may read it."""
    items = await run_in_threadpool(found.inbox.read, who, country, after, limit)
    return InboxPage(items=[_item(d) for d in items], next_after=items[-1].id if items else after)


@router.get(
    "/v1/inbox/{country}/{delivery_id}",
    response_class=Response,
    responses={
        200: {
            "description": "The payload as delivered: harmonized XML, or a non-delivery notice as JSON.",
            "content": {"application/xml": {}, "application/json": {}},
        },
        **responses(400, 401, 403, 404),
    },
    summary="Read one delivery's payload",
)
async def read_delivery(
    country: Country, delivery_id: DeliveryId, who: PrincipalDep, found: ServicesDep
) -> Response:
    """The bytes of one delivery, as a partner system stores them; acknowledge it afterwards."""
    delivery = await run_in_threadpool(found.inbox.get, who, country, delivery_id)
    headers = {"Gateway-Message-Id": delivery.message_id, "Gateway-Delivery-Id": str(delivery.id)}
    return Response(delivery.payload, media_type=_media_type(delivery), headers=headers)


@router.post(
    "/v1/inbox/{country}/{delivery_id}/acknowledgement",
    status_code=204,
    response_class=Response,
    responses=responses(400, 401, 403, 404),
    summary="Acknowledge a delivery",
)
async def acknowledge(
    country: Country, delivery_id: DeliveryId, who: PrincipalDep, found: ServicesDep
) -> Response:
    """Mark one delivery as received: it leaves the inbox. Acknowledging it again changes nothing."""
    await run_in_threadpool(found.inbox.acknowledge, who, country, delivery_id)
    return Response(status_code=204)


def _media_type(delivery: Delivery) -> str:
    return "application/xml" if delivery.kind == "message" else "application/json"


def _item(delivery: Delivery) -> InboxItem:
    return InboxItem(
        delivery_id=delivery.id, message_id=delivery.message_id, kind=delivery.kind,
        media_type=_media_type(delivery),
        payload=delivery.payload.decode("utf-8"), expires_at=delivery.expires_at,
    )  # fmt: skip
