"""ICU's own transforms by their IDs (Any-Latin, Hant-Hans...), one instance per thread: an ICU
Transliterator keeps state while it runs and is not safe to share between threads, and making one costs
far more than a look-up (the schemes' rule-based transliterators are kept the same way:
`gateway.names.transliteration`)."""

from __future__ import annotations

import threading

import icu

_per_thread = threading.local()


def icu_transform(transform_id: str) -> icu.Transliterator:
    """This thread's instance of the ICU transform `transform_id`, made on first use."""
    made: dict[str, icu.Transliterator] | None = getattr(_per_thread, "made", None)
    if made is None:
        made = _per_thread.made = {}
    found = made.get(transform_id)
    if found is None:
        found = made[transform_id] = icu.Transliterator.createInstance(transform_id)
    return found
