"""ISO 4217 currencies by alphabetic or numeric code, straight from pycountry (no folder needed)."""

from __future__ import annotations

import pycountry


def currency_alpha(code: str) -> str | None:
    """The ISO 4217 alphabetic code for an alphabetic or numeric code (398 → KZT), or None."""
    found = (
        pycountry.currencies.get(numeric=code)
        if code.isdecimal()
        else (pycountry.currencies.get(alpha_3=code.upper()))
    )
    return found.alpha_3 if found else None
