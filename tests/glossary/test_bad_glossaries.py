"""Every file in tests/glossary/bad/ is refused, with its line and the reason a terminologist can act on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.glossary import Glossary, InvalidGlossary
from gateway.glossary.reader import read_file

BAD = Path(__file__).parent / "bad"

EXPECTED: dict[str, tuple[int, str]] = {
    "duplicate.csv": (3, "duplicate of duplicate.csv:2"),
    "conflict.csv": (3, "conflicts with conflict.csv:2"),
    "bad-language-tag.csv": (3, "bad language tag 'russian'"),
    "unknown-language.csv": (2, "'xx' is not an ISO 639 language"),
    "unknown-script.csv": (2, "'Xxxx' is not an ISO 15924 script"),
    "bad-hs-code.csv": (3, "100198 is not an HS 2022 subheading"),
    "hs-code-not-digits.csv": (2, "expected 4, 6, 8 or 10 digits"),
    "unknown-column.csv": (1, "unknown column 'colour'"),
    "missing-column.csv": (1, "missing column 'term'"),
    "empty-term.csv": (3, "empty term"),
    "empty-english.csv": (2, "empty english"),
    "unknown-kind.csv": (2, "unknown kind 'nickname'"),
    "ragged-row.csv": (2, "5 values for 4 columns"),
    "not-utf8.csv": (2, "not UTF-8"),
    "code-on-legal-form.csv": (2, "a legal-form row takes no code"),
    "bad-locode.csv": (2, "bad place code 'KZ-HOR': expected a UN/LOCODE, the country's two letters"),
    "locode-of-no-country.csv": (2, "bad place code 'ZZHGS': 'ZZ' is not an ISO 3166-1 country"),
    "column-twice.csv": (1, "column 'term' appears twice"),
    "bad-quoting.csv": (2, "bad CSV"),
    "empty.csv": (1, "empty file"),
    "same-country.csv": (3, "conflicts with same-country.csv:2: place 'Ленинск' in ru means 'Akdepe' there"),
    "uncoded-twice.csv": (3, "(two rows without a code: no country tells them apart)"),
}


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(path.name for path in BAD.glob("*.csv")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_line_and_reason(name: str, tmp_path: Path) -> None:
    shutil.copy(BAD / name, tmp_path / name)
    with pytest.raises(InvalidGlossary) as refused:
        Glossary.load(tmp_path)
    line, reason = EXPECTED[name]
    problem = refused.value.problems[0]
    assert (problem.file, problem.line) == (name, line)
    assert reason in problem.reason
    assert f"{name}:{line}: " in str(refused.value)


def test_a_duplicate_across_files_names_the_first_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("kind,language,term,english\nlegal-form,kk,ЖШС,LLP\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("kind,language,term,english\nlegal-form,kk,жшс,LLC\n", encoding="utf-8")
    with pytest.raises(InvalidGlossary) as refused:
        Glossary.load(tmp_path)
    assert [str(problem) for problem in refused.value.problems] == [
        "b.csv:2: conflicts with a.csv:2: legal-form 'жшс' in kk means 'LLP' there and 'LLC' here"
    ]


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    data = "kind,language,term,english\nnickname,xx,,LLC\nlegal-form,ru,ООО,\n".encode()
    _, problems = read_file("many.csv", data)
    assert [(problem.line, problem.reason.split(" ")[0]) for problem in problems] == [
        (2, "empty"),
        (2, "unknown"),
        (2, "bad"),
        (3, "empty"),
    ]


def test_a_look_alike_latin_letter_does_not_hide_a_duplicate(tmp_path: Path) -> None:
    latin_a_inside = "legal-form,ru,AО,JSC\n"  # a Latin A before a Cyrillic О
    (tmp_path / "forms.csv").write_text(
        "kind,language,term,english\nlegal-form,ru,АО,JSC\n" + latin_a_inside, encoding="utf-8"
    )
    with pytest.raises(InvalidGlossary, match=r"duplicate of forms\.csv:2"):
        Glossary.load(tmp_path)


@settings(max_examples=150, deadline=None)
@given(
    data=st.binary(max_size=300)
    | st.text(max_size=200).map(lambda text: ("kind,language,term,english\n" + text).encode())
)
def test_no_bytes_break_the_reader(data: bytes) -> None:
    """Whatever a file holds, the reader gives entries or line-numbered problems, never an exception."""
    entries, problems = read_file("any.csv", data)
    assert all(problem.line >= 1 and problem.file == "any.csv" for problem in problems)
    assert all(entry.term and entry.english for entry in entries)


def test_an_unclosed_quote_is_reported_where_it_opens_after_the_rows_before_it() -> None:
    data = (
        "kind,language,term,english\n"
        "legal-form,ru,ООО,\n"
        'legal-form,ru,"АО,JSC\n'
        "legal-form,kk,ЖШС,LLP\n"
        "legal-form,kk,АҚ,JSC\n"
    ).encode()
    _, problems = read_file("open.csv", data)
    assert [(problem.line, problem.reason) for problem in problems] == [
        (2, "empty english"),
        (3, "bad CSV: unexpected end of data; a quote opened on this line is never closed"),
    ]
