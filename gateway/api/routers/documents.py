"""POST /v1/documents: a national system posts a native document and gets an acknowledgement."""

from __future__ import annotations

import asyncio
import logging
from time import perf_counter

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.api.problem_issues import listed
from gateway.api.problems import CLIENT_CLOSED, RequestAbandoned, responses, service_error
from gateway.api.schemas import Acknowledgement, CodeCountBody, HeldBody, IssueBody
from gateway.api.services import BEARER_SCHEME, Services, authenticated, bearer_of, services_of
from gateway.service.errors import PayloadTooLarge, RequestTimeout, ServiceError, StoreUnavailable
from gateway.service.intake import Acknowledgement as Received
from gateway.store.outage import unavailable

router = APIRouter(tags=["documents"])
EARLY_KEY_CHECK_BYTES = 256 * 1024
"""A body declared larger, or of no declared length, is read only once its key works and holds one of
its places (checked again when the document is received: a key revoked meanwhile stops it)."""
log = logging.getLogger("gateway.api")
_OPERATION = {
    "requestBody": {
        "required": True,
        "description": "The document as the national system writes it: XML, JSON, CSV or UN/EDIFACT, in "
        "its own encoding. The gateway recognises the format; the content type is not read.",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    },
    "security": [{BEARER_SCHEME: []}],  # the key is read by `bearer_of`, not by a dependency
}


@router.post(
    "/v1/documents",  # PATH
    status_code=202,
    response_model=Acknowledgement,
    responses=responses(400, 401, 403, 408, 409, 413, 422, 429, 503, CLIENT_CLOSED),
    openapi_extra=_OPERATION,
    summary="Post a native document",
)
async def post_document(request: Request) -> Response:
    """Accept a document as the key's country, or refuse it listing every issue. The same document posted
    again gets the same answer; another document under a reference already used is a conflict (409).
    A document with an error is refused (422) with every issue, and nothing is stored.
    \f
    (FastAPI's OpenAPI description, and `/docs`, stop at the form feed: the rest is for developers.)
    The key is checked in the thread that receives the document, after the body is read (a missing key
    is refused first): one thread hop per document instead of two; a body over EARLY_KEY_CHECK_BYTES or
    of unknown length is read only once its key works and has a free place (`_receive_large`)."""
    # No dependencies, and the answer written here: FastAPI's solving of them and its validation of the
    # answer cost ~0.1 ms a post; `_OPERATION` keeps the OpenAPI operation as it was (its security)
    found, key = services_of(request), bearer_of(request)
    started = perf_counter()
    try:
        if _large_or_unsized(request):
            answer = await _receive_large(request, found, key)
        else:
            body = await _read_body_in_time(request, found.intake.max_bytes, found.body_seconds)
            answer = await run_in_threadpool(_receive, request, found, key, body)
    except RequestAbandoned:
        found.metrics.abandoned.inc()
        raise
    except ServiceError as refused:
        found.metrics.rejected.labels(refused.code).inc()
        raise
    except Exception as failure:  # the store's database away: counted as refused, answered by CatchFailures
        if unavailable(failure) is not None:
            found.metrics.rejected.labels(StoreUnavailable.code).inc()
        raise
    finally:
        found.metrics.latency.observe(perf_counter() - started)
    (found.metrics.received if answer.created else found.metrics.repeated).inc()
    if answer.created:
        found.writes.succeeded()  # a document stored: the store writes (after a full disk, again)
    request.state.message_id = answer.message_id
    return _acknowledgement(answer)


def _acknowledgement(answer: Received) -> Response:
    """The 202 answer, as FastAPI writes a route's `Acknowledgement` (pydantic's JSON, then Location)."""
    count, codes, first = listed(answer.warnings)  # bounded: the rest from /v1/messages/{id}/issues
    held = [HeldBody(recipient=h.recipient, reason=h.reason) for h in answer.held]
    body = Acknowledgement(
        message_id=answer.message_id, reference=answer.reference, status=answer.status,
        recipients=list(answer.recipients), held=held, warning_count=count,
        warning_codes=[CodeCountBody(**code) for code in codes],
        warnings=[IssueBody(**issue) for issue in first],
    )  # fmt: skip
    response = Response(body.model_dump_json(by_alias=True), status_code=202, media_type="application/json")
    response.headers["Location"] = f"/v1/messages/{answer.message_id}"
    return response


