"""`/docs`, the API reference page, is made by the gateway from its OpenAPI document and fetches
nothing from elsewhere (FastAPI's Swagger UI loaded its scripts from cdn.jsdelivr.net: on a customs
network without the internet the integrator's first page was blank)."""

from __future__ import annotations

import re

from lxml import html

from tests.api.conftest import Gateway

OFFSITE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def test_the_reference_lists_every_operation_and_loads_nothing_from_elsewhere(gateway: Gateway) -> None:
    answer = gateway.client.get("/docs")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert OFFSITE.search(answer.text) is None, "no script, style or icon from another host"
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    shown = html.fromstring(answer.text)
    headings = [" ".join(h.text_content().split()) for h in shown.xpath("//section[@class='operation']/h2")]
    document = gateway.client.get("/openapi.json").json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert f"{method.upper()} {path} {operation['summary']}" in headings
    assert shown.xpath("//section[@id='schema-Acknowledgement']//td/code/text()")[:2] == [
        "message_id",
        "reference",
    ]


def test_the_inbox_parameters_and_answers_are_on_the_page(gateway: Gateway) -> None:
    shown = html.fromstring(gateway.client.get("/docs").text)
    inbox = shown.xpath("//section[@class='operation'][h2/code='GET /v1/inbox/{country}']")[0]
    rows = [
        [" ".join(cell.text_content().split()) for cell in row.xpath("td")]
        for row in inbox.xpath(".//tbody/tr")
    ]
    assert ["limit", "query", "integer (≥ 1, ≤ 500)", "no"] in [row[:4] for row in rows]
    assert ["200", "InboxPage"] in [row[:2] for row in rows]
    assert ["403", "ProblemDetails"] in [row[:2] for row in rows]


def test_the_operations_say_what_an_integrator_needs_not_the_code_s_insides(gateway: Gateway) -> None:
    shown = html.fromstring(gateway.client.get("/docs").text)
    posting = shown.xpath("string(//section[@class='operation'][h2/code='POST /v1/documents']/p[1])")
    assert "refused (422) with every issue" in posting
    assert "_receive_large" not in posting and "thread hop" not in posting


def test_swagger_and_redoc_are_not_served(gateway: Gateway) -> None:
    assert gateway.client.get("/redoc").status_code == 404
    assert gateway.client.get("/docs/oauth2-redirect").status_code == 404
