"""The operator's dead-letter routes: the list with why each died, resending one, resending a partner's."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from gateway.access.keys import Principal
from gateway.api.params import COUNTRY_PATTERN, DeliveryId
from gateway.api.problems import responses
from gateway.api.routers.messages import delivery_body
from gateway.api.schemas import DeliveryBody
from gateway.api.services import PrincipalDep, Services, ServicesDep
from gateway.delivery.dead_letters import Resent, describe, resend_dead_letters, summary
from gateway.store.port import Delivery

router = APIRouter(tags=["operations"])


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


RecipientQuery = Annotated[str | None, Query(pattern=COUNTRY_PATTERN, description="Only this recipient.")]


@router.get(
    "/v1/dead-letters",
    response_model=list[DeadLetterBody],
    responses=responses(400, 401, 403),
    summary="List dead letters",
)
async def dead_letters(
    who: PrincipalDep, found: ServicesDep, recipient: RecipientQuery = None
) -> list[DeadLetterBody]:
    """Deliveries that failed for good, oldest first, with the code and text of the last error, the last
    attempt, the last HTTP status and Retry-After the partner answered, and whether a resend may still
    deliver it (operators only)."""
    return await run_in_threadpool(_described, found, who, recipient)


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
    outcome = await run_in_threadpool(_resend_all, found, who, recipient)
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


def _described(found: Services, who: Principal, recipient: str | None) -> list[DeadLetterBody]:
    letters = found.operations.dead_letters(who, recipient)  # operators only
    events = found.store.message_events([letter.message_id for letter in letters])
    now = found.clock()
    return [DeadLetterBody(**summary(describe(d, events[d.message_id], now))) for d in letters]


def _resend_all(found: Services, who: Principal, recipient: str) -> Resent:
    letters: list[Delivery] = found.operations.dead_letters(who, recipient)  # operators only
    return resend_dead_letters(found.store, letters, found.clock())
