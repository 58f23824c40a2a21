"""Structured logs: one JSON object per line, carrying the message ID and other fields a log call names.

Call ``log.info("message:received", extra={"message_id": ...})``: the event name is the message, the
extra fields listed in `FIELDS` become keys of the object.
"""

from __future__ import annotations

import atexit
import json
import logging
import logging.handlers
import queue
import sys
from datetime import UTC, datetime

FIELDS = (
    "message_id", "delivery_id", "sender", "recipient", "reference", "repeat", "status", "code", "state",
    "method", "path", "duration_ms", "key_id", "organisation",
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
        return json.dumps(data, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Formats a record as a plain line with its known extra fields as key=value."""

    def format(self, record: logging.LogRecord) -> str:
        extras = " ".join(f"{name}={record.__dict__[name]}" for name in FIELDS if name in record.__dict__)
        return f"{record.levelname.lower():7} {record.name}: {record.getMessage()} {extras}".rstrip()


class _Listener:
    """The thread that writes the gateway's log lines to standard error, one at a time (configured once
    per process; configuring again replaces it after writing what it holds)."""

    current: logging.handlers.QueueListener | None = None


def configure_logging(log_format: str, level: int = logging.INFO) -> None:
    """Send the gateway's logs to standard error in `log_format` (json or text). A request thread formats
    its line and hands it to a queue; one listener thread writes the lines, so no request thread waits for
    standard error's lock. The listener writes what is left when the process exits."""
    handler = logging.handlers.QueueHandler(queue.SimpleQueue())
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    writer = logging.StreamHandler(sys.stderr)  # the line is formatted already (QueueHandler.prepare)
    if _Listener.current is not None:
        _Listener.current.stop()
    _Listener.current = logging.handlers.QueueListener(handler.queue, writer)
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
