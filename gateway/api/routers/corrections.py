"""The terminologist's (and operator's) list of the officers' proposed corrections of names."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from gateway.api.problems import responses
from gateway.api.schemas import CorrectionBody
from gateway.api.services import PrincipalDep, ServicesDep
from gateway.store.port import Correction

router = APIRouter(tags=["operations"])


@router.get(
    "/v1/corrections",
    response_model=list[CorrectionBody],
    responses=responses(400, 401, 403),
    summary="List the officers' proposed corrections of names",
)
async def corrections(
    who: PrincipalDep,
    found: ServicesDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[CorrectionBody]:
    """What partner officers proposed, on the review pages, as the right English form and/or code of a
    name of a message they received, newest first (terminologists and operators). Each says whether the
    glossary in force follows it already; `gateway glossary unresolved --csv` fills in the rows of
    those it does not."""
    listed = await run_in_threadpool(found.operations.corrections, who, limit, offset)
    return [_body(proposal, followed) for proposal, followed in listed]


def _body(proposal: Correction, followed: bool) -> CorrectionBody:
    fields = {name: getattr(proposal, name) for name in Correction.__slots__}
    return CorrectionBody(**fields, followed=followed)
