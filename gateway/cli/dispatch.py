"""The delivery dispatcher of `gateway.delivery`, run in a background thread of the serving process."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.filedrop import FileDropDeliverer
from gateway.delivery.push import PushDeliverer
from gateway.delivery.queue import InProcessQueue
from gateway.store.port import Store

log = logging.getLogger("gateway.serve")


def start_dispatcher(store: Store) -> threading.Event:
    """Run the delivery dispatcher in a background thread of this process; set the event to stop it."""
    dispatcher = Dispatcher(store, InProcessQueue(), {"push": PushDeliverer(), "file": FileDropDeliverer()})
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                dispatcher.run_once(wait=timedelta(seconds=1), stop=stop.is_set)
            except Exception:  # a failing round is logged and retried; the service keeps running
                log.exception("dispatcher round failed")
                stop.wait(1)

    threading.Thread(target=loop, name="dispatcher", daemon=True).start()
    return stop
