"""Detection walks every fixture: each readable golden input is recognised as the format of its folder.

Inputs that cannot be read (truncated, wrong encoding, malformed) cannot show their format and must say
why with a coded error; inputs made to match no format must get format.unknown and no message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gateway.issues import Severity
from gateway.normalize.pipeline import Normalizer

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path for path in GOLDEN.glob("*/*/input.*"))
UNREADABLE = ("intake.", "xml.", "json.malformed", "csv.malformed", "edifact.malformed")
UNDETECTABLE = ("format.unknown", "format.ambiguous")


def _expected_codes(case: Path) -> list[str]:
    issues = json.loads((case.parent / "expected-issues.json").read_text(encoding="utf-8"))
    return [issue["code"] for issue in issues]


IDS = [f"{case.parent.parent.name}/{case.parent.name}" for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_fixture_is_detected_as_its_format(case: Path, normalizer: Normalizer) -> None:
    result = normalizer.normalize(case.read_bytes())
    codes = [issue.code for issue in result.issues]
    if any(code.startswith(UNDETECTABLE) for code in _expected_codes(case)):
        assert result.format is None and result.message is None
        assert any(code in UNDETECTABLE for code in codes)
    elif any(code.startswith(UNREADABLE) for code in codes):
        errors = [issue for issue in result.issues if issue.severity is Severity.ERROR]
        assert result.message is None and errors, "an unreadable document must say why"
    else:
        assert result.format == case.parent.parent.name


def test_every_format_has_a_fixture_that_is_detected(normalizer: Normalizer) -> None:
    detected = {normalizer.normalize(case.read_bytes()).format for case in CASES}
    assert set(normalizer.registry.names()) <= detected


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02garbage", b"hello world", b"<", b"{", b"UNB+"])
def test_garbage_empty_and_truncated_input_is_refused_with_a_coded_error(
    data: bytes, normalizer: Normalizer
) -> None:
    result = normalizer.normalize(data)
    assert result.message is None and result.format is None
    assert [issue.severity for issue in result.issues][:1] == [Severity.ERROR]
