"""The values of a code list: entries with their names, aliases and validity, and the list around them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pycountry

from gateway.names.script import detect_script

INTERNATIONAL_WATERS = "XZ"
"""The country part of UN/LOCODE's installations in international waters, which ISO 3166-1 does not hold."""


def locode_country_problem(code: str) -> str | None:
    """Why a UN/LOCODE's first two letters name no country (ISO 3166-1, as the country list is made
    from, or `INTERNATIONAL_WATERS`), or None: a code outside the project's extract of places is checked
    by its shape and by this, in documents, glossary rows and officers' proposals."""
    country = code[:2]
    if country == INTERNATIONAL_WATERS or pycountry.countries.get(alpha_2=country) is not None:
        return None
    return f"{country!r} is not an ISO 3166-1 country"


@dataclass(frozen=True, slots=True)
class Alias:
    """Another spelling of an entry: a former name, a native-script form, a transcription."""

    text: str
    language: str
    """BCP 47 language tag (`ru`, `kk`, `zh`, `mn`, `und` when unknown)."""
    script: str
    """ISO 15924 script code (`Cyrl`, `Latn`, `Hans`, `Mong`)."""


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """One code of a list, with its official names per language and when it is in force."""

    code: str
    names: Mapping[str, str] = field(default_factory=dict)
    """BCP 47 language -> official name ("en", "ru", "kk", "zh-Hans", "uz-Cyrl", ...)."""
    aliases: tuple[Alias, ...] = ()
    valid_from: date | None = None
    """First day the code is in force; None: since before the list's records begin."""
    valid_to: date | None = None
    """Last day the code is in force; None: still in force."""
    attributes: Mapping[str, str] = field(default_factory=dict)
    """List-specific columns (country, function, coordinates, numeric code, ...)."""

    def in_force(self, on: date | None) -> bool:
        """Whether the code is in force on `on` (always, when `on` is None)."""
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def spellings(self) -> tuple[Alias, ...]:
        """Every name and alias of the entry, official names first, each with its language and script
        (a name's script from its tag, `uz-Cyrl`, or else from its letters)."""
        names = tuple(Alias(text, language, _script(language, text)) for language, text in self.names.items())
        return names + tuple(alias for alias in self.aliases if alias not in names)

    @property
    def dated(self) -> bool:
        """Whether the entry is in force only for a bounded time."""
        return self.valid_from is not None or self.valid_to is not None


@dataclass(frozen=True, slots=True)
class CodeList:
    """One code list: its metadata and its entries by code (and by any alternative key)."""

    name: str
    title: str
    standard: str
    source: str
    version: str
    licence: str
    complete: bool
    valid_from: date | None
    valid_to: date | None
    entries: Mapping[str, CodeEntry]
    keys: Mapping[str, str] = field(default_factory=dict)
    """Alternative codes that name the same entry (ISO 4217 numeric 398 -> KZT)."""
    extension_lengths: tuple[int, ...] = ()
    """Lengths of national digit codes accepted when their start is a code of the list (HS: 8, 9, 10)."""
    base_lengths: tuple[int, ...] = ()
    """The lengths of the list's own codes, longest first, that a national extension may start with."""
    complete_for: frozenset[str] = frozenset()
    """Code prefixes for which the list is complete although the list as a whole is an extract."""
    origins: Mapping[str, str] = field(default_factory=dict)
    """Code -> "file:line" of the row that defines it last (for error messages and provenance)."""
    warn_outside: bool = True
    """Whether a code outside an extract gets a warning (False: the extract only carries names)."""

    @property
    def codes(self) -> frozenset[str]:
        """Every code of the list, whatever its validity."""
        return frozenset(self.entries)

    def entry(self, code: str) -> CodeEntry | None:
        """The entry that `code` names: itself, an alternative key, or the code a national extension
        starts with."""
        found = self.entries.get(code)
        if found is None and self.keys:
            found = self.entries.get(self.keys.get(code, ""))
        if found is None and len(code) in self.extension_lengths and code.isdigit():
            for length in self.base_lengths:
                found = self.entries.get(code[:length]) if length < len(code) else None
                if found is not None:
                    break
        return found

    def in_force(self, on: date | None) -> bool:
        """Whether the list itself is in force on `on` (an edition of HS, say)."""
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def holds_all(self, code: str) -> bool:
        """Whether the list holds every code of the standard that looks like `code`."""
        return self.complete or any(code.startswith(prefix) for prefix in self.complete_for)


def _script(language: str, text: str) -> str:
    subtags = language.split("-")
    return next((tag for tag in subtags[1:] if len(tag) == 4 and tag.istitle()), None) or detect_script(text)
