"""docs/api.md is a contract: every operation of the app and every problem status is described there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gateway.api.app import create_app
from gateway.api.problems import STATUSES
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.memory import MemoryStore

API_DOC = (Path(__file__).parent.parent.parent / "docs" / "api.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def operations(normalizer: Normalizer, agreement_router: AgreementRouter) -> list[str]:
    app = create_app(Settings(), store=MemoryStore(), normalizer=normalizer, router=agreement_router)
    return [f"{method.upper()} {path}" for path, item in app.openapi()["paths"].items() for method in item]


def test_every_operation_is_in_the_api_guide(operations: list[str]) -> None:
    missing = [operation for operation in operations if f"`{operation}`" not in API_DOC]
    assert not missing


@pytest.mark.parametrize("error", sorted(STATUSES, key=lambda error: error.code))
def test_every_problem_status_is_in_the_api_guide(error: type) -> None:
    assert f"| {STATUSES[error]} | `{error.code}` |" in API_DOC


def test_the_acknowledgement_in_the_guide_has_every_field_of_the_schema(
    normalizer: Normalizer, agreement_router: AgreementRouter
) -> None:
    app = create_app(Settings(), store=MemoryStore(), normalizer=normalizer, router=agreement_router)
    fields = app.openapi()["components"]["schemas"]["Acknowledgement"]["required"]
    example = API_DOC.split("### Posting a document", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    assert sorted(json.loads(example)) == sorted(fields)
    assert "held" in fields
