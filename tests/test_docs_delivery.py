"""docs/delivery.md, "The non-delivery notice": the notice shown is the one the store writes for that
ending (a push refused with a 422 at its first attempt), field for field, and the expiry's reason is the
one the doc names."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from gateway.store.port import Delivery, Outcome
from gateway.store.transitions import non_delivery_notice

GUIDE = (Path(__file__).parent.parent / "docs" / "delivery.md").read_text(encoding="utf-8")
NOTICE = GUIDE.split("### The non-delivery notice\n", 1)[1].split("\n### ", 1)[0]
SHOWN = json.loads(NOTICE.split("```json\n", 1)[1].split("```", 1)[0])


def _push(attempts: int) -> Delivery:
    """The push to the shown notice's recipient, before its last attempt."""
    sent = datetime.fromisoformat(SHOWN["failed_at"]) - timedelta(minutes=1)
    return Delivery(
        1, SHOWN["message_id"], SHOWN["recipient"], "message", "push", "https://partner.example/hook",
        b"<HarmonizedMessage/>", "pending", attempts, sent, sent + timedelta(days=2), None, None,
    )  # fmt: skip


def test_the_notice_shown_is_the_one_the_store_writes() -> None:
    outcome = Outcome.dead(datetime.fromisoformat(SHOWN["failed_at"]), SHOWN["reason"])
    notice = non_delivery_notice(_push(SHOWN["attempts"] - 1), "KZ", outcome)
    assert (notice.recipient, notice.kind, notice.method) == ("KZ", "non-delivery-notice", "pull")
    assert json.loads(notice.payload) == SHOWN


def test_an_expiry_s_reason_is_the_one_the_doc_names() -> None:
    at = datetime(2026, 5, 6, 8, 0, tzinfo=UTC)
    notice = json.loads(non_delivery_notice(_push(3), "KZ", Outcome.expired(at)).payload)
    assert notice["state"] == "expired" and f"`{notice['reason']}`" in " ".join(NOTICE.split())
