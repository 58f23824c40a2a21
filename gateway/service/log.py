"""Structured logs: one JSON object per line, carrying the message ID and other fields a log call names.

Call ``log.info("message:received", extra={"message_id": ...})``: the event name is the message, the
extra fields listed in `FIELDS` become keys of the object.
"""

from __future__ import annotations

import json
import logging
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


def configure_logging(log_format: str, level: int = logging.INFO) -> None:
    """Send the gateway's logs to standard error in `log_format` (json or text)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    logger = logging.getLogger("gateway")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
