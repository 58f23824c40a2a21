"""The work queue that hands delivery IDs to dispatchers: in-process, or Redis Streams between processes.

The store is the truth (the outbox); the queue only says "this delivery may be due, take it". A consumer
takes entries, claims each delivery in the store (a lease), sends it, finishes it in the store, and only
then acknowledges the entry. An entry taken by a consumer that died stays pending; after `idle` another
consumer reclaims it (Redis: XAUTOCLAIM). The store's lease, not the queue, guarantees that one delivery
is sent by one worker at a time, so a stray duplicate entry costs a failed claim and nothing else.

`publish` skips a delivery that already has an entry waiting (until it is acknowledged, or for `idle` at
most), so the dispatcher's sweep of due deliveries does not pile up copies behind a slow partner.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

import redis

STREAM = "gateway:deliveries"
GROUP = "dispatchers"
MARKER = "gateway:queued:"
MAX_STREAM_LENGTH = 100_000
# One script, so that a delivery's "waiting" marker and its stream entry are written together or not at all.
PUBLISH = f"""
local published = 0
for index = 3, #ARGV do
  if redis.call('SET', '{MARKER}' .. ARGV[index], 1, 'NX', 'PX', ARGV[1]) then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'delivery', ARGV[index])
    published = published + 1
  end
end
return published
"""


@dataclass(frozen=True, slots=True)
class Work:
    """One queue entry: the queue's own ID for it and the delivery it names."""

    entry: str
    delivery_id: int


class WorkQueue(Protocol):
    """Delivery IDs shared by dispatchers; see the module docstring."""

    def publish(self, delivery_ids: Sequence[int]) -> int: ...
    def take(self, consumer: str, limit: int, wait: timedelta) -> list[Work]: ...
    def reclaim(self, consumer: str, idle: timedelta, limit: int) -> list[Work]: ...
    def acknowledge(self, works: Sequence[Work]) -> None: ...
    def waiting(self) -> int: ...
    def close(self) -> None: ...


class InProcessQueue:
    """The queue of one process (threads share it): the default, with no server to run."""

    def __init__(self, idle: timedelta = timedelta(seconds=60)) -> None:
        self.idle = idle
        self._ready: deque[Work] = deque()
        self._taken: dict[str, tuple[Work, str, float]] = {}
        self._queued: dict[int, float] = {}
        self._numbers = itertools.count(1)
        self._condition = threading.Condition()

    def publish(self, delivery_ids: Sequence[int]) -> int:
        now, published = time.monotonic(), 0
        with self._condition:
            for delivery_id in delivery_ids:
                if self._queued.get(delivery_id, -1e18) > now - self.idle.total_seconds():
                    continue
                self._queued[delivery_id] = now
                self._ready.append(Work(str(next(self._numbers)), delivery_id))
                published += 1
            self._condition.notify_all()
        return published

    def take(self, consumer: str, limit: int, wait: timedelta) -> list[Work]:
        with self._condition:
            self._condition.wait_for(lambda: bool(self._ready), timeout=wait.total_seconds())
            works = [self._ready.popleft() for _ in range(min(limit, len(self._ready)))]
            self._mark_taken(works, consumer)
            return works

    def reclaim(self, consumer: str, idle: timedelta, limit: int) -> list[Work]:
        oldest = time.monotonic() - idle.total_seconds()
        with self._condition:
            stale = [work for work, _, taken in self._taken.values() if taken <= oldest][:limit]
            self._mark_taken(stale, consumer)
            return stale

    def acknowledge(self, works: Sequence[Work]) -> None:
        with self._condition:
            for work in works:
                if self._taken.pop(work.entry, None) is not None:
                    self._queued.pop(work.delivery_id, None)

    def waiting(self) -> int:
        with self._condition:
            return len(self._ready) + len(self._taken)

    def close(self) -> None:
        pass

    def _mark_taken(self, works: Sequence[Work], consumer: str) -> None:
        now = time.monotonic()
        for work in works:
            self._taken[work.entry] = (work, consumer, now)


class RedisStreamQueue:
    """Redis Streams with one consumer group: entries are shared among every `gateway worker` process,
    acknowledged with XACK (and deleted), and reclaimed from a dead consumer with XAUTOCLAIM. A Redis
    restart that loses the stream loses nothing else: the group is made again, and the dispatchers' sweep
    publishes every due delivery from the store again."""

    def __init__(
        self, client: redis.Redis, idle: timedelta = timedelta(seconds=60), stream: str = STREAM
    ) -> None:
        self.client = client
        self.idle = idle
        self.stream = stream
        self._publish = client.register_script(PUBLISH)
        self._cursor: bytes | str = "0-0"

    @classmethod
    def from_url(cls, url: str, idle: timedelta = timedelta(seconds=60)) -> RedisStreamQueue:
        return cls(redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=2), idle)

    def publish(self, delivery_ids: Sequence[int]) -> int:
        if not delivery_ids:
            return 0
        arguments = [_ms(self.idle), MAX_STREAM_LENGTH, *delivery_ids]
        return int(self._publish(keys=[self.stream], args=arguments))

    def take(self, consumer: str, limit: int, wait: timedelta) -> list[Work]:
        try:
            answer = self._read(consumer, limit, wait)
        except redis.ResponseError as exc:
            if "NOGROUP" not in str(exc):
                raise
            self.ensure_group()
            answer = self._read(consumer, limit, wait)
        return [_work(entry, fields) for _, entries in answer or () for entry, fields in entries]

    def reclaim(self, consumer: str, idle: timedelta, limit: int) -> list[Work]:
        try:
            answer = self.client.xautoclaim(
                self.stream, GROUP, consumer, _ms(idle), self._cursor, count=limit
            )
        except redis.ResponseError as exc:
            if "NOGROUP" not in str(exc):
                raise
            self.ensure_group()
            return []
        self._cursor = answer[0]  # the next scan goes on from here, and wraps to 0-0 at the end
        return [_work(entry, fields) for entry, fields in answer[1] if fields]

    def acknowledge(self, works: Sequence[Work]) -> None:
        if not works:
            return
        entries = [work.entry for work in works]
        pipeline = self.client.pipeline(transaction=True)
        pipeline.xack(self.stream, GROUP, *entries)
        pipeline.xdel(self.stream, *entries)
        pipeline.delete(*(f"{MARKER}{work.delivery_id}" for work in works))
        pipeline.execute()

    def waiting(self) -> int:
        return int(self.client.xlen(self.stream))

    def ensure_group(self) -> None:
        try:
            self.client.xgroup_create(self.stream, GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def close(self) -> None:
        self.client.close()

    def _read(
        self, consumer: str, limit: int, wait: timedelta
    ) -> list[tuple[bytes, list[tuple[bytes, dict[bytes, bytes]]]]]:
        block = max(_ms(wait), 1)
        answer = self.client.xreadgroup(GROUP, consumer, {self.stream: ">"}, count=limit, block=block)
        return answer  # type: ignore[return-value]  # redis-py types the answer loosely


def _work(entry: bytes | str, fields: dict[bytes, bytes]) -> Work:
    text = entry.decode() if isinstance(entry, bytes) else entry
    return Work(text, int(fields[b"delivery"]))


def _ms(duration: timedelta) -> int:
    return int(duration.total_seconds() * 1000)
