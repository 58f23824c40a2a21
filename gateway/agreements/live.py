"""Agreements that follow their folder: an operator's edit applies without a restart.

`LiveAgreements.current()` returns the agreements in force, reloaded and checked again when the folder's
`*.yaml` and `*.yml` files change (`gateway.live_folder`: a document is routed and shared under either the
old set or the new, never a mix). A folder with a fault is refused: the old set
stays in force, the fault is logged (logger `gateway.agreements`, level ERROR) with its file, line and
YAML path, and `failure` holds it until the files change again (the metric
`gateway_agreements_reload_failed` shows it). Deliveries already written keep their payload and time to
live: a reload changes what happens to documents received after it, nothing stored.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from gateway.agreements.registry import Agreements
from gateway.errors import InvalidAgreement
from gateway.live_folder import LiveFolder

logger = logging.getLogger("gateway.agreements")

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class LiveAgreements(LiveFolder[Agreements]):
    """A folder's agreements, reloaded when its files change; a broken folder never replaces a good set."""

    patterns = ("*.yaml", "*.yml")

    def __init__(
        self, folder: Path, check_seconds: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(folder, check_seconds, clock)
        self.failure: InvalidAgreement | None = None
        """The fault of the files on disk while the set in force is an older one; None when they load."""
        self.failures = 0
        """How many reloads were refused since this set was created (a metric counts them)."""

    def load(self) -> Agreements:
        return Agreements.load(self.folder)

    def _reload(self) -> bool:
        try:
            agreements = self.load()
        except InvalidAgreement as invalid:
            self.failure = invalid
            self.failures += 1
            line = line_of(Path(invalid.file), invalid.yaml_path)
            where = {"file": invalid.file, "line": line, "yaml_path": invalid.yaml_path, "code": invalid.code}
            logger.error(
                "agreements not reloaded, the set in force is kept: %s:%s: %s: %s",
                invalid.file, line or "?", invalid.yaml_path, invalid.reason, extra=where,
            )  # fmt: skip
            return False
        self.failure = None
        logger.info("agreements reloaded: %d directions", len(agreements))
        self._value = agreements
        return True


def in_force(agreements: Agreements | LiveAgreements) -> Agreements:
    """The agreements in force now: a fixed set itself, a live one after a reload if its files changed."""
    return agreements.current() if isinstance(agreements, LiveAgreements) else agreements


def line_of(file: Path, yaml_path: str) -> int | None:
    """The line (from 1) of the node at `yaml_path` (``directions[0].level``) in `file`, or of the nearest
    node above it that exists; None when the file cannot be read as YAML at all."""
    try:
        node = yaml.compose(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if node is None:
        return None
    for name, index in _STEP.findall(yaml_path):
        child = _child(node, name, int(index) if index else None)
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def _child(node: yaml.Node, name: str, index: int | None) -> yaml.Node | None:
    if index is not None and isinstance(node, yaml.SequenceNode) and index < len(node.value):
        found: yaml.Node = node.value[index]
        return found
    if name and isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == name:
                return value  # type: ignore[no-any-return]
    return None
