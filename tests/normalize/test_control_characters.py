"""DEL and C1 control characters (U+007F-U+009F) in a national document's names and references: XML
allows them, and CSV, JSON and EDIFACT intake refuse C0 only. Each value holding one gets a warning
`value.control-character` at its element's pointer, naming the first such character and its position;
the document is accepted and the value kept as sent (docs/issues.md)."""

from __future__ import annotations

import json

from gateway.issues import Issue
from gateway.normalize.pipeline import Normalizer
from gateway.settings import PROJECT_ROOT

GOLDEN = PROJECT_ROOT / "tests" / "golden"
KHORGOS = GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "input.xml"
PARTY, REFERENCE = "ТОО «Алтын Дән»", "ATS-2024-0514-01"
HOSTILE_PARTY = "ТОО «Алтын\u009b2J\u0085Дән»"  # an 8-bit CSI, then NEL: one warning, at the first
HOSTILE_REFERENCE = "ATS-2024\u007f-0514-01"


def warned(issues: list[Issue]) -> list[tuple[str, str, str]]:
    return [
        (issue.severity, issue.pointer or "", issue.message)
        for issue in issues
        if issue.code == "value.control-character"
    ]


def test_a_name_and_a_reference_with_control_characters_are_accepted_with_a_warning_each(
    normalizer: Normalizer,
) -> None:
    text = KHORGOS.read_text(encoding="utf-8")
    assert text.count(PARTY) == 1 and text.count(REFERENCE) == 1
    data = text.replace(PARTY, HOSTILE_PARTY).replace(REFERENCE, HOSTILE_REFERENCE).encode()
    result = normalizer.normalize(data)
    assert result.message is not None, result.issues
    assert not [issue for issue in result.issues if issue.severity == "error"]
    found = warned(result.issues)
    assert len(found) == 2, found
    by_message = {message: (severity, pointer) for severity, pointer, message in found}
    kept = "a control character (DEL or C1); the value is kept as sent."
    party = f"Name: character 11 is \\x9b, {kept}"
    reference = f"FunctionalReferenceID: character 9 is \\x7f, {kept}"
    assert set(by_message) == {party, reference}
    assert by_message[reference] == ("warning", "42A/D026")
    assert by_message[party] == ("warning", "42A/28A[1]/30A/R020")
    xml = result.message.xml.decode("utf-8")
    assert HOSTILE_PARTY in xml and HOSTILE_REFERENCE in xml, "kept as sent"
    assert not any("\u0080" <= char <= "\u009f" or char == "\u007f" for char in "".join(m for *_, m in found))


def test_a_name_repeated_is_warned_of_where_it_stands_each_time(normalizer: Normalizer) -> None:
    text = KHORGOS.read_text(encoding="utf-8").replace("ТОО «Астана Транс»", PARTY)
    result = normalizer.normalize(text.replace(PARTY, HOSTILE_PARTY).encode())
    assert result.message is not None
    pointers = [pointer for _, pointer, _ in warned(result.issues)]
    assert pointers == ["42A/17B/R058", "42A/18A/R011", "42A/28A[1]/30A/R020"], "the submitter's name twice"


def test_json_escapes_of_c1_characters_are_warned_of_too(normalizer: Normalizer) -> None:
    source = GOLDEN / "uz-customs-json" / "road-prearrival-yallama" / "input.json"
    document = json.loads(source.read_text(encoding="utf-8"))
    document["submitter"]["name"] += "\u0096"  # written by json.dumps as the escape \u0096
    result = normalizer.normalize(json.dumps(document).encode())
    assert result.message is not None
    assert [pointer for _, pointer, _ in warned(result.issues)] == ["42A/17B/R058"]


def test_a_document_without_control_characters_has_no_such_warning(normalizer: Normalizer) -> None:
    assert warned(normalizer.normalize(KHORGOS.read_bytes()).issues) == []
