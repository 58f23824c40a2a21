"""What the terminologists' list of proposed corrections (`GET /v1/corrections`) costs: whether the
glossary in force follows each proposal means resolving its name again. A page of 1,000 proposals of
names no glossary row meets (made-up Kazakh party and place names, seeded), read three times: the first
read resolves each name, the next ones find them kept for the glossary version
(`gateway.resolve.corrections.ProposedNames`); without it every read costs the first's.

    PYTHONPATH=. .venv/bin/python bench/corrections.py [PROPOSALS]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime

from gateway.resolve.corrections import ProposedNames, still_open
from gateway.resolve.setup import resolver_from_settings
from gateway.resolve.unresolved import OpenNames
from gateway.settings import Settings
from gateway.store.port import Correction

LETTERS = "абвгдеёжзийклмнопрстуфхцшқғңөұүәі"


def proposals(count: int) -> list[Correction]:
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(5, 9))).capitalize()

    made = []
    for number in range(count):
        kind = rng.choice(["party", "place"])
        text = f"ТОО «{word()} {word()}»" if kind == "party" else word()
        made.append(
            Correction(
                kind=kind,
                text=text,
                language="kk",
                script="Cyrl",
                sender="KZ",
                english="Made Up",
                code="",
                comment="",
                key_id="k_cn_1",
                country="CN",
                message_id=f"m-{number}",
                delivery_id=number,
                pointer="42A/28A[2]/42B/R004",
                glossary_version="g",
                proposed_at=datetime.now(UTC),
            )
        )
    return made


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    names = OpenNames(resolver_from_settings(Settings()))
    page = proposals(count)
    kept = ProposedNames()
    for read in range(1, 4):
        started = time.process_time()
        still_open(page, names, kept)
        print(f"read {read} of {count} proposals: {time.process_time() - started:.3f} s CPU")


if __name__ == "__main__":
    main()
