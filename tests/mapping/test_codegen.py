"""The compiled mapping reads plain child paths from child indexes; it must write the same message, byte
for byte, with the same issues, as code that walks every path itself (`CompiledMapping(direct=False)`).
Compared on every XML format's golden inputs and example, grown to many goods items, and on mini-format
documents where a step of a path matches several nodes (the case the indexes hand back to the walk)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bench.normalize import scaled_document
from gateway.mapping.codegen import CompiledMapping
from gateway.mapping.rules import Mapping
from gateway.normalize.pipeline import Normalization, Normalizer
from gateway.settings import Settings

ROOT = Path(__file__).parent.parent.parent


class WalkingNormalizer(Normalizer):
    """A normalizer whose compiled mappings walk every path (no child indexes)."""

    def compiled(self, mapping: Mapping) -> CompiledMapping:
        if mapping.format not in self._compiled:
            self._compiled[mapping.format] = CompiledMapping(mapping, direct=False)
        return self._compiled[mapping.format]


@cache
def normalizers() -> tuple[Normalizer, Normalizer]:
    settings = Settings()
    direct = Normalizer.from_settings(settings)
    walking = WalkingNormalizer(
        direct.registry, direct.codelists, direct.limits, direct.model, direct.resolution
    )
    return direct, walking


def _outcome(result: Normalization) -> tuple[bytes | None, list[dict[str, Any]]]:
    message = result.message.to_xml() if result.message is not None else None
    return message, [issue.to_dict() for issue in result.issues]


def _inputs() -> list[Path]:
    direct, _ = normalizers()
    xml_formats = [name for name in direct.registry.names() if direct.registry.get(name).syntax == "xml"]
    inputs = [
        path for name in xml_formats for path in sorted((ROOT / "tests/golden" / name).glob("*/input.*"))
    ]
    return inputs + sorted(path for name in xml_formats for path in (ROOT / "examples").glob(f"{name}*"))


@pytest.mark.parametrize("path", _inputs(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_indexed_and_walking_code_write_the_same_message(path: Path) -> None:
    direct, walking = normalizers()
    data = path.read_bytes()
    assert _outcome(direct.normalize(data)) == _outcome(walking.normalize(data))


def _grown(path: Path, copies: int) -> bytes:
    """The example grown to `copies` goods items, as the benchmark grows it."""
    direct, _ = normalizers()
    name = next(name for name in direct.registry.names() if path.name.startswith(name))
    return scaled_document(direct.registry.get(name), path, copies)[0]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "examples").glob("*.xml")), ids=lambda path: path.name.split(".")[0]
)
def test_the_same_message_for_a_grown_document(path: Path) -> None:
    direct, walking = normalizers()
    data = _grown(path, 40)
    assert _outcome(direct.normalize(data)) == _outcome(walking.normalize(data))


PARTIES_MAPPING = {
    "Consignor": {"path": "m:Parties/m:Sender", "Name": "m:Name"},
    "Consignee": {"Name": "m:Parties/m:Receiver/m:Name"},
    "LoadingLocation": {"ID": "m:LoadedAt"},
    "TransportEquipment": {
        "each": "m:Gear/m:Box",
        "SequenceNumeric": {"position": True},
        "ID": "m:Number",
    },
}


def _parties_mapping(mini: Any) -> dict[str, Any]:
    mapping = mini.mapping()
    consignment = mapping["declaration"]["Consignment"]
    consignment.pop("Consignor")
    consignment.pop("Consignee")
    consignment.update(PARTIES_MAPPING)
    return mapping


def _parties(parties: int, senders: int, boxes: tuple[int, ...]) -> str:
    party = "".join(
        f"<m:Sender><m:Name>Отправитель {number}</m:Name></m:Sender>" for number in range(1, senders + 1)
    )
    party += "<m:Receiver><m:Name>新疆金禾进出口有限公司</m:Name></m:Receiver>"
    gear = "".join(
        "<m:Gear>"
        + "".join(f"<m:Box><m:Number>MSKU{gear}{box}00001</m:Number></m:Box>" for box in range(count))
        + "</m:Gear>"
        for gear, count in enumerate(boxes)
    )
    return "\n    " + f"<m:Parties>{party}</m:Parties>" * parties + gear


@pytest.mark.parametrize(
    ("parties", "senders", "boxes"),
    [(1, 1, (1,)), (2, 1, (2,)), (1, 2, (0,)), (2, 2, (1, 2)), (0, 0, ()), (1, 0, (0, 0))],
)
def test_paths_through_repeated_nodes_read_every_match(
    mini: Any, parties: int, senders: int, boxes: tuple[int, ...]
) -> None:
    mapping = _parties_mapping(mini)
    document = mini.document(shipment=_parties(parties, senders, boxes)).encode("utf-8")
    result = mini.normalizer(mapping).normalize(document)
    direct = mini.normalizer(mapping)
    walking = WalkingNormalizer(
        direct.registry, direct.codelists, direct.limits, direct.model, direct.resolution
    )
    assert _outcome(result) == _outcome(walking.normalize(document))
    texts = mini.texts(result, "Declaration/Consignment/Consignee/Name")
    assert texts == (["新疆金禾进出口有限公司"] if parties else [])
    assert len(mini.texts(result, "Declaration/Consignment/TransportEquipment/ID")) == sum(boxes)


def test_a_second_match_through_a_repeated_parent_is_reported_with_its_source(mini: Any) -> None:
    mapping = _parties_mapping(mini)
    document = mini.document(shipment=_parties(2, 1, ())).encode("utf-8")
    result = mini.normalizer(mapping).normalize(document)
    repeated = [issue for issue in mini.issues(result) if issue["code"] == "element.repeated"]
    assert [issue["source"] for issue in repeated] == [
        "/m:Manifest/m:Shipment[1]/m:Parties[2]/m:Receiver[1]/m:Name[1]"
    ]
    # The consignor is read from the first m:Parties/m:Sender: its annotation says which.
    annotations = result.message.to_json()["annotations"]  # type: ignore[union-attr]
    assert annotations["42A/28A[1]/30A/R020"]["source"] == (
        "/m:Manifest/m:Shipment[1]/m:Parties[1]/m:Sender[1]/m:Name[1]"
    )
