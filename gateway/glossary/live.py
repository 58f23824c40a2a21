"""A glossary that follows its folder: changed files are picked up without a restart.

`LiveGlossary.current()` returns the glossary in force, reloaded when the folder's CSV files change
(`gateway.live_folder`: a reader sees either the old glossary or the new, never a mix). A new version
with problems is refused: the old one stays in force, the problems are logged (logger
`gateway.glossary`, level ERROR) once for each broken version of the files, and `last_problems` keeps
them until the files load again (the metric `gateway_glossary_reload_failed` shows it).

A name to resolve makes it look (`current()`); so does `start_glossary_sweep`, which a serving process
runs every `GATEWAY_GLOSSARY_CHECK_SECONDS`, so that a broken edit is reported by a gateway that
receives nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from gateway.glossary.entry import GlossaryProblem, InvalidGlossary
from gateway.glossary.glossary import Glossary, folder_version
from gateway.live_folder import LiveFolder
from gateway.sweep import start_sweep

logger = logging.getLogger("gateway.glossary")

SWEEP_FLOOR = 0.05
"""The shortest pause of a sweep, in seconds (a check interval of 0 would have it spin)."""


class LiveGlossary(LiveFolder[Glossary]):
    """A folder's glossary, reloaded when its files change; a broken version never replaces a good one."""

    patterns = ("*.csv",)

    def __init__(
        self, folder: Path, check_seconds: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(folder, check_seconds, clock)
        self.last_problems: list[GlossaryProblem] = []
        """The problems of the files on disk while an older version stays in force; empty when they load."""
        self.broken_version: str | None = None
        """The content version of the broken files last reported (each is logged once)."""

    def load(self) -> Glossary:
        return Glossary.load(self.folder)

    def _reload(self) -> bool:
        try:
            glossary = self.load()
        except InvalidGlossary as invalid:
            self.last_problems = invalid.problems
            self._report(invalid.problems)
            return False
        self.last_problems, self.broken_version = [], None
        if glossary.version != self._value.version:
            logger.info("glossary %s replaces %s", glossary.version, self._value.version)
        self._value = glossary
        return True

    def _report(self, problems: list[GlossaryProblem]) -> None:
        """Log the problems of a broken version, unless this very version was reported already (a file
        touched, or saved again unchanged, says nothing new)."""
        try:
            broken = folder_version(self.folder)
        except OSError:  # a file removed while read: the next look reads the folder again
            broken = None
        if broken is not None and broken == self.broken_version:
            return
        self.broken_version = broken
        for problem in problems:
            logger.error("glossary not reloaded, version %s kept: %s", self._value.version, problem)


def start_glossary_sweep(glossary: LiveGlossary, every: float) -> threading.Event:
    """Look at the glossary's files every `every` seconds in a background thread (a reload when they
    changed, a broken version logged), documents or not; set the returned event to stop it."""
    return start_sweep(
        glossary.refresh, max(every, SWEEP_FLOOR), "glossary-sweep", logger, "glossary:sweep-failed"
    )
