"""POST /v1/documents reads its key and writes its answer itself (no FastAPI dependency to solve, no
validation of the answer), and says so in the OpenAPI document as a route with the bearer dependency
did: the key is refused as `HTTPBearer` refuses it, and the answer is what FastAPI would have written.
A posted document is answered before the router (`DocumentsRoute`), its refusals as the router's
exception handler writes them."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.routing import APIRoute
from starlette.types import Receive, Scope, Send

from gateway.api.app import create_app
from gateway.api.routers import documents
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from tests.api.conftest import Gateway, example, issue_keys


def test_the_route_solves_no_dependency() -> None:
    route = next(r for r in documents.router.routes if isinstance(r, APIRoute))
    assert route.dependant.dependencies == []


def test_the_operation_still_asks_for_the_bearer_key(gateway: Gateway) -> None:
    document = gateway.client.get("/openapi.json").json()
    operation = document["paths"]["/v1/documents"]["post"]
    assert operation["security"] == [{"HTTPBearer": []}]
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert list(operation) == ["tags", "summary", "description", "operationId", "requestBody", "responses",
                               "security"]  # fmt: skip


@pytest.mark.parametrize("authorization", ["", "Bearer", "Bearer x y", "Basic a2V5", "bearer"])
def test_a_post_without_a_bearer_key_is_refused_first(gateway: Gateway, authorization: str) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    answer = gateway.client.post("/v1/documents", content=b"<not read/>", headers=headers)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert answer.json()["code"] == "request.unauthenticated"


def test_the_scheme_is_read_in_any_case(gateway: Gateway) -> None:
    token = gateway.tokens["kz-national"]
    answer = gateway.client.post(
        "/v1/documents",
        content=example("kz-eaeu-pi-manifest.xml"),
        headers={"Authorization": f"BEARER {token}"},
    )
    assert answer.status_code == 202, answer.text


def test_the_answer_is_written_as_fastapi_writes_a_model(gateway: Gateway) -> None:
    answer = gateway.post("kz-national", example("kz-eaeu-pi-manifest.xml"))
    assert answer.status_code == 202
    names = [name for name, _ in answer.headers.items()]
    assert names[-3:] == ["content-length", "content-type", "location"]  # after the server's own
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["location"] == f"/v1/messages/{answer.json()['message_id']}"
    assert list(answer.json()) == [
        "message_id",
        "reference",
        "status",
        "recipients",
        "held",
        "warning_count",
        "warning_codes",
        "warnings",
    ]


def test_a_posted_document_is_answered_before_the_router(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    routed: list[str] = []
    handle = APIRoute.handle

    async def counted(self: APIRoute, scope: Scope, receive: Receive, send: Send) -> None:
        routed.append(scope["path"])
        await handle(self, scope, receive, send)

    monkeypatch.setattr(APIRoute, "handle", counted)
    assert gateway.post("kz-national", example("kz-eaeu-pi-manifest.xml")).status_code == 202
    refused = gateway.post(None, b"<not read/>")
    assert refused.status_code == 401 and refused.json()["code"] == "request.unauthenticated"
    assert refused.headers["content-type"] == "application/problem+json"
    assert gateway.client.get("/health").status_code == 200
    assert routed == ["/health"]  # the other routes are the router's


@pytest.mark.parametrize("length", [b"\xb3", "\u0661\u0662".encode()], ids=["superscript-3", "arabic-12"])
def test_a_declared_length_that_is_no_ascii_number_is_no_server_error(
    length: bytes, normalizer: Normalizer, agreement_router: AgreementRouter
) -> None:
    """A Content-Length that `str.isdigit` calls digits and `int` refuses. uvicorn's HTTP parsers refuse
    it before the app; the app, called as any ASGI server may call it, must not fail on it either."""
    store = MemoryStore()
    token = issue_keys(store)["kz-national"]
    app = create_app(Settings(), store=store, normalizer=normalizer, router=agreement_router)
    body = example("kz-eaeu-pi-manifest.xml")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/v1/documents", "raw_path": b"/v1/documents", "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80),
        "headers": [
            (b"authorization", f"Bearer {token}".encode()),
            (b"content-type", b"application/xml"),
            (b"content-length", length),  # read as latin-1: "³", or "Ù¡Ù¢" whose "¡" is no digit
        ],
    }  # fmt: skip
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(message["status"] for message in sent if message["type"] == "http.response.start")
    assert status == 202, sent
