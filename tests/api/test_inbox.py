"""A partner reads its inbox by cursor and acknowledges; what it receives is what the agreement shares."""

from __future__ import annotations

from lxml import etree

from tests.api.conftest import Gateway, example

KZ = example("kz-eaeu-pi-manifest.xml")
KG = example("kg-eaeu-pi-manifest.xml")
H = "{urn:carec-gateway:harmonized:1}"


def test_a_kazakh_manifest_arrives_in_the_chinese_inbox_as_the_agreement_shares_it(gateway: Gateway) -> None:
    message_id = gateway.post("kz-national", KZ).json()["message_id"]
    page = gateway.get("cn-partner", "/v1/inbox/CN").json()
    assert [item["message_id"] for item in page["items"]] == [message_id]
    item = page["items"][0]
    assert item["media_type"] == "application/xml" and page["next_after"] == item["delivery_id"]
    shared = etree.fromstring(item["payload"].encode())
    consignor = shared.find(f"{H}Declaration/{H}Consignment/{H}Consignor")
    assert consignor is not None and consignor.findtext(f"{H}Name") == "ТОО «Алтын Дән»"
    assert consignor.find(f"{H}ID") is None, "KZ shares no tax numbers of parties with CN"
    assert shared.find(f"{H}Declaration/{H}InvoiceAmount") is None, "nor invoice amounts"
    kept = gateway.store.message(message_id)
    assert kept is not None and b"060440015349" in kept.harmonized  # type: ignore[operator]


def test_the_cursor_pages_and_acknowledgements_empty_the_inbox(gateway: Gateway) -> None:
    first = gateway.post("kz-national", KZ).json()["message_id"]
    second = gateway.post("kz-national", KZ.replace(b"3f6c1e2a", b"3f6c1e2b")).json()["message_id"]
    page = gateway.get("cn-partner", "/v1/inbox/CN", limit=1).json()
    assert [i["message_id"] for i in page["items"]] == [first]
    rest = gateway.get("cn-partner", "/v1/inbox/CN", after=page["next_after"]).json()
    assert [i["message_id"] for i in rest["items"]] == [second]
    delivery = page["items"][0]["delivery_id"]
    acknowledge = f"/v1/inbox/CN/{delivery}/acknowledgement"
    headers = gateway.headers("cn-partner")
    assert gateway.client.post(acknowledge, headers=headers).status_code == 204
    assert gateway.client.post(acknowledge, headers=headers).status_code == 204, "twice is once"
    assert [i["message_id"] for i in gateway.get("cn-partner", "/v1/inbox/CN").json()["items"]] == [second]
    missing = gateway.client.post("/v1/inbox/CN/999999/acknowledgement", headers=headers)
    assert missing.status_code == 404 and missing.json()["code"] == "request.not-found"


def test_the_sender_follows_its_message_to_delivery(gateway: Gateway) -> None:
    message_id = gateway.post("kz-national", KZ).json()["message_id"]
    page = gateway.get("cn-partner", "/v1/inbox/CN").json()
    gateway.client.post(
        f"/v1/inbox/CN/{page['items'][0]['delivery_id']}/acknowledgement",
        headers=gateway.headers("cn-partner"),
    )
    status = gateway.get("kz-national", f"/v1/messages/{message_id}").json()
    assert status["status"] == "routed" and status["sender"] == "KZ" and status["kind"] == "cargo-report"
    assert [(d["recipient"], d["method"], d["state"]) for d in status["deliveries"]] == [
        ("CN", "pull", "delivered")
    ]
    names = [e["name"] for e in status["events"]]
    assert names == ["message:received", "delivery:queued", "delivery:delivered"]
    unknown = gateway.get("kz-national", "/v1/messages/00000000-0000-0000-0000-000000000000")
    assert unknown.status_code == 404


def test_malformed_parameters_are_coded_problems(gateway: Gateway) -> None:
    for path, params in [
        ("/v1/inbox/cn", {}),
        ("/v1/inbox/CN", {"after": "-1"}),
        ("/v1/inbox/CN", {"limit": "x"}),
    ]:
        answer = gateway.get("cn-partner", path, **params)
        assert answer.status_code in (400, 403, 404), answer.text
        assert answer.headers["content-type"] == "application/problem+json"
    bad = gateway.get("cn-partner", "/v1/inbox/CN", limit="0").json()
    assert bad["code"] == "request.malformed" and bad["issues"][0]["pointer"] == "query/limit"
    assert gateway.get(None, "/no/such/path").json()["code"] == "request.not-found"


def test_one_delivery_is_read_as_bytes_until_it_expires_unread(gateway: Gateway) -> None:
    message_id = gateway.post("kz-national", KZ).json()["message_id"]
    (delivery,) = gateway.store.deliveries(message_id)
    answer = gateway.get("cn-partner", f"/v1/inbox/CN/{delivery.id}")
    assert answer.status_code == 200 and answer.content == delivery.payload
    assert (
        answer.headers["content-type"] == "application/xml"
        and answer.headers["gateway-message-id"] == message_id
    )
    assert gateway.get("cn-partner", "/v1/inbox/CN/999999").status_code == 404
