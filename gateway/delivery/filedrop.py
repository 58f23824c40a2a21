"""File-drop delivery: the message and its SHA-256 checksum file written atomically into the partner's
folder.

Each file is written to a hidden temporary name in the same folder (``.<name>.<random>.tmp``), flushed
and fsynced, then renamed to its final name, and the folder is fsynced, so a partner never sees half a
file. The checksum file (``<name>.sha256``, in ``sha256sum`` format) is written last: a partner picks a
message up once its checksum file is there. The file name comes from the webhook-id, which stays the
same across attempts, so a retry rewrites the same two files instead of adding a copy, and removes the
temporary files of an attempt that was killed before its rename. Nothing is renamed
into place once the delivery's time to live has run out.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import secrets
from pathlib import Path

from gateway.delivery.attempt import AttemptResult, Delivered, Late, Parcel, Refused, Retry
from gateway.delivery.clock import Clock, utc_now
from gateway.delivery.schedule import expired

SUFFIXES = {"application/xml": ".xml", "application/json": ".json"}
UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class TooLate(Exception):
    """Raised inside a write when the time to live runs out before the rename."""


class FileDropDeliverer:
    """Writes parcels into the folder their endpoint names (a path, or a ``file://`` URL)."""

    def __init__(self, clock: Clock = utc_now) -> None:
        self.clock = clock

    def deliver(self, parcel: Parcel) -> AttemptResult:
        folder = Path(parcel.endpoint.removeprefix("file://"))
        if not folder.is_absolute():
            return Refused(f"file.bad-endpoint: {parcel.endpoint!r} is not an absolute folder")
        name = drop_name(parcel.webhook_id, parcel.media_type)
        checksum = f"{hashlib.sha256(parcel.body).hexdigest()}  {name}\n".encode("ascii")
        try:
            self._write(folder / name, parcel.body, parcel)
            self._write(folder / f"{name}.sha256", checksum, parcel)
        except TooLate:
            return Late("file.late: the time to live ran out before the files were in place")
        except OSError as exc:
            return Retry(f"file.unavailable: {folder}: {exc.strerror or exc}")
        return Delivered(f"{folder / name}")

    def _write(self, target: Path, content: bytes, parcel: Parcel) -> None:
        for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
            leftover.unlink(missing_ok=True)  # from an attempt killed before its rename; ours holds the lease
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            with open(temporary, "xb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            if expired(parcel.deadline, self.clock()):
                raise TooLate
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        _fsync_folder(target.parent)


def drop_name(webhook_id: str, media_type: str) -> str:
    """The file name of a parcel: its webhook-id, made safe for any file system, and a suffix."""
    return UNSAFE.sub("_", webhook_id).lstrip(".") + SUFFIXES.get(media_type, ".bin")


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
