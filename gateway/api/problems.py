"""One error shape everywhere: RFC 9457 problem details, with the issues' codes and pointers.

HTTP statuses are assigned here and nowhere else. ``type`` is ``urn:carec-gateway:problem:<code>``;
``issues`` lists the issues (code, severity, message, pointer, source, line), at most
`problem_issues.LISTED_ISSUES` of them, ``issue_count`` says how many there are and ``codes`` counts each
code (`gateway.api.problem_issues`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.api.problem_issues import LISTED_ISSUES, issue_fields
from gateway.api.schemas import ProblemDetails
from gateway.issues import Issue, Severity, error
from gateway.service import errors
from gateway.store.outage import unavailable

MEDIA_TYPE = "application/problem+json"
CLIENT_CLOSED = 499
"""The status logged for a request whose client left before sending it whole (nginx's "client closed
request"); the client is gone, so nobody receives it."""


class RequestAbandoned(errors.ServiceError):
    """The client closed its connection before its request body arrived whole: nothing was received."""

    code = "request.abandoned"
    title = "The client left before its request arrived whole"


STATUSES: dict[type[errors.ServiceError], int] = {
    errors.Unauthenticated: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.DeliveryExpired: 409,
    errors.MessagePruned: 410,
    errors.PayloadTooLarge: 413,
    errors.DocumentRejected: 422,
    errors.TooManyRequests: 429,
    errors.RequestTimeout: 408,
    RequestAbandoned: CLIENT_CLOSED,
    errors.StoreUnavailable: 503,
}
STORE_RETRY_SECONDS = 5
"""The Retry-After of a 503 `store.unavailable`: PostgreSQL restarting takes a few seconds."""
_HTTP_CODES = {404: "request.not-found", 405: "request.malformed", 415: "request.unsupported-media-type"}
_STATUS_HEADERS = {
    401: {"WWW-Authenticate": "Bearer"},
    408: {"Connection": "close"},  # the rest of a body too slow to wait for is never read
    429: {"Retry-After": "1"},
    503: {"Retry-After": str(STORE_RETRY_SECONDS)},
}
log = logging.getLogger("gateway.api")


def problem(
    status: int,
    title: str,
    code: str,
    issues: Sequence[Issue],
    instance: str,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The problem-details response."""
    fields = issue_fields(title, issues)
    body = {
        "type": f"urn:carec-gateway:problem:{code}",
        "title": title,
        "status": status,
        "detail": fields.pop("detail"),
        "instance": instance,
        "code": code,
    } | fields
    headers = dict(headers or {}) | _STATUS_HEADERS.get(status, {})
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def install(app: FastAPI) -> None:
    """Answer every refused request, malformed parameter and unknown path with problem details."""
    # Starlette types a handler as taking any Exception; each of these takes the one it is registered for.
    app.add_exception_handler(errors.ServiceError, service_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_middleware(CatchFailures)


async def service_error(request: Request, exc: errors.ServiceError) -> JSONResponse:
    """The problem details of a refused request (a `ServiceError`), logged."""
    status = STATUSES.get(type(exc), 400)
    event = "request:abandoned" if isinstance(exc, RequestAbandoned) else "request:refused"
    log.info(event, extra=_refusal_fields(request, exc, status))
    return problem(status, exc.title, exc.code, exc.issues, request.url.path)


def _refusal_fields(request: Request, exc: errors.ServiceError, status: int) -> dict[str, object]:
    """What the log says of a refusal, so that an operator can tell why a system is refused from the log
    alone: the problem code, the ID of the key when it worked (never the key), and the codes of the
    errors the answer lists (each once, sorted) with how many errors it lists."""
    fields: dict[str, object] = {"code": exc.code, "status": status, "path": request.url.path}
    key_id = getattr(request.state, "key_id", None)
    if key_id is not None:
        fields["key_id"] = key_id
    codes = [issue.code for issue in exc.issues if issue.severity == Severity.ERROR]
    fields["issue_count"], fields["issue_codes"] = len(codes), sorted(set(codes))
    return fields


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    issues = [
        error("request.malformed", str(item.get("msg", "invalid")), pointer="/".join(map(str, item["loc"])))
        for item in exc.errors()
    ]
    return problem(400, "A request parameter is malformed", "request.malformed", issues, request.url.path)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _HTTP_CODES.get(exc.status_code, "request.malformed")
    issues = [error(code, str(exc.detail))]
    return problem(exc.status_code, str(exc.detail), code, issues, request.url.path, exc.headers)


class CatchFailures:
    """Answers an unexpected failure with a 500 `server.error` problem and logs it with its traceback, and
    the store's database being unavailable with a 503 `store.unavailable` problem (Retry-After) and one
    log line without a traceback (`request:unavailable`); the exception stops here, so the server keeps
    the client's connection open (Starlette's own handler re-raises it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except ClientDisconnect:
            # The client left before its body arrived: nothing was received, there is nobody to answer,
            # and it is not the gateway's failure. The request's log line says 499 (`RequestLog`).
            scope.setdefault("state", {})["abandoned"] = True
            extra = {"code": RequestAbandoned.code, "status": CLIENT_CLOSED, "path": scope["path"]}
            log.info("request:abandoned", extra=extra)
        except Exception as exc:  # every failure of the gateway itself becomes one problem shape
            if started:
                raise
            reason = unavailable(exc)
            if reason is not None:
                _mark_unwritable(scope, reason)
                await store_unavailable(scope, reason)(scope, receive, send)
                return
            log.error("request:failed", exc_info=exc, extra={"path": scope["path"]})
            issues = [error("server.error", "The gateway failed to handle the request; its log says why.")]
            await problem(500, "Internal error", "server.error", issues, scope["path"])(scope, receive, send)


def _mark_unwritable(scope: Scope, reason: str) -> None:
    """Tell the app's `StoreWrites` (/ready, `gateway_store_writable`) that the store failed a request:
    its next check probes a write."""
    services = getattr(getattr(scope.get("app"), "state", None), "services", None)
    if services is not None:
        services.writes.failed(reason)


def store_unavailable(scope: Scope, reason: str) -> JSONResponse:
    """The 503 answer to a request the store's database could not serve for now, logged in one line."""
    code, path = errors.StoreUnavailable.code, scope["path"]
    fields = {"code": code, "status": 503, "path": path, "reason": reason}
    key_id = (scope.get("state") or {}).get("key_id")
    log.warning("request:unavailable", extra=fields | ({"key_id": key_id} if key_id else {}))
    issues = [error(code, "The gateway's database does not answer for now; nothing was stored. Send the same "
                    f"request again in {STORE_RETRY_SECONDS} seconds or later.")]  # fmt: skip
    return problem(503, errors.StoreUnavailable.title, code, issues, path)


def responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """The OpenAPI description of the problem answers a route may give."""
    described = {
        400: "A request parameter is malformed (request.malformed).",
        401: "No valid API key (request.unauthenticated).",
        403: "The key's role or country may not do this (request.forbidden).",
        404: "No such message or delivery (request.not-found).",
        408: "The body did not arrive within GATEWAY_BODY_TIMEOUT_SECONDS (request.timeout); the "
        "connection is closed and nothing was received.",
        409: "The document reference is already used for another document (message.conflict).",
        410: "The message was removed by retention (message.pruned): its status, or the same document "
        "posted again (never delivered twice); see docs/operations.md, Retention.",
        413: "Over the global or an agreement's size limit (intake.too-large).",
        415: "The body's content type is not one the endpoint reads.",
        422: "The document has errors: how many (issue_count), each code with its count and first issue "
        f"(codes), and the first {LISTED_ISSUES:,} issues with their codes and pointers (issues).",
        429: "Too many documents of the key being received at once (request.too-many); see Retry-After.",
        503: "The store's database does not answer for now (store.unavailable): nothing was stored; send "
        "the same request again after Retry-After seconds.",
        CLIENT_CLOSED: "The client closed the connection before its body arrived whole (request.abandoned): "
        "nothing was received; the status is what the gateway logs and counts, nobody receives it.",
    }
    return {
        status: {"description": described[status], "model": ProblemDetails, "content": {MEDIA_TYPE: {}}}
        for status in statuses
    }
