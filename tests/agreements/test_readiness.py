"""The readiness data: transcribed faithfully from the review, and giving the review's pilot candidates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gateway.agreements import InvalidAgreement, Level, Readiness, load_readiness
from tests.agreements.conftest import READINESS

AREA_AVERAGES = {
    "Legislation & Policy": 3.9,
    "Governance & Compliance": 3.9,
    "Information Technology": 3.9,
    "Track Record": 3.5,
    "Sponsorship": 3.5,
    "Existing Agreement in Place": 3.3,
    "Leadership": 3.4,
    "Management": 3.4,
    "Partnerships": 3.4,
    "Intelligence & Information Sharing Culture": 3.0,
    "Security, Privacy and Confidentiality": 2.9,
    "Value-Add Defined": 2.8,
    "Customs Risk Management": 2.8,
    "Value Analysis & Benchmarking": 2.8,
    "Business Process": 2.7,
    "Project Management": 2.6,
    "Process & Methodology": 2.5,
    "Ability to Monitor & Evaluate": 2.3,
    "Linkages": 2.2,
    "Program Management": 1.9,
}
"""The review's "Average IE Score" per key area over the seven countries (Recommendation 3), a second
printed total that the transcribed table must give back: it checks the columns, as the printed country
averages check the rows."""


def _rounded(value: float) -> float:
    return round(value + 1e-9, 1)  # the review rounds half up; 3.25 must not become 3.2


def test_the_scores_give_back_the_averages_printed_per_country(readiness: Readiness) -> None:
    printed = yaml.safe_load(READINESS.read_text(encoding="utf-8"))["countries"]
    for country, assessment in readiness.assessments.items():
        for stream in ("readiness", "maturity"):
            assert _rounded(assessment.average(stream)) == printed[country]["printed_average"][stream], (
                country,
                stream,
            )


def test_the_scores_give_back_the_averages_printed_per_key_area(readiness: Readiness) -> None:
    for stream, areas in readiness.areas.items():
        for position, area in enumerate(areas):
            scores = [a.scores[stream][position] for a in readiness.assessments.values()]
            assessed = [score for score in scores if score is not None]
            assert _rounded(sum(assessed) / len(assessed)) == AREA_AVERAGES[area], area
    assert sum(len(areas) for areas in readiness.areas.values()) == len(AREA_AVERAGES) == 20


def test_the_thresholds_give_the_review_s_pilot_candidates(readiness: Readiness) -> None:
    levels = {country: readiness.level(country) for country in readiness.assessments}
    assert sorted(c for c, level in levels.items() if level is Level.CIE) == ["AZ", "KZ", "UZ"]
    assert sorted(c for c, level in levels.items() if level is Level.SIE) == ["CN", "KG", "MN", "TJ"]


@pytest.mark.parametrize(
    ("first", "second", "level"),
    [
        ("KZ", "UZ", Level.CIE),
        ("AZ", "KZ", Level.CIE),
        ("UZ", "AZ", Level.CIE),
        ("KZ", "KG", Level.SIE),  # one side below the thresholds is enough
        ("KG", "KZ", Level.SIE),
        ("MN", "TJ", Level.SIE),
        ("KZ", "CN", Level.SIE),  # China's assessment is incomplete, however high its averages
        ("KZ", "GE", Level.SIE),  # not assessed: every country can run the simple exchange
        ("AF", "TJ", Level.SIE),
    ],
)
def test_a_pair_runs_cie_only_when_both_countries_qualify(
    first: str, second: str, level: Level, readiness: Readiness
) -> None:
    assert readiness.qualifies(first, second) is level


def test_the_shortfalls_say_why_a_country_is_not_ready_for_cie(readiness: Readiness) -> None:
    assert readiness.shortfalls("KZ") == []
    assert readiness.shortfalls("KG") == [
        "KG's readiness average 3.24 is below 3.3",
        "KG's maturity average 2.76 is below 2.8",
    ]
    assert readiness.shortfalls("CN") == ["CN's assessment is incomplete"]
    assert readiness.shortfalls("TM") == ["TM has no readiness assessment"]


def test_china_s_partial_assessment_averages_what_was_assessed(readiness: Readiness) -> None:
    china = readiness.assessments["CN"]
    assert not china.complete
    assert (round(china.average("readiness"), 2), round(china.average("maturity"), 2)) == (3.3, 3.54)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = READINESS.read_text(encoding="utf-8")
    assert old in text
    file = tmp_path / "readiness.yaml"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


@pytest.mark.parametrize(
    ("old", "new", "yaml_path", "reason"),
    [
        ("readiness: [4.1, 3.9,", "readiness: [4.1, 39,", "countries.AZ.readiness[1]", "from 1 to 5"),
        ("readiness: [4.1, 3.9,", "readiness: [4.1, high,", "countries.AZ.readiness[1]", "from 1 to 5"),
        ("readiness: [4.1, 3.9,", "readiness: [3.9,", "countries.AZ.readiness", "9 scores for 10 key areas"),
        ("  KZ:\n", "  KAZ:\n", "countries.KAZ", "not an ISO 3166 alpha-2"),
        ("    readiness: 3.3 ", "    readines: 3.3 ", "thresholds.CIE.readines", "unknown key"),
        ("    maturity: 2.8 ", "    maturity: 6 ", "thresholds.CIE.maturity", "from 1 to 5"),
        (
            "    name: Mongolia\n",
            "    name: Mongolia\n    region: east\n",
            "countries.MN.region",
            "unknown key",
        ),
        ("[null, 2.6, null, null, 4.0,", "[null, null, null, null, null,", "countries.CN", "at least one"),
        ("\nsource: >-", "\nsources: >-", "sources", "unknown key"),
    ],
)
def test_a_broken_readiness_file_is_refused_with_its_yaml_path(
    tmp_path: Path, old: str, new: str, yaml_path: str, reason: str
) -> None:
    with pytest.raises(InvalidAgreement) as refused:
        load_readiness(_broken(tmp_path, old, new))
    assert (refused.value.yaml_path, reason in refused.value.reason) == (yaml_path, True), refused.value
