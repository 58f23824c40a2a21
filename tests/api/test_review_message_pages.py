"""A large manifest is read 100 goods items a page (docs/review.md, "Large manifests"): every goods item
on exactly one page, the Declaration's parties on the first, the consignment of a page's goods items on
it; links between pages without JavaScript; a correction and the acknowledgement work from any page."""

from __future__ import annotations

import copy

import httpx
from lxml import etree, html

from gateway.api.review_paging import GOODS_PER_PAGE
from tests.api.conftest import Gateway
from tests.api.test_review_pages import KZ, _close_browsers, delivery_of, gateway, officer, page

__all__ = ["_close_browsers", "gateway"]  # the fixtures of the review pages' tests
PI = "{urn:carec-gateway:stand-in:kz:eaeu-pi:1}"
ITEMS = 250
"""Goods items of the grown manifest: three pages (100, 100, 50)."""


def grown_manifest() -> bytes:
    """The Kazakh manifest with its first consignment grown to ITEMS - 1 goods items (the second keeps
    its one)."""
    root = etree.fromstring(KZ)
    first = next(root.iter(f"{PI}GoodsItemDetails"))
    for number in range(2, ITEMS):
        clone = copy.deepcopy(first)
        clone.find(f"{PI}ConsignmentItemOrdinal").text = str(number)  # type: ignore[union-attr]
        first.getparent().insert(first.getparent().index(first) + number - 1, clone)  # type: ignore[union-attr]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def posted(gateway: Gateway) -> int:
    message_id = gateway.post("kz-national", grown_manifest()).json()["message_id"]
    return delivery_of(gateway, message_id, "CN")


def goods_items(shown: html.HtmlElement) -> list[str]:
    """The pointers of the goods items a page shows."""
    return [
        str(p) for p in shown.xpath("//section[@class='part'][starts-with(*[1], 'ConsignmentItem ')]/@id")
    ]


def test_every_goods_item_is_on_exactly_one_page_of_100(gateway: Gateway) -> None:
    delivery, cn = posted(gateway), officer(gateway, "cn-partner")
    pages = [page(cn.get(f"/review/inbox/{delivery}?page={number}")) for number in (1, 2, 3)]
    items = [goods_items(shown) for shown in pages]
    assert [len(found) for found in items] == [GOODS_PER_PAGE, GOODS_PER_PAGE, ITEMS - 2 * GOODS_PER_PAGE]
    assert len({pointer for found in items for pointer in found}) == ITEMS, "each once"
    pager = pages[1].xpath("string(//nav[@class='pages'])")
    assert "Page 2 of 3" in pager and "goods items 101–200 of 250" in pager
    assert pages[1].xpath("(//nav[@class='pages'])[1]//a[@rel='next']/@href") == [
        f"/review/inbox/{delivery}?page=3"
    ]
    assert pages[1].xpath("(//nav[@class='pages'])[1]//a[@rel='prev']/@href") == [f"/review/inbox/{delivery}"]
    headings = [[h.text.strip() for h in shown.xpath("//section[@class='part']/*[1]")] for shown in pages]
    assert "Submitter" in headings[0] and "Submitter" not in headings[2], "the Declaration's parts: page 1"
    assert "Consignor" in headings[2], "the consignment of the page's goods items, with its parties"
    assert "on page 1" in pages[2].xpath("string(//p[@class='first-only'])")
    assert pages[0].xpath("//nav[@class='pages']//a[@rel='prev']") == []


def test_the_page_and_its_goods_items_read_as_one_phrase_in_each_language(gateway: Gateway) -> None:
    # The pager is a flex row: "Page 2 of 3" and ", goods items ..." were two of its items, shown
    # "Page 2 of 3 , goods items" with the row's gap before the comma, and a Latin comma in Chinese.
    delivery, cn = posted(gateway), officer(gateway, "cn-partner")
    expected = {
        "en": "Page 2 of 3, goods items 101–200 of 250",
        "ru": "Страница 2 из 3, товарные позиции 101–200 из 250",
        "zh-CN": "第 2 页，共 3 页，货物项 101–200，共 250 项",
    }
    for language, phrase in expected.items():
        shown = page(cn.get(f"/review/inbox/{delivery}?page=2", headers={"Accept-Language": language}))
        positions = shown.xpath("(//nav[@class='pages'])[1]/*[1]")
        assert positions[0].tag == "span" and positions[0].text_content() == phrase, language


