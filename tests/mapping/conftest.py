"""The mini format: a minimal STAND-IN XML format that exists only in these tests, to drive the engine.

No customs administration uses it. Its base document and base mapping normalize without a single issue as
a cargo report; each test changes one thing (a line of the document, a node of the mapping) and looks at
what a user would see: the harmonized message, its annotations and the issues.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from gateway.codelists import CodeLists
from gateway.intake.limits import DEFAULT_LIMITS
from gateway.mapping.registry import FormatRegistry
from gateway.normalize.message import HarmonizedMessage
from gateway.normalize.pipeline import Normalization, Normalizer

PROJECT = Path(__file__).parent.parent.parent
HARMONIZED = "urn:carec-gateway:harmonized:1"
MINI = "urn:carec-gateway:test:mini:1"

MINI_DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<!-- The mini format: a STAND-IN written for the mapping-engine tests; no customs administration uses it. -->
<m:Manifest xmlns:m="urn:carec-gateway:test:mini:1">
  <m:Number>MINI-2024-0514</m:Number>
  <m:Kind>{kind}</m:Kind>
  <m:Issued>14.05.2024 06:55+0500</m:Issued>
  <m:Carrier>
    <m:Name>ТОО «Астана Транс»</m:Name>
  </m:Carrier>
  <m:Truck mode="3">
    <m:Plate>247ATS01</m:Plate>
  </m:Truck>{header}
  <m:Shipment>
    <m:Sender>ТОО «Алтын Дән»</m:Sender>
    <m:Receiver>新疆金禾进出口有限公司</m:Receiver>
    <m:LoadedAt>KZALA</m:LoadedAt>{shipment}
    <m:Item>
      <m:Goods>Пшеница мягкая, урожай 2023 года</m:Goods>
      <m:Gross unit="TNE">20.124</m:Gross>{item}
    </m:Item>
  </m:Shipment>
</m:Manifest>
"""

MINI_MAPPING: dict[str, Any] = {
    "format": "mini-test",
    "title": "Mini: a minimal stand-in XML format for the engine tests",
    "country": "KZ",
    "stand_in": True,
    "syntax": "xml",
    "kind": {"path": "m:Kind"},
    "languages": ["ru", "kk", "zh"],
    "detect": {"namespace": MINI, "root": "Manifest"},
    "namespaces": {"m": MINI},
    "declaration": {
        "ID": "m:Number",
        "IssueDateTime": {"path": "m:Issued", "transforms": [{"datetime": ["%d.%m.%Y %H:%M%z"]}]},
        "Carrier": {"path": "m:Carrier", "Name": "m:Name"},
        "BorderTransportMeans": {"path": "m:Truck", "ID": "m:Plate", "ModeCode": "@mode"},
        "Consignment": {
            "each": "m:Shipment",
            "SequenceNumeric": {"position": True},
            "Consignor": {"Name": "m:Sender"},
            "Consignee": {"Name": "m:Receiver"},
            "LoadingLocation": {"ID": "m:LoadedAt"},
            "ConsignmentItem": {
                "each": "m:Item",
                "SequenceNumeric": {"position": True},
                "Commodity": {"Description": "m:Goods"},
                "GoodsMeasure": {"GrossMassMeasure": {"path": "m:Gross", "unit": {"path": "m:Gross/@unit"}}},
            },
        },
    },
}


@cache
def harmonized_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(PROJECT / "schemas" / "harmonized-1.0.xsd")))


@cache
def project_codelists() -> CodeLists:
    return CodeLists(PROJECT / "codelists")


_NORMALIZERS: dict[str, Normalizer] = {}
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _qualified(path: str) -> str:
    return "/".join(f"{{{HARMONIZED}}}{step}" for step in path.split("/"))


class Mini:
    """Writes mini-format mappings into a folder and normalizes mini documents with them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def mapping() -> dict[str, Any]:
        """A fresh copy of the base mapping, to change."""
        return copy.deepcopy(MINI_MAPPING)

    @staticmethod
    def document(kind: str = "cargo-report", header: str = "", shipment: str = "", item: str = "") -> str:
        """The base document, with extra XML after the header, in the shipment and in the goods item."""
        return MINI_DOCUMENT.format(kind=kind, header=header, shipment=shipment, item=item)

    def normalizer(self, mapping: dict[str, Any] | None = None) -> Normalizer:
        """A normalizer over the mini mapping (or `mapping`), loaded from a file in the folder.

        Normalizers are shared between tests by the text of their mapping: loading YAML and compiling
        a mapping cost about 30 ms, and a normalizer keeps no state between documents."""
        text = yaml.dump(mapping or MINI_MAPPING, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        (self.folder / "mini-test.yaml").write_text(text, encoding="utf-8")
        if text not in _NORMALIZERS:
            registry = FormatRegistry.from_folder(self.folder, PROJECT / "codelists" / "crosswalks")
            _NORMALIZERS[text] = Normalizer(registry, project_codelists(), DEFAULT_LIMITS)
        return _NORMALIZERS[text]

    def normalize(self, document: str | bytes, mapping: dict[str, Any] | None = None) -> Normalization:
        data = document.encode("utf-8") if isinstance(document, str) else document
        return self.normalizer(mapping).normalize(data)

    @staticmethod
    def message(result: Normalization) -> HarmonizedMessage:
        """The message of `result`, checked against the published schema."""
        assert result.message is not None, [str(issue) for issue in result.issues]
        tree = etree.fromstring(result.message.to_xml())
        schema = harmonized_schema()
        assert schema.validate(tree), schema.error_log
        return result.message

    @classmethod
    def elements(cls, result: Normalization, path: str) -> list[etree._Element]:
        """The message's elements at `path` below the HarmonizedMessage, e.g. ``Declaration/ID``."""
        return cls.message(result).tree().findall(_qualified(path))

    @classmethod
    def texts(cls, result: Normalization, path: str) -> list[str]:
        return [element.text or "" for element in cls.elements(result, path)]

    @staticmethod
    def line(document: str, needle: str, occurrence: int = 1) -> int:
        """The 1-based line of the `occurrence`-th line of `document` that contains `needle`."""
        lines = [number for number, text in enumerate(document.splitlines(), 1) if needle in text]
        return lines[occurrence - 1]

    @staticmethod
    def issues(result: Normalization) -> list[dict[str, Any]]:
        return [issue.to_dict() for issue in result.issues]


@pytest.fixture
def mini(tmp_path: Path) -> Iterator[Mini]:
    yield Mini(tmp_path)


@pytest.fixture(scope="module")
def mini_module(tmp_path_factory: pytest.TempPathFactory) -> Mini:
    """A Mini whose folder lives as long as the module, for Hypothesis tests."""
    return Mini(tmp_path_factory.mktemp("mini"))
