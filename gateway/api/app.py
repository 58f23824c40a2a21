"""The FastAPI application: `create_app(settings)` wires the store, the normalizer and the router of
agreements into the service use cases, and mounts the routers."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime, timedelta
from time import perf_counter
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.agreements.live import LiveAgreements
from gateway.api import problems
from gateway.api.metrics import Metrics
from gateway.api.review_session import sessions_from
from gateway.api.routers import (
    corrections,
    dead_letters,
    documents,
    health,
    inbox,
    messages,
    operations,
    reference,
    review,
)
from gateway.api.services import Services
from gateway.delivery.announce import announcer_from_settings
from gateway.delivery.suspension import HoldingAnnouncer, Suspensions, start_settling
from gateway.glossary.live import LiveGlossary, start_glossary_sweep
from gateway.normalize.pipeline import Normalizer
from gateway.resolve.unresolved import OpenNames, start_queue_check
from gateway.service.agreement_router import AgreementRouter
from gateway.service.announcer import Announcer
from gateway.service.expiry import start_expiry
from gateway.service.inbox import Inbox
from gateway.service.intake import Intake
from gateway.service.limits import PostLimit
from gateway.service.log import configure_logging
from gateway.service.operations import Operations
from gateway.service.recipients import Router
from gateway.service.retention import start_retention
from gateway.service.writable import StoreWrites
from gateway.settings import Settings
from gateway.store.memory import utc_now
from gateway.store.port import Store
from gateway.store.sql import open_store

EXPIRY_SWEEP = timedelta(seconds=30)
RETENTION_SWEEP = timedelta(minutes=10)
"""How often a serving process prunes, when GATEWAY_RETENTION_DAYS is set (at most 10,000 messages)."""
RETENTION_FIRST_TURN = timedelta(seconds=30)
"""When a serving process prunes first: soon after it starts, not one RETENTION_SWEEP later (a process
restarted more often than that would never prune), and not at once (its first documents come first)."""
QUEUE_CHECK_SECONDS = 2.0
"""How often the unresolved queue is checked when the glossary is fixed (else as often as it is looked at)."""
DESCRIPTION = """National customs systems post documents in their own format and language; partner
agencies read the harmonized WCO messages addressed to them. Every error is RFC 9457 problem details
with the code and pointer of every issue. Authenticate with `Authorization: Bearer <key>`."""


def create_app(
    settings: Settings,
    store: Store | None = None,
    router: Router | None = None,
    normalizer: Normalizer | None = None,
    clock: Callable[[], datetime] = utc_now,
    announcer: Announcer | None = None,
) -> FastAPI:
    """The gateway's HTTP application; what is not given is built from `settings` (the announcer: the
    Redis stream of `gateway worker` processes when `GATEWAY_REDIS_URL` is set, else none)."""
    store = store if store is not None else open_store(settings, clock)
    announcer = announcer or announcer_from_settings(settings, store)
    normalizer = normalizer or Normalizer.from_settings(settings)
    if router is None:
        live = LiveAgreements(settings.agreements_dir, settings.agreements_check_seconds)
        router = AgreementRouter(live, normalizer.registry)
    suspensions = _suspensions(store, router)
    if suspensions is not None:
        announcer = HoldingAnnouncer(announcer, suspensions, clock)
    settle_every = timedelta(seconds=settings.agreements_check_seconds)
    glossary = _live_glossary(normalizer)
    open_names = _open_names(normalizer, settings.unresolved_checks_per_version)
    metrics = Metrics(store)
    retention = _retention(store, clock, settings, metrics)
    app = FastAPI(
        title="CAREC customs information exchange gateway", version="1", description=DESCRIPTION,
        docs_url=None, redoc_url=None,  # Swagger UI and ReDoc load from a CDN: /docs is ours (reference)
        lifespan=_sweeping(
            store, clock, suspensions, settle_every, normalizer.warm, glossary, open_names, retention
        ),
    )  # fmt: skip
    limit = PostLimit(settings.max_concurrent_posts_per_key)
    intake = Intake(store, normalizer, router, clock, settings.max_document_bytes, limit, announcer)
    if isinstance(router, AgreementRouter) and router.live is not None:
        metrics.watch_agreements(router.live)
    if glossary is not None:
        metrics.watch_glossary(glossary)
    operated = Operations(store, clock, open_names)
    writes = StoreWrites(store)
    metrics.watch_writes(writes)
    app.state.services = Services(
        store, intake, Inbox(store, clock), operated, metrics, clock, writes, settings.body_timeout_seconds
    )
    app.add_middleware(documents.DocumentsRoute)  # innermost: inside the failure catcher and the log
    problems.install(app)
    app.state.review_sessions = sessions_from(settings)  # the officers' pages (docs/review.md)
    routers = (documents, messages, inbox, dead_letters, operations, corrections, health, review, reference)
    for module in routers:
        app.include_router(module.router)
    app.add_middleware(RequestLog)
    return app


def _suspensions(store: Store, router: Router) -> Suspensions | None:
    """The holds of suspended agreements, for a router of agreements (fixed, or following the folder)."""
    if isinstance(router, AgreementRouter):
        return Suspensions(store, router.given)
    return None


def _open_names(normalizer: Normalizer, checks_per_version: int) -> OpenNames | None:
    """The unresolved queue as the normalizer's resolver sees it (the names its glossary now resolves
    left out), when it resolves names; the background check takes `checks_per_version` names a version."""
    stage = normalizer.resolution
    if stage is None:
        return None
    return OpenNames(stage.resolver, stage.goods, checks_per_version=checks_per_version)


def _retention(
    store: Store, clock: Callable[[], datetime], settings: Settings, metrics: Metrics
) -> Callable[[], threading.Event] | None:
    """The start of the retention sweep when GATEWAY_RETENTION_DAYS is set (else none: kept for ever);
    it forgets identities too when GATEWAY_IDENTITY_RETENTION_DAYS is set."""
    days, identity_days = settings.retention_days, settings.identity_retention_days
    if days is None:
        return None
    metrics.watch_retention(store, clock, days)
    return lambda: start_retention(
        store, clock, days, metrics.count_pruned, RETENTION_SWEEP, identity_days, metrics.count_forgotten,
        RETENTION_FIRST_TURN,
    )  # fmt: skip


def _live_glossary(normalizer: Normalizer) -> LiveGlossary | None:
    """The glossary that the normalizer's resolver follows, if it resolves names and follows a folder."""
    return normalizer.resolution.resolver.live if normalizer.resolution is not None else None


