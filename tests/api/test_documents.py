"""Posting documents: repeats, conflicts, rejections listing every issue, limits, hostile input."""

from __future__ import annotations

from lxml import etree

from tests.api.conftest import Gateway, example

KZ = example("kz-eaeu-pi-manifest.xml")
NAMESPACE = {"h": "urn:carec-gateway:harmonized:1"}


def test_a_document_is_acknowledged_with_its_message_id_and_recipients(gateway: Gateway) -> None:
    answer = gateway.post("kz-national", KZ)
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert body["recipients"] == ["CN"] and body["status"] == "routed"
    assert body["reference"] == "3f6c1e2a-9b7d-4c21-8a55-0d2e8b4f7a10"
    assert answer.headers["location"] == f"/v1/messages/{body['message_id']}"
    kept = gateway.store.message(body["message_id"])
    assert kept is not None and kept.original == KZ and kept.sender == "KZ"


def test_the_same_document_again_gets_the_same_answer(gateway: Gateway) -> None:
    first = gateway.post("kz-national", KZ)
    again = gateway.post("kz-national", KZ)
    assert again.status_code == first.status_code == 202 and again.json() == first.json()
    assert len(gateway.store.deliveries(first.json()["message_id"])) == 1


def test_another_document_under_a_used_reference_is_a_conflict(gateway: Gateway) -> None:
    first = gateway.post("kz-national", KZ).json()
    changed = KZ.replace(b"<pi:GoodsItemQuantity>2<", b"<pi:GoodsItemQuantity>3<", 1)
    assert changed != KZ
    answer = gateway.post("kz-national", changed)
    assert answer.status_code == 409 and answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["code"] == "message.conflict" and first["message_id"] in problem["detail"]
    assert problem["issues"][0]["pointer"] == "42A/D014"


def test_a_bad_document_is_refused_with_every_issue_and_nothing_is_kept(gateway: Gateway) -> None:
    tree = etree.fromstring(KZ)
    dates = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag.endswith("DepartureDateTime")]
    dates[0].text = "вчера"
    answer = gateway.post("kz-national", etree.tostring(tree, encoding="utf-8", xml_declaration=True))
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["type"] == "urn:carec-gateway:problem:document.rejected"
    codes = {(i["code"], i.get("pointer")) for i in problem["issues"]}
    assert ("value.bad-datetime", "42A/15A/X011") in codes
    assert gateway.store.delivery_counts() == {}


def test_hostile_and_oversized_bodies_are_refused_with_codes(gateway: Gateway) -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><l>&b;</l>'
    assert [i["code"] for i in gateway.post("kz-national", laughs).json()["issues"]] == ["xml.forbidden"]
    assert gateway.post("kz-national", b"").json()["issues"][0]["code"] == "intake.empty"
    assert gateway.post("kz-national", b"\x00\xff" * 100).status_code == 422
    deep = b"<a>" * 300 + b"</a>" * 300
    assert gateway.post("kz-national", deep).json()["issues"][0]["code"] in ("xml.too-deep", "xml.malformed")


def test_the_global_size_limit(gateway: Gateway) -> None:
    big = b"<a>" + b" " * (21 * 1024 * 1024) + b"</a>"
    answer = gateway.post("kz-national", big)
    assert answer.status_code == 413 and answer.json()["code"] == "intake.too-large"


def test_no_key_a_wrong_key_and_a_revoked_key_are_refused(gateway: Gateway) -> None:
    assert gateway.post(None, KZ).status_code == 401
    answer = gateway.client.post("/v1/documents", content=KZ, headers={"Authorization": "Bearer gw_0_x"})
    assert answer.status_code == 401 and answer.json()["code"] == "request.unauthenticated"
    assert answer.headers["www-authenticate"] == "Bearer"


def test_posting_as_another_country_is_refused(gateway: Gateway) -> None:
    answer = gateway.post("cn-national", KZ)
    assert answer.status_code == 403 and answer.json()["code"] == "request.forbidden"
    assert "CN may not post a document of KZ" in answer.json()["detail"]
    assert gateway.post("kz-partner", KZ).status_code == 403, "a partner key does not post"


def test_a_message_no_partner_receives_is_kept_and_reported(gateway: Gateway) -> None:
    domestic = KZ.replace(b">CN<", b">KZ<").replace(b">CNURM<", b">KZALA<").replace(b">CNHRS<", b">KZALA<")
    answer = gateway.post("kz-national", domestic.replace(b"3f6c1e2a", b"00000000"))
    assert answer.status_code == 202, answer.text
    acknowledgement = answer.json()
    assert acknowledgement["status"] == "unrouted" and acknowledgement["recipients"] == []
    status = gateway.get("kz-national", f"/v1/messages/{acknowledgement['message_id']}").json()
    unrouted = [e for e in status["events"] if e["name"] == "message:unrouted"]
    assert unrouted and "No partner receives this message" in unrouted[0]["detail"]["reasons"][-1]
