"""What an officer's review page costs for a large manifest: reading the payload along the model, rendering
the message page, and counting an inbox row's guesses (docs/review.md).

    PYTHONPATH=. .venv/bin/python bench/review_page.py [ITEMS ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).parent))

from normalize import scaled_document

from gateway.api.review_page import guesses_in, read_message
from gateway.api.routers.review import render
from gateway.model import load_model
from gateway.normalize.pipeline import Normalizer
from gateway.settings import PROJECT_ROOT, Settings

EXAMPLE = PROJECT_ROOT / "examples" / "kz-eaeu-pi-manifest.xml"


def main(sizes: list[int]) -> None:
    normalizer, model = Normalizer.from_settings(Settings()), load_model()
    who = SimpleNamespace(organisation="bench", country="CN", role="partner", key_id="0")
    delivery = SimpleNamespace(id=1, message_id="m", expires_at=None, state="pending", delivered_at=None)
    for items in sizes:
        document, total = scaled_document(normalizer.registry.get("kz-eaeu-pi"), EXAMPLE, items)
        normalized = normalizer.normalize(document).message
        assert normalized is not None
        payload = normalized.xml
        started = time.perf_counter()
        reading = read_message(payload, model)
        read = time.perf_counter()
        page = render(
            "message.html",
            "zh-Hans",
            [],
            who=who,
            csrf="",
            delivery=delivery,
            message=None,
            notice=None,
            reading=reading,
            warnings=[],
            proposed=None,
            proposal=None,
            proposals={},
        )
        rendered = time.perf_counter()
        guesses_in(payload, model)
        counted = time.perf_counter()
        print(
            f"{total} goods items, message {len(payload) / 1e6:.1f} MB: read {read - started:.3f} s, "
            f"render {rendered - read:.3f} s ({len(page.encode()) / 1e6:.1f} MB of HTML), "
            f"inbox row {counted - rendered:.3f} s"
        )


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [200, 2000])
