"""The UN/EDIFACT path language: segments by tag and qualifier, element.component addresses, groups by a
trigger segment, `before(TAG)` and `/` from the interchange, with positions in sources and segment
positions as lines; and a STAND-IN Azerbaijani CUSCAR mapping, written for this test only, run by the
engine."""

from __future__ import annotations

import re
import signal
from pathlib import Path
from typing import Any

import pytest
import yaml

from gateway.codelists import CodeLists
from gateway.intake.edifact import SegmentRange, parse_edifact
from gateway.intake.limits import DEFAULT_LIMITS
from gateway.mapping.edifact_paths import compile_edifact_path
from gateway.mapping.registry import FormatRegistry
from gateway.normalize.pipeline import Normalizer

PROJECT = Path(__file__).parent.parent.parent

SEGMENTS = [
    "UNA:+.?*'",
    "UNB+UNOY:4+ASCOAKTAU:ZZZ+AZDGK:ZZZ+20240611:0715+AKT0611071501++CUSCAR'",
    "UNH+1+CUSCAR:D:96B:UN'",
    "BGM+785+ASCO-XB2406-AKT+9'",
    "DTM+137:202406110715:203'",
    "NAD+CA+1700038881::ZZZ++Azərbaycan Xəzər Dəniz Gəmiçiliyi?:QSC+Mikayıl Useynov küçəsi, 2+Bakı"
    "++AZ1003+AZ'",
    "TDT+20+XB2406+1+++++9387425:146:11:Xəzər Körpüsü:AZ'",
    "EQD+CN+TGHU3456780+22G1:102:5+++5'",
    "MEA+AAE+AAD+KGM:14280'",
    "SEL+KZ0451287+CA'",
    "EQD+CN+CSNU6184230+22G1:102:5+++5'",
    "SEL+KZ0451288+CA'",
    "SEL+KZ0451289+CU'",
    "CNI+1'",
    "LOC+9+KZAAU:139:6:Актау'",
    "NAD+CZ+060440015349::ZZZ++ТОО «Каспий Астык Экспорт»'",
    "NAD+CN+1701234561::ZZZ++Sumqayıt Un Dəyirmanı MMC'",
    "GID+1+240:BG'",
    "FTX+AAA+++Пшеница мягкая продовольственная 3 класса+ru'",
    "MEA+AAE+AAE+KGM:12060'",
    "MEA+AAE+AAF+KGM:12000'",
    "CNI+2'",
    "LOC+9+KZAAU:139:6:Aktau'",
    "NAD+CZ+111240030211::ZZZ++ТОО «Мангистау Мука»'",
    "NAD+CN+1300872211::ZZZ++Abşeron Çörək Zavodu MMC'",
    "GID+1+320:BG'",
    "FTX+AAA+++Əla növ yumşaq buğda unu+az'",
    "MEA+AAE+AAE+KGM:8,064'",
    "GID+2+10:PK'",
    "FTX+AAA+++Un kisələri?'nin etiketləri'",
    "SGP+CSNU6184230+10'",
    "UNT+30+1'",
    "UNZ+1+AKT0611071501'",
]
DOCUMENT = "\n".join(SEGMENTS) + "\n"

