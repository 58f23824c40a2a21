"""Test helpers: accepted documents with their outbox rows, and a clock that tests move by hand."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime, timedelta

from gateway.store.port import DeliveryMethod, NewDelivery, NewEvent, NewMessage, Store

SENDER, RECIPIENT = "KZ", "KG"


class MovableClock:
    """Starts at the real time (partners verify signatures against it) and moves only when told."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def advance(self, duration: timedelta) -> None:
        with self._lock:
            self.now += duration


def harmonized(number: int) -> bytes:
    """A small harmonized message with Cyrillic and Han text, different for each number."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Declaration xmlns="urn:carec-gateway:harmonized:1">'
        f"<ID>KZ-PI-{number:06d}</ID><Consignee>ОсОО «Ала-Тоо Транзит»</Consignee>"
        "<Place>Хоргос 霍尔果斯</Place></Declaration>"
    ).encode()


def accept_documents(
    store: Store,
    count: int,
    endpoint: str,
    now: datetime,
    method: DeliveryMethod = "push",
    time_to_live: timedelta | None = timedelta(minutes=10),
    first: int = 1,
) -> list[str]:
    """Accept `count` documents from Kazakhstan, each with one delivery to Kyrgyzstan; their message IDs."""
    message_ids = []
    for number in range(first, first + count):
        original = f"kz-pi-{number}".encode()
        message = NewMessage(
            f"m{number:06d}", SENDER, f"KZ-PI-{number:06d}", hashlib.sha256(original).hexdigest(),
            "kz-eaeu-pi", "pre-arrival", original, harmonized(number), (), "routed", now,
        )  # fmt: skip
        expires_at = now + time_to_live if time_to_live is not None else None
        delivery = NewDelivery(RECIPIENT, "message", method, endpoint, harmonized(number), now, expires_at)
        message_ids.append(store.accept(message, [delivery], [NewEvent("message:received")]).message_id)
    return message_ids
