"""UN/EDIFACT cut short where the envelope's own data lives: a UNH without its message identifier was an
IndexError in detection (a 500 through the API); it is `edifact.malformed` naming what is missing."""

from __future__ import annotations

import pytest

from gateway.intake.edifact import parse_edifact
from gateway.normalize.pipeline import Normalizer

ENVELOPE = (
    "UNA:+.? '\nUNB+UNOY:4+AZSENDER:ZZZ+AZDGK:ZZZ+20240611:0715+REF001'\n{unh}'\nBGM+785+XB2406+9'\n"
    "{unt}'\nUNZ+1+REF001'\n"
)


@pytest.mark.parametrize(
    ("unh", "unt", "said"),
    [
        ("UNH+1", "UNT+3+1", "has no message type (S009/0065), version (S009/0052), release (S009/0054), "
         "controlling agency (S009/0051): ISO 9735 requires them"),
        ("UNH", "UNT+3", "has no message reference (0062), message type"),
        ("UNH+1+CUSCAR::96B:UN", "UNT+3+1", "has no version (S009/0052): ISO 9735 requires it"),
    ],
    ids=["no-identifier", "nothing", "no-version"],
)  # fmt: skip
def test_a_unh_without_its_mandatory_elements_is_malformed_at_its_position(
    normalizer: Normalizer, unh: str, unt: str, said: str
) -> None:
    data = ENVELOPE.format(unh=unh, unt=unt).encode("utf-8")
    parsed = parse_edifact(data)
    assert parsed.interchange is None
    (issue,) = [issue for issue in parsed.issues if "UNH" in issue.message]
    assert issue.code == "edifact.malformed" and issue.line == 3
    assert issue.message.startswith("UNH at position 3 (byte 66) ") and said in issue.message
    assert normalizer.normalize(data).issues == parsed.issues  # the whole path, with no exception
