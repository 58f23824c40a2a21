"""The partner officers' review pages (SIE, reviewed by hand): sign in with the agency's key, read the
country's inbox, read one message with every name's resolution, acknowledge it (docs/review.md).

Server-rendered HTML (Jinja2, autoescaped), one stylesheet served here, no JavaScript; not in the OpenAPI
document. Who may read what is the inbox's own rule (`gateway.service.inbox`); the session is a row in the
store named by a signed cookie (`gateway.api.review_session`), checked on every request.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.concurrency import run_in_threadpool

from gateway.access.keys import Principal, authenticate
from gateway.access.roles import may_read_inbox
from gateway.api.review_cookies import Jar, jar
from gateway.api.review_corrections import propose
from gateway.api.review_session import COOKIE, LIFETIME, SIGN_IN_COOKIE, Sessions, begin, end, officer
from gateway.api.review_text import COOKIE as LANGUAGE_COOKIE
from gateway.api.review_text import (
    LANGUAGE_NAMES,
    LANGUAGES,
    Missing,
    Refused,
    Said,
    chosen_language,
    form_in,
    say,
)
from gateway.api.review_views import delivery_context, inbox_rows
from gateway.api.services import services_of
from gateway.service.errors import Forbidden, NotFound

router = APIRouter(prefix="/review", include_in_schema=False)
TEMPLATES = Path(__file__).parent.parent / "templates"
PAGES = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
PAGE_SIZE = 100
LANGUAGE_MAX_AGE = 365 * 24 * 3600
"""How long the browser remembers the language an officer chose (seconds)."""
MAX_FORM_BYTES = 4096
MAX_FORM_FIELDS = 8
"""The most fields a form of the pages sends (a proposal: csrf, pointer, page, english, code, comment)."""
MAX_PROPOSAL_BYTES = 16_384
"""A proposed correction's form: its English form, code and comment at their longest, percent-encoded
(a Cyrillic or Chinese letter takes 6 or 9 bytes)."""
SIGN_IN = "/review/sign-in"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP 2 (old kiosks at border posts)
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
log = logging.getLogger("gateway.review")
Officer = tuple[Principal, str]
"""The signed-in officer's principal and session cookie."""


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The template `name` rendered in the officer's language (`language`), with the pages' security
    headers; a language chosen with the switch (`?lang=`) is remembered in a cookie."""
    picked, language = request.query_params.get("lang"), language_of_request(request)
    body = render(name, language, switch(request, language), **context)
    answer = HTMLResponse(body, status_code=status, headers=HEADERS)
    if picked in LANGUAGES:
        _jar(request).put(answer, LANGUAGE_COOKIE, picked, LANGUAGE_MAX_AGE, "/review")
    return answer


def render(name: str, language: str, links: list[tuple[str, str, str, bool]], **context: Any) -> str:
    """The template `name` in `language`: its words through the catalog (`t`), each name's form in the
    language (`own_form`), the language switch's `links`."""

    def text(message: str | Said, **params: Any) -> str:
        return say(language, message, **params)

    return PAGES.get_template(name).render(
        t=text, lang=language, switch=links, own_form=lambda forms: form_in(language, forms), **context
    )


def language_of_request(request: Request) -> str:
    """The page's language: the switch's `?lang=`, else the cookie it left, else Accept-Language."""
    picked = request.query_params.get("lang")
    if picked not in LANGUAGES:
        picked = _jar(request).read(request, LANGUAGE_COOKIE)
    return chosen_language(request.headers.get("accept-language"), picked)


def switch(request: Request, language: str) -> list[tuple[str, str, str, bool]]:
    """The language switch's links: (language, its own name, this page's address in it, current). A page
    answering a form links to the page the form was on (the address of a GET)."""
    path = request.url.path
    kept = [(name, value) for name, value in request.query_params.multi_items() if name != "lang"]
    if request.method != "GET":  # the page a refused proposal's form was on (`page` of its form)
        path, kept = path.removesuffix("/corrections").removesuffix("/acknowledgement"), []
        if getattr(request.state, "page", 1) > 1:
            kept = [("page", str(request.state.page))]
    return [
        (code, LANGUAGE_NAMES[code], f"{path}?{urlencode([*kept, ('lang', code)])}", code == language)
        for code in LANGUAGES
    ]