def test_a_page_out_of_range_is_the_nearest_one(gateway: Gateway) -> None:
    delivery, cn = posted(gateway), officer(gateway, "cn-partner")
    last = page(cn.get(f"/review/inbox/{delivery}?page=3"))
    assert len(goods_items(last)) == ITEMS - 2 * GOODS_PER_PAGE
    assert goods_items(page(cn.get(f"/review/inbox/{delivery}?page=99"))) == goods_items(last)
    first = goods_items(page(cn.get(f"/review/inbox/{delivery}")))
    assert goods_items(page(cn.get(f"/review/inbox/{delivery}?page=x"))) == first
    assert goods_items(page(cn.get(f"/review/inbox/{delivery}?page=³"))) == first  # a digit int() refuses


def correction_form(shown: html.HtmlElement) -> html.HtmlElement:
    """The correction form of the last name of a page's last goods item."""
    item = shown.xpath("//section[@class='part'][starts-with(*[1], 'ConsignmentItem ')]")[-1]
    return item.xpath(".//form[@class='correction']")[-1]


def propose(client: httpx.Client, delivery: int, form: html.HtmlElement, code: str) -> httpx.Response:
    fields = {str(i.get("name")): str(i.get("value") or "") for i in form.xpath("input")}
    return client.post(
        f"/review/inbox/{delivery}/corrections", data=fields | {"english": "Wheat", "code": code}
    )


def test_a_correction_and_the_acknowledgement_work_from_a_later_page(gateway: Gateway) -> None:
    delivery, cn = posted(gateway), officer(gateway, "cn-partner")
    third = page(cn.get(f"/review/inbox/{delivery}?page=3"))
    form = correction_form(third)
    kept = propose(cn, delivery, form, "")
    assert (kept.status_code, kept.headers["location"]) == (
        303,
        f"/review/inbox/{delivery}?page=3&proposed=new",
    )
    again = page(cn.get(kept.headers["location"]))
    assert goods_items(again) == goods_items(third) and "kept for the terminologists" in again.text_content()
    refused = propose(cn, delivery, form, "NOT-A-CODE")
    assert refused.status_code == 422
    shown = page(refused)
    assert goods_items(shown) == goods_items(third), "shown again on the page the form was on"
    assert shown.xpath("//details[@open]//p[@class='refused']"), "the form open beside the name"
    (russian,) = shown.xpath("//nav[@class='languages']/a[@lang='ru']/@href")
    assert russian == f"/review/inbox/{delivery}?page=3&lang=ru", "the switch keeps the page"
    token = str(third.xpath("//form[@class='acknowledge']/input[@name='csrf']/@value")[0])
    done = cn.post(f"/review/inbox/{delivery}/acknowledgement", data={"csrf": token})
    assert (done.status_code, done.headers["location"]) == (303, f"/review/inbox?acknowledged={delivery}")
    assert gateway.get("cn-partner", "/v1/inbox/CN").json()["items"] == []


def test_a_consignments_many_containers_are_listed_on_the_page_where_it_starts(gateway: Gateway) -> None:
    """A block train's consignment of 500 containers repeated them on each page of its goods items: 0.7 MB
    of each 1.3 MB page (bench/review_page.py). A later page says how many, with a link to them."""
    root = etree.fromstring(grown_manifest())
    container = next(root.iter(f"{PI}ContainerDetails"))
    for number in range(1, CONTAINERS):  # the example's first consignment has one
        clone = copy.deepcopy(container)
        clone.find(f"{PI}ContainerId").text = f"TGHU{number:07d}"  # type: ignore[union-attr]
        container.addnext(clone)
    message_id = gateway.post("kz-national", etree.tostring(root, encoding="UTF-8")).json()["message_id"]
    delivery, cn = delivery_of(gateway, message_id, "CN"), officer(gateway, "cn-partner")
    pages = [page(cn.get(f"/review/inbox/{delivery}?page={number}")) for number in (1, 2, 3)]
    headings = [[h.text.strip() for h in shown.xpath("//section[@class='part']/*[1]")] for shown in pages]
    equipment = [heading for heading in headings[0] if heading.startswith("TransportEquipment")]
    assert len(equipment) == CONTAINERS, "every container on the page where the consignment starts"
    assert not [heading for heading in headings[1] if heading.startswith("TransportEquipment")]
    assert "TransportEquipment 1" in headings[2], "the second consignment, which starts on page 3: its own"
    assert "Consignor" in headings[1], "its parties are still shown"
    link = pages[1].xpath("//p[@class='elsewhere']/a")
    assert len(link) == 1 and link[0].get("href").startswith(f"/review/inbox/{delivery}#")
    assert f": {CONTAINERS}, listed on page 1" in link[0].text_content()
    assert len(pages[1].xpath("//p[@class='elsewhere']")) == len(pages[2].xpath("//p[@class='elsewhere']"))


CONTAINERS = 30
