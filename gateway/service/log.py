"""Structured logs: one JSON object per line, carrying the message ID and other fields a log call names.

Call ``log.info("message:received", extra={"message_id": ...})``: the event name is the message, the
extra fields listed in `FIELDS` become keys of the object.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import queue
import re
import sys
import threading
from datetime import UTC, datetime
from typing import TextIO

from gateway.controls import CONTROLS, SEPARATORS, escaped

FIELDS = (
    "message_id", "delivery_id", "sender", "recipient", "reference", "repeat", "status", "code", "state",
    "method", "path", "duration_ms", "key_id", "organisation", "issue_count", "issue_codes",
    "pruned_messages", "pruned_deliveries", "pruned_events", "pruned_bytes", "retention_days",
    "forgotten_messages", "identity_retention_days", "reason", "after",
)  # fmt: skip


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object: time, level, logger, event and the known extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for name in FIELDS:
            if name in record.__dict__:
                data[name] = record.__dict__[name]
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info)
        line = json.dumps(data, ensure_ascii=False, default=str)
        if _UNESCAPED_BY_JSON.search(line) is None:
            return line
        return _UNESCAPED_BY_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", line)  # inside strings


_UNESCAPED_BY_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029]")
"""DEL, the 8-bit controls and the Unicode line separators, which json writes as they are (it escapes C0):
a client's text (a request's path) could otherwise drive a terminal that shows the log."""


class TextFormatter(logging.Formatter):
    """Formats a record as a plain line with its known extra fields as key=value. Some fields are a
    client's text (a request's path, decoded: ``%0A`` is a newline): a control character is written as
    its escape, so a line stays one line and colours no terminal, and a value with a space, ``=`` or
    ``"`` is quoted, so it cannot pass for another field."""

    def format(self, record: logging.LogRecord) -> str:
        extras = " ".join(
            f"{name}={_text(record.__dict__[name])}" for name in FIELDS if name in record.__dict__
        )
        event = _escaped(record.getMessage())
        return f"{record.levelname.lower():7} {record.name}: {event} {extras}".rstrip()


_CONTROL = re.compile(f"[{CONTROLS}{SEPARATORS}]")
_UNQUOTED = re.compile(rf'[^\s="\\{CONTROLS}{SEPARATORS}]*')
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _text(value: object) -> str:
    """A field as the text format writes it: a list as its items joined by commas (issue codes); quoted
    and escaped when it holds a space, ``=``, a quote, a backslash or a control character."""
    text = ",".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    if _UNQUOTED.fullmatch(text):
        return text
    return '"' + _escaped(text.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _escaped(text: str) -> str:
    """`text` with each control character (C0, DEL, C1, the Unicode line and paragraph separators)
    written as its escape: ``\\n``, ``\\x1b``, ``\\u2028``."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda found: _escape(found.group()), text)


def _escape(character: str) -> str:
    return _ESCAPES.get(character) or escaped(character)


class LineQueue(logging.Handler):
    """Formats a record in the thread that logs it and hands the line, a plain string, to a `LineWriter`
    (the standard QueueHandler copies the record and its dict for a listener that only writes the line:
    ~40 us of CPU a line, where this costs the formatting and a put)."""

    def __init__(self, lines: queue.SimpleQueue[str | None]) -> None:
        super().__init__()
        self.lines = lines

    def handle(self, record: logging.LogRecord) -> bool:  # no handler lock: the queue is thread-safe
        if not self.filter(record):
            return False
        self.emit(record)
        return True

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.put(self.format(record))
        except Exception:  # as every logging handler: a line that cannot be formatted is reported
            self.handleError(record)


class LineWriter:
    """The thread that writes the lines of a `LineQueue` to a stream, in order: each line it takes
    and every line waiting behind it in one write and one flush. `stop` writes what is left."""

    def __init__(self, lines: queue.SimpleQueue[str | None], stream: TextIO) -> None:
        self.lines, self.stream = lines, stream
        self.thread = threading.Thread(target=self._write, name="gateway-log", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        """Write every line logged so far, then end the thread."""
        self.lines.put(None)
        self.thread.join()

    def _write(self) -> None:
        while (line := self.lines.get()) is not None:
            batch = [line]
            while not self.lines.empty() and (line := self.lines.get()) is not None:
                batch.append(line)
            self._flush(batch)
            if line is None:
                return

    def _flush(self, batch: list[str]) -> None:
        with contextlib.suppress(OSError, ValueError):  # a closed or broken stream: nowhere left to say so
            self.stream.write("\n".join(batch) + "\n")
            self.stream.flush()


class _Listener:
    """The gateway's log writer thread (configured once per process; configuring again replaces it after
    writing what it holds)."""

    current: LineWriter | None = None


def configure_logging(log_format: str, level: int = logging.INFO) -> None:
    """Send the gateway's logs to standard error in `log_format` (json or text). A request thread formats
    its line and hands it to a queue; one writer thread writes the lines, so no request thread waits for
    standard error's lock. The writer writes what is left when the process exits."""
    lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()
    handler = LineQueue(lines)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    if _Listener.current is not None:
        _Listener.current.stop()
    _Listener.current = LineWriter(lines, sys.stderr)
    _Listener.current.start()
    logger = logging.getLogger("gateway")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


@atexit.register
def _stop_listener() -> None:
    if _Listener.current is not None:
        _Listener.current.stop()
        _Listener.current = None
