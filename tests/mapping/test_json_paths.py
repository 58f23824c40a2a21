"""The JSON path language: dotted keys, quoted keys, arrays iterated, 1-based positions in sources, `$` for
the document root; and a STAND-IN Uzbek JSON mapping, written for this test only, run by the engine."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from gateway.codelists import CodeLists
from gateway.intake.json import JsonNode, parse_json
from gateway.intake.limits import DEFAULT_LIMITS
from gateway.mapping.json_paths import compile_json_path
from gateway.mapping.registry import FormatRegistry
from gateway.normalize.pipeline import Normalizer

PROJECT = Path(__file__).parent.parent.parent

DOCUMENT = """{
  "document_id": "UZ-2024-0514",
  "document_kind": "cargo-report",
  "issued": "2024-05-14T06:55:00+05:00",
  "carrier": {"name": "Oʻzbekiston temir yoʻllari AJ"},
  "vehicle": {"plate": "01A123BC", "mode": "3"},
  "consignments": [
    {
      "yuk jo'natuvchi": {"nomi": "Toshkent Toʻqimachilik MChJ"},
      "consignee": {"name": "ТОО «Алтын Дән»"},
      "loading": "UZTAS",
      "marks": ["TT-1", null, "TT-2"],
      "items": [
        {"description": "Paxta ipi", "gross_kg": 1250.50},
        {"description": "Ip gazlama", "gross_kg": 300}
      ]
    },
    {
      "yuk jo'natuvchi": {"nomi": "Samarqand Quritilgan Mevalar MChJ"},
      "consignee": {"name": "ТОО «Жетісу»"},
      "loading": "UZSKD",
      "items": [{"description": "Quritilgan oʻrik", "gross_kg": "12,5 kg"}]
    }
  ]
}
"""

MAPPING: dict[str, Any] = {
    "format": "uz-test-json",
    "title": "Uzbekistan: JSON stand-in for the path-language tests",
    "country": "UZ",
    "stand_in": True,
    "syntax": "json",
    "kind": {"path": "document_kind"},
    "languages": ["uz", "ru"],
    "detect": {"keys": ["document_id", "consignments"]},
    "declaration": {
        "ID": "document_id",
        "IssueDateTime": "issued",
        "Carrier": {"path": "carrier", "Name": "name"},
        "BorderTransportMeans": {"path": "vehicle", "ID": "plate", "ModeCode": "mode"},
        "Consignment": {
            "each": "consignments",
            "SequenceNumeric": {"position": True},
            "Consignor": {"Name": '"yuk jo\'natuvchi".nomi'},
            "Consignee": {"Name": "consignee.name"},
            "LoadingLocation": {"ID": "loading"},
            "ConsignmentItem": {
                "each": "items",
                "SequenceNumeric": {"position": True},
                "Commodity": {"Description": "description"},
                "GoodsMeasure": {"GrossMassMeasure": {"path": "gross_kg", "unit": "KGM"}},
            },
        },
    },
}


@pytest.fixture(scope="module")
def root() -> JsonNode:
    parsed = parse_json(DOCUMENT.encode())
    assert parsed.root is not None
    return parsed.root


def values(path: str, context: JsonNode) -> list[tuple[str, int, str]]:
    return [(text, node.sourceline, source) for text, node, source in compile_json_path(path).values(context)]


def nodes(path: str, context: JsonNode) -> list[tuple[int, str]]:
    return [(node.sourceline, source) for node, source in compile_json_path(path).nodes(context)]


def test_dotted_keys_read_a_value_with_its_line_and_source(root: JsonNode) -> None:
    assert values("carrier.name", root) == [("Oʻzbekiston temir yoʻllari AJ", 5, "carrier.name")]
    assert values("document_id", root) == [("UZ-2024-0514", 2, "document_id")]


def test_arrays_are_iterated_with_one_based_positions(root: JsonNode) -> None:
    assert nodes("consignments", root) == [(8, "consignments[1]"), (18, "consignments[2]")]
    assert values("consignments.items.description", root) == [
        ("Paxta ipi", 14, "consignments[1].items[1].description"),
        ("Ip gazlama", 15, "consignments[1].items[2].description"),
        ("Quritilgan oʻrik", 22, "consignments[2].items[1].description"),
    ]


def test_an_index_selects_one_element(root: JsonNode) -> None:
    assert values("consignments[2].loading", root) == [("UZSKD", 21, "consignments[2].loading")]
    assert values("consignments.items[2].gross_kg", root) == [
        ("300", 15, "consignments[1].items[2].gross_kg")
    ]
    assert values("carrier[1].name", root) == [("Oʻzbekiston temir yoʻllari AJ", 5, "carrier.name")]
    assert values("carrier[2].name", root) == []


def test_null_is_absent_and_numbers_are_read_as_written(root: JsonNode) -> None:
    first = compile_json_path("consignments[1]").nodes(root)[0][0]
    assert values("marks", first) == [("TT-1", 12, "marks[1]"), ("TT-2", 12, "marks[3]")]
    assert [text for text, _, _ in values("items.gross_kg", first)] == ["1250.50", "300"]


def test_quoted_keys_and_their_sources(root: JsonNode) -> None:
    first = compile_json_path("consignments[1]").nodes(root)[0][0]
    assert values('"yuk jo\'natuvchi".nomi', first) == [
        ("Toshkent Toʻqimachilik MChJ", 9, '"yuk jo\'natuvchi".nomi')
    ]
    parsed = parse_json(rb'{"a \"b\" \\ c": {"d.e": "x"}}')
    assert parsed.root is not None
    assert values(r'"a \"b\" \\ c"."d.e"', parsed.root) == [("x", 1, r'"a \"b\" \\ c"."d.e"')]


def test_dollar_reads_from_the_document_root_wherever_the_context_is(root: JsonNode) -> None:
    item = compile_json_path("consignments[2].items[1]").nodes(root)[0][0]
    assert values("$.vehicle.mode", item) == [("3", 6, "/vehicle.mode")]
    assert nodes("$", item) == [(1, "/")]
    assert nodes(".", item) == [(22, "")]


def test_objects_and_arrays_have_no_value_of_their_own(root: JsonNode) -> None:
    assert values("carrier", root) == [] and values("consignments", root) == []
    assert nodes("missing.key", root) == [] and values("document_id.deeper", root) == []


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("", "non-empty"),
        ("@mode", "JSON has no attributes"),
        ("a..b", "expected a key"),
        ("a.", "expected a key"),
        ("yuk jo'natuvchi.nomi", "expected '.'"),
        ('"unterminated.nomi', "expected a key"),
        ("items[0]", "expected '.'"),
        ("items[x]", "expected '.'"),
    ],
)
def test_bad_paths_are_refused_with_a_reason(path: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        compile_json_path(path)


def _normalizer(folder: Path) -> Normalizer:
    text = yaml.safe_dump(MAPPING, allow_unicode=True, sort_keys=False)
    (folder / "uz-test-json.yaml").write_text(text, encoding="utf-8")
    registry = FormatRegistry.from_folder(folder, PROJECT / "codelists" / "crosswalks")
    return Normalizer(registry, CodeLists(PROJECT / "codelists"), DEFAULT_LIMITS)


def test_the_engine_runs_a_json_mapping_with_sources_and_lines(tmp_path: Path) -> None:
    result = _normalizer(tmp_path).normalize(DOCUMENT.encode())
    assert result.format == "uz-test-json" and result.message is not None
    (issue,) = result.issues
    assert issue.to_dict() == {
        "code": "value.bad-number",
        "severity": "error",
        "message": "GrossMassMeasure: '12,5 kg' is not a decimal number.",
        "pointer": "42A/28A[2]/29A[1]/65A/126",
        "source": "/consignments[2]/items[1]/gross_kg",
        "line": 22,
    }
    annotations = result.message.to_json()["annotations"]
    consignor = annotations["42A/28A[1]/30A/R020"]
    assert (consignor["method"], consignor["line"]) == ("mapped", 9)
    assert consignor["source"].lstrip("/") == 'consignments[1]/"yuk jo\'natuvchi".nomi'
    assert annotations["42A/28A[1]/29A[1]/65A/126"]["original"] == "1250.50"
    tree = result.message.tree()
    namespace = {"h": "urn:carec-gateway:harmonized:1"}
    assert tree.xpath("//h:Consignee/h:Name/text()", namespaces=namespace) == [
        "ТОО «Алтын Дән»",
        "ТОО «Жетісу»",
    ]
    sources = tree.xpath("//h:Annotation/@source", namespaces=namespace)
    assert sources == ["", "consignments[1]", "items[1]", "items[2]", "consignments[2]", "items[1]"]


def test_the_examples_of_the_mapping_guide_compile() -> None:
    text = (PROJECT / "docs" / "mappings.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| json |"))
    examples = re.findall(r"`([^`]+)`", row.rsplit("|", 2)[1])
    assert len(examples) >= 4
    for example in examples:
        compile_json_path(example)
