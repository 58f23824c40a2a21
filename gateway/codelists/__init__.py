"""Code lists that harmonized values are checked against: ISO lists from pycountry, UN lists as CSV.

`codelists/lists.yaml` names each list, where it comes from and whether the project holds all of it. A
list the model names but the project does not hold (UN/LOCODE, package types until they are imported) is
checked by shape only.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml

from gateway.errors import InvalidCodeList


@dataclass(frozen=True, slots=True)
class CodeList:
    """One code list: its codes and whether they are all of the standard's codes."""

    name: str
    standard: str
    codes: frozenset[str]
    complete: bool


class CodeLists:
    """The code lists in a folder, loaded once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lists = _load(folder)

    def get(self, name: str) -> CodeList | None:
        """The list called `name`, or None when the project does not hold it."""
        return self.lists.get(name)


def _load(folder: Path) -> dict[str, CodeList]:
    index = folder / "lists.yaml"
    if not index.is_file():
        return {}
    entries = yaml.safe_load(index.read_text(encoding="utf-8")) or {}
    return {name: _list(folder, name, entry) for name, entry in entries.items()}


def _list(folder: Path, name: str, entry: dict[str, object]) -> CodeList:
    standard, complete = str(entry.get("standard", "")), bool(entry.get("complete", False))
    if entry.get("source") == "pycountry":
        codes = _pycountry_codes(name)
    else:
        codes = _csv_codes(folder / str(entry["file"]))
    return CodeList(name, standard, codes, complete)


def _pycountry_codes(name: str) -> frozenset[str]:
    if name == "country":
        return frozenset(country.alpha_2 for country in pycountry.countries)
    if name == "currency":
        return frozenset(currency.alpha_3 for currency in pycountry.currencies)
    raise InvalidCodeList("lists.yaml", 0, f"pycountry has no list called {name!r}")


def _csv_codes(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "code" not in reader.fieldnames:
            raise InvalidCodeList(str(path), 1, "the header must have a 'code' column")
        return frozenset(row["code"].strip() for row in reader)


def currency_alpha(code: str) -> str | None:
    """The ISO 4217 alphabetic code for an alphabetic or numeric code (398 → KZT), or None."""
    found = (
        pycountry.currencies.get(numeric=code)
        if code.isdecimal()
        else (pycountry.currencies.get(alpha_3=code.upper()))
    )
    return found.alpha_3 if found else None
