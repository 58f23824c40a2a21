"""Adding a country's format takes a mapping file and documents, no code: a made-up Mongolian manifest
(a STAND-IN written for this test, not any agency's format) is listed, checked and normalized with
`--format auto` by the command line, next to the project's own formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from gateway.cli.main import main

PROJECT = Path(__file__).parent.parent.parent

MAPPING = """\
# A STAND-IN Mongolian cargo manifest, made up for tests/mapping/test_new_format.py.
format: mn-test-manifest
title: "Mongolia: cargo manifest at Zamyn-Üüd"
country: MN
stand_in: true
syntax: xml
kind: cargo-report
languages: [mn, zh]
detect: {namespace: "urn:carec-gateway:test:mn:manifest:1", root: CargoManifest}
namespaces: {mn: "urn:carec-gateway:test:mn:manifest:1"}
declaration:
  ID: mn:ManifestNo
  IssueDateTime: mn:Issued
  Carrier: {Name: mn:Carrier}
  BorderTransportMeans:
    path: mn:Vehicle
    ID: "@plate"
    ModeCode: {path: "@mode", transforms: [{map: {"АВТО": "3", "ТӨМӨР ЗАМ": "2"}}]}
  Consignment:
    each: mn:Bill
    SequenceNumeric: {position: true}
    TransportContractDocument: {ID: "@no", TypeCode: {value: "730"}}
    Consignor: {Name: mn:Shipper}
    Consignee: {Name: mn:Consignee}
    LoadingLocation: {ID: mn:LoadingPlace}
    ConsignmentItem:
      each: mn:Line
      SequenceNumeric: "@n"
      Commodity: {Description: .}
      GoodsMeasure: {GrossMassMeasure: {path: "@mass", unit: {path: "@unit"}}}
"""

DOCUMENT = """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- STAND-IN fixture of a made-up Mongolian cargo manifest; not an official format. -->
<CargoManifest xmlns="urn:carec-gateway:test:mn:manifest:1">
  <ManifestNo>MN-ZMU-2024-0614</ManifestNo>
  <Issued>2024-06-14T09:10:00+08:00</Issued>
  <Carrier>Монгол Тээвэр ХХК</Carrier>
  <Vehicle mode="АВТО" plate="1234УБА"/>
  <Bill no="ZMU-0614-1">
    <Shipper>Эрдэнэт Үйлдвэр ХХК</Shipper>
    <Consignee>二连浩特市华蒙商贸有限公司</Consignee>
    <LoadingPlace>MNZMU</LoadingPlace>
    <Line n="1" mass="25" unit="TNE">Зэсийн баяжмал</Line>
    <Line n="2" mass="1200" unit="KGM">Ноолуур, угаасан</Line>
  </Bill>
</CargoManifest>
"""


def _mappings_with_the_new_one(tmp_path: Path) -> Path:
    folder = tmp_path / "mappings"
    folder.mkdir()
    for name in ("kz-eaeu-pi.yaml", "cn-gacc-manifest.yaml"):
        shutil.copy(PROJECT / "mappings" / name, folder / name)
    (folder / "mn-test-manifest.yaml").write_text(MAPPING, encoding="utf-8")
    return folder


def test_a_new_format_needs_only_a_mapping_file_and_a_document(tmp_path: Path) -> None:
    environment = {"GATEWAY_MAPPINGS_DIR": str(_mappings_with_the_new_one(tmp_path))}
    runner = CliRunner()
    document = tmp_path / "zamyn-uud.xml"
    document.write_text(DOCUMENT, encoding="utf-8")

    listed = runner.invoke(main, ["formats"], env=environment)
    assert listed.exit_code == 0
    assert "mn-test-manifest\tMN\txml\tMongolia: cargo manifest at Zamyn-Üüd (stand-in)" in listed.stdout

    checked = runner.invoke(main, ["check"], env=environment)
    assert checked.exit_code == 0, checked.output
    assert "ok  mapping mn-test-manifest  (mn-test-manifest.yaml)" in checked.stdout

    normalized = runner.invoke(
        main, ["normalize", str(document), "--format", "auto", "--output", "json"], env=environment
    )
    assert normalized.exit_code == 0, normalized.stderr
    assert normalized.stderr == ""
    message = json.loads(normalized.stdout)
    assert message["header"] == {
        "DocumentKind": "cargo-report",
        "SourceFormat": "mn-test-manifest",
        "SourceCountry": "MN",
        "ModelVersion": "1.0",
    }
    consignment = message["Declaration"]["Consignment"][0]
    assert consignment["Consignor"]["Name"] == {
        "value": "Эрдэнэт Үйлдвэр ХХК",
        "languageID": "mn",
        "scriptCode": "Cyrl",
    }
    assert consignment["Consignee"]["Name"]["languageID"] == "zh"
    assert [item["GoodsMeasure"]["GrossMassMeasure"]["value"] for item in consignment["ConsignmentItem"]] == [
        "25000",
        "1200",
    ]
    assert message["Declaration"]["BorderTransportMeans"]["ModeCode"] == "3"
    assert message["annotations"]["42A/28A[1]/29A[1]/65A/126"] == {
        "method": "mapped",
        "source": "/mn:CargoManifest/mn:Bill[1]/mn:Line[1]/@mass",
        "line": 12,
        "original": "25",
    }
