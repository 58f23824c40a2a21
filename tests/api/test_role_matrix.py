"""Every endpoint with every role: who may do what. A national system posts only as its own country; a
country's inbox is read only by that country; operators alone see dead letters, resend and enable
endpoints."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter
from gateway.settings import Settings
from gateway.store.memory import MemoryStore
from gateway.store.port import NewDelivery, NewMessage, Outcome
from tests.api.conftest import KEYS, Gateway, example, running

ROLES = [*KEYS, None]
KZ = example("kz-eaeu-pi-manifest.xml")
PUBLIC = set(ROLES)

# endpoint name -> (method, path, who may, the status of a permitted call)
MATRIX: dict[str, tuple[str, str, set[str | None], int]] = {
    "post document": ("POST", "/v1/documents", {"kz-national"}, 202),
    "message status": (
        "GET", "/v1/messages/{message}", {"kz-national", "cn-national", "cn-partner", "operator"}, 200,
    ),
    "message issues": ("GET", "/v1/messages/{message}/issues", {"kz-national", "operator"}, 200),
    "read CN inbox": ("GET", "/v1/inbox/CN", {"cn-national", "cn-partner"}, 200),
    "read KG inbox": ("GET", "/v1/inbox/KG", {"kg-partner"}, 200),
    "read one CN delivery": ("GET", "/v1/inbox/CN/{delivery}", {"cn-national", "cn-partner"}, 200),
    "read CN's delivery from the KG inbox": ("GET", "/v1/inbox/KG/{delivery}", {"kg-partner"}, 404),
    "acknowledge in CN inbox": (
        "POST", "/v1/inbox/CN/{delivery}/acknowledgement", {"cn-national", "cn-partner"}, 204,
    ),
    "acknowledge CN's delivery in KG inbox": (
        "POST", "/v1/inbox/KG/{delivery}/acknowledgement", {"kg-partner"}, 404,
    ),
    "dead letters": ("GET", "/v1/dead-letters", {"operator"}, 200),
    "resend": ("POST", "/v1/dead-letters/{dead}/resend", {"operator"}, 200),
    "resend a partner's": ("POST", "/v1/dead-letters/resend?recipient=CN", {"operator"}, 200),
    "disabled endpoints": ("GET", "/v1/endpoints/disabled", {"operator"}, 200),
    "enable endpoint": ("POST", "/v1/endpoints/CN/enable", {"operator"}, 204),
    "unresolved names": ("GET", "/v1/unresolved", {"terminologist", "operator"}, 200),
    "proposed corrections": ("GET", "/v1/corrections", {"terminologist", "operator"}, 200),
    "health": ("GET", "/health", PUBLIC, 200),
    "ready": ("GET", "/ready", PUBLIC, 200),
    "metrics": ("GET", "/metrics", PUBLIC, 200),
}  # fmt: skip


@pytest.fixture(scope="module")
def world(
    normalizer: Normalizer, agreement_router: AgreementRouter
) -> Iterator[tuple[Gateway, dict[str, object]]]:
    """One gateway for the module: a KZ message to CN posted, and one dead push delivery."""
    store = MemoryStore()
    for gateway in running(Settings(), store, normalizer, agreement_router):
        message = gateway.post("kz-national", KZ).json()["message_id"]
        delivery = store.deliveries(message)[0].id
        yield gateway, {"message": message, "delivery": delivery, "dead": _dead_delivery(store)}


def _dead_delivery(store: MemoryStore) -> int:
    now = store.clock()
    message = NewMessage("dead-1", "KZ", "R-1", "d", None, None, b"x", b"<m/>", (), "routed", now)
    push = NewDelivery(
        "CN", "message", "push", "https://cn.invalid/hook", b"<m/>", now, now + timedelta(days=1)
    )
    store.accept(message, [push], [])
    delivery_id = store.deliveries("dead-1")[0].id
    store.claim(delivery_id, "w", now + timedelta(minutes=1), now)
    store.finish(delivery_id, "w", Outcome.dead(now, "410 Gone"))
    store.disable_endpoint("CN", "push.gone: 410 Gone", now)
    return delivery_id


@pytest.mark.parametrize("role", ROLES, ids=[str(role) for role in ROLES])
@pytest.mark.parametrize("endpoint", list(MATRIX))
def test_role_matrix(world: tuple[Gateway, dict[str, object]], endpoint: str, role: str | None) -> None:
    gateway, ids = world
    method, template, allowed, permitted_status = MATRIX[endpoint]
    body = KZ if endpoint == "post document" else None
    answer = gateway.client.request(
        method, template.format(**ids), content=body, headers=gateway.headers(role)
    )
    refused = 401 if role is None else 403
    expected = permitted_status if role in allowed else refused
    assert answer.status_code == expected, answer.text
    if expected >= 400:
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == {401: "request.unauthenticated", 403: "request.forbidden"}.get(
            expected, "request.not-found"
        )


def test_a_recipient_sees_only_its_own_part_of_a_message(world: tuple[Gateway, dict[str, object]]) -> None:
    gateway, ids = world
    status = gateway.get("cn-partner", f"/v1/messages/{ids['message']}").json()
    assert {d["recipient"] for d in status["deliveries"]} == {"CN"}
    assert {e["recipient"] for e in status["events"]} <= {None, "CN"}