def error_page(request: Request, status: int, title: str, detail: Said, who: Officer) -> HTMLResponse:
    csrf = _csrf(request, who)
    return page(request, "error.html", status, title=title, detail=detail, who=who[0], csrf=csrf)


def to_sign_in(request: Request, signed_out: bool = False) -> RedirectResponse:
    """Back to the sign-in page, the session cookie (if any) dropped; unless the officer `signed_out`,
    the page says the session ended when the cookie was one this gateway signed (its row expired, or
    trimmed by a newer sign-in of the key, or ended elsewhere)."""
    cookies = _jar(request)
    ended = not signed_out and _sessions(request).session_id(cookies.read(request, COOKIE)) is not None
    answer = RedirectResponse(f"{SIGN_IN}?ended=1" if ended else SIGN_IN, status_code=303)
    cookies.drop(answer, COOKIE, "/review")
    return answer


async def signed_in(request: Request) -> Officer | None:
    """The officer of the request's session, when its cookie is well signed, its row neither ended nor
    expired, and its key may still read its country's inbox (store reads: sign-out, revoked and expired
    keys end sessions at once)."""
    found, cookie = services_of(request), _jar(request).read(request, COOKIE)
    session_id = _sessions(request).session_id(cookie)
    if session_id is None or cookie is None:
        return None
    who = await run_in_threadpool(officer, found.store, session_id, found.clock())
    if who is None:
        return None
    request.state.key_id = who.key_id
    return who, cookie


Handler = Callable[[Request, Officer], Awaitable[Response]]


async def as_officer(request: Request, handler: Handler) -> Response:
    """`handler` run for the signed-in officer; the sign-in page without a session; an error as a page."""
    who = await signed_in(request)
    if who is None:
        return to_sign_in(request)
    try:
        return await handler(request, who)
    except NotFound as refused:
        log.info("review page not found: %s", refused, extra={"path": request.url.path})
        detail = refused.said if isinstance(refused, Missing) else Said("error.not-found.detail")
        return error_page(request, 404, "error.not-found", detail, who)
    except Forbidden as refused:
        detail = refused.said if isinstance(refused, Refused) else Said("error.forbidden.detail")
        return error_page(request, 403, "error.forbidden", detail, who)
    except Exception:
        log.exception("review page failed", extra={"path": request.url.path})
        return error_page(request, 500, "error.failed", Said("error.failed.detail"), who)


@router.get("")
async def start() -> Response:
    return RedirectResponse("/review/inbox", status_code=303)


@router.get("/sign-in")
async def sign_in_form(request: Request, ended: str | None = None) -> Response:
    if await signed_in(request) is not None:
        return RedirectResponse("/review/inbox", status_code=303)
    return sign_in_page(request, error=Said("sign-in.ended") if ended == "1" else None)


