"""Write an official UN/LOCODE release into a code-list folder: `unece/<country>.csv` with the places and
`unece/aliases/<country>.csv` with reference names and names without diacritics.

The files are canonical (sorted, one form per cell), so importing the same release twice changes nothing,
and each is replaced atomically (written beside, then renamed): a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from gateway.codelists.locode import Place, Release
from gateway.codelists.table import ALIAS_HEADER
from gateway.names.script import detect_script

ATTRIBUTES = (
    "country",
    "subdivision",
    "function",
    "status",
    "changed",
    "iata",
    "coordinates",
    "remarks",
    "change",
)
HEADER = ("code", "name:und-Latn", "valid_from", "valid_to", *ATTRIBUTES)
OFFICIAL = "unece"


def write_release(release: Release, folder: Path) -> list[Path]:
    """Write every country of `release` under `folder/unece/`; the files whose content changed."""
    changed = []
    for country, places in sorted(release.places.items()):
        rows = [_place_row(place) for place in sorted(places.values(), key=lambda place: place.code)]
        if _replace(folder / OFFICIAL / f"{country}.csv", _csv(HEADER, rows)):
            changed.append(folder / OFFICIAL / f"{country}.csv")
        aliases = [list(row) for row in sorted(set(_aliases(release, country, places)))]
        if _replace(folder / OFFICIAL / "aliases" / f"{country}.csv", _csv(ALIAS_HEADER, aliases)):
            changed.append(folder / OFFICIAL / "aliases" / f"{country}.csv")
    return changed


def _place_row(place: Place) -> list[str]:
    dates = [day.isoformat() if day else "" for day in (place.valid_from, place.valid_to)]
    return [place.code, place.name, *dates, *(place.attributes[name] for name in ATTRIBUTES)]


def _aliases(release: Release, country: str, places: dict[str, Place]) -> list[tuple[str, ...]]:
    found = list(release.aliases.get(country, []))
    found += [(p.code, p.name_ascii) for p in places.values() if p.name_ascii and p.name_ascii != p.name]
    return [(code, text, "und", detect_script(text)) for code, text in found]


def _csv(header: tuple[str, ...], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _replace(path: Path, text: str) -> bool:
    """Write `text` to `path` atomically; False when the file already holds it."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return True
