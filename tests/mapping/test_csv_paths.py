"""The CSV path language: columns by header name, `rows`, `group(COLUMN)` and `rows/COLUMN`, with row
numbers and lines in sources; and a STAND-IN Mongolian CSV mapping, written for this test only, that
rebuilds consignments and containers from a flat export and runs through the engine."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from gateway.codelists import CodeLists
from gateway.intake.csv import CsvGroup, parse_csv
from gateway.intake.limits import DEFAULT_LIMITS
from gateway.mapping.csv_paths import compile_csv_path
from gateway.mapping.registry import FormatRegistry
from gateway.normalize.pipeline import Normalizer

PROJECT = Path(__file__).parent.parent.parent

HEADER = (
    "Баримтын дугаар;Баримтын төрөл;Огноо;Тээвэрлэгч;Тээврийн хэрэгсэл;Тээврийн хэлбэр;"
    "Тээврийн баримтын дугаар;Илгээгч;Хүлээн авагч;Ачих газрын код;Ачааны тодорхойлолт;"
    "Бохир жин (кг);Чингэлгийн дугаар"
)
ROWS = [
    "ZMU-0614;cargo-report;2024-06-14T09:10:00+08:00;Монгол Тээвэр ХХК;1234УБА;3;"
    "ZMU-1;Эрдэнэт Үйлдвэр ХХК;二连浩特华蒙商贸;MNZMU;Зэсийн баяжмал;20124,5;TGHU3456780",
    "ZMU-0614;cargo-report;2024-06-14T09:10:00+08:00;Монгол Тээвэр ХХК;1234УБА;3;"
    'ZMU-2;"ᠮᠣᠩᠭᠣᠯ ᠨᠤᠭᠤᠯᠤᠷ, ХХК";二连浩特金达;MNZMU;Ноолуур;310;CSNU6184230',
    "ZMU-0614;cargo-report;2024-06-14T09:10:00+08:00;Монгол Тээвэр ХХК;1234УБА;3;"
    "ZMU-1;Эрдэнэт Үйлдвэр ХХК;二连浩特华蒙商贸;MNZMU;Молибдений баяжмал;12 т;TGHU3456780",
    "ZMU-0614;cargo-report;2024-06-14T09:10:00+08:00;Монгол Тээвэр ХХК;1234УБА;3;"
    "ZMU-1;Эрдэнэт Үйлдвэр ХХК;二连浩特华蒙商贸;MNZMU;Зэсийн баяжмал;1000;TGHU3456781",
]
DOCUMENT = "\ufeff" + "\r\n".join([HEADER, *ROWS]) + "\r\n"

MAPPING: dict[str, Any] = {
    "format": "mn-test-csv",
    "title": "Mongolia: CSV stand-in for the path-language tests",
    "country": "MN",
    "stand_in": True,
    "syntax": "csv",
    "kind": {"path": "Баримтын төрөл"},
    "languages": ["mn", "zh"],
    "detect": {"header": ["Баримтын дугаар", "Тээврийн баримтын дугаар"]},
    "declaration": {
        "ID": "Баримтын дугаар",
        "IssueDateTime": "Огноо",
        "Carrier": {"Name": "Тээвэрлэгч"},
        "BorderTransportMeans": {"ID": "Тээврийн хэрэгсэл", "ModeCode": "Тээврийн хэлбэр"},
        "Consignment": {
            "each": "group(Тээврийн баримтын дугаар)",
            "SequenceNumeric": {"position": True},
            "Consignor": {"Name": "Илгээгч"},
            "Consignee": {"Name": "Хүлээн авагч"},
            "LoadingLocation": {"ID": "Ачих газрын код"},
            "TransportEquipment": {
                "each": "group(Чингэлгийн дугаар)",
                "SequenceNumeric": {"position": True},
                "ID": "Чингэлгийн дугаар",
            },
            "ConsignmentItem": {
                "each": "rows",
                "SequenceNumeric": {"position": True},
                "Commodity": {"Description": "Ачааны тодорхойлолт"},
                "GoodsMeasure": {
                    "GrossMassMeasure": {
                        "path": "Бохир жин (кг)",
                        "unit": "KGM",
                        "transforms": [{"decimal": {"decimal_separator": ","}}],
                    }
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def table() -> CsvGroup:
    parsed = parse_csv(DOCUMENT.encode())
    assert parsed.root is not None, parsed.issues
    return parsed.root


def values(path: str, context: CsvGroup) -> list[tuple[str, int, str]]:
    return [(text, row.sourceline, source) for text, row, source in compile_csv_path(path).values(context)]


def nodes(path: str, context: CsvGroup) -> list[tuple[int, str]]:
    return [(node.sourceline, source) for node, source in compile_csv_path(path).nodes(context)]


def test_a_column_reads_the_first_row_of_the_context(table: CsvGroup) -> None:
    assert values("Баримтын дугаар", table) == [("ZMU-0614", 2, "row 2/Баримтын дугаар")]
    assert values("  Тээвэрлэгч ", table) == [("Монгол Тээвэр ХХК", 2, "row 2/Тээвэрлэгч")]
    assert values("Бохир жин (кг)", table) == [("20124,5", 2, "row 2/Бохир жин (кг)")]
    assert values("No such column", table) == []


def test_groups_follow_the_first_appearance_of_each_value(table: CsvGroup) -> None:
    assert nodes("group(Тээврийн баримтын дугаар)", table) == [
        (2, "Тээврийн баримтын дугаар=ZMU-1"),
        (3, "Тээврийн баримтын дугаар=ZMU-2"),
    ]
    first, second = (node for node, _ in compile_csv_path("group(Тээврийн баримтын дугаар)").nodes(table))
    assert [row.number for row in first.rows] == [2, 4, 5] and [row.number for row in second.rows] == [3]
    assert values("Илгээгч", second) == [("ᠮᠣᠩᠭᠣᠯ ᠨᠤᠭᠤᠯᠤᠷ, ХХК", 3, "row 3/Илгээгч")]
    assert nodes("group(Чингэлгийн дугаар)", first) == [
        (2, "Чингэлгийн дугаар=TGHU3456780"),
        (5, "Чингэлгийн дугаар=TGHU3456781"),
    ]


def test_rows_are_nodes_whose_columns_need_no_row_in_their_source(table: CsvGroup) -> None:
    first = compile_csv_path("group(Тээврийн баримтын дугаар)").nodes(table)[0][0]
    assert nodes("rows", first) == [(2, "row 2"), (4, "row 4"), (5, "row 5")]
    row = compile_csv_path("rows").nodes(first)[1][0]
    assert values("Ачааны тодорхойлолт", row) == [("Молибдений баяжмал", 4, "Ачааны тодорхойлолт")]
    assert values("rows/Чингэлгийн дугаар", first) == [
        ("TGHU3456780", 2, "row 2/Чингэлгийн дугаар"),
        ("TGHU3456780", 4, "row 4/Чингэлгийн дугаар"),
        ("TGHU3456781", 5, "row 5/Чингэлгийн дугаар"),
    ]
    assert nodes(".", row) == [(4, "")] and values(".", row) == [] and values("rows", row) == []


def test_column_names_that_look_like_the_language_can_still_be_read() -> None:
    parsed = parse_csv(b"rows,group(x),column(y),rows/z\n1,2,3,4\n")
    assert parsed.root is not None
    assert [text for text, _, _ in values("column(rows)", parsed.root)] == ["1"]
    assert [text for text, _, _ in values("column(group(x))", parsed.root)] == ["2"]
    assert [text for text, _, _ in values("column(column(y))", parsed.root)] == ["3"]
    assert [text for text, _, _ in values("column(rows/z)", parsed.root)] == ["4"]
    assert [text for text, _, _ in values("rows/rows", parsed.root)] == ["1"]
    assert [text for text, _, _ in values("rows/group(x)", parsed.root)] == ["2"]


@pytest.mark.parametrize("path", ["", "  ", "group()", "column( )", "rows/"])
def test_paths_without_a_column_are_refused(path: str) -> None:
    with pytest.raises(ValueError):
        compile_csv_path(path)


def _normalizer(folder: Path) -> Normalizer:
    text = yaml.safe_dump(MAPPING, allow_unicode=True, sort_keys=False)
    (folder / "mn-test-csv.yaml").write_text(text, encoding="utf-8")
    registry = FormatRegistry.from_folder(folder, PROJECT / "codelists" / "crosswalks")
    return Normalizer(registry, CodeLists(PROJECT / "codelists"), DEFAULT_LIMITS)


def test_the_engine_rebuilds_consignments_and_containers_from_rows(tmp_path: Path) -> None:
    result = _normalizer(tmp_path).normalize(DOCUMENT.encode())
    assert result.format == "mn-test-csv" and result.message is not None
    (issue,) = result.issues
    assert issue.to_dict() == {
        "code": "value.bad-number",
        "severity": "error",
        "message": "GrossMassMeasure: '12 т' is not a decimal number.",
        "pointer": "42A/28A[1]/29A[2]/65A/126",
        "source": "/Тээврийн баримтын дугаар=ZMU-1/row 4/Бохир жин (кг)",
        "line": 4,
    }
    tree = result.message.tree()
    namespace = {"h": "urn:carec-gateway:harmonized:1"}

    def texts(path: str) -> list[str]:
        return [str(text) for text in tree.xpath(path + "/text()", namespaces=namespace)]

    assert texts("//h:Consignment/h:Consignor/h:Name") == ["Эрдэнэт Үйлдвэр ХХК", "ᠮᠣᠩᠭᠣᠯ ᠨᠤᠭᠤᠯᠤᠷ, ХХК"]
    assert texts("//h:Consignment[1]/h:TransportEquipment/h:ID") == ["TGHU3456780", "TGHU3456781"]
    assert texts("//h:Consignment[1]/h:ConsignmentItem/h:Commodity/h:Description") == [
        "Зэсийн баяжмал",
        "Молибдений баяжмал",
        "Зэсийн баяжмал",
    ]
    assert texts("//h:Consignment[1]/h:ConsignmentItem/h:GoodsMeasure/h:GrossMassMeasure") == [
        "20124.5",
        "1000",
    ]
    annotations = result.message.to_json()["annotations"]
    assert annotations["42A/28A[2]/30A/R020"]["line"] == 3
    assert (
        annotations["42A/28A[2]/30A/R020"]["source"].lstrip("/")
        == "Тээврийн баримтын дугаар=ZMU-2/row 3/Илгээгч"
    )


def test_the_examples_of_the_mapping_guide_compile() -> None:
    text = (PROJECT / "docs" / "mappings.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| csv |"))
    examples = re.findall(r"`([^`]+)`", row.rsplit("|", 2)[1])
    assert len(examples) >= 4
    for example in examples:
        compile_csv_path(example)
