"""When to try a delivery again, and when to give up on it.

Each agreement gives a retry schedule (the waits after the first, second, ... failed attempt) and a time
to live. A partner may ask for a later retry with ``Retry-After`` (seconds, or an HTTP date); the later of
the two is taken. No retry is set after the time to live: once it has passed, the delivery expires and the
sender gets a non-delivery notice instead. A delivery whose schedule is used up before that goes to the
dead-letter list, where an operator can inspect and resend it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from gateway.errors import ConfigurationError

DEFAULT_DELAYS = tuple(
    timedelta(seconds=seconds) for seconds in (10, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800)
)
DEFAULT_TIME_TO_LIVE = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class RetrySchedule:
    """The waits between attempts (`delays[n]` after the attempt n + 1 failed) and the time to live."""

    delays: tuple[timedelta, ...] = DEFAULT_DELAYS
    time_to_live: timedelta = DEFAULT_TIME_TO_LIVE

    def __post_init__(self) -> None:
        if any(delay <= timedelta(0) for delay in self.delays):
            raise ConfigurationError("every retry delay must be positive")
        if self.time_to_live <= timedelta(0):
            raise ConfigurationError("the time to live must be positive")

    def next_attempt(
        self, attempts: int, now: datetime, expires_at: datetime, retry_after: timedelta | None = None
    ) -> datetime | None:
        """When to try again after `attempts` failed attempts, or None when the schedule is used up.
        Never later than `expires_at`: at that moment the delivery is expired, not sent."""
        if attempts > len(self.delays):
            return None
        wait = self.delays[attempts - 1] if attempts > 0 else timedelta(0)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return min(now + wait, expires_at)


def expired(expires_at: datetime, now: datetime) -> bool:
    """Whether a delivery's time to live has run out: from `expires_at` on, it must not be sent."""
    return now >= expires_at


def parse_retry_after(value: str | None, now: datetime) -> timedelta | None:
    """The wait a ``Retry-After`` header asks for (RFC 9110: seconds or an HTTP date), None when the
    header is absent or unreadable; a date in the past means no wait."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return timedelta(seconds=min(int(text), 10**9))
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(moment - now, timedelta(0))
