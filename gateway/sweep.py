"""Work a serving process does in the background at a fixed pace: expiring pull deliveries, settling
suspended agreements, looking at the glossary's files. Each sweep is a daemon thread that waits, works,
and waits again until its stop event is set; a turn that fails is logged and the next one tries again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable


def start_sweep(
    work: Callable[[], object], every: float, name: str, log: logging.Logger, failed: str
) -> threading.Event:
    """Run `work` every `every` seconds in a daemon thread called `name`; a turn that raises is logged as
    `failed` (with its traceback) on `log`. Set the returned event to stop it."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every):
            try:
                work()
            except Exception:  # a failed turn is logged and tried again at the next one
                log.exception(failed)

    threading.Thread(target=loop, name=name, daemon=True).start()
    return stop
