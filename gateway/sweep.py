"""Work a serving process does in the background at a fixed pace: expiring pull deliveries, settling
suspended agreements, looking at the glossary's files. Each sweep is a daemon thread that waits, works,
and waits again until its stop event is set; a turn that fails is logged and the next one tries again.
The store's database away fails every turn until it is back: that is logged once when it starts failing
(a warning with the reason, no traceback) and once when a turn works again (`<name>:resumed`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from gateway.store.outage import unavailable


def start_sweep(
    work: Callable[[], object],
    every: float,
    name: str,
    log: logging.Logger,
    failed: str,
    first: float | None = None,
) -> threading.Event:
    """Run `work` every `every` seconds in a daemon thread called `name`, the first time after `first`
    seconds (None: after `every`); a turn that raises is logged as `failed` (with its traceback) on
    `log`, the database away once until it is back. Set the returned event to stop it."""
    stop = threading.Event()

    def loop() -> None:
        away: str | None = None
        wait = every if first is None else first
        while not stop.wait(wait):
            wait = every
            try:
                work()
            except Exception as failure:  # a failed turn is logged and tried again at the next one
                reason = unavailable(failure)
                if reason is None:
                    log.exception(failed)
                elif away is None:
                    log.warning(failed, extra={"code": "store.unavailable", "reason": reason})
                away = reason
                continue
            if away is not None:
                log.info(f"{name}:resumed")
                away = None

    threading.Thread(target=loop, name=name, daemon=True).start()
    return stop
