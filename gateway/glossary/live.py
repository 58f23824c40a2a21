"""A glossary that follows its folder: changed files are picked up without a restart.

`LiveGlossary.current()` returns the glossary in force. At most every `check_seconds` it looks at the
folder's files (names, sizes, modification times, a few system calls); when they changed it loads the
new version and swaps it in with one assignment, so a reader sees either the old glossary or the new,
never a mix. A new version with problems is refused: the old one stays in force and the problems are
logged (and kept in `last_problems`), until the files change again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from gateway.glossary.entry import GlossaryProblem, InvalidGlossary
from gateway.glossary.glossary import Glossary

logger = logging.getLogger("gateway.glossary")

Signature = tuple[tuple[str, int, int], ...]


def folder_signature(folder: Path) -> Signature:
    """What `LiveGlossary` compares to notice a change: name, size and mtime of each CSV file."""
    signature = []
    for path in sorted(folder.glob("*.csv")):
        status = path.stat()
        signature.append((path.name, status.st_size, status.st_mtime_ns))
    return tuple(signature)


class LiveGlossary:
    """A folder's glossary, reloaded when its files change; a broken version never replaces a good one."""

    def __init__(
        self, folder: Path, check_seconds: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.folder = folder
        self.check_seconds = check_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._signature = folder_signature(folder)
        self._glossary = Glossary.load(folder)
        self._checked_at = clock()
        self.last_problems: list[GlossaryProblem] = []

    def current(self) -> Glossary:
        """The glossary in force, after a reload if the files changed since the last look."""
        if self._clock() - self._checked_at >= self.check_seconds:
            self.refresh()
        return self._glossary

    def refresh(self) -> bool:
        """Look at the files now; True when a new version was swapped in."""
        with self._lock:
            self._checked_at = self._clock()
            signature = folder_signature(self.folder)
            if signature == self._signature:
                return False
            self._signature = signature
            return self._reload()

    def _reload(self) -> bool:
        try:
            glossary = Glossary.load(self.folder)
        except InvalidGlossary as invalid:
            self.last_problems = invalid.problems
            for problem in invalid.problems:
                logger.error("glossary not reloaded, version %s kept: %s", self._glossary.version, problem)
            return False
        self.last_problems = []
        if glossary.version != self._glossary.version:
            logger.info("glossary %s replaces %s", glossary.version, self._glossary.version)
        self._glossary = glossary
        return True
