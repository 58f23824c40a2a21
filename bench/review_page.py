"""What an officer's review page costs for a large manifest: reading the payload along the model, rendering
the message page's first page (100 goods items, `gateway.api.review_paging`) against the whole message on
one page as before session 16, interleaved, counting an inbox row's guesses (docs/review.md), and the
next page's reading of the payload, kept by `gateway.api.review_cache` (session 17). Then, for 2,000
goods items in a consignment of 2, 50 and 500 containers, page 2's HTML and what of it is the
consignment's context, with its containers listed again (before branch bound18) and left to the page where
the consignment starts (`review_paging.CONTEXT_REPEATS`).

    PYTHONPATH=. .venv/bin/python bench/review_page.py [ITEMS ...]
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).parent))

from normalize import scaled_document

from gateway.api import review_paging
from gateway.api.review_cache import Readings
from gateway.api.review_page import Part, Reading, guesses_in, read_message
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


def containers_on_later_pages(normalizer: Normalizer, containers: int, items: int = 2_000) -> None:
    """Page 2 of a manifest whose consignment has `containers` containers, with them listed again and not."""
    text = EXAMPLE.read_text(encoding="utf-8")
    block = re.search(r"(?s)\n\s*<pi:ContainerDetails>.*?</pi:ContainerDetails>", text)
    assert block is not None, "the example has a container"
    more = "".join(block.group(0).replace("TGHU3456780", f"TGHU{n:07d}") for n in range(containers - 1))
    example = Path(tempfile.mkdtemp(prefix="review-page-")) / "kz.xml"
    example.write_text(text[: block.start()] + more + text[block.start() :], encoding="utf-8")
    document, _ = scaled_document(normalizer.registry.get("kz-eaeu-pi"), example, items)
    normalized = normalizer.normalize(document).message
    assert normalized is not None
    reading = read_message(normalized.xml, load_model())
    assert reading.declaration is not None
    figures = []
    for repeats in (10**9, review_paging.CONTEXT_REPEATS):  # listed again (before), left out (after)
        saved, review_paging.CONTEXT_REPEATS = review_paging.CONTEXT_REPEATS, repeats
        try:
            page = page_of(reading.declaration, 2)
        finally:
            review_paging.CONTEXT_REPEATS = saved
        whole = len(rendered(reading, page).encode())
        bare = len(rendered(reading, replace(page, declaration=_without_goods(page.declaration))).encode())
        frame = len(
            rendered(reading, replace(page, declaration=replace(page.declaration, parts=[]))).encode()
        )
        figures.append(f"{whole / 1e3:.0f} KB, its consignment's context {(bare - frame) / 1e3:.1f} KB")
    print(f"  {containers} containers: page 2 listing them again {figures[0]}; "
          f"leaving them to the consignment's first page {figures[1]}")  # fmt: skip


def _without_goods(part: Part) -> Part:
    return replace(part, parts=[_without_goods(p) for p in part.parts if p.name != review_paging.GOODS_ITEM])


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
    print("A consignment's containers on the later pages of its 2,000 goods items:")
    for count in (2, 50, 500):
        containers_on_later_pages(Normalizer.from_settings(Settings()), count)