def sign_in_page(request: Request, status: int = 200, error: Said | None = None) -> Response:
    """The sign-in form, with a fresh pre-session cookie and the token the form must send back with it
    (a page elsewhere cannot post a key of its own into an officer's browser: login CSRF)."""
    nonce = secrets.token_urlsafe(16)
    token = _sessions(request).sign_in_token(nonce)
    answer = page(request, "sign_in.html", status, error=error, who=None, csrf=token)
    _jar(request).put(answer, SIGN_IN_COOKIE, nonce, 1800, SIGN_IN)
    return answer


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    """Sign in with a key: only a country's partner agency or national system (who read its inbox), from
    the gateway's own sign-in form."""
    found, form = services_of(request), await _form(request)
    cookies, sessions = _jar(request), _sessions(request)
    nonce = cookies.read(request, SIGN_IN_COOKIE)
    if nonce is None or not sessions.sign_in_ok(nonce, form.get("csrf")):
        return sign_in_page(request, 403, Said("sign-in.out-of-date"))
    who = await run_in_threadpool(authenticate, found.store, form.get("key", "").strip(), found.clock())
    if who is None:
        return sign_in_page(request, 401, Said("sign-in.unknown-key"))
    request.state.key_id = who.key_id
    if who.country is None or not may_read_inbox(who, who.country):
        article = "An" if who.role[0] in "aeiou" else "A"
        return sign_in_page(request, 403, Said("sign-in.wrong-role", {"article": article, "role": who.role}))
    had = sessions.session_id(cookies.read(request, COOKIE))
    session_id = await run_in_threadpool(begin, found.store, who, found.clock(), had, sessions.per_key)
    answer = RedirectResponse("/review/inbox", status_code=303)
    cookies.put(answer, COOKIE, sessions.issue(session_id), int(LIFETIME.total_seconds()), "/review")
    cookies.drop(answer, SIGN_IN_COOKIE, SIGN_IN)
    return answer


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    """End the session in the store (its cookie, wherever copied, is refused from now on) and drop it."""

    async def handler(request: Request, who: Officer) -> Response:
        await _checked_form(request, who)
        found, session_id = services_of(request), _sessions(request).session_id(who[1]) or ""
        await run_in_threadpool(end, found.store, session_id, found.clock())
        return to_sign_in(request, signed_out=True)

    return await as_officer(request, handler)


@router.get("/inbox")
async def inbox(request: Request) -> Response:
    """The country's messages not yet acknowledged, oldest first (the inbox's cursor order)."""

    async def handler(request: Request, who: Officer) -> Response:
        after = _number(request.query_params.get("after", "0"))
        found = services_of(request)
        rows = await run_in_threadpool(inbox_rows, found.inbox, found.store, who[0], after, PAGE_SIZE)
        said = request.query_params.get("acknowledged", "")
        acknowledged = said if said.isdigit() else None
        more = rows[-1]["delivery"].id if len(rows) == PAGE_SIZE else None
        return page(request, "inbox.html", rows=rows, more=more, after=after, acknowledged=acknowledged,
                    who=who[0], csrf=_csrf(request, who))  # fmt: skip

    return await as_officer(request, handler)


@router.get("/inbox/{delivery_id}")
async def delivery(request: Request, delivery_id: str) -> Response:
    """One delivery as the officer reads it: a message, or a non-delivery notice."""

    async def handler(request: Request, who: Officer) -> Response:
        found, number = services_of(request), _page_number(request.query_params.get("page"))
        context = await run_in_threadpool(
            delivery_context, found.inbox, found.store, who[0], _number(delivery_id), number
        )
        said = request.query_params.get("proposed")
        proposed = said if said in ("new", "again") else None
        return page(request, "message.html", who=who[0], csrf=_csrf(request, who), proposed=proposed,
                    proposal=None, **context)  # fmt: skip

    return await as_officer(request, handler)


@router.get("/inbox/{delivery_id}/raw")
async def raw(request: Request, delivery_id: str) -> Response:
    """The payload's bytes as delivered (the same as the API's), shown by the browser, never run."""

    async def handler(request: Request, who: Officer) -> Response:
        found, (principal, _) = services_of(request), who
        shown = await run_in_threadpool(found.inbox.get, principal, _country(principal), _number(delivery_id))
        media = "application/xml" if shown.kind == "message" else "application/json"
        headers = {**HEADERS, "Content-Security-Policy": "default-src 'none'; sandbox"}
        return Response(shown.payload, media_type=media, headers=headers)

    return await as_officer(request, handler)


@router.post("/inbox/{delivery_id}/acknowledgement")
async def acknowledge(request: Request, delivery_id: str) -> Response:
    """Acknowledge a delivery (as `POST /v1/inbox/{country}/{id}/acknowledgement`); it leaves the inbox."""

    async def handler(request: Request, who: Officer) -> Response:
        await _checked_form(request, who)
        found, (principal, _) = services_of(request), who
        number = _number(delivery_id)
        await run_in_threadpool(found.inbox.acknowledge, principal, _country(principal), number)
        return RedirectResponse(f"/review/inbox?acknowledged={number}", status_code=303)

    return await as_officer(request, handler)


