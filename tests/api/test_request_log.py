"""Every request leaves one log line with its status and key; a posted document's line has its message ID."""

from __future__ import annotations

import logging

import pytest

from tests.api.conftest import Gateway, example


def test_a_post_is_logged_with_its_message_id(gateway: Gateway, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gateway")
    message_id = gateway.post("kz-national", example("kz-eaeu-pi-manifest.xml")).json()["message_id"]
    gateway.post("kz-national", b"<broken")
    lines = [r for r in caplog.records if r.name == "gateway.http"]
    posted = [r for r in lines if getattr(r, "message_id", None) == message_id]
    assert len(posted) == 1 and posted[0].status == 202 and posted[0].path == "/v1/documents"  # type: ignore[attr-defined]
    assert posted[0].key_id == gateway.tokens["kz-national"].split("_")[1]  # type: ignore[attr-defined]
    refused = [r for r in caplog.records if r.getMessage() == "request:refused"]
    assert [r.code for r in refused] == ["document.rejected"]  # type: ignore[attr-defined]
