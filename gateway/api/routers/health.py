"""Liveness (/health), readiness (/ready: the store answers and writes) and Prometheus metrics (/metrics)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.concurrency import run_in_threadpool

from gateway.api.schemas import Health
from gateway.api.services import ServicesDep
from gateway.service.errors import StoreUnavailable
from gateway.store.outage import unavailable

router = APIRouter(tags=["operations"])
log = logging.getLogger("gateway.api")


@router.get("/health", response_model=Health, summary="Liveness")
async def health() -> Health:
    """The process answers."""
    return Health(status="ok")


@router.get(
    "/ready",
    response_model=Health,
    responses={
        503: {
            "model": Health,
            "description": "The store does not answer, or cannot write (a full disk, a read-only file).",
        }
    },
    summary="Readiness",
)
async def ready(found: ServicesDep) -> Response:
    """The process and its store answer, and the store writes (probed while writes are failing)."""
    try:
        await run_in_threadpool(found.store.message, "readiness-probe")
    except Exception as failure:  # any failure of the store means not ready; the log says which
        reason = unavailable(failure)
        if reason is None:
            log.exception("store:unavailable")
        else:  # the database away: one line, no traceback (a probe comes every few seconds)
            log.warning("store:unavailable", extra={"code": StoreUnavailable.code, "reason": reason})
        return JSONResponse({"status": "store unavailable"}, status_code=503)
    if await run_in_threadpool(found.writes.check) is not None:  # reads work, writes fail: a full disk
        return JSONResponse({"status": "store cannot write"}, status_code=503)
    return JSONResponse({"status": "ready"})


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Prometheus text format."}},
    summary="Prometheus metrics",
)
async def metrics(found: ServicesDep) -> Response:
    """Documents received, repeated and rejected; intake latency; deliveries by state."""
    data = await run_in_threadpool(found.metrics.exposition)
    return Response(data, media_type=CONTENT_TYPE_LATEST)
