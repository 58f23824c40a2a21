"""A gateway checks values for months: each rule remembers at most MEMO_LIMIT checked values, and a full
memo makes room for the values of the documents that come next (it used to keep the first values of the
process's life and remember nothing after them)."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from gateway.mapping import checker
from gateway.mapping.checker import ElementChecker
from gateway.normalize.pipeline import Normalizer

EXAMPLE = (Path(__file__).parent.parent.parent / "examples" / "kz-eaeu-pi-manifest.xml").read_text("utf-8")
LIMIT = 8


def test_a_full_memo_makes_room_for_the_next_documents_values(
    normalizer: Normalizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checker, "MEMO_LIMIT", LIMIT)
    own = Normalizer(normalizer.registry, normalizer.codelists, normalizer.limits, normalizer.model)
    names = [f"ТОО «Жаңа Жол {number}»" for number in range(3 * LIMIT)]
    for name in names:
        assert own.normalize(EXAMPLE.replace("ТОО «Астана Транс»", name).encode()).message is not None
    checkers = own.compiled(own.registry.get("kz-eaeu-pi"))._checkers
    assert all(len(one.memo) <= LIMIT for one in checkers)
    assert any(names[-1] in one.memo for one in checkers)


def test_a_remembered_bad_value_does_not_keep_its_document_alive(normalizer: Normalizer) -> None:
    """Found by plans/tools/fuzz_campaign.py: a bad value's BadValue was remembered with its traceback, whose
    frames held the whole document, tree and message of its run; a long-running gateway grew by the size
    of every document that had a bad value of its own. Made-up input: the example with a 1 MB comment and
    a gross mass that is not a number, a different one in each document."""
    own = Normalizer(normalizer.registry, normalizer.codelists, normalizer.limits, normalizer.model)
    mass = '<pi:UnifiedGrossMassMeasure measurementUnitCode="166">20124<'

    def heavy(number: int) -> bytes:
        padded = EXAMPLE.replace("?>", "?><!--" + "A" * 1_000_000 + "-->", 1)
        return padded.replace(mass, mass.replace("20124", f"heavy {number}"), 1).encode()

    assert [issue.code for issue in own.normalize(heavy(0)).issues] == ["value.bad-number"]
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(1, 6):
            own.normalize(heavy(number))
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 2_000_000  # five documents of 1 MB: ~5.8 MB was kept, ~0.2 MB is


def _keys(own: Normalizer) -> list[tuple[ElementChecker, str]]:
    """Every checker of the Kazakh mapping with the raw value of each key its memo holds."""
    checkers = own.compiled(own.registry.get("kz-eaeu-pi"))._checkers
    return [(one, key[0] if isinstance(key, tuple) else key) for one in checkers for key in one.memo]


def test_a_long_value_is_checked_each_time_and_never_remembered(normalizer: Normalizer) -> None:
    """Hostile documents of 10,000-character values made every rule's memo keep 2,048 of them: a process
    grew by ~9 MB a document (bench/memo_memory.py). A long value is never remembered now."""
    own = Normalizer(normalizer.registry, normalizer.codelists, normalizer.limits, normalizer.model)

    def named(number: int) -> bytes:
        return EXAMPLE.replace("ТОО «Астана Транс»", f"ТОО «{number} {'Жаңа Жол ' * 1_100}»").encode()

    first = own.normalize(named(0))
    assert first.message is not None and len(named(0)) > 18_000
    for number in range(1, 4):  # what a document of this shape builds once (the names walk's tables)
        own.normalize(named(number))
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(4, 14):
            own.normalize(named(number))
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 300_000  # ten names of 10,000 characters: ~600 KB was kept (with their results)
    assert max(len(raw) for _, raw in _keys(own)) <= checker.MEMO_LONGEST
    again = own.normalize(named(0))  # checked again, the same
    assert again.message is not None and again.message.xml == first.message.xml
    assert again.issues == first.issues


def test_a_memo_keeps_at_most_its_characters(normalizer: Normalizer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checker, "MEMO_CHARACTERS", 3_000)
    own = Normalizer(normalizer.registry, normalizer.codelists, normalizer.limits, normalizer.model)
    names = [f"ТОО «Жаңа Жол {number} {'Құрылыс ' * 20}»" for number in range(40)]  # ~180 characters
    for name in names:
        assert own.normalize(EXAMPLE.replace("ТОО «Астана Транс»", name).encode()).message is not None
    held = [raw for _, raw in _keys(own) if raw in names]
    assert held and names[-1] in held and len(held) < len(names)
    for one in {one for one, _ in _keys(own)}:
        assert one.characters <= 3_000
