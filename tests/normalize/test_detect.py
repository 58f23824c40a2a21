"""Detection: the syntax from the first bytes, then the format from what the document shows (XML root and
namespace, JSON top-level keys, CSV header columns, EDIFACT UNH message type); unknown and ambiguous
documents, garbage, empty and truncated input get coded issues that say what was seen, and nothing hangs.
Every mapping here is a STAND-IN written for these tests; no agency uses them."""

from __future__ import annotations

import json
import random
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from gateway.codelists import CodeLists
from gateway.intake.csv import parse_csv
from gateway.intake.edifact import parse_edifact
from gateway.intake.json import parse_json
from gateway.intake.limits import DEFAULT_LIMITS
from gateway.mapping.registry import FormatRegistry
from gateway.normalize.detect import check_format, detect_format, sniff_syntax
from gateway.normalize.pipeline import Normalizer

PROJECT = Path(__file__).parent.parent.parent
DECLARATIONS = {
    "json": {"ID": "id"},
    "csv": {"ID": "ID"},
    "edifact": {"ID": "BGM/2.1"},
    "xml": {"ID": "t:ID"},
}

JSON_DOCUMENT = b'{"id": "UZ-1", "manifest": {}, "consignments": [], "extra": 1}'
CSV_DOCUMENT = "\ufeffID;Илгээгч;Тээврийн баримт №\r\nMN-1;Эрдэнэт;ZMU-1\r\n".encode()
EDIFACT_DOCUMENT = (
    b"UNB+UNOC:3+AZSENDER+AZDGK+240611:0715+R1'UNH+1+CUSCAR:D:96B:UN:AZ1'BGM+785+AZ-1+9'UNT+3+1'UNZ+1+R1'"
)
XML_DOCUMENT = b'<?xml version="1.0"?><T xmlns="urn:carec-gateway:test:t:1"><ID>T-1</ID></T>'


def write_mapping(folder: Path, name: str, syntax: str, detect: dict[str, Any]) -> None:
    mapping: dict[str, Any] = {
        "format": name,
        "title": f"{name}: detection stand-in",
        "country": "KZ",
        "stand_in": True,
        "syntax": syntax,
        "kind": "cargo-report",
        "detect": detect,
        "declaration": DECLARATIONS[syntax],
    }
    if syntax == "xml":
        mapping["namespaces"] = {"t": "urn:carec-gateway:test:t:1"}
    text = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def registry_of(folder: Path, formats: dict[str, tuple[str, dict[str, Any]]]) -> FormatRegistry:
    for name, (syntax, detect) in formats.items():
        write_mapping(folder, name, syntax, detect)
    return FormatRegistry.from_folder(folder, PROJECT / "codelists" / "crosswalks")


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail a test that takes more than ten seconds: no input may hang the gateway."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError("normalization took more than 10 seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("data", "syntax"),
    [
        (XML_DOCUMENT, "xml"),
        (b"\xef\xbb\xbf  <root/>", "xml"),
        (JSON_DOCUMENT, "json"),
        (b"\n  [1, 2]", "json"),
        ('{"a": 1}'.encode("utf-16"), "json"),
        (EDIFACT_DOCUMENT, "edifact"),
        (b"UNA:+.? 'UNB+UNOY:4'", "edifact"),
        (CSV_DOCUMENT, "csv"),
        (b"a\tb", "csv"),
        ("Нэр,Тоо\r\n".encode("cp1251"), "csv"),  # a wrong encoding is the CSV intake's to report
        ("Нэр\tТоо\r\n".encode("utf-16"), "csv"),
        ('<?xml version="1.0" encoding="UTF-16"?><a/>'.encode("utf-16"), "xml"),
        (b"", None),
        (b"   ", None),
        (b"just words", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),
        (b"%PDF-1.7\n\x00\x01", None),
    ],
)
def test_the_syntax_is_sniffed_from_the_first_bytes(data: bytes, syntax: str | None) -> None:
    assert sniff_syntax(data) == syntax


