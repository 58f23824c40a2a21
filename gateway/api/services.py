"""What the routers call: the service use cases built once per app, and the request's principal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param

from gateway.access.keys import Principal, identify
from gateway.api.metrics import Metrics
from gateway.service.errors import Unauthenticated
from gateway.service.inbox import Inbox
from gateway.service.intake import Intake
from gateway.service.operations import Operations
from gateway.service.writable import StoreWrites
from gateway.store.port import Store

_bearer = HTTPBearer(auto_error=False, description="An API key from `gateway keys create`.")
BEARER_SCHEME = "HTTPBearer"
"""The name of `_bearer`'s security scheme in the OpenAPI document."""
NO_KEY = "Send an API key as 'Authorization: Bearer <key>'."


@dataclass(frozen=True, slots=True)
class Services:
    """The use cases of one running app, sharing one store."""

    store: Store
    intake: Intake
    inbox: Inbox
    operations: Operations
    metrics: Metrics
    clock: Callable[[], datetime]
    writes: StoreWrites
    """Whether the store can write, as this process last learned it (/ready, `gateway_store_writable`)."""
    body_seconds: float = 60.0
    """How long a document's body may take to arrive (`GATEWAY_BODY_TIMEOUT_SECONDS`)."""


def services_of(request: Request) -> Services:
    """The app's services."""
    found: Services = request.app.state.services
    return found


async def services(request: Request) -> Services:
    """`services_of` as a dependency. A coroutine, so that it runs on the event loop: FastAPI runs a plain
    function dependency in a worker thread, a thread hop per request for an attribute read."""
    return services_of(request)


def principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """Who the request comes from, from its bearer key; refused when there is none or it does not work."""
    return authenticated(request, services_of(request), bearer(credentials))


def bearer(credentials: HTTPAuthorizationCredentials | None) -> str:
    """The request's bearer key, unchecked; refused when there is none (no store read: runs anywhere)."""
    if credentials is None:
        raise Unauthenticated.because(NO_KEY)
    return credentials.credentials


def bearer_of(request: Request) -> str:
    """The request's bearer key read as `_bearer` reads it (a route without dependencies), unchecked;
    refused when there is none."""
    authorization = request.headers.get("Authorization")
    scheme, credentials = get_authorization_scheme_param(authorization)
    if not (authorization and scheme and credentials) or scheme.lower() != "bearer":
        raise Unauthenticated.because(NO_KEY)
    return credentials


def authenticated(request: Request, found: Services, key: str) -> Principal:
    """The principal of `key`, refused when it does not work (a store read: call it off the event loop)."""
    who, stopped = identify(found.store, key, found.clock())
    if who is None:
        if stopped is not None:
            request.state.key_id = stopped  # the log names a revoked or expired key: whose system to call
        raise Unauthenticated.because("The API key is unknown, revoked or expired.")
    request.state.key_id = who.key_id
    return who


ServicesDep = Annotated[Services, Depends(services)]
PrincipalDep = Annotated[Principal, Depends(principal)]
