"""The operator's and terminologist's routes: endpoints, unresolved names (dead letters: dead_letters.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from gateway.api.params import Country
from gateway.api.problems import responses
from gateway.api.schemas import DisabledEndpointBody, UnresolvedBody
from gateway.api.services import PrincipalDep, ServicesDep
from gateway.store.port import UnresolvedCount

router = APIRouter(tags=["operations"])


@router.get(
    "/v1/endpoints/disabled",
    response_model=list[DisabledEndpointBody],
    responses=responses(401, 403),
    summary="List disabled endpoints",
)
async def disabled_endpoints(who: PrincipalDep, found: ServicesDep) -> list[DisabledEndpointBody]:
    """Partners' endpoints disabled after a 410 Gone, with why and since when (operators only)."""
    endpoints = await run_in_threadpool(found.operations.disabled_endpoints, who)
    return [
        DisabledEndpointBody(recipient=e.recipient, reason=e.reason, disabled_at=e.disabled_at)
        for e in endpoints
    ]


@router.post(
    "/v1/endpoints/{country}/enable",
    status_code=204,
    response_class=Response,
    responses=responses(400, 401, 403, 404),
    summary="Enable a disabled endpoint",
)
async def enable_endpoint(
    country: Country,
    who: PrincipalDep,
    found: ServicesDep,
) -> Response:
    """Deliver to a partner's endpoint again after a 410 disabled it (operators only); its dead letters
    stay dead until resent."""
    await run_in_threadpool(found.operations.enable_endpoint, who, country)
    return Response(status_code=204)


@router.get(
    "/v1/unresolved",
    response_model=list[UnresolvedBody],
    responses=responses(400, 401, 403),
    summary="List unresolved names",
)
async def unresolved(
    who: PrincipalDep, found: ServicesDep, limit: Annotated[int, Query(ge=1, le=10_000)] = 100
) -> list[UnresolvedBody]:
    """Names that resolution could not settle and the glossary in force still does not, most frequent
    first, with the countries that sent them (terminologists and operators). A name is checked against
    the glossary in force once: in the background for the first GATEWAY_UNRESOLVED_CHECKS_PER_VERSION
    names listed (`background_check` true), or by a read (at most 100 names a read); one not checked is
    listed with `checked` false."""
    counts = await run_in_threadpool(found.operations.unresolved, who, limit)
    return [_unresolved_body(*listed) for listed in counts]


def _unresolved_body(u: UnresolvedCount, checked: bool, background: bool) -> UnresolvedBody:
    return UnresolvedBody(
        kind=u.kind, text=u.text, language=u.language, script=u.script, count=u.count,
        message_ids=list(u.message_ids), first_seen=u.first_seen, last_seen=u.last_seen,
        countries=list(u.countries), checked=checked, background_check=background,
    )  # fmt: skip
