"""Read the official UN/LOCODE CSV release (UNECE layout) into the project's canonical code-list rows.

The UNECE layout has twelve columns: change indicator, country, location, name, name without diacritics,
subdivision, function, status, date (YYMM), IATA code, coordinates, remarks. A country's first row holds its
name (".KAZAKHSTAN"). The change indicator and the status give validity:

* `+` added: in force from the first day of the row's month;
* `X` marked for deletion, or status `XX` (to be removed): in force until the last day of the month before;
* `#` name changed, `|` (`¦` in Latin-1 files) other change, `!` duplicate IATA: in force;
* `=` a reference entry ("Frunze = Bishkek"): the left side becomes an alias of the place on the right;
* status `RR` (request rejected): not a code at all, left out.

Files may be UTF-8 or ISO 8859-1 (the UNECE files are Latin-1). Every bad row is reported with its file
and line; `read_release` returns the rows by country and the problems, and writes nothing itself.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

COLUMN_NAMES = (
    "change",
    "country",
    "location",
    "name",
    "name_ascii",
    "subdivision",
    "function",
    "status",
    "date",
    "iata",
    "coordinates",
    "remarks",
)
COLUMNS = len(COLUMN_NAMES)
ATTRIBUTE_COLUMNS = {
    "country": "country",
    "subdivision": "subdivision",
    "function": "function",
    "status": "status",
    "iata": "iata",
    "coordinates": "coordinates",
    "remarks": "remarks",
}
"""Attributes of a place and the columns they come from (`changed` and `change` are derived)."""
CHANGES = frozenset({"", "+", "#", "X", "|", "¦", "!", "="})
_LOCATION = re.compile(r"[A-Z2-9]{3}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_DATE = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class Place:
    """One official UN/LOCODE row, with the validity its change indicator and status give it."""

    code: str
    name: str
    name_ascii: str
    valid_from: date | None
    valid_to: date | None
    attributes: dict[str, str]


@dataclass(slots=True)
class Release:
    """What a set of official files holds: places and aliases by country, and the bad rows."""

    places: dict[str, dict[str, Place]] = field(default_factory=dict)
    aliases: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Country -> (code, alias text) from reference rows and names without diacritics."""
    problems: list[str] = field(default_factory=list)
    """"file:line: reason" for each bad row."""
    notes: list[str] = field(default_factory=list)
    """"file:line: note" for rows read but not used: references to places outside the files read."""
    rejected: int = 0
    latest: str = ""


def read_release(paths: list[Path], countries: frozenset[str] = frozenset()) -> Release:
    """Read every file of an official release (only the rows of `countries`, when given); reference
    rows are resolved once all rows are read."""
    release = Release()
    references: list[tuple[str, str, str, str]] = []
    for path in paths:
        for line, row in _rows(path, release.problems):
            if countries and (len(row) < 2 or row[1].strip() not in countries):
                continue
            where = f"{path}:{line}"
            problem = _row_problem(row)
            if problem:
                release.problems.append(f"{where}: {problem}")
            elif row[0] == "=":
                references.append((where, row[1], *_reference(row[3])))
            elif row[2]:
                _add_place(release, where, row)
    for where, country, alias, target in references:
        _add_reference(release, where, country, alias, target)
    return release


def _rows(path: Path, problems: list[str]) -> list[tuple[int, list[str]]]:
    """The non-empty rows of a file with their lines; a file the CSV reader cannot go on with (a field
    over its size limit) adds a problem and ends there."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("iso-8859-1")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    try:
        rows.extend((reader.line_num, row) for row in reader if any(cell.strip() for cell in row))
    except csv.Error as exc:
        problems.append(f"{path}:{reader.line_num}: the CSV cannot be read on from here: {exc}")
    return rows


def _row_problem(row: list[str]) -> str | None:
    if len(row) != COLUMNS:
        return f"expected {COLUMNS} columns, found {len(row)}"
    change, country, location, name = (cell.strip() for cell in row[:4])
    when = row[8].strip()
    checks: list[tuple[bool, str]] = [
        (change not in CHANGES, f"unknown change indicator {change!r}"),
        (not _COUNTRY.fullmatch(country), f"country {country!r} is not two capital letters"),
        (change == "=" and " = " not in name, f"reference entry {name!r} has no ' = '"),
        (change != "=" and not location and not name.startswith("."), "a place without a location code"),
    ]
    if change != "=" and location:
        checks += [
            (not _LOCATION.fullmatch(location), f"location {location!r} is not three letters or digits 2-9"),
            (not name, "the name is empty"),
            (not _DATE.fullmatch(when) or _month(when) is None, f"date {when!r} is not YYMM"),
        ]
    return next((reason for failed, reason in checks if failed), None)


def _month(text: str) -> date | None:
    year, month = int(text[:2]), int(text[2:])
    if not 1 <= month <= 12:
        return None
    return date(1900 + year if year >= 50 else 2000 + year, month, 1)


def _add_place(release: Release, where: str, row: list[str]) -> None:
    cells = dict(zip(COLUMN_NAMES, (cell.strip() for cell in row), strict=True))
    if cells["status"] == "RR":
        release.rejected += 1
        return
    place = _place(cells)
    places = release.places.setdefault(cells["country"], {})
    if place.code in places:
        release.problems.append(f"{where}: {place.code} appears twice")
        return
    places[place.code] = place
    release.latest = max(release.latest, place.attributes["changed"])


def _place(cells: dict[str, str]) -> Place:
    """A place from the cells of its row, with the validity its change indicator and status give."""
    month = _month(cells["date"])
    assert month is not None  # checked by _row_problem
    attributes = {name: cells[column] for name, column in ATTRIBUTE_COLUMNS.items()}
    attributes.update(changed=month.isoformat()[:7], change=cells["change"].replace("¦", "|"))
    withdrawn = cells["change"] == "X" or cells["status"] == "XX"
    valid_from = month if cells["change"] == "+" else None
    valid_to = month - timedelta(days=1) if withdrawn else None
    code = cells["country"] + cells["location"]
    return Place(code, cells["name"], cells["name_ascii"], valid_from, valid_to, attributes)


def _reference(text: str) -> tuple[str, str]:
    alias, _, target = text.partition(" = ")
    return alias.strip(), target.strip()


def _add_reference(release: Release, where: str, country: str, alias: str, target: str) -> None:
    for place in release.places.get(country, {}).values():
        if target in (place.name, _plain(place.name), place.name_ascii):
            release.aliases.setdefault(country, []).append((place.code, alias))
            return
    release.notes.append(
        f"{where}: reference {alias!r} = {target!r} names no place of {country} in these files"
    )


def _plain(name: str) -> str:
    """A name without its parenthesised note: "Bishkek (ex Frunze)" -> "Bishkek"."""
    return re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
