"""An officer proposes the right English form or code of a name on the message page (docs/review.md):
kept for the terminologists with who proposed it, the delivered message unchanged; the session's CSRF
token required, another country's delivery refused, a code outside its kind's code list refused with a
message beside the name, what was typed shown as text."""

from __future__ import annotations

import httpx
import pytest
from lxml import html

from gateway.api import review_corrections
from tests.api.conftest import Gateway
from tests.api.test_review_pages import KHORGOS, KZ, _close_browsers, delivery_of, gateway, officer, page

__all__ = ["_close_browsers", "gateway"]  # the fixtures of the review pages' tests


def name_form(shown: html.HtmlElement, original: str) -> html.HtmlElement:
    """The correction form beside the name `original`."""
    (row,) = shown.xpath(f"//tr[td/span[@class='original'] = '{original}']")
    (form,) = row.xpath(".//form[@class='correction']")
    return form


def propose(client: httpx.Client, delivery: int, original: str, **typed: str) -> httpx.Response:
    """The name's form filled in with `typed` and sent, as a browser does."""
    form = name_form(page(client.get(f"/review/inbox/{delivery}")), original)
    fields = {str(field.get("name")): str(field.get("value") or "") for field in form.xpath(".//input")}
    return client.post(str(form.get("action")), data=fields | typed)


def kz_message(gateway: Gateway) -> tuple[str, int]:
    message_id = gateway.post("kz-national", KZ).json()["message_id"]
    return message_id, delivery_of(gateway, message_id, "CN")


def test_an_officer_s_correction_is_kept_for_the_terminologists(gateway: Gateway) -> None:
    message_id, delivery = kz_message(gateway)
    delivered = gateway.store.deliveries(message_id)[0].payload
    cn = officer(gateway, "cn-partner")
    answer = propose(cn, delivery, KHORGOS, english="Khorgos East", code="cnhrs ", comment="the dry port")
    assert (answer.status_code, answer.headers["location"]) == (303, f"/review/inbox/{delivery}?proposed=new")
    assert "kept for the terminologists" in cn.get(answer.headers["location"]).text
    for colleague in (cn, officer(gateway, "cn-national")):  # the same country's officers see it
        shown = name_form(page(colleague.get(f"/review/inbox/{delivery}")), KHORGOS).getparent().getparent()
        said = shown.xpath("string(p[@class='proposal'])")
        assert said.startswith("Proposed by your country (") and said.endswith(
            "): Khorgos East, CNHRS (the dry port)"
        )
    (kept,) = gateway.store.corrections(10)
    key_id = gateway.tokens["cn-partner"].split("_")[1]
    assert (kept.kind, kept.text, kept.language, kept.script, kept.sender) == (
        "place",
        KHORGOS,
        "kk",
        "Cyrl",
        "KZ",
    )
    assert (kept.english, kept.code, kept.comment) == ("Khorgos East", "CNHRS", "the dry port")
    assert (kept.key_id, kept.country, kept.message_id, kept.delivery_id) == (
        key_id,
        "CN",
        message_id,
        delivery,
    )
    assert kept.glossary_version and kept.pointer.startswith("42A/")
    again = propose(cn, delivery, KHORGOS, english="Khorgos East", code="CNHRS", comment="said twice")
    assert again.headers["location"].endswith("?proposed=again")
    assert "kept once" in cn.get(again.headers["location"]).text
    assert gateway.store.corrections(10) == [kept], "the same officer's same proposal: one"
    assert gateway.store.deliveries(message_id)[0].payload == delivered, "the delivered message unchanged"


def test_a_code_outside_the_name_s_code_list_is_refused_beside_the_name(gateway: Gateway) -> None:
    _, delivery = kz_message(gateway)
    cn = officer(gateway, "cn-partner")
    refused = propose(cn, delivery, KHORGOS, english="Khorgos", code="KZ551010", comment="<b>bold</b>")
    assert refused.status_code == 422
    said = "KZ551010 is not in the UN/LOCODE code list of place names."
    form = name_form(page(refused), KHORGOS)
    assert form.getparent().get("open") is not None, "the name's form open, with the reason"
    assert form.xpath("string(p[@class='refused'])") == said
    assert form.xpath("string(.//input[@name='comment']/@value)") == "<b>bold</b>", "kept as typed, as text"
    assert "<b>bold</b>" not in refused.text
    party = propose(cn, delivery, "ТОО «Алтын Дән»", code="KZALA")
    assert "A party name takes no code" in party.text and party.status_code == 422
    empty = propose(cn, delivery, KHORGOS, comment="nothing proposed")
    assert "Propose the right English form, the right code, or both." in empty.text
    assert gateway.store.corrections(10) == []


