"""CSV intake: UTF-8 with or without BOM, sniffed delimiter, a required header with unique names, rows as
wide as the header, row numbers and physical lines; broken input gives coded issues, never an exception
and never a hang. The documents are small STAND-INs of a Mongolian export written for these tests."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.intake.csv import RAGGED_ROWS_REPORTED, ParsedCsv, parse_csv, sniff_delimiter
from gateway.intake.limits import IntakeLimits

HEADER = ["Тээврийн баримт №", "Илгээгчийн нэр", "Барааны тодорхойлолт", "Жин, кг"]
MONGOLIAN = (
    "\ufeffТээврийн баримт №;Илгээгчийн нэр;Барааны тодорхойлолт;Жин, кг\r\n"
    "ZMU-1;Эрдэнэт Үйлдвэр ХХК;Зэсийн баяжмал;20124,5\r\n"
    "\r\n"
    'ZMU-1;Эрдэнэт Үйлдвэр ХХК;"Молибден;\r\nбаяжмал";1200\r\n'
    "ZMU-2;ᠮᠣᠩᠭᠣᠯ ᠲᠡᠭᠡᠪᠦᠷᠢ;Ноолуур;310\r\n"
)


def codes(parsed: ParsedCsv) -> list[str]:
    return [issue.code for issue in parsed.issues]


def test_a_mongolian_export_with_bom_semicolons_and_a_multi_line_cell() -> None:
    parsed = parse_csv(MONGOLIAN.encode("utf-8"))
    assert parsed.issues == [] and parsed.root is not None
    assert parsed.delimiter == ";" and parsed.header == tuple(HEADER)
    rows = parsed.root.rows
    assert [(row.number, row.sourceline) for row in rows] == [(2, 2), (4, 4), (5, 6)]
    assert rows[1].cells[2] == "Молибден;\r\nбаяжмал"
    assert rows[2].cells[1] == "ᠮᠣᠩᠭᠣᠯ ᠲᠡᠭᠡᠪᠦᠷᠢ"  # traditional Mongolian script
    assert parsed.root.sourceline == 1 and parsed.root.columns["Жин, кг"] == 3


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("Нэр;Жин, кг;Тоо, ш\n1;2,5;3\n", ";"),  # commas inside the names do not fool it
        ('"a,1";"b,2"\n"x,y";z\n', ";"),
        ("only\n1\n", ","),
    ],
)
def test_the_delimiter_is_sniffed(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter
    assert parse_csv(text.encode()).delimiter == delimiter


def test_header_names_are_stripped() -> None:
    parsed = parse_csv(b" a , b \n1,2\n")
    assert parsed.header == ("a", "b")


def test_ragged_rows_are_malformed_with_their_line() -> None:
    parsed = parse_csv(b"a,b,c\n1,2,3\n1,2\n\n1,2,3,4\n")
    assert parsed.root is None and codes(parsed) == ["csv.malformed", "csv.malformed"]
    first, second = (issue.to_dict() for issue in parsed.issues)
    assert (first["line"], first["source"]) == (3, "/row 3")
    assert "Row 3 has 2 fields; the header has 3" in first["message"]
    assert (second["line"], second["source"]) == (5, "/row 5")


def test_many_ragged_rows_are_reported_then_counted() -> None:
    data = b"a,b\n" + b"1\n" * (RAGGED_ROWS_REPORTED + 5)
    parsed = parse_csv(data)
    assert len(parsed.issues) == RAGGED_ROWS_REPORTED + 1
    assert "5 more rows" in parsed.issues[-1].message


def test_the_count_of_rows_not_reported_names_the_first_of_them() -> None:
    """Found by plans/tools/fuzz_campaign.py (seed 1): the last issue named no place at all."""
    data = b"a,b\n1,2\n" + b"1\n" * (RAGGED_ROWS_REPORTED + 5)  # made-up input
    last = parse_csv(data).issues[-1].to_dict()
    first_unreported = 3 + RAGGED_ROWS_REPORTED
    assert (last["line"], last["source"]) == (first_unreported, f"/row {first_unreported}")
    assert f"from row {first_unreported} on" in last["message"]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"a,b,a\n1,2,3\n", "names a column twice: 'a'"),
        (b"a,,c\n1,2,3\n", "no name for column 2"),
        (b'""\n""\n', "no header row"),
    ],
)
def test_a_bad_or_missing_header_is_malformed(data: bytes, said: str) -> None:
    parsed = parse_csv(data)
    assert parsed.root is None and codes(parsed)[0] == "csv.malformed" and said in parsed.issues[0].message
    assert parsed.issues[0].line == 1  # where the header was looked for (the fuzz campaign's seed 2)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b'a,b\n1,"unterminated\n2,3\n', 2),
        (b'a,b\n1,"x"y\n', 2),
        (b"a,b\n1,\x002\n", 2),
        (b"a,b\n1,\x1b[31m\n", 2),
    ],
)
def test_bad_quoting_and_control_characters_are_malformed(data: bytes, line: int) -> None:
    parsed = parse_csv(data)
    assert codes(parsed) == ["csv.malformed"] and parsed.issues[0].line == line


def test_a_field_longer_than_the_csv_limit_is_malformed(deadline: None) -> None:
    parsed = parse_csv(b"a,b\n1," + b"x" * 200_000 + b"\n")
    assert codes(parsed) == ["csv.malformed"] and "field larger than field limit" in parsed.issues[0].message


def test_windows_1251_is_an_encoding_issue_with_its_line() -> None:
    parsed = parse_csv("Нэр,Тоо\nЭрдэнэт,1\n".encode("cp1251"))
    assert codes(parsed) == ["intake.encoding"] and parsed.issues[0].line == 1


def test_utf16_is_an_encoding_issue_that_says_so() -> None:
    parsed = parse_csv("Нэр\tТоо\r\nЭрдэнэт\t1\r\n".encode("utf-16"))
    assert codes(parsed) == ["intake.encoding"] and "UTF-16" in parsed.issues[0].message


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_input_is_refused(data: bytes) -> None:
    assert codes(parse_csv(data)) == ["intake.empty"] or codes(parse_csv(data)) == ["csv.malformed"]


def test_the_row_count_and_the_size_are_limited() -> None:
    limits = IntakeLimits(max_bytes=60, max_elements=2)
    assert parse_csv(b"a,b\n1,2\n3,4\n", limits).issues == []
    assert codes(parse_csv(b"a,b\n1,2\n3,4\n5,6\n", limits)) == ["intake.too-large"]
    assert codes(parse_csv(b"a,b\n" + b"1,2\n" * 20, limits)) == ["intake.too-large"]


def test_a_header_only_file_has_no_rows() -> None:
    parsed = parse_csv(b"a,b\n")
    assert parsed.issues == [] and parsed.root is not None and parsed.root.rows == ()


def test_large_noisy_input_ends_quickly(deadline: None) -> None:
    noise = ('"' + ";" * 1000 + '\n"",,\t' * 1000) * 20
    parse_csv(noise.encode())


CELL = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=",;\t\ufeff"), max_size=12
)


@settings(max_examples=200, deadline=None)
@given(
    header=st.lists(
        CELL.filter(lambda name: name.strip() != ""), min_size=2, max_size=5, unique_by=str.strip
    ),
    cells=st.lists(st.lists(CELL, min_size=5, max_size=5), max_size=5),
    delimiter=st.sampled_from([",", ";", "\t"]),
    bom=st.booleans(),
)
def test_any_table_is_read_back_as_written(
    header: list[str], cells: list[list[str]], delimiter: str, bom: bool
) -> None:
    rows = [row[: len(header)] for row in cells if any(cell.strip() for cell in row[: len(header)])]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    parsed = parse_csv(("\ufeff" if bom else "").encode() + buffer.getvalue().encode())
    assert parsed.issues == [] and parsed.root is not None
    assert parsed.header == tuple(name.strip() for name in header)
    assert [list(row.cells) for row in parsed.root.rows] == rows


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=200) | st.text(alphabet='ab,;\t"\r\n ', max_size=80).map(str.encode))
def test_any_bytes_give_a_table_or_coded_issues(data: bytes) -> None:
    parsed = parse_csv(data)
    assert (parsed.root is None) == bool(parsed.issues)
