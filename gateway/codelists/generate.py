"""Generate the country and currency lists from their official sources into canonical, committed CSVs.

Codes come from ISO 3166-1 and ISO 4217 through pycountry; names per language from the Unicode CLDR
through babel. The output is canonical (sorted by code, NFC, one form per cell), so a test can check that
the committed files have not drifted from what this generator writes. Run it after upgrading babel or
pycountry, and review the diff:

    python -m gateway.codelists.generate [FOLDER]
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
from pathlib import Path

import pycountry
from babel import Locale

from gateway.settings import PROJECT_ROOT

LANGUAGES = {
    "en": "en",
    "ru": "ru",
    "kk": "kk",
    "ky": "ky",
    "tg": "tg",
    "uz-Latn": "uz",
    "uz-Cyrl": "uz_Cyrl",
    "mn": "mn",
    "zh-Hans": "zh",
    "az": "az",
}
"""The name columns written: BCP 47 tag -> CLDR locale."""


def _locales() -> dict[str, Locale]:
    return {tag: Locale.parse(locale) for tag, locale in LANGUAGES.items()}


def _table(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(sorted(rows))
    return buffer.getvalue()


def _cell(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def countries_csv() -> str:
    """ISO 3166-1 countries with CLDR names, as CSV text."""
    locales = _locales()
    rows = [
        [
            country.alpha_2,
            *(_cell(locale.territories.get(country.alpha_2)) for locale in locales.values()),
            country.alpha_3,
            country.numeric,
        ]
        for country in pycountry.countries
    ]
    return _table(["code", *(f"name:{tag}" for tag in locales), "alpha_3", "numeric"], rows)


def currencies_csv() -> str:
    """ISO 4217 currencies with CLDR names, as CSV text."""
    locales = _locales()
    rows = [
        [
            currency.alpha_3,
            *(_cell(locale.currencies.get(currency.alpha_3)) for locale in locales.values()),
            currency.numeric,
        ]
        for currency in pycountry.currencies
    ]
    return _table(["code", *(f"name:{tag}" for tag in locales), "numeric"], rows)


GENERATED = {"country/codes.csv": countries_csv, "currency/codes.csv": currencies_csv}
"""Each generated file, relative to the code-list folder, and the function that writes it."""


def main(folder: Path = PROJECT_ROOT / "codelists") -> None:
    """Write every generated file under `folder`."""
    for relative, generate in GENERATED.items():
        (folder / relative).write_text(generate(), encoding="utf-8")
        print(f"wrote {folder / relative}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "codelists")
