"""A path that leaves its class's node (an absolute XPath) keeps its own absolute source in annotations
and issues, whatever prefix the class's node gives its other values. Test stand-in format, labelled."""

from __future__ import annotations

from pathlib import Path

from gateway.codelists import CodeLists
from gateway.intake.limits import DEFAULT_LIMITS
from gateway.mapping.registry import FormatRegistry
from gateway.normalize.pipeline import Normalizer

ROOT = Path(__file__).parent.parent.parent
MAPPING = """\
format: absolute-source-stand-in
title: "Test stand-in: a carrier name read by an absolute path below a single-node class"
country: KZ
syntax: xml
kind: cargo-report
languages: [ru, kk]
detect: {namespace: "urn:test:absolute", root: M}
namespaces: {t: "urn:test:absolute"}
declaration:
  ID: t:Id
  IssueDateTime: t:Date
  Carrier:
    path: t:Carrier
    ID: t:Code
    Name: /t:M/t:CarrierName
"""
DOCUMENT = """<t:M xmlns:t="urn:test:absolute">
  <t:Id>KZ-1</t:Id>
  <t:Date>2024-05-14T06:55:00</t:Date>
  <t:Carrier><t:Code>150840021873</t:Code></t:Carrier>
  <t:CarrierName>ТОО «Астана Транс»</t:CarrierName>
</t:M>"""


def test_an_absolute_path_keeps_its_absolute_source(tmp_path: Path) -> None:
    (tmp_path / "absolute-source-stand-in.yaml").write_text(MAPPING, encoding="utf-8")
    registry = FormatRegistry.from_folder(tmp_path, ROOT / "codelists" / "crosswalks")
    normalizer = Normalizer(registry, CodeLists(ROOT / "codelists"), DEFAULT_LIMITS)
    annotations = normalizer.normalize(DOCUMENT.encode("utf-8")).message.to_json()["annotations"]  # type: ignore[union-attr]
    assert annotations["42A/18A/R011"]["source"] == "/t:M/t:CarrierName"
    assert annotations["42A/18A/R012"]["source"] == "/t:M/t:Carrier[1]/t:Code[1]"
