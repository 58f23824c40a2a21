"""A refusal's text says its first issues and how many there are, however many it carries: the issues
themselves are kept whole for the answer (`gateway.api.problem_issues`). The messages are joined as one
sentence ("A; B."), not "A.; B."."""

from __future__ import annotations

from gateway.issues import SAID_ISSUES, error
from gateway.service.errors import DocumentRejected, NotFound


def test_a_refusal_of_few_issues_says_each() -> None:
    refused = DocumentRejected([error("value.bad-number", f"Mass {n} is not a number.") for n in range(3)])
    assert str(refused) == "Mass 0 is not a number; Mass 1 is not a number; Mass 2 is not a number."
    assert str(NotFound.because("No message m-1.")) == "No message m-1."


def test_a_refusal_of_many_issues_says_the_first_and_counts_the_rest() -> None:
    issues = [error("value.bad-number", f"Mass of goods item {n} is not a number.") for n in range(90_000)]
    refused = DocumentRejected(issues)
    text = str(refused)
    assert text.startswith("Mass of goods item 0 is not a number; Mass of goods item 1 ")
    assert f"Mass of goods item {SAID_ISSUES - 1} is" in text
    assert f"Mass of goods item {SAID_ISSUES} is" not in text
    assert text.endswith(f"; and {90_000 - SAID_ISSUES} more issues (90000 in all).")
    assert len(text) < 1_000  # joined whole: 3.5 MB
    assert refused.issues == issues  # the answer lists from these