def test_a_proposal_needs_the_session_s_csrf_token(gateway: Gateway) -> None:
    _, delivery = kz_message(gateway)
    cn, other = officer(gateway, "cn-partner"), officer(gateway, "cn-national")
    form = name_form(page(cn.get(f"/review/inbox/{delivery}")), KHORGOS)
    pointer = str(form.xpath("string(input[@name='pointer']/@value)"))
    other_token = str(name_form(page(other.get(f"/review/inbox/{delivery}")), KHORGOS).xpath(
        "string(input[@name='csrf']/@value)"))  # fmt: skip
    for token in ({}, {"csrf": "0" * 64}, {"csrf": other_token}):
        refused = cn.post(
            f"/review/inbox/{delivery}/corrections", data={"pointer": pointer, "code": "CNHRS"} | token
        )
        assert refused.status_code == 403 and "did not come from this page" in refused.text
    assert gateway.store.corrections(10) == []


def test_another_country_s_delivery_and_a_made_up_pointer_are_refused(gateway: Gateway) -> None:
    _, delivery = kz_message(gateway)
    cn, kg = officer(gateway, "cn-partner"), officer(gateway, "kg-partner")
    form = name_form(page(cn.get(f"/review/inbox/{delivery}")), KHORGOS)
    pointer = str(form.xpath("string(input[@name='pointer']/@value)"))
    kg_token = str(page(kg.get("/review/inbox")).xpath("//input[@name='csrf']/@value")[0])
    refused = kg.post(
        f"/review/inbox/{delivery}/corrections", data={"csrf": kg_token, "pointer": pointer, "code": "CNHRS"}
    )
    assert refused.status_code == 404 and KHORGOS not in refused.text
    cn_token = str(form.xpath("string(input[@name='csrf']/@value)"))
    made_up = cn.post(
        f"/review/inbox/{delivery}/corrections", data={"csrf": cn_token, "pointer": "42A/1", "code": "CNHRS"}
    )
    assert made_up.status_code == 404 and "no resolved name" in made_up.text
    assert gateway.store.corrections(10) == []


def test_every_resolved_name_has_its_form(gateway: Gateway) -> None:
    _, delivery = kz_message(gateway)
    shown = page(officer(gateway, "cn-partner").get(f"/review/inbox/{delivery}"))
    resolutions = shown.xpath("//div[contains(@class, 'resolution')]")
    assert resolutions and all(r.xpath("details/form[@class='correction']") for r in resolutions)


def test_terminologists_and_operators_read_the_proposals_over_the_api(gateway: Gateway) -> None:
    message_id, delivery = kz_message(gateway)
    cn = officer(gateway, "cn-partner")
    propose(cn, delivery, KHORGOS, english="Khorgos East", code="CNHRS", comment="<the dry port>")
    propose(cn, delivery, KHORGOS, english="Khorgos", code="CNHRS")  # what the glossary says already
    for key in ("terminologist", "operator"):
        listed = gateway.get(key, "/v1/corrections").json()
        assert [(p["english"], p["followed"]) for p in listed] == [("Khorgos", True), ("Khorgos East", False)]
    first = gateway.get("terminologist", "/v1/corrections", limit=1, offset=1).json()
    assert len(first) == 1 and first[0]["comment"] == "<the dry port>"
    assert (first[0]["text"], first[0]["message_id"], first[0]["delivery_id"]) == (
        KHORGOS,
        message_id,
        delivery,
    )
    assert (first[0]["sender"], first[0]["country"], first[0]["kind"]) == ("KZ", "CN", "place")
    assert gateway.get("cn-partner", "/v1/corrections").status_code == 403


def test_a_country_s_proposals_for_one_message_are_bounded(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review_corrections, "MAX_PER_MESSAGE", 2)
    _, delivery = kz_message(gateway)
    cn = officer(gateway, "cn-partner")
    for english in ("Khorgos East", "Khorgos West"):
        assert propose(cn, delivery, KHORGOS, english=english).status_code == 303
    refused = propose(officer(gateway, "cn-national"), delivery, KHORGOS, english="Khorgos North")
    assert refused.status_code == 422
    assert "Your country has proposed 2 corrections for this message: no more are kept." in refused.text
    assert [p.english for p in gateway.store.corrections(10)] == ["Khorgos West", "Khorgos East"]
