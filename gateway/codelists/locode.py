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

COLUMNS = 12
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


def read_release(paths: list[Path]) -> Release:
    """Read every file of an official release; reference rows are resolved once all rows are read."""
    release = Release()
    references: list[tuple[str, str, str, str]] = []
    for path in paths:
        for line, row in _rows(path):
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


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("iso-8859-1")
    reader = csv.reader(io.StringIO(text, newline=""))
    return [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]


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
    (
        change,
        country,
        location,
        name,
        ascii_name,
        subdivision,
        function,
        status,
        when,
        iata,
        where_is,
        remarks,
    ) = (cell.strip() for cell in row)
    if status == "RR":
        release.rejected += 1
        return
    month = _month(when)
    assert month is not None  # checked by _row_problem
    withdrawn = change == "X" or status == "XX"
    places = release.places.setdefault(country, {})
    code = country + location
    if code in places:
        release.problems.append(f"{where}: {code} appears twice")
        return
    release.latest = max(release.latest, month.isoformat()[:7])
    attributes = {
        "country": country,
        "subdivision": subdivision,
        "function": function,
        "status": status,
        "changed": month.isoformat()[:7],
        "iata": iata,
        "coordinates": where_is,
        "remarks": remarks,
        "change": change.replace("¦", "|"),
    }
    valid_from = month if change == "+" else None
    valid_to = month - timedelta(days=1) if withdrawn else None
    places[code] = Place(code, name, ascii_name, valid_from, valid_to, attributes)


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
