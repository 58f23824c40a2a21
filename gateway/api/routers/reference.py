"""`/docs`: the API reference as one HTML page made from the OpenAPI document, with nothing fetched from
elsewhere.

FastAPI's own `/docs` (Swagger UI) and `/redoc` load their scripts and styles from cdn.jsdelivr.net and
a favicon from fastapi.tiangolo.com: on a customs network without the internet they were blank pages,
and elsewhere they told a third party who opened them. This page is rendered by the gateway (Jinja2,
every value escaped, no JavaScript) with the review pages' stylesheet, under their security headers.
It is in English, as the OpenAPI document it shows is: its template lies apart from the review pages'
(`templates/reference/`), whose words are translated through `review_text` and checked for English.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from gateway.api.routers.review import HEADERS, PAGES

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


@router.get("/docs")
async def reference(request: Request) -> HTMLResponse:
    """Every operation of `/openapi.json` (path, summary, parameters, body, answers) and its schemas."""
    document = request.app.openapi()
    body = PAGES.get_template("reference/api.html").render(
        info=document["info"],
        about=_reflowed(document["info"].get("description", "")),
        operations=operations(document),
        schemas=schemas(document),
    )
    return HTMLResponse(body, headers=HEADERS)


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The operations in the document's order, each with its method, path and answers' schemas named."""
    return [
        _operation(method, path, item[method])
        for path, item in document.get("paths", {}).items()
        for method in METHODS
        if method in item
    ]


def _operation(method: str, path: str, operation: dict[str, Any]) -> dict[str, Any]:
    body = operation.get("requestBody", {})
    answers = [
        {"status": status, "description": answer.get("description", ""), "schema": _named(answer)}
        for status, answer in operation.get("responses", {}).items()
    ]
    return {
        "id": operation.get("operationId", f"{method}-{path}"),
        "method": method.upper(),
        "path": path,
        "summary": operation.get("summary", ""),
        "description": _reflowed(operation.get("description", "")),
        "parameters": [_parameter(parameter) for parameter in operation.get("parameters", [])],
        "body": {"description": body.get("description", ""), "media": list(body.get("content", {}))},
        "answers": answers,
    }


def schemas(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The named schemas with their fields: name, type, whether required, description."""
    found = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        fields = [
            {
                "name": field,
                "type": _type(value),
                "required": field in required,
                "description": value.get("description", ""),
            }
            for field, value in schema.get("properties", {}).items()
        ]
        found.append({"name": name, "description": schema.get("description", ""), "fields": fields})
    return found


def _parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    schema = parameter.get("schema", {})
    return {
        "name": parameter["name"],
        "where": parameter.get("in", ""),
        "required": parameter.get("required", False),
        "type": _type(schema),
        "description": parameter.get("description", schema.get("description", "")),
    }


def _named(answer: dict[str, Any]) -> str:
    """The schema name of an answer's body (the first media type that has one), or ''."""
    for media in answer.get("content", {}).values():
        reference = media.get("schema", {}).get("$ref")
        if reference:
            return str(reference).rsplit("/", 1)[-1]
    return ""


def _type(schema: dict[str, Any]) -> str:
    """A schema's type in a few words: `integer`, `array of InboxItem`, `string or null`."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"array of {_type(schema.get('items', {}))}"
    kind = str(schema.get("type", "any"))
    if "enum" in schema:
        return f"{kind}: " + ", ".join(str(value) for value in schema["enum"])
    bounds = [f"{word} {schema[key]}" for key, word in (("minimum", "≥"), ("maximum", "≤")) if key in schema]
    return f"{kind} ({', '.join(bounds)})" if bounds else kind


def _reflowed(text: str) -> str:
    """A docstring's paragraphs without their hard line breaks (the page wraps them itself)."""
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in text.split("\n\n"))