def _large_or_unsized(request: Request) -> bool:
    """Whether the body declares more than `EARLY_KEY_CHECK_BYTES`, or no length (chunked): its key is
    checked before it is read (a thread hop, small beside reading that much). A smaller body is read
    first and its key checked in the thread that receives it, which is what most documents are."""
    declared = _declared_length(request)
    return declared is None or declared > EARLY_KEY_CHECK_BYTES


def _declared_length(request: Request) -> int | None:
    """The body's declared length, None when it declares none it can mean (the server's HTTP parser
    refuses a malformed one first; "³" is a digit to `str.isdigit` that `int` refuses)."""
    declared = request.headers.get("content-length", "")
    return int(declared) if declared.isascii() and declared.isdigit() else None


def _receive(request: Request, found: Services, key: str, body: bytes, admitted: bool = False) -> Received:
    """Check the key, then receive the document as its country (in a worker thread)."""
    return found.intake.receive(authenticated(request, found, key), body, admitted)


async def _receive_large(request: Request, found: Services, key: str) -> Received:
    """A large body or one of unknown length: its key checked and one of the key's places taken
    (GATEWAY_MAX_CONCURRENT_POSTS_PER_KEY) before it is read, so that no made-up key holds megabytes of
    the gateway's memory, nor a working key more bodies at once than it may post."""
    who = await run_in_threadpool(authenticated, request, found, key)
    with found.intake.limit.admit(who.key_id):
        body = await _read_body_in_time(request, found.intake.max_bytes, found.body_seconds)
        return await run_in_threadpool(_receive, request, found, key, body, True)


async def _read_body_in_time(request: Request, limit: int, seconds: float) -> bytes:
    """The body, refused when it has not arrived whole `seconds` after the headers: a client that sends
    nothing, or a byte now and then, holds its connection and its part of a body that long at most."""
    try:
        async with asyncio.timeout(seconds):
            return await _read_body(request, limit)
    except TimeoutError:
        raise RequestTimeout.because(
            f"The document's body did not arrive whole within {seconds:g} seconds; nothing was received."
        ) from None


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it passes `limit` bytes (a declared length is checked first)."""
    declared = _declared_length(request)
    if declared is not None and declared > limit:
        raise PayloadTooLarge.because(f"The document has {declared} bytes; the limit is {limit}.")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge.because(f"The document is over the limit of {limit} bytes.")
            chunks.append(chunk)
    except ClientDisconnect:
        expected = f"of {declared} " if declared is not None else ""
        raise RequestAbandoned.because(f"The client left after {size} {expected}bytes.") from None
    return b"".join(chunks)


class DocumentsRoute:
    """POST /v1/documents answered before the router: `post_document`, a refusal written by the exception
    handler of `ServiceError` (`problems.service_error`), as the route answers them; every other request
    goes on to the app. What it leaves out is what this route does not use: the exception middleware's
    handler look-up, FastAPI's exit stack, the routing table's matching, its request wrapper and its
    solving of no dependency (~0.1-0.2 ms of the event loop a post). The route stays in the router: the
    OpenAPI document is its, and a request under a root path is routed there as before."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _posted_document(scope):
            await self.app(scope, receive, send)
            return
        scope.update(endpoint=post_document, path_params={}, route=_ROUTE)  # what the router would set
        request = Request(scope, receive, send)
        try:
            response = await post_document(request)
        except ServiceError as refused:
            response = await service_error(request, refused)
        await response(scope, receive, send)


def _posted_document(scope: Scope) -> bool:
    """Whether `scope` is a POST of a document, at the path the router would give `post_document`."""
    return (
        scope["type"] == "http"
        and scope["path"] == PATH
        and scope["method"] == "POST"
        and not scope.get("root_path")
    )


PATH = "/v1/documents"
_ROUTE = next(route for route in router.routes if getattr(route, "path", None) == PATH)