def test_json_the_format_whose_keys_are_all_present_wins(tmp_path: Path) -> None:
    registry = registry_of(
        tmp_path,
        {
            "uz-a": ("json", {"keys": ["id", "manifest"]}),
            "uz-b": ("json", {"keys": ["id", "manifest", "consignments"]}),  # more specific
            "uz-c": ("json", {"keys": ["id", "waybills"]}),
            "no-rule": ("json", {"header": ["id"]}),  # no keys: never detected
        },
    )
    root = parse_json(JSON_DOCUMENT).root
    mapping, problem = detect_format("json", root, registry)
    assert problem is None and mapping is not None and mapping.format == "uz-b"
    assert check_format("json", root, registry.get("uz-a")) is None
    mismatch = check_format("json", root, registry.get("uz-c"))
    assert mismatch is not None and mismatch.code == "format.mismatch"
    assert "expects the top-level keys ['id', 'waybills']" in mismatch.message


def test_json_an_unknown_or_ambiguous_document_says_what_was_seen(tmp_path: Path) -> None:
    registry = registry_of(
        tmp_path,
        {"uz-a": ("json", {"keys": ["id", "manifest"]}), "uz-b": ("json", {"keys": ["manifest", "id"]})},
    )
    _, ambiguous = detect_format("json", parse_json(JSON_DOCUMENT).root, registry)
    assert ambiguous is not None and ambiguous.code == "format.ambiguous"
    assert "uz-a, uz-b" in ambiguous.message and "'consignments'" in ambiguous.message
    many = {f"key{number}": number for number in range(12)}
    _, unknown = detect_format("json", parse_json(json.dumps(many).encode()).root, registry)
    assert unknown is not None and unknown.code == "format.unknown"
    assert "'key0', 'key1'" in unknown.message and "and 4 more" in unknown.message
    _, array = detect_format("json", parse_json(b"[1]").root, registry)
    assert array is not None and "no top-level object" in array.message


def test_csv_the_header_columns_decide(tmp_path: Path) -> None:
    registry = registry_of(
        tmp_path,
        {
            "mn-a": ("csv", {"header": ["ID", "Илгээгч"]}),
            "mn-b": ("csv", {"header": ["ID", "Тээврийн баримт №", "Илгээгч"]}),
            "mn-c": ("csv", {"header": ["ID", "Хүлээн авагч"]}),
        },
    )
    header = parse_csv(CSV_DOCUMENT).header
    mapping, problem = detect_format("csv", header, registry)
    assert problem is None and mapping is not None and mapping.format == "mn-b"
    _, unknown = detect_format("csv", ("A", "B"), registry)
    assert unknown is not None and unknown.message == "No known format has the header columns ['A', 'B']."


def test_edifact_the_message_type_decides_and_the_most_components_win(tmp_path: Path) -> None:
    registry = registry_of(
        tmp_path,
        {
            "az-any": ("edifact", {"message_type": "CUSCAR"}),
            "az-96b": ("edifact", {"message_type": "CUSCAR:D:96B:UN"}),
            "az-1": ("edifact", {"message_type": "CUSCAR:D::UN:AZ1"}),  # an empty component matches any
            "az-96b-1": ("edifact", {"message_type": "CUSCAR:D:96B:UN:AZ1"}),
            "ge-1": ("edifact", {"message_type": "CUSCAR:D:96B:UN:GE1"}),
            "ifcsum": ("edifact", {"message_type": "IFCSUM"}),
        },
    )
    interchange = parse_edifact(EDIFACT_DOCUMENT).interchange
    mapping, problem = detect_format("edifact", interchange, registry)
    assert (
        problem is None and mapping is not None and mapping.format == "az-96b-1"
    )  # 4 components against 4: a tie?
    other = parse_edifact(EDIFACT_DOCUMENT.replace(b"CUSCAR:D:96B:UN:AZ1", b"CUSREP:D:96B:UN")).interchange
    _, unknown = detect_format("edifact", other, registry)
    assert unknown is not None and unknown.code == "format.unknown"
    assert "UNH message type CUSREP:D:96B:UN (sender 'AZSENDER')" in unknown.message


def test_edifact_equally_specific_formats_are_ambiguous(tmp_path: Path) -> None:
    registry = registry_of(
        tmp_path,
        {
            "az-a": ("edifact", {"message_type": "CUSCAR:D:96B"}),
            "az-b": ("edifact", {"message_type": "CUSCAR:D::UN"}),
        },
    )
    _, problem = detect_format("edifact", parse_edifact(EDIFACT_DOCUMENT).interchange, registry)
    assert problem is not None and problem.code == "format.ambiguous" and "az-a, az-b" in problem.message


