"""A glossary that follows its folder: changed files are picked up without a restart.

`LiveGlossary.current()` returns the glossary in force, reloaded when the folder's CSV files change
(`gateway.live_folder`: a reader sees either the old glossary or the new, never a mix). A new version
with problems is refused: the old one stays in force and the problems are logged (and kept in
`last_problems`), until the files change again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from gateway.glossary.entry import GlossaryProblem, InvalidGlossary
from gateway.glossary.glossary import Glossary
from gateway.live_folder import LiveFolder

logger = logging.getLogger("gateway.glossary")


class LiveGlossary(LiveFolder[Glossary]):
    """A folder's glossary, reloaded when its files change; a broken version never replaces a good one."""

    patterns = ("*.csv",)

    def __init__(
        self, folder: Path, check_seconds: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(folder, check_seconds, clock)
        self.last_problems: list[GlossaryProblem] = []

    def load(self) -> Glossary:
        return Glossary.load(self.folder)

    def _reload(self) -> bool:
        try:
            glossary = self.load()
        except InvalidGlossary as invalid:
            self.last_problems = invalid.problems
            for problem in invalid.problems:
                logger.error("glossary not reloaded, version %s kept: %s", self._value.version, problem)
            return False
        self.last_problems = []
        if glossary.version != self._value.version:
            logger.info("glossary %s replaces %s", glossary.version, self._value.version)
        self._value = glossary
        return True
