"""The operator's dead-letter routes: the list with why each died, resending one, resending a partner's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from gateway.access.keys import Principal
from gateway.api.params import COUNTRY_PATTERN, MAX_ID, DeliveryId
from gateway.api.problems import responses
from gateway.api.routers.messages import delivery_body
from gateway.api.schemas import DeliveryBody
from gateway.api.services import PrincipalDep, Services, ServicesDep
from gateway.delivery.dead_letters import DEFAULT_PAGE, MAX_PAGE, page_of, summary

router = APIRouter(tags=["operations"])
REASON_PATTERN = r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$"
"""An error code of docs/delivery.md: dotted lower-case words (no LIKE or regex metacharacters)."""


class DeadLetterBody(BaseModel):
    """A delivery that failed for good, why, and what the partner last answered."""

    model_config = ConfigDict(extra="forbid")

    id: int
    message_id: str
    recipient: str
    kind: str
    method: str
    endpoint: str | None
    state: str
    attempts: int
    next_attempt_at: datetime
    expires_at: datetime | None
    last_error: str | None
    delivered_at: datetime | None
    reason_code: str | None
    last_attempt_at: datetime | None
    status: int | None
    retry_after: str | None
    resendable: bool


class ResentBody(BaseModel):
    """What resending a partner's dead letters did."""

    model_config = ConfigDict(extra="forbid")

    recipient: str
    resent: list[int]
    expired: list[int]


class DeadLetterPageBody(BaseModel):
    """A page of dead letters, oldest delivery first; ask again with `after=next_after` while it is not
    null."""

    model_config = ConfigDict(extra="forbid")

    items: list[DeadLetterBody]
    next_after: int | None


RecipientQuery = Annotated[str | None, Query(pattern=COUNTRY_PATTERN, description="Only this recipient.")]
ReasonQuery = Annotated[
    str | None,
    Query(
        pattern=REASON_PATTERN,
        max_length=64,
        description="Only letters whose last error has this code (`push.http-503`, `agreement.withdrawn`).",
    ),
]
AfterQuery = Annotated[
    int, Query(ge=0, le=MAX_ID, description="Letters with a delivery ID above this: the `next_after` of the "
               "page before.")
]  # fmt: skip
LimitQuery = Annotated[int, Query(ge=1, le=MAX_PAGE, description="At most this many letters.")]


@router.get(
    "/v1/dead-letters",
    response_model=DeadLetterPageBody,
    responses=responses(400, 401, 403),
    summary="List dead letters",
)
async def dead_letters(
    who: PrincipalDep,
    found: ServicesDep,
    recipient: RecipientQuery = None,
    reason: ReasonQuery = None,
    after: AfterQuery = 0,
    limit: LimitQuery = DEFAULT_PAGE,
) -> DeadLetterPageBody:
    """A page of the deliveries that failed for good, by delivery ID from the oldest, with the code and
    text of the last error, the last attempt, the last HTTP status and Retry-After the partner answered,
    and whether a resend may still deliver it (operators only). `next_after` is null on the last page."""
    return await run_in_threadpool(_page, found, who, Filter(recipient, reason, after, limit))


@router.post(
    "/v1/dead-letters/resend",
    response_model=ResentBody,
    responses=responses(400, 401, 403),
    summary="Resend a partner's dead letters",
)
async def resend_all(
    who: PrincipalDep,
    found: ServicesDep,
    recipient: Annotated[
        str, Query(pattern=COUNTRY_PATTERN, description="The partner whose dead letters to resend.")
    ],
) -> ResentBody:
    """Put every dead letter of `recipient` still within its time to live back in the queue, due now, with
    the whole retry schedule; those past it stay dead and are listed under `expired` (operators only)."""
    outcome = await run_in_threadpool(found.operations.resend_partner, who, recipient)
    return ResentBody(recipient=recipient, resent=outcome.resent, expired=outcome.expired)


@router.post(
    "/v1/dead-letters/{delivery_id}/resend",
    response_model=DeliveryBody,
    responses=responses(400, 401, 403, 404, 409),
    summary="Resend a dead letter",
)
async def resend(delivery_id: DeliveryId, who: PrincipalDep, found: ServicesDep) -> DeliveryBody:
    """Put a dead delivery back in the queue, due now (operators only); 409 `delivery.expired` past its
    time to live."""
    return delivery_body(await run_in_threadpool(found.operations.resend, who, delivery_id))


@dataclass(frozen=True, slots=True)
class Filter:
    """Which page of which dead letters an operator asked for."""

    recipient: str | None
    reason: str | None
    after: int
    limit: int


def _page(found: Services, who: Principal, asked: Filter) -> DeadLetterPageBody:
    letters = found.operations.dead_letters(  # operators only
        who, asked.recipient, asked.after, asked.limit + 1, asked.reason
    )
    page = page_of(found.store, letters, asked.limit, found.clock())
    items = [DeadLetterBody(**summary(letter)) for letter in page.letters]
    return DeadLetterPageBody(items=items, next_after=page.next_after)
