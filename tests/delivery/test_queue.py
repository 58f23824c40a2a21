"""The work queue: the same checks against the in-process queue and Redis Streams on a real server."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from redis_server import RedisServer

from gateway.delivery.queue import RedisStreamQueue, WorkQueue

NO_WAIT = timedelta(0)


def test_each_entry_goes_to_one_consumer_and_leaves_once_acknowledged(work_queue: WorkQueue) -> None:
    assert work_queue.publish([1, 2, 3]) == 3
    first = work_queue.take("worker-a", 2, NO_WAIT)
    second = work_queue.take("worker-b", 10, NO_WAIT)
    assert sorted(w.delivery_id for w in first + second) == [1, 2, 3]
    assert work_queue.take("worker-c", 10, NO_WAIT) == []
    work_queue.acknowledge(first + second)
    assert work_queue.waiting() == 0


def test_a_delivery_already_waiting_is_not_published_twice(work_queue: WorkQueue) -> None:
    assert work_queue.publish([7]) == 1
    assert work_queue.publish([7, 8]) == 1
    works = work_queue.take("worker-a", 10, NO_WAIT)
    assert sorted(w.delivery_id for w in works) == [7, 8]
    work_queue.acknowledge(works)
    assert work_queue.publish([7]) == 1, "after acknowledgement the delivery can be queued again (a retry)"


def test_entries_left_by_a_dead_consumer_are_reclaimed_after_the_idle_time(work_queue: WorkQueue) -> None:
    work_queue.publish([1, 2])
    abandoned = work_queue.take("worker-dead", 10, NO_WAIT)
    assert work_queue.reclaim("worker-b", timedelta(seconds=30), 10) == []
    time.sleep(0.25)
    reclaimed = work_queue.reclaim("worker-b", timedelta(milliseconds=200), 10)
    assert sorted(w.delivery_id for w in reclaimed) == sorted(w.delivery_id for w in abandoned)
    work_queue.acknowledge(reclaimed)
    assert work_queue.reclaim("worker-c", timedelta(0), 10) == []


def test_a_consumer_waiting_for_work_wakes_when_it_is_published(work_queue: WorkQueue) -> None:
    publisher = threading.Timer(0.1, work_queue.publish, args=([5],))
    publisher.start()
    started = time.monotonic()
    works = work_queue.take("worker-a", 10, timedelta(seconds=5))
    publisher.join()
    assert [w.delivery_id for w in works] == [5]
    assert time.monotonic() - started < 4


def test_a_redis_restart_loses_the_stream_and_the_queue_makes_its_group_again(own_redis: RedisServer) -> None:
    queue = RedisStreamQueue.from_url(own_redis.url, timedelta(milliseconds=200))
    queue.ensure_group()
    queue.publish([1])
    own_redis.stop()
    own_redis.start()
    assert queue.take("worker-a", 10, NO_WAIT) == []
    assert queue.reclaim("worker-a", NO_WAIT, 10) == []
    assert queue.publish([1]) == 1
    assert [w.delivery_id for w in queue.take("worker-a", 10, NO_WAIT)] == [1]
    queue.close()
