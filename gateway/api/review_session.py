"""The officers' review sessions: a cookie that names a key and an expiry, signed, never the key itself.

A session cookie reads ``v1.<key ID>.<expiry, Unix seconds>.<HMAC-SHA256 of the rest, hex>``. The key ID
is public (it names the key in lists and logs); the signature proves the gateway issued the cookie after
the key's secret was pasted. Every request checks the signature, the expiry, and the key in the store:
a key revoked or past its rotation overlap ends its sessions at once. A form's CSRF token is the HMAC of
the session cookie under another label, so it is tied to that session and changes with it. The sign-in
form's token is tied the same way to a pre-session cookie (`SIGN_IN_COOKIE`, a random nonce), so that
no other site can sign an officer's browser in with a key of its own (login CSRF).

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
from gateway.store.port import Store

COOKIE = "gateway_review"
SIGN_IN_COOKIE = "gateway_review_sign_in"
"""The pre-session cookie of the sign-in form: a random nonce whose token the form sends back."""
VERSION = "v1"
LIFETIME = timedelta(hours=8)
"""How long a session lasts after sign-in (a working shift); the key's own state ends it sooner."""
SECRET_FILE = "review-secret"


class Sessions:
    """Issues and checks the signed session cookies and their CSRF tokens; the secret is read (or made)
    when first needed, so that an app whose pages nobody opens writes nothing."""

    def __init__(self, secret: Callable[[], bytes]) -> None:
        self._source, self._secret = secret, b""

    @property
    def secret(self) -> bytes:
        if not self._secret:
            self._secret = self._source()
        return self._secret

    def issue(self, key_id: str, now: datetime) -> str:
        """A session cookie for `key_id`, valid for LIFETIME from `now`."""
        body = f"{VERSION}.{key_id}.{int((now + LIFETIME).timestamp())}"
        return f"{body}.{self._sign('session', body)}"

    def key_id(self, cookie: str | None, now: datetime) -> str | None:
        """The key ID a well-signed, unexpired cookie names; None for anything else."""
        parts = (cookie or "").split(".")
        if len(parts) != 4 or parts[0] != VERSION or not parts[2].isdigit():
            return None
        body = ".".join(parts[:3])
        if not hmac.compare_digest(parts[3], self._sign("session", body)):
            return None
        return parts[1] if int(parts[2]) > now.timestamp() else None

    def csrf(self, cookie: str) -> str:
        """The CSRF token of forms posted in the session `cookie`."""
        return self._sign("csrf", cookie)

    def csrf_ok(self, cookie: str, token: str | None) -> bool:
        """Whether `token` is the CSRF token of the session `cookie`."""
        return token is not None and hmac.compare_digest(token, self.csrf(cookie))

    def sign_in_token(self, nonce: str) -> str:
        """The token of the sign-in form shown with the pre-session cookie `nonce`."""
        return self._sign("sign-in", nonce)

    def sign_in_ok(self, nonce: str, token: str | None) -> bool:
        """Whether `token` is the sign-in form's token of the pre-session cookie `nonce`."""
        return token is not None and hmac.compare_digest(token, self.sign_in_token(nonce))

    def _sign(self, label: str, text: str) -> str:
        return hmac.new(self.secret, f"{label}:{text}".encode(), hashlib.sha256).hexdigest()


def officer(store: Store, key_id: str, now: datetime) -> Principal | None:
    """The principal of a session's key when it may still review: active, and a country's partner agency
    or national system (who reads that country's inbox, `may_read_inbox`)."""
    key = store.key(key_id)
    if key is None or not is_active(key, now) or key.country is None:
        return None
    who = Principal(key.key_id, key.organisation, key.country, key.role)
    return who if may_read_inbox(who, key.country) else None


def sessions_from(settings: Settings) -> Sessions:
    """The sessions of `settings`: signed with GATEWAY_REVIEW_SECRET, else with the data folder's secret."""
    given, folder = settings.review_secret, settings.data_dir
    if given is not None:
        if len(given.get_secret_value()) < 32:
            raise ValueError("GATEWAY_REVIEW_SECRET must be at least 32 characters (secrets.token_hex(32))")
        return Sessions(lambda: given.get_secret_value().encode())
    return Sessions(lambda: folder_secret(folder))


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
