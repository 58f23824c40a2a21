"""Every request leaves one log line with its status and key; a posted document's line has its message ID."""

from __future__ import annotations

import logging
import socket
import time

import pytest
from fastapi import FastAPI, Request

from gateway.access.keys import create_key, revoke_key
from gateway.api import problems
from gateway.api.app import RequestLog
from gateway.service.log import JsonFormatter, TextFormatter
from tests.api.conftest import Gateway, ServerThread, example


def test_a_post_is_logged_with_its_message_id(gateway: Gateway, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gateway")
    message_id = gateway.post("kz-national", example("kz-eaeu-pi-manifest.xml")).json()["message_id"]
    gateway.post("kz-national", b"<broken")
    lines = [r for r in caplog.records if r.name == "gateway.http"]
    posted = [r for r in lines if getattr(r, "message_id", None) == message_id]
    assert len(posted) == 1 and posted[0].status == 202 and posted[0].path == "/v1/documents"  # type: ignore[attr-defined]
    assert posted[0].key_id == gateway.tokens["kz-national"].split("_")[1]  # type: ignore[attr-defined]
    refused = [r for r in caplog.records if r.getMessage() == "request:refused"]
    assert [r.code for r in refused] == ["document.rejected"]  # type: ignore[attr-defined]


def _spoiled(name: str, *changes: tuple[bytes, bytes]) -> bytes:
    document = example(name)
    for old, new in changes:
        assert old in document
        document = document.replace(old, new)
    return document


def _refused(caplog: pytest.LogCaptureFixture) -> logging.LogRecord:
    found = _records(caplog, "request:refused")
    assert len(found) == 1
    caplog.clear()
    return found[0]


def test_a_refusal_is_logged_with_the_key_id_and_the_codes_of_its_errors(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    """ "Why are KZ's documents refused?" is answered by the log alone: each `request:refused` line has
    the ID of the key that posted (never the key itself), the codes of the errors the sender was answered
    with, each once, and how many errors there were; warnings do not count (they refuse nothing)."""
    caplog.set_level(logging.INFO, logger="gateway")
    kazakh = _spoiled(
        "kz-eaeu-pi-manifest.xml",
        (b"2024-05-14T07:30:00", b"2024-05-14 morning"),
        (b">12.06<", b">twelve<"),
        (b'measurementUnitCode="166">8064', b'measurementUnitCode="XYZ">8064'),
    )
    assert gateway.post("kz-national", kazakh).status_code == 422
    line = _refused(caplog)
    assert line.key_id == gateway.tokens["kz-national"].split("_")[1]  # type: ignore[attr-defined]
    assert line.issue_codes == ["value.bad-datetime", "value.bad-number", "value.bad-unit"]  # type: ignore[attr-defined]
    assert line.issue_count == 5 and line.code == "document.rejected"  # type: ignore[attr-defined]
    written = JsonFormatter().format(line)
    assert (
        '"issue_count": 5, "issue_codes": ["value.bad-datetime", "value.bad-number", "value.bad-unit"]'
        in written
    )
    text = TextFormatter().format(line)
    assert text.endswith("issue_count=5 issue_codes=value.bad-datetime,value.bad-number,value.bad-unit")
    georgian = create_key(gateway.store, "Georgia Revenue Service", "GE", "national", gateway.store.clock())
    spoiled = _spoiled(
        "ncts-cc015c.xml",
        (b"<grossMass>50000.000<", b"<grossMass>heavy<"),
        (b"<type>N730</type>", b"<type>N714</type>"),  # a house bill of lading: outside the 1001 extract
    )
    answer = gateway.client.post(
        "/v1/documents", content=spoiled, headers={"Authorization": f"Bearer {georgian[1]}"}
    )
    assert {issue["severity"] for issue in answer.json()["issues"]} == {"error", "warning"}
    line = _refused(caplog)
    errors = [issue for issue in answer.json()["issues"] if issue["severity"] == "error"]
    assert (line.key_id, line.issue_codes, line.issue_count) == (
        georgian[0].key_id,
        ["value.bad-number"],
        len(errors),
    )  # type: ignore[attr-defined]
    unknown = "gw_0123456789abcdef_notakey"
    assert (
        gateway.client.post(
            "/v1/documents", content=b"<x/>", headers={"Authorization": f"Bearer {unknown}"}
        ).status_code
        == 401
    )
    line = _refused(caplog)
    assert not hasattr(line, "key_id") and line.issue_codes == ["request.unauthenticated"]  # type: ignore[attr-defined]
    assert "notakey" not in caplog.text and "notakey" not in JsonFormatter().format(line)


def test_a_refusal_of_a_revoked_key_is_logged_with_its_key_id(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    """On call, "the system says it is refused": a revoked key's 401 names the key, whose secret was right
    (the operator finds the system in `gateway keys list`); a wrong secret under the same ID names none."""
    caplog.set_level(logging.INFO, logger="gateway")
    now = gateway.store.clock()  # type: ignore[attr-defined]
    key, token = create_key(gateway.store, "Kyrgyz customs", "KG", "national", now)
    revoke_key(gateway.store, key.key_id, now)
    for presented, logged in ((token, key.key_id), (f"gw_{key.key_id}_wrongsecret", None)):
        headers = {"Authorization": f"Bearer {presented}"}
        assert gateway.client.post("/v1/documents", content=b"<x/>", headers=headers).status_code == 401
        line = _refused(caplog)
        assert getattr(line, "key_id", None) == logged and line.code == "request.unauthenticated"  # type: ignore[attr-defined]
        assert presented.split("_", 2)[2] not in JsonFormatter().format(line)  # a secret may hold "_"


def test_a_client_leaving_mid_body_is_not_a_server_failure(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    """A national system whose connection drops half way through a post is a coded, quiet outcome: logged
    as `request:abandoned` (code request.abandoned, status 499) without a traceback, counted in a metric,
    never `server.error`; nothing is stored, and the gateway goes on answering."""
    caplog.set_level(logging.INFO, logger="gateway")
    host, port = gateway.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            b"POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"Authorization: Bearer {gateway.tokens['kz-national']}\r\n".encode()
            + b"Content-Type: application/xml\r\nContent-Length: 100000\r\n\r\n<?xml version='1.0'?><Doc"
        )
        time.sleep(0.3)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not _request_lines(caplog, 499):
        time.sleep(0.05)
    abandoned = _records(caplog, "request:abandoned")
    assert [(r.code, r.status) for r in abandoned] == [("request.abandoned", 499)]  # type: ignore[attr-defined]
    assert [r.path for r in _request_lines(caplog, 499)] == ["/v1/documents"]  # type: ignore[attr-defined]
    assert not _records(caplog, "request:failed") and not _request_lines(caplog, 500)
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.WARNING]
    assert "server.error" not in caplog.text
    assert "gateway_requests_abandoned_total 1.0" in gateway.get(None, "/metrics").text
    assert (
        'gateway_documents_rejected_total{code="request.abandoned"}' not in gateway.get(None, "/metrics").text
    )
    assert gateway.store.delivery_counts() == {} or sum(gateway.store.delivery_counts().values()) == 0
    assert gateway.get(None, "/health").status_code == 200


def _request_lines(caplog: pytest.LogCaptureFixture, status: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "gateway.http" and getattr(r, "status", None) == status]


def _records(caplog: pytest.LogCaptureFixture, message: str) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.getMessage() == message]


def test_any_route_left_mid_body_is_logged_as_abandoned_not_failed(caplog: pytest.LogCaptureFixture) -> None:
    """The safety net for routes that read a body without the documents route's care: a client that
    leaves is logged with status 499 and code request.abandoned, never as a failure with a traceback."""
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    problems.install(app)
    app.add_middleware(RequestLog)
    caplog.set_level(logging.INFO, logger="gateway")
    with ServerThread(app) as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            connection.sendall(b"POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{")
            time.sleep(0.3)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _request_lines(caplog, 499):
            time.sleep(0.05)
    assert [r.path for r in _request_lines(caplog, 499)] == ["/echo"]  # type: ignore[attr-defined]
    assert [r.code for r in _records(caplog, "request:abandoned")] == ["request.abandoned"]  # type: ignore[attr-defined]
    assert not _records(caplog, "request:failed") and not [r for r in caplog.records if r.exc_info]
