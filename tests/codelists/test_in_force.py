"""A code is checked against the list in force on the document's date: a UN/LOCODE withdrawn before the
document was issued is an error (value.code-not-in-force) and is left out of the message; the same code
in an older document is fine. The same normalizer alternates between such documents without mixing them
up (checked values are remembered across documents, dated codes are not)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli.main import main as cli
from gateway.issues import Issue
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

PROJECT = Path(__file__).parent.parent.parent
EXAMPLE = json.loads((PROJECT / "examples" / "uz-customs-json.json").read_text(encoding="utf-8"))
RELEASE = (
    ',"TM",,".TURKMENISTAN",,,,,,,,\n'
    ',"TM","KRW","Turkmenbashi","Turkmenbashi","B","1234----","AI","0501",,,\n'
    '"X","TM","OLD","Eski","Eski",,"--3-----","XX","2401",,,"Use TM KRW"\n'
    '"+","TM","NEW","Täze","Taze",,"--3-----","RQ","2405",,,\n'
)


def normalizer_with(tmp_path: Path, *release: Path) -> Normalizer:
    folder = tmp_path / "codelists"
    shutil.copytree(PROJECT / "codelists", folder)
    arguments = ["codelists", "import-locode", *map(str, release)]
    result = CliRunner().invoke(cli, arguments, env={"GATEWAY_CODELISTS_DIR": str(folder)})
    assert result.exit_code == 0, result.stderr
    return Normalizer.from_settings(Settings(codelists_dir=folder))


def issues_of(normalizer: Normalizer, place: str, issued: str) -> list[Issue]:
    document = {**EXAMPLE, "issue_place_locode": place, "created_at": issued}
    result = normalizer.normalize(json.dumps(document, ensure_ascii=False).encode())
    assert result.message is not None
    written = result.message.tree().findtext(
        "{urn:carec-gateway:harmonized:1}Declaration/{urn:carec-gateway:harmonized:1}IssueLocationID"
    )
    found = [issue for issue in result.issues if issue.pointer == "42A/D012"]
    assert (written == place) is (not found)  # a code not in force is left out
    return found


@pytest.fixture(scope="module")
def normalizer(tmp_path_factory: pytest.TempPathFactory) -> Normalizer:
    folder = tmp_path_factory.mktemp("in-force")
    release = folder / "TM.csv"
    release.write_text(RELEASE, encoding="utf-8")
    return normalizer_with(folder, release)


def test_a_code_withdrawn_before_the_document_date_is_an_error(normalizer: Normalizer) -> None:
    (issue,) = issues_of(normalizer, "TMOLD", "2024-06-03T05:40:00+05:00")
    assert issue.code == "value.code-not-in-force" and issue.severity == "error"
    assert "withdrawn from UN/LOCODE after 2023-12-31; the document is dated 2024-06-03" in issue.message


def test_the_same_code_is_fine_in_a_document_issued_while_it_was_in_force(normalizer: Normalizer) -> None:
    assert issues_of(normalizer, "TMOLD", "2023-12-31T23:59:00+05:00") == []


def test_a_code_added_after_the_document_date_is_not_yet_in_force(normalizer: Normalizer) -> None:
    (issue,) = issues_of(normalizer, "TMNEW", "2024-04-30T10:00:00+05:00")
    assert issue.code == "value.code-not-in-force" and "only from 2024-05-01" in issue.message
    assert issues_of(normalizer, "TMNEW", "2024-05-01T10:00:00+05:00") == []


def test_the_document_date_is_its_own_day_in_its_own_time_zone(normalizer: Normalizer) -> None:
    # 00:30 on 1 January 2024 in Turkmenistan is still 31 December 2023 in UTC: the document's day counts.
    (issue,) = issues_of(normalizer, "TMOLD", "2024-01-01T00:30:00+05:00")
    assert issue.code == "value.code-not-in-force"


def test_one_normalizer_alternating_dates_gives_each_document_its_own_verdict(normalizer: Normalizer) -> None:
    for _ in range(3):
        assert [issue.code for issue in issues_of(normalizer, "TMOLD", "2024-06-03T05:40:00+05:00")] == [
            "value.code-not-in-force"
        ]
        assert issues_of(normalizer, "TMOLD", "2023-06-03T05:40:00+05:00") == []


def test_a_code_outside_an_imported_country_is_not_in_the_list(normalizer: Normalizer) -> None:
    (issue,) = issues_of(normalizer, "TMZZZ", "2024-06-03T05:40:00+05:00")
    assert issue.code == "value.bad-code" and issue.severity == "error"


def test_a_code_of_a_country_not_imported_is_checked_by_shape_only(normalizer: Normalizer) -> None:
    assert issues_of(normalizer, "KZZZZ", "2024-06-03T05:40:00+05:00") == []


def test_a_real_withdrawn_row_of_the_official_release(tmp_path: Path, unlocode_reference: Path) -> None:
    normalizer = normalizer_with(tmp_path, unlocode_reference / "CN.csv")
    (issue,) = issues_of(normalizer, "CNTLS", "2024-06-03T05:40:00+05:00")  # "X" CN TLS Tongliao, 2307
    assert issue.code == "value.code-not-in-force" and "after 2023-06-30" in issue.message
    assert issues_of(normalizer, "CNTLS", "2023-06-30T12:00:00+08:00") == []
    assert issues_of(normalizer, "CNTGO", "2024-06-03T05:40:00+05:00") == []  # the code to use instead


def tariff_issues(normalizer: Normalizer, tariff_code: str, issued: str) -> list[Issue]:
    document = json.loads(json.dumps(EXAMPLE))
    document["created_at"] = issued
    consignment = document["consignments"][0]
    consignment["goods_items"][0]["tariff_code"] = tariff_code
    result = normalizer.normalize(json.dumps(document, ensure_ascii=False).encode())
    return [
        issue for issue in result.issues if issue.pointer and re.search(r"/21A(\[1\])?/145$", issue.pointer)
    ]


@pytest.mark.parametrize(
    ("tariff_code", "expected"),
    [
        ("2523290000", []),  # Portland cement, the Uzbek tariff's ten digits
        ("852411", []),  # flat panel display modules: a subheading new in HS 2022
        ("2523990000", ["value.bad-code"]),  # 252399 is not a subheading
        ("9999990000", ["value.bad-code"]),
    ],
)
def test_goods_are_classified_by_hs_2022_or_a_national_code_that_starts_with_it(
    normalizer: Normalizer, tariff_code: str, expected: list[str]
) -> None:
    found = tariff_issues(normalizer, tariff_code, "2024-06-03T05:40:00+05:00")
    assert [issue.code for issue in found] == expected


def test_a_document_from_before_hs_2022_is_checked_against_it_all_the_same(normalizer: Normalizer) -> None:
    # The gateway holds one edition of the nomenclature; a list's own dates bound is_valid, not documents.
    assert tariff_issues(normalizer, "2523290000", "2021-06-03T05:40:00+05:00") == []
    assert [issue.code for issue in tariff_issues(normalizer, "2523990000", "2021-06-03T05:40:00+05:00")] == [
        "value.bad-code"
    ]
