"""The review pages in the officer's language (docs/review.md, "Languages"): English, Russian and
simplified Chinese, chosen from Accept-Language or the switch on every page (a cookie); each name's form
in the officer's language first; every message id of the templates and the router in all three
languages, and no English left written in a template. In process, as tests/api/test_review_pages.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.api import review_text
from gateway.api.review_text import LANGUAGES, TEXTS, chosen_language
from gateway.resolve.resolver import KINDS
from tests.api.conftest import Gateway
from tests.api.test_review_pages import (
    KHORGOS,
    KZ,
    _close_browsers,
    browser,
    delivery_of,
    gateway,
    officer,
    page,
)

__all__ = ["_close_browsers", "gateway"]  # the fixtures of the review pages' tests

GATEWAY_API = Path(review_text.__file__).parent
TEMPLATES = GATEWAY_API / "templates"


def kz_delivery(gateway: Gateway) -> int:
    return delivery_of(gateway, gateway.post("kz-national", KZ).json()["message_id"], "CN")


@pytest.mark.parametrize(
    ("header", "lang", "heading", "sender"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.5", "zh-Hans", "CN 收件箱", "发送方"),
        ("ru-KZ, ru;q=0.9", "ru", "Входящие: CN", "Отправитель"),
        ("de-DE, fr;q=0.8", "en", "Inbox of CN", "Sender"),
        ("fr, ru;q=0.4, zh;q=0.6", "zh-Hans", "CN 收件箱", "发送方"),
    ],
)
def test_the_inbox_is_in_the_browser_s_language(
    gateway: Gateway, header: str, lang: str, heading: str, sender: str
) -> None:
    kz_delivery(gateway)
    shown = page(officer(gateway, "cn-partner").get("/review/inbox", headers={"Accept-Language": header}))
    assert shown.get("lang") == lang
    assert shown.findtext(".//h1") == heading
    assert shown.xpath("//table[@class='inbox']//th")[1].text_content() == sender


def test_the_message_page_in_chinese_shows_khorgos_in_chinese_first(gateway: Gateway) -> None:
    delivery = kz_delivery(gateway)
    cn = officer(gateway, "cn-partner")
    shown = page(cn.get(f"/review/inbox/{delivery}", headers={"Accept-Language": "zh-Hans-CN"}))
    assert shown.findtext(".//h1") == f"来自 KZ 的 cargo-report（投递 {delivery}）"
    assert shown.xpath("string(//form[@class='acknowledge']/button)") == "确认接收：已审核，移出收件箱"
    (khorgos,) = shown.xpath(f"//tr[td/span[@class='original'] = '{KHORGOS}']")
    terms = [term.text_content() for term in khorgos.xpath(".//div[contains(@class, 'resolution')]/dl/dt")]
    assert terms[0] == "中文名称" and terms.index("中文名称") < terms.index("英文名称"), terms
    assert khorgos.xpath("string(.//dd[@class='own-form'])") == "霍尔果斯"
    assert khorgos.xpath("string(.//dd[@class='english'])") == "Khorgos", "data as it is"
    assert khorgos.xpath("string(.//span[@class='exact'])") == "code-list · 得分 1"
    (party,) = shown.xpath("//tr[td/span[@class='original'] = 'ТОО «Алтын Дән»']")
    assert party.xpath("string(.//span[@class='guess'])") == "推测 · legal-form · 得分 0"
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", shown.text_content()), "dates stay ISO, UTC"


def test_the_message_page_in_russian(gateway: Gateway) -> None:
    delivery = kz_delivery(gateway)
    shown = page(
        officer(gateway, "cn-partner").get(f"/review/inbox/{delivery}", headers={"Accept-Language": "ru"})
    )
    assert shown.xpath("string(//form[@class='acknowledge']/button)").startswith("Подтвердить получение")
    assert shown.findtext(".//p/a") == "Входящие"
    (khorgos,) = shown.xpath(f"//tr[td/span[@class='original'] = '{KHORGOS}']")
    assert khorgos.xpath("string(.//summary)") == "Ошибка? Предложите правильную английскую форму или код"
    assert "предложение" not in khorgos.xpath("string(.//span[@class='exact'])")


def test_the_switch_sets_a_cookie_that_wins_over_the_header(gateway: Gateway) -> None:
    cn = officer(gateway, "cn-partner")
    switch = page(cn.get("/review/inbox", headers={"Accept-Language": "zh-CN"})).xpath("//nav//a[@lang='ru']")
    chosen = cn.get(str(switch[0].get("href")), headers={"Accept-Language": "zh-CN"})
    cookie = chosen.headers["set-cookie"]
    assert cookie.startswith("gateway_review_language=ru;") and "Path=/review" in cookie
    assert "samesite=strict" in cookie.lower()
    assert page(chosen).findtext(".//h1") == "Входящие: CN"
    later = page(cn.get("/review/inbox", headers={"Accept-Language": "zh-CN"}))
    assert later.get("lang") == "ru" and later.findtext(".//h1") == "Входящие: CN", "remembered"


def test_the_sign_in_page_and_its_refusals_are_in_the_officer_s_language(gateway: Gateway) -> None:
    client = browser(gateway)
    form = page(client.get("/review/sign-in", headers={"Accept-Language": "zh"}))
    assert form.findtext(".//h1") == "登录" and form.get("lang") == "zh-Hans"
    token = str(form.xpath("//form[@class='sign-in']/input[@name='csrf']/@value")[0])
    refused = client.post(
        "/review/sign-in", data={"key": "gw_nope_nope", "csrf": token}, headers={"Accept-Language": "ru"}
    )
    assert refused.status_code == 401
    assert (
        page(refused).xpath("string(//p[@class='refused'])") == "Этот ключ неизвестен, отозван или просрочен."
    )


def test_a_refused_correction_is_told_in_the_officer_s_language(gateway: Gateway) -> None:
    delivery = kz_delivery(gateway)
    cn = officer(gateway, "cn-partner")
    shown = page(cn.get(f"/review/inbox/{delivery}"))
    (row,) = shown.xpath(f"//tr[td/span[@class='original'] = '{KHORGOS}']")
    (form,) = row.xpath(".//form[@class='correction']")
    fields = {str(field.get("name")): str(field.get("value") or "") for field in form.xpath(".//input")}
    answer = cn.post(
        str(form.get("action")), data=fields | {"code": "KZ551010"}, headers={"Accept-Language": "zh-CN"}
    )
    assert answer.status_code == 422
    assert "KZ551010 不在“地点”类名称的 UN/LOCODE 代码表中。" in page(answer).xpath(
        "string(//p[@class='refused'])"
    )
    missing = page(cn.get("/review/inbox/123456", headers={"Accept-Language": "ru"}))
    assert missing.findtext(".//h1") == "Не найдено"


@pytest.mark.parametrize(
    ("header", "chosen", "language"),
    [
        ("zh", None, "zh-Hans"),
        ("zh-CN", None, "zh-Hans"),
        ("zh-Hans-CN", None, "zh-Hans"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8", None, "ru"),
        ("en;q=0.2, ru;q=0.9", None, "ru"),
        ("kk, ru;q=0, ja", None, "en"),
        ("", None, "en"),
        ("ru", "zh-Hans", "zh-Hans"),
        ("ru", "xx", "ru"),
        ("ru;q=bad, zh", None, "zh-Hans"),
    ],
)
def test_the_language_is_the_best_match(header: str, chosen: str | None, language: str) -> None:
    assert chosen_language(header, chosen) == language


def test_every_message_id_used_exists_in_all_three_languages() -> None:
    used: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([\w.-]+)["']""", template.read_text()))
        used |= set(re.findall(r"""\b(?:title|error|detail)\s*=\s*["']([\w.-]+)["']""", template.read_text()))
    refusals = GATEWAY_API.parent / "resolve" / "corrections.py"  # the proposals' refusals
    for module in (GATEWAY_API / "routers" / "review.py", GATEWAY_API / "review_corrections.py", refusals):
        text = module.read_text()
        used |= set(re.findall(r"""(?:Said|Refusal)\(\s*f?["']([\w.{}-]+)["']""", text))
        used |= set(re.findall(r"""error_page\(request, \d+, ["']([\w.-]+)["']""", text))
    fields = ("english", "code", "comment")
    expanded = {name.replace("{field}", field) for name in used for field in fields}
    expanded = {name for name in expanded if "{kind}" not in name} | {f"kind.{kind}" for kind in KINDS}
    missing = sorted(name for name in expanded if name not in TEXTS)
    assert not missing, missing
    assert len(used) > 60, "the scan finds the ids"
    for message_id, texts in TEXTS.items():
        assert len(texts) == len(LANGUAGES) and all(text.strip() for text in texts), message_id
        named = [set(re.findall(r"\{(\w+)\}", text)) for text in texts]
        assert all(found <= named[0] for found in named), f"{message_id}: a field English lacks"
    unused = sorted(set(TEXTS) - expanded)
    assert not unused, unused


def test_no_english_is_left_written_in_a_template() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|<[^>]*>|&\w+;", " ", template.read_text(), flags=re.S)
        words = re.findall(r"[A-Za-z]{2,}", text)
        assert not words, f"{template.name}: {words}"
