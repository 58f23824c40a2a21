"""A digest of everything the names stage hands on, for every golden fixture, example and bench/ingest.py's
manifest: the harmonized message's bytes, its bare and whole trees, the resolved names, the issues, and
every recipient's share (routing as served, the demo agreements, each sender). Run it on the start and on
a branch and compare the last line (one line per document before it, to find a difference):

    PYTHONPATH=/tmp/base10 .venv/bin/python plans/tools/names10_same.py --root /tmp/base10
    PYTHONPATH=$PWD .venv/bin/python plans/tools/names10_same.py --root $PWD
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from lxml import etree


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    root = parser.parse_args().root
    sys.path.insert(0, str(root))
    sys.path.insert(0, str(root / "bench"))
    from ingest import manifest  # noqa: PLC0415  (from the project measured)

    from gateway.agreements import Agreements  # noqa: PLC0415
    from gateway.normalize.pipeline import Normalizer  # noqa: PLC0415
    from gateway.service.agreement_router import AgreementRouter  # noqa: PLC0415
    from gateway.settings import Settings  # noqa: PLC0415

    settings = Settings()
    normalizer = Normalizer.from_settings(settings)
    router = AgreementRouter(Agreements.load(settings.agreements_dir), normalizer.registry)
    inputs = sorted((root / "tests" / "golden").glob("*/*/input.*")) + sorted((root / "examples").glob("*.*"))
    documents = [(str(path.relative_to(root)), path.read_bytes()) for path in inputs]
    documents.append(("bench/ingest.py manifest", manifest()))
    whole = hashlib.sha256()
    for name, data in documents:
        digest = _digest(normalizer, router, data)
        whole.update(digest.encode())
        print(name, digest)
    print("all", len(documents), whole.hexdigest())


def _digest(normalizer: object, router: object, data: bytes) -> str:
    """What the stage hands on for one document, and what routing and the shares make of it."""
    outputs: list[object] = []
    for _ in range(2):  # the second run meets the memos warm
        result = normalizer.normalize(data)  # type: ignore[attr-defined]
        message = result.message
        outputs += [result.format, [repr(issue) for issue in result.issues], [repr(n) for n in result.names]]
        if message is None:
            continue
        outputs.append(message.xml)
        bare = getattr(message, "bare_tree", None)
        outputs.append(etree.tostring(bare()) if bare else b"")
        for sender in ("KZ", "KG", "CN", "MN", "UZ", "TJ", "AZ"):
            again = normalizer.normalize(data).message  # type: ignore[attr-defined]
            plan = router.plan(again, sender)  # type: ignore[attr-defined]
            outputs.append(sender)
            outputs += [repr(recipient) for recipient in plan.recipients] + plan.unrouted
        outputs.append(etree.tostring(message.tree()))
    return hashlib.sha256(repr(outputs).encode()).hexdigest()[:16]


if __name__ == "__main__":
    main()
