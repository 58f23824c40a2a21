"""Retry schedule, Retry-After and time to live."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.delivery.schedule import RetrySchedule, expired, parse_retry_after
from gateway.errors import ConfigurationError

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
SCHEDULE = RetrySchedule(
    (timedelta(seconds=10), timedelta(minutes=1), timedelta(minutes=5)), timedelta(hours=1)
)
EXPIRES = NOW + timedelta(hours=1)


def test_each_failed_attempt_waits_its_step_then_the_schedule_is_used_up() -> None:
    waits = [SCHEDULE.next_attempt(attempts, NOW, EXPIRES) for attempts in (1, 2, 3, 4)]
    assert waits == [
        NOW + timedelta(seconds=10),
        NOW + timedelta(minutes=1),
        NOW + timedelta(minutes=5),
        None,
    ]


def test_retry_after_is_honoured_when_it_asks_for_longer() -> None:
    assert SCHEDULE.next_attempt(1, NOW, EXPIRES, timedelta(seconds=120)) == NOW + timedelta(seconds=120)
    assert SCHEDULE.next_attempt(3, NOW, EXPIRES, timedelta(seconds=120)) == NOW + timedelta(minutes=5)


def test_no_retry_is_set_beyond_the_time_to_live() -> None:
    assert SCHEDULE.next_attempt(1, NOW, NOW + timedelta(seconds=3)) == NOW + timedelta(seconds=3)
    assert SCHEDULE.next_attempt(1, NOW, EXPIRES, timedelta(days=400)) == EXPIRES
    assert not expired(EXPIRES, EXPIRES - timedelta(microseconds=1))
    assert expired(EXPIRES, EXPIRES)


@given(
    attempts=st.integers(0, 5),
    wait=st.one_of(st.none(), st.timedeltas(timedelta(0), timedelta(days=30))),
    left=st.timedeltas(timedelta(0), timedelta(days=2)),
)
def test_a_retry_is_never_before_now_nor_after_expiry(
    attempts: int, wait: timedelta | None, left: timedelta
) -> None:
    at = SCHEDULE.next_attempt(attempts, NOW, NOW + left, wait)
    if at is not None:
        assert NOW <= at <= NOW + left


@pytest.mark.parametrize(
    ("header", "wait"),
    [
        ("120", timedelta(seconds=120)),
        (" 0 ", timedelta(0)),
        ("Tue, 24 Nov 2026 01:02:00 GMT", timedelta(minutes=2)),
        ("Tue, 24 Nov 2026 00:59:00 GMT", timedelta(0)),
        ("Tuesday, 24-Nov-26 01:00:30 GMT", timedelta(seconds=30)),
        ("", None),
        (None, None),
        ("-5", None),
        ("soon", None),
        ("١٢٠", None),
    ],
)
def test_retry_after_in_seconds_or_an_http_date(header: str | None, wait: timedelta | None) -> None:
    assert parse_retry_after(header, NOW) == wait


def test_a_schedule_with_a_zero_wait_is_refused() -> None:
    with pytest.raises(ConfigurationError):
        RetrySchedule((timedelta(0),), timedelta(hours=1))


@given(st.text(max_size=60))
def test_any_retry_after_header_gives_a_wait_or_none_never_an_error(header: str) -> None:
    wait = parse_retry_after(header, NOW)
    assert wait is None or wait >= timedelta(0)
