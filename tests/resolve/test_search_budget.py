"""A document's names to search: the first GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT different place, office
and country names that are not code-list or glossary names exactly are searched for near names; the names
after them are looked up exactly only, say so, and the document gets one `names.not-searched` warning.

A search costs milliseconds a name (an unknown village 5-10 ms): without the budget, a 2.4 MB manifest
of 1,000 consignments with unknown towns held one core for ~20-25 s (bench/names_budget.py). The
documents here are examples/uz-customs-json.json (a stand-in for the Uzbek customs JSON format) with its
consignment repeated, each copy's consignor in another town."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from gateway.normalize.pipeline import Normalization, Normalizer
from gateway.resolve import Resolver
from gateway.resolve.resolver import NOT_SEARCHED
from gateway.settings import PROJECT_ROOT, Settings

NS = {"h": "urn:carec-gateway:harmonized:1"}

EXAMPLE = PROJECT_ROOT / "examples" / "uz-customs-json.json"
CITY = "42A/28A[{n}]/30A/04A/241"
"""The pointer of the n-th consignment's consignor's city (WCO 241, CityName)."""
NEAR = ["Самаркнд", "Андижн", "Бухра", "Ферганна"]
"""Uzbek cities with a letter lost or doubled: found by the search alone (UZSKD, UZAZN, UZBHK, UZFEG)."""
EXACT = "Наманган"
"""A city of the code list, met exactly (UZNMA): never searched, so it costs nothing from the budget."""


def _manifest(cities: list[str]) -> bytes:
    """The Uzbek example with one consignment per city, its consignor in that city."""
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    first = document["consignments"][0]
    consignments = []
    for number, city in enumerate(cities, start=1):
        consignment = copy.deepcopy(first)
        consignment["sequence"] = number
        consignment["consignor"]["address"]["city"] = city
        consignments.append(consignment)
    document["consignments"] = consignments
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _packed(types: list[str]) -> bytes:
    """The Uzbek example with one goods item per package type, written as given (`name_to_code`)."""
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    consignment = document["consignments"][0]
    first = consignment["goods_items"][0]
    items = []
    for number, written in enumerate(types, start=1):
        item = copy.deepcopy(first)
        item["sequence"] = number
        item["packages"][0]["type"] = written
        items.append(item)
    consignment["goods_items"] = items
    document["consignments"] = [consignment]
    document["goods_item_count"] = len(items)
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _package_codes(result: Normalization) -> list[str]:
    assert result.message is not None
    found = result.message.tree().xpath("//h:Packaging/h:TypeCode/text()", namespaces=NS)
    assert isinstance(found, list)
    return [str(code) for code in found]


def _city(result: Normalization, number: int) -> dict[str, Any]:
    assert result.message is not None
    pointer = CITY.format(n=number)
    (found,) = [r for r in result.message.to_json()["resolutions"] if r["pointer"] == pointer]
    return dict(found)


@pytest.fixture(scope="module")
def two_searches() -> Normalizer:
    return Normalizer.from_settings(Settings(resolve_searches_per_document=2))


def test_names_after_the_budget_are_looked_up_exactly_only_and_the_document_says_so(
    two_searches: Normalizer,
) -> None:
    result = two_searches.normalize(_manifest([NEAR[0], EXACT, NEAR[1], NEAR[2], NEAR[3]]), "uz-customs-json")
    assert result.ok  # a warning, never a rejection
    assert [_city(result, n).get("code") for n in (1, 2, 3)] == ["UZSKD", "UZNMA", "UZAZN"]
    for number in (4, 5):  # the budget of two is spent on Самаркнд and Андижн (Наманган is exact)
        city = _city(result, number)
        assert city.get("code") is None and city["method"] == "transliteration"
        assert NOT_SEARCHED in city["notes"] and city["latin"]
    (issue,) = [i for i in result.issues if i.code == "names.not-searched"]
    assert issue.severity == "warning" and issue.pointer == CITY.format(n=4)
    assert "2 names" in issue.message and "at most 2 different" in issue.message
    assert issue.source is not None and "/consignments[4]/consignor/address/city" in issue.source


def test_an_exact_name_after_the_budget_is_still_resolved(two_searches: Normalizer) -> None:
    result = two_searches.normalize(_manifest([NEAR[0], NEAR[1], NEAR[2], EXACT]), "uz-customs-json")
    assert _city(result, 4)["code"] == "UZNMA"
    assert _city(result, 4)["method"] == "code-list"


def test_the_same_document_gets_the_same_result_whatever_the_memo_holds(two_searches: Normalizer) -> None:
    data = _manifest([NEAR[0], NEAR[1], NEAR[2]])
    resolution = two_searches.resolution
    assert resolution is not None
    found = resolution.resolver.resolve(NEAR[2], "place", "UZ")  # the third city, searched and kept
    assert found.code == "UZBHK"
    first, second = (two_searches.normalize(data, "uz-customs-json") for _ in range(2))
    assert first.message is not None and second.message is not None
    assert first.message.to_json()["resolutions"] == second.message.to_json()["resolutions"]
    assert _city(first, 3).get("code") is None  # past the budget, though the memo holds its answer


def test_a_repeated_name_is_searched_once(two_searches: Normalizer) -> None:
    result = two_searches.normalize(_manifest([NEAR[0], NEAR[0], NEAR[0], NEAR[1]]), "uz-customs-json")
    assert [_city(result, n).get("code") for n in (1, 2, 3, 4)] == ["UZSKD", "UZSKD", "UZSKD", "UZAZN"]
    assert not [i for i in result.issues if i.code == "names.not-searched"]


def test_the_default_budget_leaves_every_example_searched(normalizer: Normalizer) -> None:
    for example in sorted((PROJECT_ROOT / "examples").iterdir()):
        result = normalizer.normalize(example.read_bytes())
        assert not [i for i in result.issues if i.code == "names.not-searched"], example.name


def test_a_name_looked_up_exactly_only(resolver: Resolver) -> None:
    for name in ("Алматы", "Караганда"):  # names of the table: the same result, searched or not
        assert resolver.resolve(name, "place", "KZ", search=False) == resolver.resolve(name, "place", "KZ")
    searched = resolver.resolve("Алмааты", "place", "KZ")
    assert searched.code == "KZALA"
    unsearched = resolver.resolve("Алмааты", "place", "KZ", search=False)
    assert unsearched.code is None and unsearched.candidates == ()
    assert unsearched.latin == "Almaaty" and unsearched.notes[-1] == NOT_SEARCHED  # its own letters


def test_an_exact_name_abroad_not_searched_is_a_candidate(normalizer: Normalizer) -> None:
    """Хоргос names Khorgos in Kazakhstan exactly, and Horgos in China by its sound: from an Uzbek
    document the search gives neither; looked up exactly only, the Kazakh one is a candidate, never the
    result."""
    assert normalizer.resolution is not None
    resolver = normalizer.resolution.resolver
    unsearched = resolver.resolve("Хоргос", "place", "UZ", search=False)
    assert unsearched.code is None
    assert [c.code for c in unsearched.candidates] == ["KZHOR"]


def test_package_types_written_as_words_draw_on_the_same_budget(two_searches: Normalizer) -> None:
    """`name_to_code` codes «bagss» and «cartn» by a search (BG, CT: typos); a third such word past the
    document's two searches stays as written, so the check refuses it at its place (a word is longer
    than a package code), and the warning says why. An exact word (мешок) is coded whatever is left."""
    result = two_searches.normalize(_packed(["bagss", "cartn", "мешок", "boxx"]), "uz-customs-json")
    assert _package_codes(result)[:3] == ["BG", "CT", "BG"]
    refused = [i for i in result.issues if i.severity == "error"]
    assert [(i.code, i.source) for i in refused] == [
        ("value.too-long", "/consignments[1]/goods_items[4]/packages[1]/type")
    ]
    (warned,) = [i for i in result.issues if i.code == "names.not-searched"]
    assert warned.message.startswith("3 names")  # boxx, and the example's two towns of Kazakhstan (an
    assert warned.pointer == "42A/18A/04A/241"  # exact name abroad is a candidate), the first of them


def test_a_word_coded_by_a_search_is_not_kept_for_the_next_document(two_searches: Normalizer) -> None:
    """The mapping keeps each value's check for the documents after (a manifest repeats its codes), but
    not a value coded by a search: whether a search was left depends on its document."""
    alone = two_searches.normalize(_packed(["boxx"]), "uz-customs-json")
    assert _package_codes(alone) == ["BX"] and alone.ok
    late = two_searches.normalize(_packed(["bagss", "cartn", "boxx"]), "uz-customs-json")
    assert _package_codes(late)[:2] == ["BG", "CT"]
    assert [i.code for i in late.issues if i.severity == "error"] == ["value.too-long"]
    again = two_searches.normalize(_packed(["boxx"]), "uz-customs-json")
    assert _package_codes(again) == ["BX"] and again.ok


def test_an_exact_word_is_kept_for_the_next_documents(two_searches: Normalizer) -> None:
    checkers = [
        checker
        for checker in two_searches.compiled(two_searches.registry.get("uz-customs-json"))._checkers
        if checker.codes_names and checker.rule.transforms[0].list_name == "package-type"  # type: ignore[attr-defined]
    ]
    two_searches.normalize(_packed(["мешок", "cartonn"]), "uz-customs-json")
    (checker,) = checkers
    assert "мешок" in checker.memo and "cartonn" not in checker.memo


def test_a_warning_for_words_of_name_to_code_alone_has_no_place(two_searches: Normalizer) -> None:
    stage = two_searches.resolution
    assert stage is not None
    issue = stage._not_searched(None, [None, None])  # type: ignore[arg-type]  # not read without a pointer
    assert issue.pointer is None and issue.source is None
    assert issue.message.startswith("2 names") and "stay uncoded" in issue.message


def test_the_budget_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_RESOLVE_SEARCHES_PER_DOCUMENT", "7")
    normalizer = Normalizer.from_settings(Settings())
    assert normalizer.resolution is not None and normalizer.resolution.searches == 7
    assert Normalizer.from_settings(Settings(resolve_searches_per_document=0)).resolution.searches == 0  # type: ignore[union-attr]
