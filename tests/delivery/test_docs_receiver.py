"""The receiver example in docs/delivery.md works as written: a partner can copy it."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import standardwebhooks

from gateway.delivery.webhooks import signature_headers

DOC = Path(__file__).parents[2] / "docs" / "delivery.md"


def _example() -> dict[str, Any]:
    code = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert code is not None, "docs/delivery.md has no Python receiver example"
    namespace: dict[str, Any] = {"__name__": "docs_delivery_example"}
    exec(compile(code.group(1), str(DOC), "exec"), namespace)
    return namespace


def test_the_documented_receiver_stores_a_message_once_and_refuses_a_forgery(tmp_path: Path) -> None:
    example = _example()
    inbox = example["PartnerInbox"](str(tmp_path / "partner.db"))
    secret = example["SECRETS"][0]
    body = "<Declaration><Consignee>Улаанбаатар ХХК</Consignee></Declaration>".encode()
    headers = signature_headers("msg_m1_MN", datetime.now(UTC), body, [secret])
    assert inbox.receive(body, headers) == (204, "stored")
    assert inbox.receive(body, headers) == (204, "duplicate")
    assert inbox.receive(body + b"<!-- changed -->", headers) == (401, "webhook.bad-signature")
    reference = standardwebhooks.Webhook(secret)
    signed = reference.sign("msg_m2_MN", datetime.now(UTC), body.decode())
    stamp = str(int(datetime.now(UTC).timestamp()))
    from_reference = {"webhook-id": "msg_m2_MN", "webhook-timestamp": stamp, "webhook-signature": signed}
    assert inbox.receive(body, from_reference) == (204, "stored")
    stored = inbox.connection.execute("SELECT webhook_id FROM message ORDER BY webhook_id").fetchall()
    assert stored == [("msg_m1_MN",), ("msg_m2_MN",)]
    inbox.connection.close()


def test_the_documented_receiver_reads_no_body_of_unknown_or_excessive_length() -> None:
    """Anyone may post to the partner's endpoint before a signature is checked: a length that is missing,
    negative (``read(-1)`` reads until the client stops) or over MAX_BYTES leaves the body unread."""
    body_of, limit = _example()["body_of"], _example()["MAX_BYTES"]
    stream = io.BytesIO(b"<Declaration/>" * 10)
    assert body_of({"content-length": "14"}, stream) == b"<Declaration/>"
    for length in ("", "-1", str(limit + 1), "１４"):
        assert body_of({"content-length": length}, stream) is None
    assert stream.tell() == 14
