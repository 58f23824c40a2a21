"""A digest of everything the plan step puts out, to show a change leaves it byte for byte the same.

Normalizes every golden input (tests/golden/<format>/<case>/input.*), the examples/ and bench/ingest.py's
manifest, then, for each message and each country as sender, runs `AgreementRouter.plan` (routing and
every recipient's share, as served) and `share()` under every agreement (bytes, tree and message paths);
prints one SHA-256 of all of it and how many outputs it covers. Run it with a project root on the path:

    PYTHONPATH=/tmp/base10 .venv/bin/python plans/tools/share10_same.py /tmp/base10
    PYTHONPATH=$PWD .venv/bin/python plans/tools/share10_same.py $PWD
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest import manifest  # noqa: E402

from gateway.agreements import Agreements, share  # noqa: E402
from gateway.normalize.pipeline import Normalizer  # noqa: E402
from gateway.service.agreement_router import AgreementRouter  # noqa: E402
from gateway.settings import Settings  # noqa: E402


def documents() -> list[tuple[str, bytes]]:
    found = [
        (str(p.relative_to(ROOT)), p.read_bytes())
        for p in sorted((ROOT / "tests/golden").glob("*/*/input.*"))
    ]
    found += [
        (str(p.relative_to(ROOT)), p.read_bytes())
        for p in sorted((ROOT / "examples").iterdir())
        if p.is_file()
    ]
    return [*found, ("bench manifest", manifest().replace(b"BENCHID", b"same-1"))]


def main() -> None:
    settings = Settings(agreements_dir=ROOT / "agreements")
    normalizer = Normalizer.from_settings(settings)
    agreements = Agreements.load(ROOT / "agreements")
    router = AgreementRouter(agreements, normalizer.registry)
    every = list(agreements)
    senders = sorted({a.sender for a in every})
    digest, count = hashlib.sha256(), 0

    def add(*parts: object) -> None:
        nonlocal count
        count += 1
        for part in parts:
            digest.update(part if isinstance(part, bytes) else repr(part).encode())
            digest.update(b"\0")

    for name, data in documents():
        for sender in senders:
            result = normalizer.normalize(data)
            if result.message is None:
                continue
            plan = router.plan(result.message, sender)
            add(name, sender, plan)
            for r in plan.recipients:
                add(name, sender, r)
        result = normalizer.normalize(data)
        if result.message is None:
            continue
        mapping = router._mapping(result.message)
        for agreement in every:
            add(
                name,
                agreement.sender,
                agreement.recipient,
                share(result.message.to_xml(), agreement, result.message.model),
            )
            add(name, "tree", share(result.message.tree(), agreement, result.message.model))
            add(name, "mapped", share(result.message, agreement, result.message.model, mapping))
    print(f"{count} outputs, sha256 {digest.hexdigest()}")


main()
