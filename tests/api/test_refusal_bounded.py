"""A refusal stays small whatever the number of issues: every code with its count and first issue, the
first `LISTED_ISSUES` issues with their pointers, and the total; `gateway normalize` prints them all."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from gateway.api.problem_issues import LISTED_ISSUES
from gateway.api.schemas import ProblemDetails
from gateway.cli.main import main
from gateway.normalize.pipeline import Normalizer
from tests.api.conftest import Gateway, example

ITEM = re.compile(r"(?s)\n\s*<pi:GoodsItemDetails>.*?</pi:GoodsItemDetails>")


def _manifest_of_bad_masses(items: int) -> bytes:
    """The Kazakh example with `items` goods items whose gross and net masses are words (two errors
    each), and after them one more whose origin country is no country (a third code, found last)."""
    document = example("kz-eaeu-pi-manifest.xml").decode()
    item = ITEM.search(document)
    assert item is not None
    bad = re.sub(r'(MassMeasure measurementUnitCode="168">)[^<]*<', r"\1heavy<", item.group(0))
    last = bad.replace("<pi:OriginCountryCode>KZ<", "<pi:OriginCountryCode>ZZ<")
    assert last != bad
    return (document[: item.start()] + bad * items + last + document[item.end() :]).encode()


def test_a_refusal_of_many_issues_lists_the_first_and_counts_every_code(
    gateway: Gateway, normalizer: Normalizer
) -> None:
    document = _manifest_of_bad_masses(600)
    every = normalizer.normalize(document).issues  # what `gateway normalize` prints
    answer = gateway.post("kz-national", document)
    assert answer.status_code == 422
    problem = answer.json()
    ProblemDetails.model_validate(problem)  # the published schema's model (extra fields forbidden)
    assert problem["issue_count"] == len(every) == 1203
    assert problem["issues"] == [issue.to_dict() for issue in every[:LISTED_ISSUES]]
    counts = Counter((issue.code, issue.severity) for issue in every)
    assert (
        [(code["code"], code["severity"], code["count"]) for code in problem["codes"]]
        == [
            ("value.bad-number", "error", 1202),
            ("value.bad-code", "error", 1),
        ]
        == [(code, str(severity), count) for (code, severity), count in counts.items()]
    )
    found_last = problem["codes"][1]["first"]
    assert (found_last["pointer"], found_last["line"]) == ("42A/28A[1]/29A[601]/X021", 8502)
    assert "'ZZ' is not in ISO 3166-1 alpha-2" in found_last["message"]
    assert problem["detail"].endswith("; and 1193 more issues (1203 in all).")
    larger = gateway.post("kz-national", _manifest_of_bad_masses(4_000))  # 3.6 MB, 8,003 issues
    assert larger.json()["issue_count"] == 8_003 and len(larger.json()["issues"]) == LISTED_ISSUES
    assert len(larger.content) - len(answer.content) < 100  # a few digits more; listed whole: 7x


def test_a_refusal_of_few_issues_lists_them_all(gateway: Gateway) -> None:
    spoiled = example("kz-eaeu-pi-manifest.xml").replace(b"2024-05-14T07:30:00", b"2024-05-14 morning")
    problem = gateway.post("kz-national", spoiled).json()
    assert problem["issue_count"] == len(problem["issues"]) == 1
    [issue] = problem["issues"]
    assert problem["codes"] == [
        {"code": "value.bad-datetime", "severity": "error", "count": 1, "first": issue}
    ]
    assert problem["detail"] == issue["message"]


def test_gateway_normalize_prints_every_issue_the_answer_leaves_out(tmp_path: Path) -> None:
    """What docs/api.md tells an integrator to run for the rest."""
    path = tmp_path / "manifest.xml"
    path.write_bytes(_manifest_of_bad_masses(600))
    result = CliRunner().invoke(main, ["normalize", str(path)])
    assert result.exit_code == 1
    printed = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(printed) == 1203
    assert (
        printed[-1].startswith("error: value.bad-code: OriginCountryCode: 'ZZ'")
        and "line 8502" in printed[-1]
    )