MAPPING: dict[str, Any] = {
    "format": "az-test-cuscar",
    "title": "Azerbaijan: CUSCAR stand-in for the path-language tests",
    "country": "AZ",
    "stand_in": True,
    "syntax": "edifact",
    "kind": "cargo-report",
    "languages": ["az", "ru"],
    "detect": {"message_type": "CUSCAR:D:96B:UN"},
    "declaration": {
        "ID": "BGM/2.1",
        "IssueDateTime": {"path": "DTM[137]/1.2", "transforms": [{"datetime": ["%Y%m%d%H%M"]}]},
        "Carrier": {"path": "before(CNI)/NAD[CA]", "Name": "4.1", "ID": "2.1"},
        "BorderTransportMeans": {"path": "TDT[20]", "ID": "8.1", "Name": "8.4", "ModeCode": "3"},
        "Consignment": {
            "each": "group(CNI)",
            "SequenceNumeric": "1.1",
            "Consignor": {"path": "NAD[CZ]", "Name": "4.1", "ID": "2.1"},
            "Consignee": {"path": "NAD[CN]", "Name": "4.1"},
            "LoadingLocation": {"ID": "LOC[9]/2.1"},
            "TransportEquipment": {
                "each": "/before(CNI)/group(EQD)[2.1=current()/SGP/1.1]",
                "SequenceNumeric": {"position": True},
                "ID": "2.1",
                "Seal": {"each": "SEL", "SequenceNumeric": {"position": True}, "ID": "1.1"},
            },
            "ConsignmentItem": {
                "each": "group(GID)",
                "SequenceNumeric": "1.1",
                "Commodity": {"Description": "FTX[AAA]/4.1"},
                "GoodsMeasure": {
                    "GrossMassMeasure": {
                        "path": "MEA[AAE][2.1=AAE]/3.2",
                        "unit": {"path": "MEA[AAE][2.1=AAE]/3.1"},
                    }
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def root() -> SegmentRange:
    parsed = parse_edifact(DOCUMENT.encode())
    assert parsed.interchange is not None, parsed.issues
    return parsed.interchange.root()


def values(path: str, context: SegmentRange) -> list[tuple[str, int, str]]:
    return [
        (text, segment.sourceline, source)
        for text, segment, source in compile_edifact_path(path).values(context)
    ]


def nodes(path: str, context: SegmentRange) -> list[tuple[int, str]]:
    return [(node.sourceline, source) for node, source in compile_edifact_path(path).nodes(context)]


def node(path: str, context: SegmentRange, position: int = 1) -> SegmentRange:
    return compile_edifact_path(path).nodes(context)[position - 1][0]


def test_a_segment_by_tag_and_qualifier_and_a_component_by_position(root: SegmentRange) -> None:
    assert values("BGM/2.1", root) == [("ASCO-XB2406-AKT", 4, "BGM[1]/2.1")]
    assert values("BGM/2", root) == [("ASCO-XB2406-AKT", 4, "BGM[1]/2.1")]
    assert values("DTM[137]/1.2", root) == [("202406110715", 5, "DTM[1]/1.2")]
    assert values("TDT[20]/8.4", root) == [("Xəzər Körpüsü", 7, "TDT[1]/8.4")]
    assert values("NAD[CA]/4.1", root) == [("Azərbaycan Xəzər Dəniz Gəmiçiliyi:QSC", 6, "NAD[1]/4.1")]
    assert values("NAD[CZ]/4.1", root)[1] == ("ТОО «Мангистау Мука»", 24, "NAD[4]/4.1")
    assert (
        values("NAD[ZZ]/4.1", root) == []
        and values("NAD[CA]/4.9", root) == []
        and values("NAD[CA]/12", root) == []
    )


def test_a_qualifier_may_name_its_element_and_component(root: SegmentRange) -> None:
    assert values("MEA[AAE][2.1=AAF]/3.2", root) == [("12000", 21, "MEA[3]/3.2")]
    assert values("MEA[2=AAD]/3.2", root) == [("14280", 9, "MEA[1]/3.2")]
    assert values("EQD[CN][6.1=5]/2.1", root) == [
        ("TGHU3456780", 8, "EQD[1]/2.1"),
        ("CSNU6184230", 11, "EQD[2]/2.1"),
    ]


def test_groups_run_from_their_trigger_to_the_next_and_nest(root: SegmentRange) -> None:
    assert nodes("group(CNI)", root) == [(14, "CNI[1]"), (22, "CNI[2]")]
    second = node("group(CNI)", root, 2)
    assert (second.start, second.end) == (20, 30)  # from CNI+2 up to UNT, which ends every group
    assert nodes("group(GID)", second) == [(26, "GID[1]"), (29, "GID[2]")]
    assert values("group(GID)/FTX[AAA]/4.1", second) == [
        ("Əla növ yumşaq buğda unu", 27, "GID[1]/FTX[1]/4.1"),
        ("Un kisələri'nin etiketləri", 30, "GID[2]/FTX[1]/4.1"),
    ]
    assert values("1.1", second) == [("2", 22, "1.1")]  # an address alone reads the trigger segment
    assert values("group(CNI)/NAD[CN]/4.1", root)[0] == ("Sumqayıt Un Dəyirmanı MMC", 17, "CNI[1]/NAD[2]/4.1")


def test_before_keeps_the_values_of_a_level_from_those_below_it(root: SegmentRange) -> None:
    assert [source for _, _, source in values("NAD/1.1", root)] == [f"NAD[{n}]/1.1" for n in range(1, 6)]
    assert values("before(CNI)/NAD/1.1", root) == [("CA", 6, "NAD[1]/1.1")]
    assert nodes("before(CNI)/group(EQD)", root) == [(8, "EQD[1]"), (11, "EQD[2]")]
    last_equipment = node("before(CNI)/group(EQD)", root, 2)
    assert values("SEL/1.1", last_equipment) == [
        ("KZ0451288", 12, "SEL[1]/1.1"),
        ("KZ0451289", 13, "SEL[2]/1.1"),
    ]
    assert values("group(EQD)/SEL/1.1", root)[-1] == ("KZ0451289", 13, "EQD[2]/SEL[2]/1.1")


def test_a_slash_reads_from_the_interchange_wherever_the_context_is(root: SegmentRange) -> None:
    goods = node("group(GID)", node("group(CNI)", root, 2), 1)
    assert values("/UNB/2.1", goods) == [("ASCOAKTAU", 2, "/UNB[1]/2.1")]
    assert values("/before(CNI)/TDT[20]/8.1", goods) == [("9387425", 7, "/TDT[1]/8.1")]
    assert nodes("/", goods) == [(2, "/")] and nodes(".", goods) == [(26, "")]


def test_a_path_that_reads_a_component_selects_no_node_and_one_that_does_not_reads_no_value(
    root: SegmentRange,
) -> None:
    assert nodes("NAD[CA]/4.1", root) == [] and values("NAD[CA]", root) == []


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("", "non-empty"),
        ("nad/4.1", "'nad' is not a step"),
        ("NAD[]/4.1", "empty qualifier"),
        ("group(cni)", "is not a step"),
        ("NAD[CZ]/0.1", "is not a step"),
        ("NAD[CZ]/4.1/5.1", "is not a step"),
        ("NAD+CZ/4.1", "is not a step"),
    ],
)
def test_bad_paths_are_refused_with_a_reason(path: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        compile_edifact_path(path)


def _normalizer(folder: Path) -> Normalizer:
    text = yaml.safe_dump(MAPPING, allow_unicode=True, sort_keys=False)
    (folder / "az-test-cuscar.yaml").write_text(text, encoding="utf-8")
    registry = FormatRegistry.from_folder(folder, PROJECT / "codelists" / "crosswalks")
    return Normalizer(registry, CodeLists(PROJECT / "codelists"), DEFAULT_LIMITS)


def test_the_engine_runs_a_cuscar_mapping_and_its_errors_name_segment_and_position(tmp_path: Path) -> None:
    result = _normalizer(tmp_path).normalize(DOCUMENT.encode())
    assert result.format == "az-test-cuscar" and result.message is not None
    issue, unused = result.issues  # and the first container, which no goods item names
    assert (unused.code, unused.source, unused.line) == ("reference.unused", "/EQD[1]", 8)
    assert issue.to_dict() == {
        "code": "value.bad-number",
        "severity": "error",
        "message": "GrossMassMeasure: '8,064' is not a decimal number.",
        "pointer": "42A/28A[2]/29A[1]/65A/126",
        "source": "/CNI[2]/GID[1]/MEA[1]/3.2",
        "line": 28,
    }
    tree = result.message.tree()
    namespace = {"h": "urn:carec-gateway:harmonized:1"}

    def texts(path: str) -> list[str]:
        return [str(text) for text in tree.xpath(path + "/text()", namespaces=namespace)]

    assert texts("//h:Carrier/h:Name") == ["Azərbaycan Xəzər Dəniz Gəmiçiliyi:QSC"]
    assert texts("//h:Consignment/h:Consignor/h:Name") == [
        "ТОО «Каспий Астык Экспорт»",
        "ТОО «Мангистау Мука»",
    ]
    assert texts("//h:Consignment[1]/h:TransportEquipment/h:ID") == []
    assert texts("//h:Consignment[2]/h:TransportEquipment/h:Seal/h:ID") == ["KZ0451288", "KZ0451289"]
    assert texts("//h:Consignment[2]/h:ConsignmentItem/h:Commodity/h:Description") == [
        "Əla növ yumşaq buğda unu",
        "Un kisələri'nin etiketləri",
    ]
    assert texts("//h:Consignment[1]/h:ConsignmentItem/h:GoodsMeasure/h:GrossMassMeasure") == ["12060"]
    annotations = result.message.to_json()["annotations"]
    assert annotations["42A/28A[1]/30A/R020"]["line"] == 16
    assert annotations["42A/28A[1]/30A/R020"]["source"].lstrip("/") == "CNI[1]/NAD[1]/4.1"


def test_the_examples_of_the_mapping_guide_compile() -> None:
    text = (PROJECT / "docs" / "mappings.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| edifact |"))
    examples = re.findall(r"`([^`]+)`", row.rsplit("|", 2)[1])
    assert len(examples) >= 4
    for example in examples:
        compile_edifact_path(example)


def test_the_cuscar_table_of_the_mapping_guide_compiles() -> None:
    text = (PROJECT / "docs" / "mappings.md").read_text(encoding="utf-8")
    table = text.split("| CUSCAR segment |", 1)[1].split("\n\n", 1)[0]
    paths = [row.rsplit("|", 2)[1] for row in table.splitlines()[2:]]  # the last column of each row
    examples = [
        example.removeprefix("each: ") for cell in paths for example in re.findall(r"`([^`]+)`", cell)
    ]
    assert len(examples) > 20
    for example in examples:
        compile_edifact_path(example)


def test_paths_from_every_group_of_a_large_message_stay_fast() -> None:
    consignments = "".join(
        f"CNI+{number}'NAD+CZ+++Sender {number}'GID+1+1:BG'" for number in range(1, 20_001)
    )
    segments = 2 + 3 * 20_000 + 1
    document = (
        f"UNB+UNOC:3+A+B+1:1+R'UNH+1+CUSCAR:D:96B:UN'BGM+785+X+9'{consignments}UNT+{segments}+1'UNZ+1+R'"
    )
    parsed = parse_edifact(document.encode())
    assert parsed.interchange is not None, parsed.issues
    previous = signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(5)
    try:
        groups = compile_edifact_path("group(CNI)").nodes(parsed.interchange.root())
        header, sender = compile_edifact_path("/before(CNI)/BGM/2.1"), compile_edifact_path("NAD[CZ]/4.1")
        read = [(next(header.values(group))[0], next(sender.values(group))[0]) for group, _ in groups]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert len(read) == 20_000 and read[-1] == ("X", "Sender 20000")


def _too_slow(signum: int, frame: Any) -> None:
    raise TimeoutError("path evaluation grew faster than the message")
