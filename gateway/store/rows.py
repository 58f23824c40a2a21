"""Between the SQL store's rows and the port's dataclasses."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from gateway.issues import Issue, Severity
from gateway.store.port import (
    ApiKey,
    Correction,
    Delivery,
    DisabledEndpoint,
    Event,
    MessageHead,
    NewDelivery,
    NewMessage,
    StoredMessage,
    UnresolvedCount,
)
from gateway.store.tables import messages


def message_values(message: NewMessage) -> dict[str, Any]:
    values = {name: getattr(message, name) for name in NewMessage.__slots__}
    values["issues"] = json.dumps([issue.to_dict() for issue in message.issues], ensure_ascii=False)
    return values


def to_message(row: Mapping[Any, Any]) -> StoredMessage:
    return StoredMessage(**_with_issues(row))


HEAD_COLUMNS = tuple(messages.c[name] for name in MessageHead.__slots__)
"""The columns of a message without its bytes. SQLite keeps a row's columns in order and a large value
over a chain of overflow pages that a read of a later column walks page by page: an 8 MB original and
6 MB harmonized message cost a read of the row's issues 28 ms against 5 ms without them."""


def to_message_head(row: Mapping[Any, Any]) -> MessageHead:
    return MessageHead(**_with_issues(row))


def _with_issues(row: Mapping[Any, Any]) -> dict[str, Any]:
    return dict(row) | {"issues": tuple(_issue(item) for item in json.loads(row["issues"]))}


def delivery_values(message_id: str, new: NewDelivery) -> dict[str, Any]:
    values = {name: getattr(new, name) for name in NewDelivery.__slots__}
    return values | {"message_id": message_id, "state": "pending", "attempts": 0}


def same_bytes(payload: bytes, harmonized: bytes | None) -> bool:
    """Whether an outbox row's payload is the harmonized message itself (then stored once, with it)."""
    return harmonized is not None and (payload is harmonized or payload == harmonized)


def to_delivery(row: Mapping[Any, Any]) -> Delivery:
    return Delivery(**dict(row))


def to_event(row: Mapping[Any, Any]) -> Event:
    return Event(**(dict(row) | {"detail": json.loads(row["detail"])}))


def to_disabled_endpoint(row: Mapping[Any, Any]) -> DisabledEndpoint:
    return DisabledEndpoint(**dict(row))


def to_unresolved(row: Mapping[Any, Any]) -> UnresolvedCount:
    values = dict(row) | {
        "message_ids": tuple(json.loads(row["message_ids"])),
        "countries": tuple(json.loads(row["countries"])),
        "answered": bool(row["answered"]),
    }
    values["language"] = values["language"] or None
    return UnresolvedCount(**values)


def unresolved_values(count: UnresolvedCount) -> dict[str, Any]:
    return {
        "kind": count.kind, "text": count.text, "language": count.language or "", "script": count.script,
        "count": count.count, "message_ids": json.dumps(list(count.message_ids)),
        "first_seen": count.first_seen, "last_seen": count.last_seen,
        "countries": json.dumps(list(count.countries)), "checked_in": count.checked_in,
        "answered": count.answered,
    }  # fmt: skip


def correction_values(correction: Correction) -> dict[str, Any]:
    values = {name: getattr(correction, name) for name in Correction.__slots__}
    return values | {"language": correction.language or ""}


def to_correction(row: Mapping[Any, Any]) -> Correction:
    values = {name: row[name] for name in Correction.__slots__}
    return Correction(**(values | {"language": row["language"] or None}))


def key_values(key: ApiKey) -> dict[str, Any]:
    return {name: getattr(key, name) for name in ApiKey.__slots__}


def to_key(row: Mapping[Any, Any]) -> ApiKey:
    return ApiKey(**dict(row))


def _issue(data: dict[str, Any]) -> Issue:
    return Issue(**(data | {"severity": Severity(data["severity"])}))
