"""Schemathesis against the published OpenAPI schema, in process: no server error, every answer documented
and matching its schema, with a key that may use each operation (and without one, sometimes)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from gateway.access.keys import create_key
from gateway.api.app import create_app
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.memory import MemoryStore

ROLE_OF_PATH = {"/v1/documents": "national", "/v1/inbox/{country}": "partner"}


@pytest.fixture(scope="module")
def tokens_and_app(
    normalizer: Normalizer, agreement_router: AgreementRouter
) -> tuple[dict[str, str], object]:
    store = MemoryStore()
    tokens = {
        "national": create_key(store, "KZ", "KZ", "national", store.clock())[1],
        "partner": create_key(store, "CN", "CN", "partner", store.clock())[1],
        "operator": create_key(store, "Hub", None, "operator", store.clock())[1],
    }
    app = create_app(Settings(), store=store, normalizer=normalizer, router=agreement_router)
    return tokens, app


@pytest.fixture(scope="module")
def api_schema(tokens_and_app: tuple[dict[str, str], object]) -> schemathesis.schemas.BaseSchema:
    tokens, app = tokens_and_app
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)

    @loaded.auth()
    class KeyForTheOperation:
        """A key whose role may use the operation, so that answers other than 401/403 are reached."""

        def get(self, case: schemathesis.Case, context: object) -> str:
            return tokens[ROLE_OF_PATH.get(case.operation.path, "operator")]

        def set(self, case: schemathesis.Case, data: str, context: object) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return loaded


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_published_contract(
    case: schemathesis.Case, tokens_and_app: tuple[dict[str, str], object]
) -> None:
    # A schema-valid body is any bytes, and most bytes are no customs document: its 422 is the answer
    # the contract documents, so the check that schema-valid data is accepted does not apply here.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
