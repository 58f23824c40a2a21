"""What a country is shown of a delivery's error: the code always, the text unless it is the hub's own.

A delivery's error (`last_error`, an event's `error`, a non-delivery notice's `reason`) starts with its
code (docs/delivery.md). Most texts are what the partner answered (`push.http-503: HTTP 503 ...`), which
both countries of the agreement may read. A few describe the gateway's own set-up: the path of a signing
secret or the name of its variable, a drop folder's path, an endpoint URL with what it may carry, where a
partner's name resolves. A sender or a recipient is shown their code with a fixed sentence; the operator
reads the whole text in the dead letters and the log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

HUB_ONLY = frozenset(
    {"delivery.misconfigured", "file.unavailable", "file.bad-endpoint", "push.bad-endpoint",
     "push.forbidden-address"}
)  # fmt: skip
"""The codes whose text names the gateway's own set-up."""
WITHHELD = "the details are in the gateway operator's dead-letter list"


def shown(error: str | None) -> str | None:
    """`error` as a country reads it."""
    if error is None:
        return None
    code = error.split(":", 1)[0]
    return f"{code}: {WITHHELD}" if code in HUB_ONLY else error


def shown_detail(detail: Mapping[str, Any]) -> Mapping[str, Any]:
    """An event's detail as a country reads it (its `error`, and a disabled endpoint's `reason`)."""
    found = {key: detail[key] for key in ("error", "reason") if isinstance(detail.get(key), str)}
    if all(shown(value) == value for value in found.values()):
        return detail
    return {**detail, **{key: shown(value) for key, value in found.items()}}
