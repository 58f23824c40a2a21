"""Names resolve the same whether the township list and a catalog's indexes are built on first use or
before: with the official UN/LOCODE rows of a few places of China imported (tests/cli/unlocode-cn.csv),
Jinshan's towns name it. Two threads that meet the first town at once get one answer, and the township
list is read once."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from gateway.codelists import CodeLists
from gateway.codelists import lists as lists_module
from gateway.codelists.locode import read_release
from gateway.codelists.locode_files import write_release
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT

RELEASE = PROJECT_ROOT / "tests" / "cli" / "unlocode-cn.csv"
NAMES = [
    # towns of Jinshan district (cn-township), alone and after their county
    ("朱泾镇", None),
    ("朱泾", "CN"),
    ("金山区石化街道", None),
    ("亭林鎮", "CN"),  # traditional characters
    # places: exactly, by their division names, fuzzily, and nothing at all
    ("金山", "CN"),
    ("济南", None),
    ("Jinan", "KZ"),
    ("Цзинань", "KZ"),
    ("Алматы", "KZ"),
    ("Алматыдан", "KZ"),
    ("阿拉木图", "CN"),
    ("Хоргос", "KZ"),
    ("霍尔果斯", None),
    ("Urumchi", None),
    ("二连浩特", None),
    ("Кашгар", "KZ"),
    ("城关镇", None),  # a town of hundreds of counties: no town
    ("Zzyzx", None),
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's code lists with the official rows of a few places of China imported."""
    folder = tmp_path_factory.mktemp("lazy") / "codelists"
    shutil.copytree(PROJECT_ROOT / "codelists", folder)
    write_release(read_release([RELEASE]), folder / "locode")
    return folder


def answers(resolver: Resolver) -> list[str]:
    return [
        json.dumps(resolver.resolve(name, "place", country).to_json(), ensure_ascii=False)
        for name, country in NAMES
    ]


def test_lazily_loaded_lists_give_the_answers_of_lists_loaded_whole(
    imported: Path, glossary: Glossary
) -> None:
    lazy = Resolver(CodeLists.load(imported), glossary)
    lazy_answers = answers(lazy)
    eager = Resolver(CodeLists.load(imported).load_all(), glossary)
    for kind in ("place", "country"):
        eager.catalog(kind, glossary).warm()
    assert lazy_answers == answers(eager)
    town = lazy.resolve("朱泾镇", "place")
    assert (town.code, town.method) == ("CNJNS", "town")


def test_a_name_found_exactly_reads_no_township_list(imported: Path, glossary: Glossary) -> None:
    lists = CodeLists.load(imported)
    assert Resolver(lists, glossary).resolve("济南", "place").method == "code-list"
    assert not lists._lists._loaders["cn-township"].built


def test_two_threads_meeting_the_first_town_get_one_answer_and_read_the_list_once(
    imported: Path, glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    read_list = lists_module.list_from

    def slow_read(metadata: lists_module.ListMetadata) -> lists_module.CodeList:
        reads.append(metadata.name)
        time.sleep(0.2)  # long enough for the other thread to ask while the list is read
        return read_list(metadata)

    monkeypatch.setattr(lists_module, "list_from", slow_read)
    resolver = Resolver(CodeLists.load(imported), glossary, memo_size=0)
    resolver.catalog("place", resolver.glossary())
    start = threading.Barrier(2)
    found: list[str] = []

    def resolve() -> None:
        start.wait()
        found.append(json.dumps(resolver.resolve("朱泾镇", "place").to_json(), ensure_ascii=False))

    threads = [threading.Thread(target=resolve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads.count("cn-township") == 1
    assert len(found) == 2 and found[0] == found[1]
    assert json.loads(found[0])["method"] == "town"
