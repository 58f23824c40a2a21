"""One error shape everywhere: RFC 9457 problem details, with every issue's code and pointer.

HTTP statuses are assigned here and nowhere else. ``type`` is ``urn:carec-gateway:problem:<code>``;
``issues`` lists every issue (code, severity, message, pointer, source, line).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from gateway.api.schemas import ProblemDetails
from gateway.issues import Issue, error
from gateway.service import errors

MEDIA_TYPE = "application/problem+json"
STATUSES: dict[type[errors.ServiceError], int] = {
    errors.Unauthenticated: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.PayloadTooLarge: 413,
    errors.DocumentRejected: 422,
}
_HTTP_CODES = {404: "request.not-found", 405: "request.malformed", 415: "request.unsupported-media-type"}
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
    body = {
        "type": f"urn:carec-gateway:problem:{code}",
        "title": title,
        "status": status,
        "detail": "; ".join(issue.message for issue in issues) or title,
        "instance": instance,
        "code": code,
        "issues": [issue.to_dict() for issue in issues],
    }
    headers = dict(headers or {}) | ({"WWW-Authenticate": "Bearer"} if status == 401 else {})
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def install(app: FastAPI) -> None:
    """Answer every refused request, malformed parameter and unknown path with problem details."""
    app.add_exception_handler(errors.ServiceError, _service_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)


async def _service_error(request: Request, exc: errors.ServiceError) -> JSONResponse:
    status = STATUSES.get(type(exc), 400)
    log.info("request:refused", extra={"code": exc.code, "status": status, "path": request.url.path})
    return problem(status, exc.title, exc.code, exc.issues, request.url.path)


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


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("request:failed", exc_info=exc, extra={"path": request.url.path})
    issues = [error("server.error", "The gateway failed to handle the request; its log says why.")]
    return problem(500, "Internal error", "server.error", issues, request.url.path)


def responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """The OpenAPI description of the problem answers a route may give."""
    described = {
        400: "A request parameter is malformed (request.malformed).",
        401: "No valid API key (request.unauthenticated).",
        403: "The key's role or country may not do this (request.forbidden).",
        404: "No such message or delivery (request.not-found).",
        409: "The document reference is already used for another document (message.conflict).",
        413: "Over the global or an agreement's size limit (intake.too-large).",
        415: "The body's content type is not one the endpoint reads.",
        422: "The document has errors: every issue with its code and pointer.",
    }
    return {
        status: {"description": described[status], "model": ProblemDetails, "content": {MEDIA_TYPE: {}}}
        for status in statuses
    }
