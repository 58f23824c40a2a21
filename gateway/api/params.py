"""The path parameters that several routers take, declared once with their checks."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

COUNTRY_PATTERN = r"^[A-Z]{2}$"
MAX_ID = 2**53
"""The largest delivery ID a client may send (the largest integer a JSON number carries exactly)."""

Country = Annotated[str, Path(pattern=COUNTRY_PATTERN, description="ISO 3166 alpha-2 code of the country.")]
DeliveryId = Annotated[
    int, Path(ge=1, le=MAX_ID, description="The delivery ID, from an inbox page or the dead-letter list.")
]
MessageId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z-]+$")]
