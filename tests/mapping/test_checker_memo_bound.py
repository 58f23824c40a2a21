"""A gateway checks values for months: each rule remembers at most MEMO_LIMIT checked values, and a full
memo makes room for the values of the documents that come next (it used to keep the first values of the
process's life and remember nothing after them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.mapping import checker
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
