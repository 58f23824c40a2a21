"""What an answer says of a list of issues: every one when they are few, a bounded summary when not.

A refused document may have tens of thousands of issues (a 20 MB CSV whose rows repeat its header has
90,000): listed whole, its answer was 35 MB of JSON, larger than the document, and took the gateway twice
the CPU of the document's own checks to write. So an answer lists at most `LISTED_ISSUES` issues, the
first as the checks found them, and always says how many there are in all (`issue_count`) and every code
with its count and its first issue (`codes`): an integrator sees every kind of fault and where it first
occurs, whatever the document. The rest are seen with `gateway normalize FILE`, which runs the same checks
on the sender's own machine and prints every issue (docs/api.md, "When a document is refused").

An accepted document's warnings are bounded the same way (an 8 MB manifest with a warning per goods item
was acknowledged in 3 MB): the acknowledgement's `warning_count`, `warning_codes` and `warnings`, and the
status's `issue_count`, `codes` and `issues` (`listed`); its sender reads them all a page at a time,
`GET /v1/messages/{message_id}/issues` (`gateway.service.status.message_issues`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gateway.issues import Issue, said

LISTED_ISSUES = 1_000
"""The most issues an answer lists (about 400 KB of JSON)."""


def issue_fields(title: str, issues: Sequence[Issue]) -> dict[str, Any]:
    """The problem's `detail`, `issue_count`, `codes` and `issues` for `issues`."""
    count, codes, first = listed(issues)
    return {"detail": _detail(title, issues), "issue_count": count, "codes": codes, "issues": first}


def listed(issues: Sequence[Issue]) -> tuple[int, list[dict[str, Any]], list[dict[str, Any]]]:
    """How many `issues` there are, each code with its count and first issue, and the first
    `LISTED_ISSUES` of them: what any answer says of a list of issues."""
    return len(issues), code_counts(issues), [issue.to_dict() for issue in issues[:LISTED_ISSUES]]


def code_counts(issues: Sequence[Issue]) -> list[dict[str, Any]]:
    """Each code and severity among `issues`, in the order they first occur: how many, and the first."""
    counted: dict[tuple[str, str], tuple[int, Issue]] = {}
    for issue in issues:
        key = (issue.code, issue.severity)
        count, first = counted.get(key, (0, issue))
        counted[key] = (count + 1, first)
    return [
        {"code": code, "severity": severity, "count": count, "first": first.to_dict()}
        for (code, severity), (count, first) in counted.items()
    ]


def _detail(title: str, issues: Sequence[Issue]) -> str:
    """The first `SAID_ISSUES` messages and how many more (`issues` holds the listed ones whole)."""
    return said(issues) or title
