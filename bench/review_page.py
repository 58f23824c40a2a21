"""What an officer's review page costs for a large manifest: reading the payload along the model, rendering
the message page's first page (100 goods items, `gateway.api.review_paging`) against the whole message on
one page as before session 16, interleaved, counting an inbox row's guesses (docs/review.md), and the
next page's reading of the payload, kept by `gateway.api.review_cache` (session 17).

    PYTHONPATH=. .venv/bin/python bench/review_page.py [ITEMS ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).parent))

from normalize import scaled_document

from gateway.api.review_cache import Readings
from gateway.api.review_page import Reading, guesses_in, read_message
from gateway.api.review_paging import MessagePage, page_of
from gateway.api.routers.review import render
from gateway.model import load_model
from gateway.normalize.pipeline import Normalizer
from gateway.settings import PROJECT_ROOT, Settings

EXAMPLE = PROJECT_ROOT / "examples" / "kz-eaeu-pi-manifest.xml"


ROUNDS = 3


def main(sizes: list[int]) -> None:
    normalizer, model = Normalizer.from_settings(Settings()), load_model()
    for items in sizes:
        document, total = scaled_document(normalizer.registry.get("kz-eaeu-pi"), EXAMPLE, items)
        normalized = normalizer.normalize(document).message
        assert normalized is not None
        payload = normalized.xml
        started = time.perf_counter()
        reading = read_message(payload, model)
        read = time.perf_counter()
        assert reading.declaration is not None
        first, whole = page_of(reading.declaration, 1), page_of(reading.declaration, 1, size=10**9)
        times: dict[str, list[float]] = {"whole": [], "first": []}
        sizes_of: dict[str, int] = {}
        for _ in range(ROUNDS):  # interleaved: the same minute's noise on both
            for name, page in (("whole", whole), ("first", first)):
                began = time.perf_counter()
                sizes_of[name] = len(rendered(reading, page).encode())
                times[name].append(time.perf_counter() - began)
        counting = time.perf_counter()
        guesses_in(payload, model)
        counted = time.perf_counter()
        kept = Readings(budget=len(payload))
        kept.reading(payload, model, "CN")
        again = time.perf_counter()
        kept.reading(bytes(payload), model, "CN")  # the next page: the payload as the store gives it again
        print(
            f"{total} goods items, message {len(payload) / 1e6:.1f} MB: read {read - started:.3f} s, "
            f"inbox row {counted - counting:.3f} s; {first.count} pages of 100 goods items; "
            f"the next page's reading, kept: {time.perf_counter() - again:.4f} s"
        )
        for name, label in (("whole", "whole message on one page (before)"), ("first", "first page (after)")):
            print(
                f"  {label}: {sizes_of[name] / 1e6:.2f} MB of HTML, "
                f"render {min(times[name]):.3f} s (best of {ROUNDS})"
            )


def rendered(reading: Reading, page: MessagePage) -> str:
    who = SimpleNamespace(organisation="bench", country="CN", role="partner", key_id="0")
    delivery = SimpleNamespace(id=1, message_id="m", expires_at=None, state="pending", delivered_at=None)
    return render(
        "message.html", "zh-Hans", [], who=who, csrf="", delivery=delivery, message=None, notice=None,
        reading=reading, page=page, warnings=[], warnings_elsewhere=0, proposed=None, proposal=None,
        proposals={},
    )  # fmt: skip


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [200, 2000])
