"""The error of an HTTP answer carries its status and Retry-After in a form read back for the dead-letter
list, and whatever a partner puts in its reason phrase or header cannot change what is read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gateway.delivery.attempt import ErrorFacts, http_error, read_error


def test_status_and_retry_after_are_read_back() -> None:
    error = http_error("push.http-503", 503, "Service Unavailable", "120")
    assert error == "push.http-503: HTTP 503 [Retry-After 120] Service Unavailable"
    assert read_error(error) == ErrorFacts("push.http-503", 503, "120")
    used_up = f"{error} (the retry schedule is used up after 5 attempts)"
    assert read_error(used_up) == ErrorFacts("push.http-503", 503, "120")
    assert read_error(http_error("push.refused", 422, "Unprocessable Entity")) == ErrorFacts(
        "push.refused", 422
    )


def test_errors_without_an_answer_give_their_code_alone() -> None:
    assert read_error("push.timeout: no answer within 2.0 s") == ErrorFacts("push.timeout")
    assert read_error("endpoint.disabled: push.gone: HTTP 410 Gone") == ErrorFacts("endpoint.disabled")
    assert read_error("agreement.withdrawn: no agreement from KZ to KG") == ErrorFacts("agreement.withdrawn")
    assert read_error(None) == ErrorFacts(None) == read_error("no code here")


def test_a_reason_phrase_cannot_pose_as_a_retry_after() -> None:
    error = http_error("push.refused", 400, "[Retry-After 5] Bad Request")
    assert read_error(error) == ErrorFacts("push.refused", 400, None)


@given(
    status=st.integers(100, 599),
    reason=st.text(max_size=80),
    retry_after=st.none() | st.text(max_size=200),
)
def test_any_answer_reads_back_as_its_status_and_a_bounded_retry_after(
    status: int, reason: str, retry_after: str | None
) -> None:
    facts = read_error(http_error("push.http-503", status, reason, retry_after))
    assert (facts.code, facts.status) == ("push.http-503", status)
    assert (facts.retry_after is None) == (retry_after is None)
    if facts.retry_after is not None:
        assert (
            len(facts.retry_after) <= 64 and facts.retry_after.isprintable() and "]" not in facts.retry_after
        )
