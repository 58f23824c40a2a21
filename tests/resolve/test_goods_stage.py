"""Goods descriptions in the harmonized message: their Resolution, the HS hint, the queue, what leaves."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from gateway.agreements import Agreements, share
from gateway.agreements.elements import SharedElements
from gateway.issues import has_errors
from gateway.model import load_model
from gateway.normalize.pipeline import Normalizer
from gateway.resolve.unresolved import glossary_rows, unresolved_names
from gateway.settings import PROJECT_ROOT
from tests.agreements.shared_view import element_pointers
from tests.resolve.stage_cases import KHORGOS, NS, normalized, resolution_at

WHEAT = "42A/28A[1]/29A[1]/23A/137"  # Бидай (пшеница) мягкая продовольственная 3 класса ...
FLOUR = "42A/28A[2]/29A[1]/23A/137"  # Жұмсақ бидайдан жасалған жоғары сортты ұн ... (Kazakh)
WHEAT_CODE = b"<pi:CommodityCode>1001990000</pi:CommodityCode>"
SPARE_PARTS = "Запасные части к зерноуборочным комбайнам (ножи, шнеки, цепи)"


def test_each_goods_description_carries_the_terms_found_in_it(normalizer: Normalizer) -> None:
    result = normalized(normalizer, KHORGOS.read_bytes())
    wheat = resolution_at(result, WHEAT)
    assert {key: wheat[key] for key in ("kind", "method", "english", "code", "language")} == {
        "kind": "goods",
        "method": "glossary-terms",
        "english": "wheat",
        "code": "1001",
        "language": "ru",
    }
    assert [(term["name"], term["code"]) for term in wheat["candidates"]] == [
        ("бидай", "1001"),
        ("пшеница", "1001"),
    ]
    flour = resolution_at(result, FLOUR)
    assert (flour["language"], flour["english"], flour["code"]) == ("kk", "flour", "110100")
    assert result.message is not None  # the description itself is left as the document wrote it
    descriptions = result.message.tree().xpath("//h:Commodity/h:Description/text()", namespaces=NS)
    assert descriptions[0].startswith("Бидай (пшеница) мягкая продовольственная 3 класса")
    assert not [issue for issue in result.issues if issue.code == "goods.hs-mismatch"]  # both agree


def test_a_description_that_disagrees_with_its_hs_code_is_a_warning_at_its_place(
    normalizer: Normalizer,
) -> None:
    data = KHORGOS.read_bytes().replace(WHEAT_CODE, b"<pi:CommodityCode>8703239010</pi:CommodityCode>")
    result = normalized(normalizer, data)  # wheat declared as passenger cars
    (issue,) = [issue for issue in result.issues if issue.code == "goods.hs-mismatch"]
    assert (issue.severity, issue.pointer, issue.line) == ("warning", WHEAT, 101)
    assert issue.source is not None and issue.source.endswith("pi:GoodsDescriptionText[1]")
    assert "«бидай» (wheat, HS 1001)" in issue.message and "8703239010" in issue.message
    assert not has_errors(result.issues)  # a risk hint, never a rejection


def test_a_description_with_nothing_known_goes_to_the_unresolved_queue(normalizer: Normalizer) -> None:
    original = "Бидай (пшеница) мягкая продовольственная 3 класса, урожай 2023 года, в мешках по 50 кг"
    data = KHORGOS.read_bytes().replace(original.encode(), SPARE_PARTS.encode(), 1)
    result = normalized(normalizer, data)
    parts = resolution_at(result, WHEAT)
    assert (parts["method"], parts["score"], parts["latin"]) == (
        "transliteration",
        "0",
        "Zapasnyye chasti k zernouborochnym kombaynam (nozhi, shneki, tsepi)",
    )
    assert "english" not in parts and "code" not in parts
    queued = unresolved_names([name.resolution for name in result.names], "KZ", "doc-1", datetime.now(UTC))
    (goods,) = [name for name in queued if name.kind == "goods"]
    assert (goods.text, goods.language, goods.message_id) == (SPARE_PARTS, "ru", "doc-1")
    (row,) = glossary_rows([_Counted(goods.text)])
    assert (row["kind"], row["language"], row["term"], row["english"]) == ("goods", "ru", SPARE_PARTS, "")


def test_a_goods_resolution_leaves_only_with_the_goods_description(normalizer: Normalizer) -> None:
    result = normalized(normalizer, KHORGOS.read_bytes())
    assert result.message is not None
    everything = Agreements.load(PROJECT_ROOT / "agreements").between("KZ", "CN")
    assert everything is not None
    model = load_model()
    shared = {pointer for pointer in element_pointers() if not pointer.endswith("/23A/137")}
    without = replace(everything, shared=SharedElements.of(model, shared))
    withheld = share(result.message.to_xml(), without)
    assert b'kind="goods"' not in withheld and "пшеница".encode() not in withheld
    with_it = replace(everything, shared=SharedElements.of(model, shared | {"42A/28A/29A/23A/137"}))
    assert f'pointer="{WHEAT}" kind="goods"'.encode() in share(result.message.to_xml(), with_it)


class _Counted:
    """An unresolved name counted once (the store's `UnresolvedCount`)."""

    def __init__(self, text: str) -> None:
        self.kind, self.text, self.language, self.count, self.message_ids = "goods", text, "ru", 1, ["doc-1"]
        self.countries, self.checked_in = ["KZ"], None
