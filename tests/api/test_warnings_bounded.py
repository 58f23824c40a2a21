"""An accepted document's warnings are bounded like a refusal's issues: the acknowledgement and the status
count them all and every code, and list the first `LISTED_ISSUES`; the sender reads every one a page at
a time from /v1/messages/{id}/issues, which a recipient may not read."""

from __future__ import annotations

import re

from gateway.api.problem_issues import LISTED_ISSUES
from gateway.api.schemas import Acknowledgement, IssuePageBody, MessageStatusBody
from gateway.issues import Severity
from gateway.normalize.pipeline import Normalizer
from tests.api.conftest import Gateway, example

ITEM = re.compile(r"(?s)\n\s*<pi:GoodsItemDetails>.*?</pi:GoodsItemDetails>")


def _manifest_of_unknown_packages(items: int) -> bytes:
    """The Kazakh example with `items` goods items whose package kind is no code (a warning each)."""
    document = example("kz-eaeu-pi-manifest.xml").decode()
    item = ITEM.search(document)
    assert item is not None
    odd = item.group(0).replace("<pi:PackageKindCode>BG<", "<pi:PackageKindCode>XX<")
    assert odd != item.group(0)
    return (document[: item.start()] + odd * items + document[item.end() :]).encode()


def test_an_acknowledgement_of_many_warnings_counts_them_and_lists_the_first(
    gateway: Gateway, normalizer: Normalizer
) -> None:
    document = _manifest_of_unknown_packages(1_200)
    every = [i.to_dict() for i in normalizer.normalize(document).issues if i.severity == Severity.WARNING]
    assert len(every) > LISTED_ISSUES
    answer = gateway.post("kz-national", document)
    assert answer.status_code == 202, answer.text
    acknowledged = answer.json()
    Acknowledgement.model_validate(acknowledged)  # the published schema's model (extra fields forbidden)
    assert acknowledged["warning_count"] == len(every)
    assert acknowledged["warnings"] == every[:LISTED_ISSUES]
    unknown = [w for w in every if w["code"] == acknowledged["warning_codes"][0]["code"]]
    assert acknowledged["warning_codes"][0]["count"] == len(unknown) >= 1_200
    assert acknowledged["warning_codes"][0]["first"] == unknown[0]
    assert sum(code["count"] for code in acknowledged["warning_codes"]) == len(every)
    repeat = gateway.post("kz-national", document).json()  # a repeat is answered from the store, the same
    assert repeat == acknowledged

    status = gateway.get("kz-national", f"/v1/messages/{acknowledged['message_id']}").json()
    MessageStatusBody.model_validate(status)
    assert (status["issue_count"], status["issues"]) == (len(every), every[:LISTED_ISSUES])
    assert status["codes"] == acknowledged["warning_codes"]


def test_the_sender_reads_every_issue_a_page_at_a_time(gateway: Gateway, normalizer: Normalizer) -> None:
    document = _manifest_of_unknown_packages(1_200)
    every = [i.to_dict() for i in normalizer.normalize(document).issues if i.severity == Severity.WARNING]
    message_id = gateway.post("kz-national", document).json()["message_id"]
    path = f"/v1/messages/{message_id}/issues"
    read: list[dict[str, object]] = []
    offset, pages = 0, 0
    while offset is not None:
        page = gateway.get("kz-national", path, offset=offset, limit=500).json()
        IssuePageBody.model_validate(page)
        assert (page["issue_count"], page["offset"]) == (len(every), offset)
        read, offset, pages = read + page["issues"], page["next_offset"], pages + 1
    assert read == every and pages == 3
    whole = gateway.get("operator", path).json()  # the default page is the most an answer lists
    assert whole["issues"] == every[:LISTED_ISSUES] and whole["next_offset"] == LISTED_ISSUES
    past = gateway.get("kz-national", path, offset=10_000).json()
    assert (past["issues"], past["next_offset"]) == ([], None)


def test_a_recipient_reads_no_issues(gateway: Gateway) -> None:
    message_id = gateway.post("kz-national", _manifest_of_unknown_packages(3)).json()["message_id"]
    refused = gateway.get("cn-partner", f"/v1/messages/{message_id}/issues")
    assert refused.status_code == 403 and refused.json()["code"] == "request.forbidden"
    status = gateway.get("cn-partner", f"/v1/messages/{message_id}").json()
    assert (status["issue_count"], status["codes"], status["issues"]) == (0, [], [])
    assert gateway.get("kz-national", f"/v1/messages/{message_id}").json()["issue_count"] >= 3
    too_many = gateway.get("kz-national", f"/v1/messages/{message_id}/issues", limit=LISTED_ISSUES + 1)
    assert too_many.status_code == 400 and too_many.json()["code"] == "request.malformed"