@router.post("/inbox/{delivery_id}/corrections")
async def correct(request: Request, delivery_id: str) -> Response:
    """Propose the right English form and/or code of one name of the message, for the terminologists
    (`gateway.api.review_corrections`); the delivered message is not changed. A refused proposal shows
    the page again with the reason beside the name's form."""

    async def handler(request: Request, who: Officer) -> Response:
        form = await _checked_form(request, who, MAX_PROPOSAL_BYTES)
        found, (principal, _) = services_of(request), who
        number, codelists = _number(delivery_id), found.intake.normalizer.codelists
        answer = await run_in_threadpool(
            propose, found.inbox, found.store, codelists, principal, number, form, found.clock()
        )
        on = request.state.page = _page_number(form.get("page"))
        if answer.problem is None:
            said = "new" if answer.created else "again"
            kept = urlencode([("page", str(on))] * (on > 1) + [("proposed", said)])
            return RedirectResponse(f"/review/inbox/{number}?{kept}", status_code=303)
        context = await run_in_threadpool(delivery_context, found.inbox, found.store, principal, number, on)
        return page(request, "message.html", 422, who=principal, csrf=_csrf(request, who), proposal=answer,
                    proposed=None, **context)  # fmt: skip

    return await as_officer(request, handler)


@router.get("/style.css")
async def style() -> Response:
    return Response((TEMPLATES / "review.css").read_bytes(), media_type="text/css", headers=HEADERS)


@router.api_route("/{rest:path}", methods=["GET", "POST"])
async def elsewhere(request: Request, rest: str) -> Response:
    """Any other address under /review: the inbox for `/review/`, else a "Not found" page."""
    if not rest:
        return RedirectResponse("/review/inbox", status_code=303)
    return await as_officer(request, _no_page)


async def _no_page(request: Request, who: Officer) -> Response:
    raise Missing(Said("error.no-page", {"path": request.url.path}))


async def _form(request: Request, most: int = MAX_FORM_BYTES) -> dict[str, str]:
    """The request's url-encoded form, its first value per field (a body over `most` bytes, or with more
    than MAX_FORM_FIELDS fields: none)."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > most:
            return {}
    try:
        fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=MAX_FORM_FIELDS)
    except ValueError:  # more fields than any of the pages' forms has: no form of theirs
        return {}
    return {name: values[0] for name, values in fields.items()}


async def _checked_form(request: Request, who: Officer, most: int = MAX_FORM_BYTES) -> dict[str, str]:
    """The form of a POST in the session, refused unless it carries the session's CSRF token."""
    form = await _form(request, most)
    if not _sessions(request).csrf_ok(who[1], form.get("csrf")):
        raise Refused(Said("error.csrf"))
    return form


def _country(who: Principal) -> str:
    """The officer's country (a session's key always has one: `officer`)."""
    return who.country or ""


def _page_number(text: str | None) -> int:
    """A message's page from the address or a form: a number (out of range: the nearest page), else 1."""
    return int(text) if text is not None and text.isascii() and text.isdigit() and len(text) < 10 else 1


def _number(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 18:  # "³" is a digit that int() refuses
        raise Missing(Said("error.no-delivery", {"quoted": repr(text[:40])}))
    return int(text)


def _sessions(request: Request) -> Sessions:
    sessions: Sessions = request.app.state.review_sessions
    return sessions


def _jar(request: Request) -> Jar:
    """The request's cookies: ``__Host-`` ones over HTTPS (`gateway.api.review_cookies`)."""
    return jar(request, _sessions(request).secure_cookies)


def _csrf(request: Request, who: Officer) -> str:
    """The CSRF token of the forms of the officer's session."""
    return _sessions(request).csrf(who[1])


def when(moment: datetime | None) -> str:
    """A time as the pages show it: UTC, to the minute."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment is not None else "—"


PAGES.filters["when"] = when
