"""What the routers call: the service use cases built once per app, and the request's principal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from gateway.access.keys import Principal, authenticate
from gateway.api.metrics import Metrics
from gateway.service.errors import Unauthenticated
from gateway.service.inbox import Inbox
from gateway.service.intake import Intake
from gateway.service.operations import Operations
from gateway.store.port import Store

_bearer = HTTPBearer(auto_error=False, description="An API key from `gateway keys create`.")


@dataclass(frozen=True, slots=True)
class Services:
    """The use cases of one running app, sharing one store."""

    store: Store
    intake: Intake
    inbox: Inbox
    operations: Operations
    metrics: Metrics
    clock: Callable[[], datetime]


def services(request: Request) -> Services:
    """The app's services."""
    found: Services = request.app.state.services
    return found


def principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """Who the request comes from, from its bearer key; refused when there is none or it does not work."""
    if credentials is None:
        raise Unauthenticated.because("Send an API key as 'Authorization: Bearer <key>'.")
    found = services(request)
    who = authenticate(found.store, credentials.credentials, found.clock())
    if who is None:
        raise Unauthenticated.because("The API key is unknown, revoked or expired.")
    request.state.key_id = who.key_id
    return who


ServicesDep = Annotated[Services, Depends(services)]
PrincipalDep = Annotated[Principal, Depends(principal)]
