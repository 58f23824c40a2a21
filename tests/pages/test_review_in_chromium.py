"""An officer in Chromium against `gateway serve --demo` on 127.0.0.1: signs in with China's partner key,
opens the Kazakh manifest, sees «Қорғас» resolved to Khorgos, proposes a correction of it, acknowledges
it, and the inbox is empty."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.pages.chromium import chromium_page

PROJECT = Path(__file__).parent.parent.parent
KEY_LINE = re.compile(r"^\s+CN partner\s+(gw_\S+)$", re.MULTILINE)
REVIEW_LINE = re.compile(r"^demo: review page\s+(http://127\.0\.0\.1:\d+/review)\s", re.MULTILINE)


def _demo_output(process: subprocess.Popen[str]) -> str:
    """The demo's output up to its last line (`demo: API ...`): the walk-through is done."""
    lines: list[str] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.stdout is not None:
        line = process.stdout.readline()
        lines.append(line)
        if not line or line.startswith("demo: API"):
            break
    return "".join(lines)


@pytest.mark.slow
def test_an_officer_reviews_and_acknowledges_the_kazakh_manifest(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from gateway.cli.main import main; main()", "serve", "--demo"]
    env = os.environ | {"PYTHONPATH": str(PROJECT), "TMPDIR": str(tmp_path)}
    offsite: list[str] = []
    with subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    ) as process:  # fmt: skip
        try:
            text = _demo_output(process)
            key, review = KEY_LINE.search(text), REVIEW_LINE.search(text)
            assert key is not None and review is not None, text
            with chromium_page(offsite) as page:
                _review(page, review[1], key[1])
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(20)
    assert offsite == [], "nothing but 127.0.0.1 was asked for"


def _review(page: Page, url: str, key: str) -> None:
    page.goto(url)
    assert page.url.endswith("/review/sign-in")
    page.fill("#key", key)
    page.click("button[type=submit]")
    rows = page.locator("table.inbox tbody tr")
    assert rows.count() == 1, "the demo's second manifest waits; the first was acknowledged"
    assert "cargo-report" in rows.first.inner_text() and "KZ" in rows.first.inner_text()
    rows.first.locator("a").click()
    khorgos = page.locator("tr", has=page.locator("span.original", has_text="Қорғас (Хоргос), ҚХР"))
    assert khorgos.locator("dd.english").inner_text() == "Khorgos"
    assert khorgos.locator("dd.code").inner_text() == "CNHRS"
    assert khorgos.locator("span.exact").inner_text() == "code-list · score 1"
    assert page.locator("tr.guessed span.guess").count() >= 1
    page.click("nav.languages a[lang=zh-Hans]")  # the switch: a link, remembered in a cookie
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert khorgos.locator("dd.own-form").inner_text() == "霍尔果斯", "the officer's language first"
    assert page.locator("form.acknowledge button").inner_text() == "确认接收：已审核，移出收件箱"
    page.click("nav.languages a[lang=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    khorgos.locator("details.correct summary").click()  # no script: the browser opens it
    khorgos.locator("input[name=english]").fill("Khorgos East")
    khorgos.locator("input[name=code]").fill("cnhrs")
    khorgos.locator("form.correction button").click()
    assert "kept for the terminologists" in page.locator("p.proposed").inner_text()
    page.click("form.acknowledge button")
    assert "acknowledged" in page.locator("p.done").inner_text()
    assert page.locator("p.empty").inner_text() == "The inbox is empty."
    copied = page.context.cookies()  # the session cookie, as copied off a shared terminal
    page.click("form[action='/review/sign-out'] button")
    assert page.url.endswith("/review/sign-in")
    page.context.add_cookies(copied)  # the copy put back: the session has ended in the store
    page.goto(f"{url}/inbox")
    assert page.url.endswith("/review/sign-in?ended=1"), "a cookie copied before sign-out is refused"
    assert "Your session has ended" in page.locator("p.refused").inner_text()
