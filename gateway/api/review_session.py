"""The officers' review sessions: a row in the store per sign-in, named by a random ID that the session
cookie carries, signed; never the key itself.

A session cookie reads ``v2.<session ID, 43 random URL-safe characters>.<HMAC-SHA256 of the rest, hex>``.
The store keeps the session's row under the SHA-256 of that ID (`ReviewSession`: key ID, country,
created, expires, ended), so a copy of the table signs no one in. Every request checks the signature,
then the row (kept, not ended, not expired), then the key in the store: a key revoked or past its
rotation overlap ends its sessions at once. Signing out ends the row, so the cookie is refused at once
wherever it was copied to. Signing in always makes a new ID (never one the browser sent: no session
fixation), ends the session the browser had, deletes the key's oldest sessions beyond its
`GATEWAY_REVIEW_SESSIONS_PER_KEY` newest, and sweeps at most `SWEEP_BATCH` expired rows. The cookies'
names and flags (``__Host-`` over HTTPS) are `gateway.api.review_cookies`'.

A form's CSRF token is the HMAC of the session cookie under another label, so it is tied to that session
and changes with it. The sign-in form's token is tied the same way to a pre-session cookie
(`SIGN_IN_COOKIE`, a random nonce), so that no other site can sign an officer's browser in with a key of
its own (login CSRF).

The signing secret is `GATEWAY_REVIEW_SECRET`, or 32 random bytes made once and kept in
``data_dir/review-secret`` (readable by the gateway's user only; every process of one data folder reads
the same file).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from gateway.access.keys import Principal, is_active
from gateway.access.roles import may_read_inbox
from gateway.settings import Settings
from gateway.store.port import ReviewSession, Store

COOKIE = "gateway_review"
SIGN_IN_COOKIE = "gateway_review_sign_in"
"""The pre-session cookie of the sign-in form: a random nonce whose token the form sends back."""
VERSION = "v2"
LIFETIME = timedelta(hours=8)
"""How long a session lasts after sign-in (a working shift); sign-out and the key's state end it sooner."""
SWEEP_BATCH = 100
"""Expired session rows deleted at most per sign-in: each sign-in adds one row and removes up to 100
expired ones, so the expired rows left shrink whenever officers sign in, and a sign-in's cost is bounded."""
SECRET_FILE = "review-secret"
PER_KEY = 20
"""Most sessions a key keeps by default (GATEWAY_REVIEW_SESSIONS_PER_KEY): a sign-in beyond them ends the
oldest, so that a key signing in in a loop keeps at most that many rows, not one per sign-in."""


class Sessions:
    """Issues and checks the signed session cookies and their CSRF tokens; the secret is read (or made)
    when first needed, so that an app whose pages nobody opens writes nothing."""

    def __init__(
        self, secret: Callable[[], bytes], secure_cookies: bool = False, per_key: int = PER_KEY
    ) -> None:
        self._source, self._secret = secret, b""
        self.secure_cookies, self.per_key = secure_cookies, per_key

    @property
    def secret(self) -> bytes:
        if not self._secret:
            self._secret = self._source()
        return self._secret

    def issue(self, session_id: str) -> str:
        """The session cookie of `session_id` (`begin`)."""
        body = f"{VERSION}.{session_id}"
        return f"{body}.{self._sign('session', body)}"

    def session_id(self, cookie: str | None) -> str | None:
        """The session ID a well-signed cookie names; None for anything else (the row decides the rest)."""
        parts = (cookie or "").split(".")
        if len(parts) != 3 or parts[0] != VERSION or not parts[1]:
            return None
        if not same(parts[2], self._sign("session", f"{parts[0]}.{parts[1]}")):
            return None
        return parts[1]

    def csrf(self, cookie: str) -> str:
        """The CSRF token of forms posted in the session `cookie`."""
        return self._sign("csrf", cookie)

    def csrf_ok(self, cookie: str, token: str | None) -> bool:
        """Whether `token` is the CSRF token of the session `cookie`."""
        return token is not None and same(token, self.csrf(cookie))

    def sign_in_token(self, nonce: str) -> str:
        """The token of the sign-in form shown with the pre-session cookie `nonce`."""
        return self._sign("sign-in", nonce)

    def sign_in_ok(self, nonce: str, token: str | None) -> bool:
        """Whether `token` is the sign-in form's token of the pre-session cookie `nonce`."""
        return token is not None and same(token, self.sign_in_token(nonce))

    def _sign(self, label: str, text: str) -> str:
        return hmac.new(self.secret, f"{label}:{text}".encode(), hashlib.sha256).hexdigest()


