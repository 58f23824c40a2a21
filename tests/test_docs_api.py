"""docs/api.md shows an integrator what a refused document answers and what `gateway normalize` says of
it. These tests run the doc's own commands on the doc's own example and compare, word for word."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from gateway.access.keys import create_key
from gateway.agreements import Agreements
from gateway.api.app import create_app
from gateway.cli.main import main
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from tests.api.conftest import ServerThread

PROJECT = Path(__file__).parent.parent
API = (PROJECT / "docs" / "api.md").read_text(encoding="utf-8")
ERRORS = API.split("## Errors: one shape everywhere\n", 1)[1]
REFUSED = API.split("### When a document is refused\n", 1)[1]
INBOX = API.split("### Reading an inbox\n", 1)[1].split("\n### ", 1)[0]
PARTNER: list[str] = []
"""The key of China's partner agency in the gateway of `client`."""


def _block(text: str, language: str) -> str:
    return text.split(f"```{language}\n", 1)[1].split("```", 1)[0]


@pytest.fixture(scope="module")
def spoiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example manifest spoiled by the doc's own `sed` command."""
    command = _block(ERRORS, "sh").splitlines()[0]
    found = re.fullmatch(r"sed 's/([^/]+)/([^/]+)/' (\S+) > (\S+)", command)
    assert found, command
    before, after, source, target = found.groups()
    text = (PROJECT / source).read_text(encoding="utf-8")
    assert text.count(before) == 1
    path = tmp_path_factory.mktemp("integrator") / target
    path.write_text(text.replace(before, after), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client(normalizer: Normalizer) -> Iterator[httpx.Client]:
    """A gateway on loopback, and a client with a Kazakh national system's key."""
    store = MemoryStore()
    router = AgreementRouter(Agreements.load(Settings().agreements_dir), normalizer.registry)
    app = create_app(Settings(), store=store, normalizer=normalizer, router=router)
    token = create_key(store, "Kazakhstan SRC", "KZ", "national", store.clock())[1]
    headers = {"Authorization": f"Bearer {token}"}
    PARTNER.append(create_key(store, "Urumqi customs", "CN", "partner", store.clock())[1])
    with ServerThread(app) as url, httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        yield client


def test_the_refusal_shown_is_what_the_gateway_answers(spoiled: Path, client: httpx.Client) -> None:
    answer = client.post("/v1/documents", content=spoiled.read_bytes())
    assert answer.status_code == 422
    assert answer.json() == json.loads(_block(ERRORS, "json"))


def test_the_normalize_line_shown_is_what_the_command_prints(spoiled: Path) -> None:
    shown = _block(REFUSED, "sh").splitlines()
    assert shown[0] == f"gateway normalize {spoiled.name} > /dev/null"
    result = CliRunner().invoke(main, ["normalize", str(spoiled)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [shown[1].removeprefix("# ")]


def test_the_refusal_of_another_country_s_document_is_worded_as_shown(client: httpx.Client) -> None:
    answer = client.post(
        "/v1/documents", content=(PROJECT / "examples" / "cn-gacc-manifest.xml").read_bytes()
    )
    assert answer.status_code == 403
    assert f"`{answer.json()['detail']}`" in " ".join(REFUSED.split())


def test_a_refused_reference_is_free_for_the_fixed_document(spoiled: Path, client: httpx.Client) -> None:
    assert client.post("/v1/documents", content=spoiled.read_bytes()).status_code == 422
    fixed = client.post(
        "/v1/documents", content=(PROJECT / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes()
    )
    assert fixed.status_code == 202 and "under the same reference" in REFUSED


def test_an_inbox_page_has_the_fields_shown_and_an_empty_page_keeps_the_cursor(client: httpx.Client) -> None:
    client.post("/v1/documents", content=(PROJECT / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes())
    china = {"Authorization": f"Bearer {PARTNER[-1]}"}
    page = client.get("/v1/inbox/CN", params={"after": 0, "limit": 100}, headers=china).json()
    shown = json.loads(re.sub(r'"[^"]*\.\.\.[^"]*"', '""', _block(INBOX, "json")))
    assert sorted(page) == sorted(shown) and sorted(page["items"][0]) == sorted(shown["items"][0])
    last = page["next_after"]
    assert client.get("/v1/inbox/CN", params={"after": last}, headers=china).json() == {
        "items": [],
        "next_after": last,
    }
    one = client.get(f"/v1/inbox/CN/{last}", headers=china)
    assert {"gateway-message-id", "gateway-delivery-id"} <= set(one.headers)
    assert "`Gateway-Message-Id` and `Gateway-Delivery-Id`" in INBOX


def test_the_acknowledgement_points_at_the_status_as_shown(client: httpx.Client) -> None:
    answer = client.post(
        "/v1/documents", content=(PROJECT / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes()
    )
    assert answer.status_code == 202
    assert answer.headers["location"] == f"/v1/messages/{answer.json()['message_id']}"
    assert "`Location` header is the message's status, `/v1/messages/<message_id>`" in " ".join(API.split())


VARYING = {"message_id", "at", "received_at", "next_attempt_at", "expires_at", "delivered_at", "digest"}
"""Fields of a message status whose values change from run to run: compared by presence only."""


def _same_shape(real: object, shown: object, where: str = "") -> None:
    if isinstance(shown, dict):
        assert isinstance(real, dict) and list(real) == list(shown), where
        for name, value in shown.items():
            if name not in VARYING:
                _same_shape(real[name], value, f"{where}/{name}")
    elif isinstance(shown, list):
        assert isinstance(real, list) and len(real) == len(shown), where
        for index, (one, other) in enumerate(zip(real, shown, strict=True)):
            _same_shape(one, other, f"{where}[{index}]")
    else:
        assert real == shown, where


def test_the_status_shown_is_what_the_sender_reads_once_acknowledged(client: httpx.Client) -> None:
    answer = client.post(
        "/v1/documents", content=(PROJECT / "examples" / "kz-eaeu-pi-manifest.xml").read_bytes()
    )
    china = {"Authorization": f"Bearer {PARTNER[-1]}"}
    delivery = client.get("/v1/inbox/CN", headers=china).json()["items"][0]["delivery_id"]
    assert client.post(f"/v1/inbox/CN/{delivery}/acknowledgement", headers=china).status_code == 204
    status = client.get(f"/v1/messages/{answer.json()['message_id']}").json()
    section = API.split("### Message status and its events\n", 1)[1]
    _same_shape(status, json.loads(_block(section, "json")))


def _curl_lines() -> list[str]:
    """Every curl command of README.md and docs/, continuation lines joined."""
    pages = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("**/*.md"))]
    text = "\n".join(page.read_text(encoding="utf-8").replace("\\\n", " ") for page in pages)
    return re.findall(r"^curl .*$", text, re.MULTILINE)


def test_every_curl_shown_asks_for_an_operation_the_api_has(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    lines = _curl_lines()
    assert len(lines) >= 8
    for line in lines:
        method = "post" if "-X POST" in line else "get"
        url = httpx.URL(re.search(r"http://127\.0\.0\.1:\d+\S*", line)[0].strip('"'))  # type: ignore[index]
        found = [
            item[method]
            for path, item in paths.items()
            if method in item and re.fullmatch(re.sub(r"\{\w+\}", r"[^/]+", path), url.path)
        ]
        assert found, line
        known = {
            parameter["name"] for parameter in found[0].get("parameters", []) if parameter["in"] == "query"
        }
        assert set(url.params) <= known, line
