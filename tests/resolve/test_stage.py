"""Resolution in the harmonized message: Resolution annotations, and location codes filled from names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gateway.normalize.pipeline import Normalizer
from gateway.resolve.unresolved import unresolved_names
from gateway.settings import Settings
from tests.resolve.stage_cases import KHORGOS, NS, normalized, resolution_at

LOADING_CODE = b"<pi:LocationCode>KZALA</pi:LocationCode>"


def test_names_and_places_carry_theirresolution_at(normalizer: Normalizer) -> None:
    result = normalized(normalizer, KHORGOS.read_bytes())
    unloading = resolution_at(result, "42A/28A[1]/38B/X018")  # Урумчи
    assert {key: unloading[key] for key in ("kind", "method", "code", "english", "language")} == {
        "kind": "place",
        "method": "code-list",
        "code": "CNURM",
        "english": "Urumqi",
        "language": "ru",
    }
    carrier = resolution_at(result, "42A/18A/R011")  # ТОО «Астана Транс»
    assert (carrier["method"], carrier["english"], carrier["legalForm"]) == (
        "legal-form",
        "Astana Trans LLP",
        "ТОО",
    )
    assert "filled" not in unloading  # the document coded it itself


def test_a_location_given_only_by_name_is_coded_and_says_so(normalizer: Normalizer) -> None:
    data = KHORGOS.read_bytes()
    assert data.count(LOADING_CODE) == 2
    result = normalized(normalizer, data.replace(LOADING_CODE, b"", 1))  # consignment 1: "Алматы" only
    assert result.message is not None
    tree = result.message.tree()
    codes = tree.xpath("//h:Consignment/h:LoadingLocation/h:ID/text()", namespaces=NS)
    assert codes == ["KZALA", "KZALA"]
    loading = resolution_at(result, "42A/28A[1]/83A/L009")
    assert (loading["method"], loading["score"], loading["filled"]) == ("code-list", "1", "L010")
    assert "filled" not in resolution_at(result, "42A/28A[2]/83A/L009")
    # the original name is kept as it was sent
    assert tree.xpath("//h:Consignment[1]/h:LoadingLocation/h:Name/text()", namespaces=NS) == ["Алматы"]


def test_a_weak_match_never_fills_a_code(normalizer: Normalizer) -> None:
    data = (
        KHORGOS.read_bytes()
        .replace(LOADING_CODE, b"", 1)
        .replace("Алматы</pi:PlaceName>".encode(), "Алмалык-Тау</pi:PlaceName>".encode(), 1)
    )
    result = normalized(normalizer, data)
    loading = resolution_at(result, "42A/28A[1]/83A/L009")
    assert loading["method"] == "transliteration" and "code" not in loading and "filled" not in loading
    assert result.message is not None
    assert result.message.tree().xpath("//h:Consignment[1]/h:LoadingLocation/h:ID", namespaces=NS) == []


def test_the_flattened_annotations_are_unchanged_by_resolutions(normalizer: Normalizer) -> None:
    result = normalized(normalizer, KHORGOS.read_bytes())
    assert result.message is not None
    annotations = result.message.to_json()["annotations"]
    assert annotations["42A/28A[1]/38B/X018"]["source"].endswith("pi:GoodsUnloadingPlace[1]/pi:PlaceName[1]")


def test_the_names_feed_the_unresolved_queue(normalizer: Normalizer) -> None:
    result = normalized(normalizer, KHORGOS.read_bytes())
    seen = datetime(2024, 5, 14, tzinfo=UTC)
    queued = unresolved_names([name.resolution for name in result.names], "KZ", "msg-1", seen)
    texts = {name.text for name in queued}
    assert "ТОО «Алтын Дән»" in texts  # a party: legal form found, name only transliterated
    assert "Урумчи" not in texts  # resolved by the code list


def test_resolution_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GATEWAY_RESOLVE_NAMES", "false")
    result = Normalizer.from_settings(Settings()).normalize(KHORGOS.read_bytes(), "kz-eaeu-pi")
    assert result.message is not None and b"<Resolution" not in result.message.xml
    assert result.names == []
