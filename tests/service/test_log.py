"""Structured logs: one JSON object per line with the message ID; a text form for people."""

from __future__ import annotations

import copy
import json
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest

from gateway.service.log import JsonFormatter, TextFormatter, _stop_listener, configure_logging


def record(**extra: object) -> logging.LogRecord:
    made = logging.LogRecord("gateway.intake", logging.INFO, __file__, 1, "message:received", None, None)
    made.__dict__.update(extra)
    return made


def test_a_json_line_carries_the_event_and_the_message_id() -> None:
    line = JsonFormatter().format(record(message_id="18526f79", repeat=False, secret="not a field"))
    data = json.loads(line)
    assert data["event"] == "message:received" and data["message_id"] == "18526f79"
    assert data["repeat"] is False and data["level"] == "info" and "secret" not in data
    assert "\n" not in line


def test_an_error_keeps_its_traceback_on_one_line() -> None:
    try:
        raise RuntimeError("the store is down")
    except RuntimeError as exc:
        failed = record()
        failed.exc_info = (type(exc), exc, exc.__traceback__)
    line = JsonFormatter().format(failed)
    assert "\n" not in line and "RuntimeError: the store is down" in json.loads(line)["error"]


def test_the_text_form_names_the_fields() -> None:
    assert (
        TextFormatter().format(record(message_id="m-1"))
        == "info    gateway.intake: message:received message_id=m-1"
    )


def test_configured_logs_reach_standard_error_whole_and_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    """Lines go through a queue to one writer thread: each arrives once, whole, in the order logged, with
    an error's traceback, by the time the process ends (here: the listener is stopped)."""
    gateway = logging.getLogger("gateway")
    before = gateway.handlers[:], gateway.propagate, gateway.level
    configure_logging("json")
    log = logging.getLogger("gateway.test")
    for number in range(200):
        log.info("message:received", extra={"message_id": f"m-{number}"})
    try:
        raise RuntimeError("the store is down")
    except RuntimeError:
        log.exception("request:failed")
    _stop_listener()
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["message_id"] for line in lines[:-1]] == [f"m-{number}" for number in range(200)]
    assert lines[-1]["event"] == "request:failed" and "RuntimeError: the store is down" in lines[-1]["error"]
    gateway.handlers[:], gateway.propagate, gateway.level = before


def test_a_line_is_handed_to_the_writer_formatted_without_a_copy_of_its_record(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The logging thread formats its line and queues the string (QueueHandler copied every record and
    its dict for a writer that only writes the line: ~15 us of CPU a line)."""
    gateway = logging.getLogger("gateway")
    before = gateway.handlers[:], gateway.propagate, gateway.level
    configure_logging("json")

    def no_copy(value: object) -> object:
        raise AssertionError(f"copied {value!r}")

    monkeypatch.setattr(copy, "copy", no_copy)
    logging.getLogger("gateway.test").info("message:received", extra={"message_id": "m-1"})
    monkeypatch.undo()
    _stop_listener()
    assert json.loads(capsys.readouterr().err)["message_id"] == "m-1"
    gateway.handlers[:], gateway.propagate, gateway.level = before


def test_lines_logged_by_many_threads_at_once_arrive_whole_and_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    gateway = logging.getLogger("gateway")
    before = gateway.handlers[:], gateway.propagate, gateway.level
    configure_logging("json")
    log = logging.getLogger("gateway.test")

    def lines(thread: int) -> None:
        for number in range(300):
            log.info("message:received", extra={"message_id": f"{thread}-{number}"})

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lines, range(8)))
    _stop_listener()
    written = [json.loads(line)["message_id"] for line in capsys.readouterr().err.splitlines()]
    assert sorted(written) == sorted(f"{t}-{n}" for t in range(8) for n in range(300))
    for thread in range(8):  # each thread's lines in the order it logged them
        mine = [int(w.split("-")[1]) for w in written if w.startswith(f"{thread}-")]
        assert mine == list(range(300))
    gateway.handlers[:], gateway.propagate, gateway.level = before


def test_a_text_line_cannot_be_forged_by_what_a_client_sends() -> None:
    """A request's path is the client's text, decoded (`%0A` is a newline, `%1B` an escape, `%20` a
    space): in the text form it stays on its own line, in its own field, and colours nothing."""
    forged = "/v1/x\ninfo    gateway.intake: message:received message_id=forged\x1b[2K\r\x9b2K\u2028"
    line = TextFormatter().format(record(path=forged, key_id="k-1"))
    assert len(line.splitlines()) == 1
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in line)
    assert line.endswith(" key_id=k-1")
    spaced = TextFormatter().format(record(path="/v1/x status=200 key_id=k-2"))
    assert spaced.count("key_id=") == 1 and spaced.count("status=") == 1
    assert "message_id=forged" in line  # kept, readable, inside the quoted path
    assert '"' in line and '"/v1/x\\ninfo' in line


def test_an_event_with_a_clients_text_stays_on_one_line() -> None:
    made = logging.LogRecord(
        "gateway.delivery", logging.WARNING, __file__, 1, "paused %s", ("a\nb\x1b",), None
    )
    assert TextFormatter().format(made) == "warning gateway.delivery: paused a\\nb\\x1b"


def test_a_json_line_escapes_what_a_terminal_would_read_as_a_command() -> None:
    """json escapes C0 (a newline, ESC); the 8-bit controls (U+009B is a CSI to some terminals) and the
    Unicode line separators, which it would write as they are, are escaped too: the value is unchanged."""
    path = "/v1/x\x9b2J\x85\u2028\u2029\x7f"
    line = JsonFormatter().format(record(path=path))
    assert not any(0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in line)
    assert json.loads(line)["path"] == path
