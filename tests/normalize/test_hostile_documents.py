"""What a hostile or careless national system sends, format by format, through the whole normalizer: each
document gives coded errors that name the place (a line, a source path or a WCO pointer), in messages of
bounded length, and no exception. The intake tests (tests/intake/) hold each parser's own cases; these are
the cases that only the whole path shows (a value deep in the mapping, the document kind, the sniffing)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.issues import CODES, LONGEST_TEXT, Issue
from gateway.normalize.pipeline import Normalization, Normalizer

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
KZ = (EXAMPLES / "kz-eaeu-pi-manifest.xml").read_bytes()
UZ = (EXAMPLES / "uz-customs-json.json").read_bytes()
MN = (EXAMPLES / "mn-customs-csv.csv").read_bytes()
AZ = (EXAMPLES / "az-cuscar.edi").read_bytes()
PI = b'xmlns:pi="' + re.search(rb'xmlns:pi="([^"]+)"', KZ)[1] + b'"'  # type: ignore[index]
KIND = "<pi:DocumentKindCode>ЭМ".encode()
OVER_10_MB = b"A" * 11_000_000
"""More than libxml2 takes in one text node or attribute without its huge-tree option."""
WRONG_CHILDREN = b"<pi:PreliminaryInformation " + PI + b"><evil/><pi:Nothing/></pi:PreliminaryInformation>"
MASS = re.compile(rb'"gross_mass_kg": [0-9.]+')

WHOLE_DOCUMENT = {"intake.empty", "intake.too-large", "format.unknown", "format.ambiguous"}
"""Codes about the document as a whole, which may name no place in it."""


def refused(normalizer: Normalizer, data: bytes) -> list[Issue]:
    """The errors of `data`, after checking what every refusal must be."""
    result: Normalization = normalizer.normalize(data)
    errors = [issue for issue in result.issues if issue.severity == "error"]
    assert errors, "a hostile document was accepted"
    for issue in result.issues:
        assert issue.code in CODES
        assert len(issue.message) <= LONGEST_TEXT + 40 and len(issue.source or "") <= LONGEST_TEXT + 40
    placed = [issue for issue in errors if issue.line or issue.source or issue.pointer]
    assert placed or {issue.code for issue in errors} <= WHOLE_DOCUMENT, errors
    return errors


CASES = [
    # XML
    ("xml-text-over-10-mb", KZ.replace(KIND, b"<pi:DocumentKindCode>" + OVER_10_MB), "xml.malformed", 6),
    ("xml-attribute-over-10-mb", KZ.replace(KIND, b'<pi:DocumentKindCode x="' + OVER_10_MB + b'">'),
     "xml.malformed", 6),
    ("xml-prolog-says-utf-16", KZ.replace(b'encoding="UTF-8"', b'encoding="UTF-16"'), "intake.encoding", 1),
    ("xml-bad-utf8-mid-document", KZ[:2000] + b"\xff\xfe" + KZ[2000:], "intake.encoding", 38),
    ("xml-nul-mid-document", KZ[:500] + b"\x00" + KZ[500:], "xml.malformed", 8),
    ("xml-namespace-missing", KZ.replace(PI, b""), "xml.malformed", 3),
    ("xml-namespace-foreign", KZ.replace(PI, b'xmlns:pi="urn:elsewhere"'), "format.unknown", 3),
    ("xml-right-root-wrong-children", WRONG_CHILDREN, "kind.unknown", None),
    ("xml-kind-of-megabytes", KZ.replace(KIND, b"<pi:DocumentKindCode><![CDATA[" + b"]" * 3_000_000 + b"]]>"),
     "kind.unknown", 6),
    # JSON
    ("json-mass-of-100000-digits", MASS.sub(b'"gross_mass_kg": ' + b"9" * 100_000, UZ, count=1),
     "value.too-many-digits", None),
    ("json-mass-exponent-in-billions", MASS.sub(b'"gross_mass_kg": 21e9992104', UZ, count=1),
     "value.too-many-digits", None),
    ("json-kind-an-object", UZ.replace(b'"document_kind": "PRE_ARRIVAL"', b'"document_kind": {"a": 1}'),
     "kind.unknown", None),
    ("json-kind-of-megabytes",
     UZ.replace(b'"document_kind": "PRE_ARRIVAL"', b'"document_kind": "' + b"x" * 3_000_000 + b'"'),
     "kind.unknown", None),
    ("json-top-level-array", b"[" + UZ + b"]", "format.unknown", 1),
    # CSV
    ("csv-nul-in-a-cell", MN[:300] + b"\x00" + MN[300:], "format.unknown", 1),
    ("csv-only-a-header", MN.split(b"\n")[0] + b"\n", "kind.unknown", None),
    ("csv-quote-never-closed", MN + b'"never closed,x\n' + b"z" * 1000, "csv.malformed", 8),
    # UN/EDIFACT
    ("edifact-release-character-at-the-end", AZ.rstrip() + b"?", "edifact.malformed", 60),
    ("edifact-unt-count-wrong", re.sub(rb"UNT\+\d+", b"UNT+999", AZ), "edifact.malformed", 58),
    ("edifact-segment-of-megabytes", AZ.replace(b"UNH+", b"FTX+AAA+++" + b"A" * 3_000_000 + b"'UNH+", 1),
     "edifact.malformed", 3),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "code", "line"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_a_hostile_document_gets_coded_errors_that_name_the_place(
    normalizer: Normalizer, data: bytes, code: str, line: int | None
) -> None:
    errors = refused(normalizer, data)
    first = next(issue for issue in errors if issue.code == code)
    if line is not None:
        assert first.line == line, first
    else:
        assert first.source or first.pointer, first


def test_the_document_kind_missing_names_where_it_was_looked_for(normalizer: Normalizer) -> None:
    data = b"<pi:PreliminaryInformation " + PI + b"/>"
    (issue,) = refused(normalizer, data)
    assert issue.code == "kind.unknown" and issue.source == "/pi:PreliminaryInformation/pi:DocumentKindCode"
    assert "gives no document kind" in issue.message


def test_a_value_of_megabytes_is_quoted_by_its_start_and_end(normalizer: Normalizer) -> None:
    data = UZ.replace(b'"document_kind": "PRE_ARRIVAL"', b'"document_kind": "' + b"x" * 3_000_000 + b'"')
    (issue,) = refused(normalizer, data)
    assert issue.message.startswith("The document kind cannot be read: 'xxx")
    assert "characters left out" in issue.message and issue.message.endswith("'TRANSIT'].")


def test_a_formula_looking_cell_is_kept_as_text(normalizer: Normalizer) -> None:
    """A cell such as =cmd|'/C calc'!A0 is data: it reaches the harmonized message as text (XML escapes
    it) and is never evaluated; spreadsheets are what must not read it as a formula."""
    header, first, rest = MN.split(b"\n", 2)
    cells = first.split(b",")
    cells[7] = b"=cmd|' /C calc'!A0"
    result = normalizer.normalize(b"\n".join([header, b",".join(cells), rest]))
    assert result.message is not None
    assert "=cmd|' /C calc'!A0" in result.message.xml.decode("utf-8")


def test_a_syntax_version_in_a_digit_that_int_refuses_is_read(normalizer: Normalizer) -> None:
    """Found by plans/tools/fuzz_campaign.py (seed 15): UNB's syntax version "³" passed `str.isdigit` and
    then raised in `int()` when a number's decimal mark was read. Made-up input: the example with it."""
    result = normalizer.normalize(AZ.replace(b"UNB+UNOY:4+", "UNB+UNOY:³+".encode(), 1))
    assert result.message is not None or any(issue.severity == "error" for issue in result.issues)
    assert all(issue.code in CODES for issue in result.issues)