def same(offered: str, expected: str) -> bool:
    """Whether a token or signature the browser sent is `expected`, in constant time. Compared as UTF-8
    bytes: `hmac.compare_digest` raises TypeError for a str that is not ASCII, and a form field or a
    cookie (a header read as Latin-1) can be anything."""
    return hmac.compare_digest(offered.encode("utf-8", "surrogatepass"), expected.encode())


def begin(store: Store, who: Principal, now: datetime, ended: str | None = None, most: int = PER_KEY) -> str:
    """A new session of the signed-in `who` (a new random ID, its row kept), the browser's session
    `ended` first, the key's sessions but its `most` - 1 newest deleted (their officers see the sign-in
    page, as after expiry), and at most SWEEP_BATCH expired rows swept; the ID, for the cookie."""
    if ended is not None:
        store.end_review_session(row_id(ended), now)
    store.sweep_review_sessions(now, SWEEP_BATCH)
    store.trim_review_sessions(who.key_id, most - 1)
    session_id = secrets.token_urlsafe(32)
    row = ReviewSession(row_id(session_id), who.key_id, who.country or "", now, now + LIFETIME)
    store.open_review_session(row)
    return session_id


def end(store: Store, session_id: str, now: datetime) -> None:
    """Sign-out: the session's row ended, so its cookie is refused wherever it was copied to."""
    store.end_review_session(row_id(session_id), now)


def row_id(session_id: str) -> str:
    """The store's name of a session: the SHA-256 of its ID, hex."""
    return hashlib.sha256(session_id.encode()).hexdigest()


def officer(store: Store, session_id: str, now: datetime) -> Principal | None:
    """The principal of a session when it may still review: its row kept, not ended and not expired, its
    key active, and a country's partner agency or national system (who reads that country's inbox,
    `may_read_inbox`)."""
    session = store.review_session(row_id(session_id))
    if session is None or session.ended_at is not None or session.expires_at <= now:
        return None
    key = store.key(session.key_id)
    if key is None or not is_active(key, now) or key.country != session.country:
        return None
    who = Principal(key.key_id, key.organisation, key.country, key.role)
    return who if may_read_inbox(who, key.country) else None


def sessions_from(settings: Settings) -> Sessions:
    """The sessions of `settings`: signed with GATEWAY_REVIEW_SECRET, else with the data folder's secret."""
    given, folder = settings.review_secret, settings.data_dir
    cookies, most = settings.review_secure_cookies, settings.review_sessions_per_key
    if given is not None:
        if len(given.get_secret_value()) < 32:
            raise ValueError("GATEWAY_REVIEW_SECRET must be at least 32 characters (secrets.token_hex(32))")
        return Sessions(lambda: given.get_secret_value().encode(), cookies, most)
    return Sessions(lambda: folder_secret(folder), cookies, most)


def folder_secret(folder: Path) -> bytes:
    """The secret kept in `folder`, made on first use (exclusively: two processes starting together agree
    on one)."""
    path = folder / SECRET_FILE
    folder.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_secret(path)
    with os.fdopen(handle, "w", encoding="ascii") as file:
        file.write(secrets.token_hex(32))
    return _read_secret(path)


def _read_secret(path: Path) -> bytes:
    for _ in range(100):  # another process that made the file may still be writing it
        text = path.read_text(encoding="ascii").strip()
        if len(text) >= 32:
            return text.encode()
        time.sleep(0.01)
    raise RuntimeError(f"{path} holds no secret: delete it to have a new one made")
