"""The review pages' cookies (session, sign-in nonce, language): their names, paths and flags.

Served over HTTPS (the request came over HTTPS as the gateway sees it, or GATEWAY_REVIEW_SECURE_COOKIES
says that every request does), each cookie is a ``__Host-`` cookie: ``Secure``, ``Path=/``, no
``Domain``. A browser keeps such a cookie only when it was set over HTTPS without a Domain, for the host
name that set it, so a page of a sibling site (another subdomain of the agency's domain) cannot plant
one; and the pages read only the prefixed name there, so a plain ``gateway_review`` that such a page
planted for the parent domain is never read in its place. (Cookies do not tell ports apart: another
application on the gateway's own host name could still set them; docs/review.md says so.) Over plain
HTTP (the demo on 127.0.0.1) no cookie can be Secure, and the plain names and the narrower paths of
before are kept: docs/review.md says why a deployment must be HTTPS.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request, Response

HOST_PREFIX = "__Host-"


@dataclass(frozen=True, slots=True)
class Jar:
    """The cookies of one request: `secure` when it is served over HTTPS (`jar`)."""

    secure: bool

    def name(self, base: str) -> str:
        """The cookie's name: `base`, prefixed with ``__Host-`` over HTTPS."""
        return HOST_PREFIX + base if self.secure else base

    def read(self, request: Request, base: str) -> str | None:
        """The cookie's value; over HTTPS the prefixed cookie's only (a planted plain one is not read)."""
        return request.cookies.get(self.name(base))

    def put(self, answer: Response, base: str, value: str, max_age: int, path: str) -> None:
        """Set the cookie: HttpOnly, SameSite=Strict; over HTTPS Secure with Path=/ (else `path`)."""
        answer.set_cookie(
            self.name(base), value, max_age=max_age, path="/" if self.secure else path, httponly=True,
            samesite="strict", secure=self.secure,
        )  # fmt: skip

    def drop(self, answer: Response, base: str, path: str) -> None:
        """Have the browser forget the cookie (with the attributes it was set with: a browser refuses to
        replace a ``__Host-`` cookie by a Set-Cookie without Secure and Path=/)."""
        answer.delete_cookie(
            self.name(base), path="/" if self.secure else path, httponly=True, samesite="strict",
            secure=self.secure,
        )  # fmt: skip


def jar(request: Request, always_secure: bool) -> Jar:
    """The cookies of `request`: secure when it came over HTTPS, or when the deployment says that every
    request does (`always_secure`, GATEWAY_REVIEW_SECURE_COOKIES)."""
    return Jar(always_secure or request.url.scheme == "https")
