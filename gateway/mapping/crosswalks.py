"""Crosswalks: national codes to UN/WCO codes, one CSV file each in `codelists/crosswalks/`.

A file has the header ``national_code,code,label``. Duplicated national codes, empty codes and a wrong
header are refused with the file and line. Files are read once, on first use.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from gateway.errors import InvalidCodeList

HEADER = ["national_code", "code", "label"]


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """One crosswalk table."""

    name: str
    file: Path
    entries: dict[str, str]


class Crosswalks:
    """The crosswalks in one folder, loaded lazily by name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[str, Crosswalk] = {}

    def names(self) -> list[str]:
        """Every crosswalk the folder holds."""
        return sorted(path.stem for path in self.folder.glob("*.csv"))

    def get(self, name: str) -> Crosswalk:
        """The crosswalk called `name`; `ValueError` when there is no such file."""
        if name not in self._loaded:
            path = self.folder / f"{name}.csv"
            if not path.is_file():
                raise ValueError(f"unknown crosswalk {name!r}; known: {', '.join(self.names())}")
            self._loaded[name] = read_crosswalk(path)
        return self._loaded[name]


def read_crosswalk(path: Path) -> Crosswalk:
    """Read and check one crosswalk file."""
    entries: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != HEADER:
            raise InvalidCodeList(str(path), 1, f"the header must be {','.join(HEADER)}, not {header}")
        for line, row in enumerate(reader, start=2):
            entries[_national_code(path, line, row, entries)] = row[1].strip()
    return Crosswalk(path.stem, path, entries)


def _national_code(path: Path, line: int, row: list[str], entries: dict[str, str]) -> str:
    if len(row) != len(HEADER):
        raise InvalidCodeList(str(path), line, f"expected {len(HEADER)} columns, found {len(row)}")
    national, code = row[0].strip(), row[1].strip()
    if not national or not code:
        raise InvalidCodeList(str(path), line, "national_code and code must not be empty")
    if national in entries:
        raise InvalidCodeList(str(path), line, f"national code {national!r} appears twice")
    return national
