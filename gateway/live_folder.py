"""A value loaded from a folder of files and reloaded when they change, without a restart.

The glossary (`gateway.glossary.live`) and the agreements (`gateway.agreements.live`) follow their folders
this way. `current()` returns the value in force. At most every `check_seconds` it looks at the folder's
files (names, sizes, modification times: a few system calls); when they changed it loads the folder again
and swaps the new value in with one assignment, so a reader sees either the old value or the new, never a
mix. A subclass says which files count (`patterns`), how to load them (`load`) and what a folder that
does not load does (`_reload`: the old value stays in force).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

T = TypeVar("T")
Signature = tuple[tuple[str, int, int], ...]


def folder_signature(folder: Path, patterns: tuple[str, ...]) -> Signature:
    """What a `LiveFolder` compares to notice a change: name, size and mtime of each matching file."""
    signature = []
    for path in sorted({path for pattern in patterns for path in folder.glob(pattern)}):
        status = path.stat()
        signature.append((path.name, status.st_size, status.st_mtime_ns))
    return tuple(signature)


class LiveFolder(Generic[T]):
    """A folder's value, reloaded when its files change; a folder that does not load never replaces it."""

    patterns: ClassVar[tuple[str, ...]]

    def __init__(
        self, folder: Path, check_seconds: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.folder = folder
        self.check_seconds = check_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._signature = folder_signature(folder, self.patterns)
        self._value = self.load()
        self._checked_at = clock()

    def load(self) -> T:
        """The value of the folder's files as they are now; raises when they do not load."""
        raise NotImplementedError

    def current(self) -> T:
        """The value in force, after a reload if the files changed since the last look."""
        if self._clock() - self._checked_at >= self.check_seconds:
            self.refresh()
        return self._value

    def refresh(self) -> bool:
        """Look at the files now; True when a new value was swapped in."""
        with self._lock:
            self._checked_at = self._clock()
            signature = folder_signature(self.folder, self.patterns)
            if signature == self._signature:
                return False
            self._signature = signature
            return self._reload()

    def _reload(self) -> bool:
        """Load the changed folder and swap it in; on failure keep the value in force and say why."""
        raise NotImplementedError
