"""UN/LOCODE aliases from CLDR: the exemplar city names of the region's time zones, in its languages.

CLDR (through babel) names the city of each time zone in every language (Asia/Aqtobe is Ақтөбе in
Kazakh, 阿克托别 in Chinese): an independent, published source of native spellings, which the
project's `codelists/locode/aliases.csv` takes in. `rows()` gives the rows CLDR supports that the
file lacks; `tests/resolve/test_cldr_aliases.py` fails while any is missing. To add them:

    PYTHONPATH=. .venv/bin/python tests/resolve/cldr_cities.py >> codelists/locode/aliases.csv
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from babel import Locale

ALIASES = Path(__file__).parents[2] / "codelists" / "locode" / "aliases.csv"
ZONES = {
    "Asia/Almaty": "KZALA",
    "Asia/Aqtobe": "KZAKX",
    "Asia/Aqtau": "KZAAU",
    "Asia/Oral": "KZURA",
    "Asia/Qyzylorda": "KZKZO",
    "Asia/Atyrau": "KZGUW",
    "Asia/Qostanay": "KZKSN",
    "Asia/Tashkent": "UZTAS",
    "Asia/Samarkand": "UZSKD",
    "Asia/Bishkek": "KGFRU",
    "Asia/Dushanbe": "TJDYU",
    "Asia/Ulaanbaatar": "MNULN",
    "Asia/Hovd": "MNHVD",
    "Asia/Urumqi": "CNURM",
    "Asia/Shanghai": "CNSGH",
    "Asia/Baku": "AZBAK",
    "Asia/Tbilisi": "GETBS",
    "Asia/Choibalsan": "MNCOQ",
    "Asia/Ashgabat": "TMAGT",
    "Asia/Kabul": "AFKBL",
    "Asia/Karachi": "PKKHI",
}
"""Each time zone of the region and the UN/LOCODE of its exemplar city (those the extract holds)."""
LOCALES = {
    "ru": ("ru", "Cyrl"),
    "kk": ("kk", "Cyrl"),
    "ky": ("ky", "Cyrl"),
    "tg": ("tg", "Cyrl"),
    "mn": ("mn", "Cyrl"),
    "zh": ("zh", "Hans"),
    "zh_Hant": ("zh", "Hant"),
    "az": ("az", "Latn"),
    "uz": ("uz", "Latn"),
}
"""The CLDR locales read, with the language and script their rows get in aliases.csv."""
LEFT_OUT = {
    ("KZAAU", "Oqtov"): "Uzbek for Aktau: its consonants are Aktobe's (k-t-v read as k-t-b), so a name of "
    "Aktobe met by its consonants alone (Актөбә) would stand between two places and be neither",
}
"""CLDR rows the extract does not take, and why."""


def cldr_rows() -> Iterator[tuple[str, str, str, str]]:
    """(code, alias, language, script) of every exemplar city name CLDR gives for ZONES."""
    for locale_id, (language, script) in LOCALES.items():
        zones = Locale.parse(locale_id).time_zones
        for zone, code in ZONES.items():
            city = zones.get(zone, {}).get("city")
            if city:
                yield code, city, language, script


def rows() -> list[tuple[str, str, str, str]]:
    """The CLDR rows that aliases.csv lacks (by code and alias), each once."""
    with ALIASES.open(encoding="utf-8", newline="") as handle:
        present = {(row["code"], row["alias"]) for row in csv.DictReader(handle)}
    missing: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for row in cldr_rows():
        if (row[0], row[1]) not in present and (row[0], row[1]) not in LEFT_OUT:
            missing.setdefault((row[0], row[1]), row)
    return list(missing.values())


if __name__ == "__main__":
    csv.writer(sys.stdout, lineterminator="\n").writerows(rows())
