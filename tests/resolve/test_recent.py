"""The resolver's memo computes a name once however many threads miss it at the same time (a single
flight); a failed computation reaches every thread that waited for it, and none hangs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from gateway.resolve.recent import Recent

THREADS = 8


def _at_once(recent: Recent[str, str], compute: Callable[[], str], release: threading.Event) -> list[object]:
    """What `recent.get("Хоргос", compute)` gave each of THREADS threads started together: the first
    computes and is held until `release` is set, after every thread has called (or is about to call)."""
    answers: list[object] = [None] * THREADS
    calling = threading.Semaphore(0)

    def ask(number: int) -> None:
        calling.release()
        try:
            answers[number] = recent.get("Хоргос", compute)
        except LookupError as error:
            answers[number] = error

    threads = [threading.Thread(target=ask, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for _ in threads:
        calling.acquire()
    time.sleep(0.05)  # the callers reach get(); one arriving later finds the kept result
    release.set()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads)
    return answers


def test_threads_missing_the_same_name_compute_it_once() -> None:
    release, computed = threading.Event(), []

    def compute() -> str:
        computed.append(threading.get_ident())
        release.wait(10)
        return "KZKHG"

    answers = _at_once(Recent(16), compute, release)
    assert answers == ["KZKHG"] * THREADS
    assert len(computed) == 1


def test_a_failure_reaches_every_waiter_and_is_not_kept() -> None:
    release, computed = threading.Event(), []

    def compute() -> str:
        computed.append(1)
        release.wait(10)
        raise LookupError("catalog unreadable")

    recent: Recent[str, str] = Recent(16)
    answers = _at_once(recent, compute, release)
    assert all(isinstance(answer, LookupError) for answer in answers)
    assert recent.get("Хоргос", lambda: "KZKHG") == "KZKHG"  # the next look-up computes again


def test_a_computation_that_asks_for_its_own_key_does_not_wait_on_itself() -> None:
    recent: Recent[str, str] = Recent(16)

    def compute() -> str:
        return recent.get("Хоргос", lambda: "inner") + "+outer"

    assert recent.get("Хоргос", compute) == "inner+outer"


@pytest.mark.parametrize("size", [0, 1])
def test_a_small_memo_still_answers(size: int) -> None:
    recent: Recent[str, str] = Recent(size)
    assert [recent.get(key, lambda key=key: key.upper()) for key in ("a", "b", "a")] == ["A", "B", "A"]


def test_a_one_off_look_up_is_answered_from_the_memo_and_pushes_nothing_out() -> None:
    recent: Recent[str, str] = Recent(1)
    computed: list[str] = []

    def compute(name: str) -> Callable[[], str]:
        return lambda: computed.append(name) or name.upper()

    assert recent.get("almaty", compute("almaty")) == "ALMATY"
    assert recent.get("khorgos", compute("khorgos"), keep=False) == "KHORGOS"
    assert recent.get("almaty", compute("almaty"), keep=False) == "ALMATY"  # kept: not computed again
    assert recent.get("almaty", compute("almaty")) == "ALMATY"  # still kept
    assert recent.get("khorgos", compute("khorgos")) == "KHORGOS"  # was not kept: computed again
    assert computed == ["almaty", "khorgos", "khorgos"]