@pytest.fixture(scope="module")
def normalizer(tmp_path_factory: pytest.TempPathFactory) -> Normalizer:
    folder = tmp_path_factory.mktemp("formats")
    registry = registry_of(
        folder,
        {
            "uz-test": ("json", {"keys": ["id", "consignments"]}),
            "mn-test": ("csv", {"header": ["ID", "Тээврийн баримт №"]}),
            "az-test": ("edifact", {"message_type": "CUSCAR:D:96B:UN"}),
            "t-test": ("xml", {"namespace": "urn:carec-gateway:test:t:1", "root": "T"}),
        },
    )
    return Normalizer(registry, CodeLists(PROJECT / "codelists"), DEFAULT_LIMITS)


@pytest.mark.parametrize(
    ("data", "format_name", "identifier"),
    [
        (JSON_DOCUMENT, "uz-test", "UZ-1"),
        (CSV_DOCUMENT, "mn-test", "MN-1"),
        (EDIFACT_DOCUMENT, "az-test", "AZ-1"),
        (XML_DOCUMENT, "t-test", "T-1"),
    ],
)
def test_every_syntax_is_detected_and_mapped(
    normalizer: Normalizer, data: bytes, format_name: str, identifier: str
) -> None:
    result = normalizer.normalize(data)
    assert result.format == format_name and result.message is not None
    assert result.message.tree().findtext("{urn:carec-gateway:harmonized:1}Declaration/{*}ID") == identifier
    assert normalizer.normalize(data, format_name).format == format_name


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "intake.empty"),
        (b" \r\n ", "intake.empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "format.unknown"),
        (b"hello", "format.unknown"),
        (JSON_DOCUMENT[:30], "json.malformed"),
        (b'{"id": "UZ-1", "waybills": []}', "format.unknown"),
        (CSV_DOCUMENT[:-8], "csv.malformed"),  # the last row lost its last field
        (CSV_DOCUMENT[:40], "format.unknown"),  # the header lost its last column
        ("Колонка,Другая\r\n1,2\r\n".encode(), "format.unknown"),
        ("ID,Тээврийн баримт №\r\n1,2\r\n".encode("cp1251"), "intake.encoding"),
        ("ID\tТээврийн баримт №\r\n1\t2\r\n".encode("utf-16"), "intake.encoding"),
        (EDIFACT_DOCUMENT[:60], "edifact.malformed"),
        (EDIFACT_DOCUMENT.replace(b"CUSCAR", b"IFTMIN"), "format.unknown"),
        (XML_DOCUMENT[:50], "xml.malformed"),
    ],
)
def test_garbage_empty_truncated_and_unknown_input_is_refused_with_a_code(
    normalizer: Normalizer, data: bytes, code: str
) -> None:
    result = normalizer.normalize(data)
    assert result.message is None and [issue.code for issue in result.issues][:1] == [code]


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"hello world. this is not a manifest", "'hello world. this is not'"),
        ("Здравствуйте. это не манифест".encode(), "'Здравствуйте. это не ман'"),
    ],
)
def test_an_unknown_document_is_quoted_as_text_not_as_python_bytes(
    normalizer: Normalizer, data: bytes, start: str
) -> None:
    # It said "(it starts with b'hello world')", and b'\xd0\x97\xd0\xb4...' for Cyrillic
    (issue,) = normalizer.normalize(data).issues
    assert issue.message == f"The document is not XML, JSON, CSV or UN/EDIFACT (it starts with {start})."


@pytest.mark.parametrize(
    ("data", "format_name"),
    [(JSON_DOCUMENT, "mn-test"), (CSV_DOCUMENT, "uz-test"), (EDIFACT_DOCUMENT, "uz-test")],
)
def test_a_document_of_another_format_than_the_one_asked_for_is_refused(
    normalizer: Normalizer, data: bytes, format_name: str
) -> None:
    result = normalizer.normalize(data, format_name)
    assert result.message is None and result.issues
    assert result.issues[0].code in ("format.mismatch", "json.malformed", "csv.malformed")


def test_random_bytes_in_every_syntax_give_coded_issues_quickly(
    normalizer: Normalizer, deadline: None
) -> None:
    generator = random.Random(20240611)
    prefixes = [b"{", b"UNA:+.? '", b"UNB+UNOY:4+", b"ID;", b"<"]
    for _ in range(300):
        body = bytes(generator.randrange(256) for _ in range(generator.randrange(400)))
        result = normalizer.normalize(generator.choice(prefixes) + body)
        assert result.issues and result.message is None
