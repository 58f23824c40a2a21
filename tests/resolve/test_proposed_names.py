"""The terminologists' list of proposed corrections (`GET /v1/corrections`) says of each proposal whether
the glossary in force follows it. Each name is resolved once per glossary version, not on every read of
the list (a page of 1,000 names no row meets cost 1.5 s of CPU a read), and a glossary committed from the
export is read at once: its names are read again under the new version."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from place_table import PLACES, TableCodeLists

from gateway.glossary import LiveGlossary
from gateway.resolve import Resolver
from gateway.resolve.corrections import ProposedNames, still_open
from gateway.resolve.unresolved import OpenNames
from gateway.settings import PROJECT_ROOT
from gateway.store.port import Correction

PARTY = "ТОО «Алтын Дән»"


def proposal(text: str, kind: str, english: str, code: str = "", number: int = 1) -> Correction:
    return Correction(
        kind=kind, text=text, language="kk", script="Cyrl", sender="KZ", english=english, code=code,
        comment="", key_id="k_cn_1", country="CN", message_id=f"m-{number}", delivery_id=number,
        pointer="42A/28A[2]/42B/R004", glossary_version="g-1", proposed_at=datetime(2026, 5, 4, tzinfo=UTC),
    )  # fmt: skip


class CountedNames(OpenNames):
    """The queue's reader over the project's resolver, counting the names it resolves again."""

    def __init__(self, resolver: Resolver) -> None:
        super().__init__(resolver)
        self.calls: Counter[str] = Counter()

    def resolved_now(self, kind: str, text: str, *rest: Any, **options: Any) -> Any:
        self.calls[text] += 1
        return super().resolved_now(kind, text, *rest, **options)


def test_each_proposed_name_is_resolved_once_per_glossary_version(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(PROJECT_ROOT / "glossary", folder)
    names = CountedNames(Resolver(TableCodeLists({"locode": PLACES}), LiveGlossary(folder, check_seconds=0)))
    proposals = [
        proposal(PARTY, "party", "Altyn Dan LLP", number=1),
        proposal(PARTY, "party", "Altyn Dan Grain LLP", number=2),  # the same name, another officer
        proposal("Қорғас", "place", "Khorgos", "KZHOR", number=3),  # what the glossary says already
    ]
    names_kept = ProposedNames()
    for _ in range(3):  # three reads of the list
        assert [p.english for p in still_open(proposals, names, names_kept)] == [
            "Altyn Dan LLP",
            "Altyn Dan Grain LLP",
        ]
    assert names.calls == {PARTY: 1, "Қорғас": 1}
    (folder / "terminologist.csv").write_text(
        f"kind,language,term,english,latin,code,note\nparty,kk,{PARTY},Altyn Dan LLP,Altyn Dan,,register\n",
        encoding="utf-8",
    )
    assert [p.english for p in still_open(proposals, names, names_kept)] == ["Altyn Dan Grain LLP"]
    assert names.calls == {PARTY: 2, "Қорғас": 2}, "read again under the new version"


def test_the_kept_readings_are_bounded() -> None:
    names = CountedNames(
        Resolver(TableCodeLists({"locode": PLACES}), LiveGlossary(PROJECT_ROOT / "glossary"))
    )
    proposals = [proposal(f"Жаңақала {n}", "place", "Zhanakala") for n in range(5)]
    names_kept = ProposedNames(size=2)
    for _ in range(2):
        assert len(still_open(proposals, names, names_kept)) == 5
    assert sorted(names.calls.values()) == [1, 1, 2, 2, 2]  # two kept, three read each time