def _sweeping(
    store: Store,
    clock: Callable[[], datetime],
    suspensions: Suspensions | None = None,
    settle_every: timedelta = timedelta(seconds=2),
    warm: Callable[[], None] = lambda: None,
    glossary: LiveGlossary | None = None,
    open_names: OpenNames | None = None,
    retention: Callable[[], threading.Event] | None = None,
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Before the app answers, `warm` it (the normalizer's mappings compiled, its catalogs built: the
    first documents do not wait for them, and the server reports ready only then). While it runs,
    expire unread pull deliveries past their time to live (and tell senders), hold and resume
    deliveries as agreements are suspended and resumed (`gateway.delivery.suspension`), and look at
    the glossary's files every GATEWAY_GLOSSARY_CHECK_SECONDS (a broken edit is reported with no
    document posted), and check the unresolved queue against the glossary in force at the same pace
    (`OpenNames.check`), and empty the messages past their retention (`retention`, when set)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        warm()
        stops = [start_expiry(store, clock, EXPIRY_SWEEP)]
        if suspensions is not None:
            stops.append(start_settling(suspensions, clock, settle_every))
        if glossary is not None:
            stops.append(start_glossary_sweep(glossary, glossary.check_seconds))
        if open_names is not None:
            every = glossary.check_seconds if glossary is not None else QUEUE_CHECK_SECONDS
            stops.append(start_queue_check(open_names, store, every))
        if retention is not None:
            stops.append(retention())
        try:
            yield
        finally:
            for stop in stops:
                stop.set()

    return lifespan


class RequestLog:
    """Logs each request as one line: method, path, status, duration and the message ID it concerned."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = logging.getLogger("gateway.http")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = perf_counter(), [500]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            if (scope.get("state") or {}).get("abandoned") and status[0] == 500:
                status[0] = problems.CLIENT_CLOSED  # nobody was answered: the client had left
            self.log.info("request", extra=_fields(scope, status[0], perf_counter() - started))


def _fields(scope: Scope, status: int, seconds: float) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "method": scope["method"], "path": scope["path"], "status": status,
        "duration_ms": round(seconds * 1000, 2),
    }  # fmt: skip
    state = scope.get("state") or {}
    for name in ("message_id", "key_id"):
        if name in state:
            fields[name] = state[name]
    return fields


def app_from_settings() -> FastAPI:
    """The app of `Settings()` with logging configured: the factory that `gateway serve --workers N` runs
    in each worker process."""
    settings = Settings()
    configure_logging(settings.log_format)
    return create_app(settings)
