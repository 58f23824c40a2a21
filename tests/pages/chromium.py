"""Chromium for page tests: Debian's /usr/bin/chromium driven by playwright, kept off the network.

The usual headless flags do not keep Chromium off the network (it still looks up Google hosts), so it is
launched with exactly the flags of /work/shared/TOOLING.md ("Chromium for page tests"), and every request
to anything but 127.0.0.1 is aborted before it leaves and recorded, for a test to assert there was none.
Never `playwright install`: it downloads a browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, sync_playwright

EXECUTABLE = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]
LOOPBACK = re.compile(r"^http://127\.0\.0\.1:\d+/")


@contextmanager
def chromium_page(offsite: list[str], names: tuple[str, ...] = ()) -> Iterator[Page]:
    """A page of a fresh Chromium; requests off 127.0.0.1 are aborted and their URLs added to `offsite`.
    `names`: host names that Chromium resolves to 127.0.0.1 itself (no DNS is asked), reached over HTTP
    or HTTPS, a loopback server's self-signed certificate accepted (for sites of one domain)."""
    if not EXECUTABLE.exists():
        pytest.skip("Debian's chromium is not installed (./dev installs it)")
    flags, allowed = FLAGS, LOOPBACK
    if names:
        mapped = "".join(f"MAP {name} 127.0.0.1 , " for name in names)
        flags = [flag.replace("=MAP *", f"={mapped}MAP *") for flag in FLAGS]
        hosts = "|".join(re.escape(name) for name in ("127.0.0.1", *names))
        allowed = re.compile(rf"^https?://({hosts}):\d+/")
    with sync_playwright() as driver:
        # headless=False: the flags above hold --headless themselves, so that they are exactly those
        browser = driver.chromium.launch(executable_path=str(EXECUTABLE), args=flags, headless=False)
        try:
            context = browser.new_context(ignore_https_errors=bool(names))

            def guard(route: Route) -> None:
                if allowed.match(route.request.url):
                    route.continue_()
                else:
                    offsite.append(route.request.url)
                    route.abort()

            context.route("**/*", guard)
            yield context.new_page()
        finally:
            browser.close()
