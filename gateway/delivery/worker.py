"""`gateway worker`: delivery in processes of its own, sharing work through Redis Streams.

With ``--processes 1`` the command runs one dispatcher in its own process (Redis optional: without it,
the process finds its work by sweeping the store); that is the default without `GATEWAY_REDIS_URL`, and
two processes the default with it (`process_count`). With more, it starts that many child processes, each
one dispatcher and one consumer of the Redis consumer group, restarts a child that dies, and passes
SIGTERM and SIGINT on to them. On SIGTERM a dispatcher finishes the delivery it is sending, records it,
and exits; queue entries it had taken but not started are reclaimed by the others.

A Redis or database outage does not end a worker: it logs the error, waits and tries again.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from types import FrameType

import redis
from sqlalchemy.exc import DBAPIError

from gateway.agreements import Agreements, LiveAgreements
from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.filedrop import FileDropDeliverer
from gateway.delivery.metrics import (
    MULTIPROCESS_FOLDER,
    WorkerMetrics,
    children_registry,
    forget_child,
    multiprocess_folder,
    serve_metrics,
)
from gateway.delivery.policy import AgreementPolicy
from gateway.delivery.push import PushDeliverer
from gateway.delivery.queue import InProcessQueue, RedisStreamQueue, WorkQueue
from gateway.delivery.suspension import Suspensions
from gateway.errors import ConfigurationError
from gateway.service.log import configure_logging
from gateway.settings import Settings
from gateway.store.outage import first_line, unavailable
from gateway.store.port import Store
from gateway.store.sql import open_store

log = logging.getLogger("gateway.delivery.worker")
OUTAGE_PAUSE = 1.0
RESTART_PAUSE = 5.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def open_queue(settings: Settings) -> WorkQueue:
    """Redis Streams when `redis_url` is set, else the in-process queue."""
    lease = timedelta(seconds=settings.delivery_lease_seconds)
    if settings.redis_url is None:
        return InProcessQueue(lease)
    queue = RedisStreamQueue.from_url(settings.redis_url, lease)
    queue.ensure_group()
    return queue


def build_dispatcher(
    settings: Settings, store: Store, queue: WorkQueue, live: LiveAgreements | None = None
) -> Dispatcher:
    """A dispatcher with push and file drop, the settings' times, and the agreements in force (`live`, or
    the settings' folder): the folder is looked at again at most every `agreements_check_seconds`, so
    each attempt follows the agreements as they are when it is made."""
    if settings.push_timeout_seconds >= settings.delivery_lease_seconds:
        raise ConfigurationError("GATEWAY_PUSH_TIMEOUT_SECONDS must be shorter than the delivery lease")
    push = PushDeliverer(timeout=timedelta(seconds=settings.push_timeout_seconds))
    live = live or LiveAgreements(settings.agreements_dir, settings.agreements_check_seconds)
    policy = AgreementPolicy(store, live)
    suspensions = Suspensions(store, live)  # the same set as the attempts read
    return Dispatcher(
        store,
        queue,
        {"push": push, "file": FileDropDeliverer()},
        policy=policy,
        lease=timedelta(seconds=settings.delivery_lease_seconds),
        sweep_every=timedelta(seconds=settings.delivery_sweep_seconds),
        concurrency=settings.delivery_concurrency,
        suspensions=suspensions,
    )


def serve_deliveries(
    dispatcher: Dispatcher,
    stop: threading.Event,
    wait: timedelta = timedelta(seconds=1),
    after_round: Callable[[], None] = lambda: None,
) -> None:
    """Run rounds until `stop` is set, calling `after_round` after each (the worker's metrics); an
    infrastructure outage pauses the loop instead of ending it, logged in one line when it starts
    (`delivery:paused` and the reason) and when it is over (`delivery:resumed`)."""
    paused: str | None = None
    while not stop.is_set():
        try:
            dispatcher.run_once(wait=wait, stop=stop.is_set)
            after_round()
        except (redis.RedisError, DBAPIError, OSError) as exc:
            reason = unavailable(exc) or f"{type(exc).__name__}: {first_line(exc)}"
            if reason != paused:
                log.warning("delivery:paused %s", reason)
            paused = reason
            stop.wait(OUTAGE_PAUSE)
            continue
        if paused is not None:
            log.info("delivery:resumed")
            paused = None


def start_in_thread(settings: Settings, store: Store, queue: WorkQueue | None = None) -> threading.Event:
    """Delivery inside the serving process (`gateway serve`): one dispatcher on a background thread, with
    the same kind of queue, agreements and settings as a worker (pass `queue` to share it with intake's
    `QueueAnnouncer`); set the returned event to stop it."""
    stop = threading.Event()
    queue = queue if queue is not None else open_queue(settings)
    dispatcher = build_dispatcher(settings, store, queue)

    def run() -> None:
        try:
            serve_deliveries(dispatcher, stop)
        finally:
            dispatcher.close()
            queue.close()

    threading.Thread(target=run, name="dispatcher", daemon=True).start()
    return stop


def run_worker(settings: Settings, store: Store) -> None:
    """One dispatcher in this process until SIGTERM or SIGINT."""
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, request_stop)
    queue = open_queue(settings)
    live = LiveAgreements(settings.agreements_dir, settings.agreements_check_seconds)
    dispatcher = build_dispatcher(settings, store, queue, live)
    metrics = WorkerMetrics()
    if settings.worker_metrics_port:
        serve_metrics(settings, metrics.registry)
    log.info("worker:started %s", dispatcher.worker)
    try:
        serve_deliveries(dispatcher, stop, after_round=lambda: metrics.observe(live))
    finally:
        dispatcher.close()
        queue.close()
        log.info("worker:stopped %s", dispatcher.worker)


class Supervisor:
    """Keeps `processes` children running `gateway worker --processes 1` until told to stop; with a
    metrics port, serves the sum of the children's metrics on it (`gateway.delivery.metrics`)."""

    def __init__(self, processes: int, settings: Settings | None = None) -> None:
        self.processes = processes
        self.children: list[subprocess.Popen[bytes]] = []
        self.stopping = False
        self.environment = os.environ.copy()
        self.metrics_folder: str | None = None
        if settings is not None and settings.worker_metrics_port:
            self.metrics_folder = multiprocess_folder()
            self.environment |= {MULTIPROCESS_FOLDER: self.metrics_folder, "GATEWAY_WORKER_METRICS_PORT": "0"}
            serve_metrics(settings, children_registry(self.metrics_folder))

    def run(self) -> int:
        for stop_signal in STOP_SIGNALS:
            signal.signal(stop_signal, self._forward)
        self.children = [self._start() for _ in range(self.processes)]
        started = [time.monotonic()] * self.processes
        while not self.stopping:
            time.sleep(0.2)
            for index, child in enumerate(self.children):
                if child.poll() is None or self.stopping or time.monotonic() - started[index] < RESTART_PAUSE:
                    continue  # a child that dies at once (a wrong setting) is restarted every few seconds
                log.warning("worker:restarted %d exited with %d", child.pid, child.returncode)
                if self.metrics_folder is not None:
                    forget_child(self.metrics_folder, child.pid)
                self.children[index], started[index] = self._start(), time.monotonic()
        return max((child.wait() for child in self.children), default=0)

    def _start(self) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "gateway.delivery.worker"]  # one worker, without the CLI's imports
        return subprocess.Popen(command, env=self.environment)

    def _forward(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
        for child in self.children:
            if child.poll() is None:
                child.send_signal(signum)


def process_count(settings: Settings, processes: int | None) -> int:
    """How many worker processes to run: `--processes`, else `GATEWAY_WORKER_PROCESSES`, else 1 on the
    in-process queue and 2 on Redis Streams; more than one without Redis is refused (nothing would share
    the work between them)."""
    count = processes or settings.worker_processes or (1 if settings.redis_url is None else 2)
    if count > 1 and settings.redis_url is None:
        raise ConfigurationError(
            f"{count} worker processes need GATEWAY_REDIS_URL (Redis Streams) to share the work; without "
            "it, run one (--processes 1, or leave GATEWAY_WORKER_PROCESSES unset)"
        )
    return count


def main(processes: int | None) -> int:
    """The `gateway worker` command; its exit status."""
    settings = Settings()
    configure_logging(settings.log_format)
    count = process_count(settings, processes)
    if count > 1:
        # a broken agreements folder stops the command here, with its problem: each child would die on
        # it and be restarted every RESTART_PAUSE without end (the pause is for what heals, Redis away)
        Agreements.load(settings.agreements_dir)
        return Supervisor(count, settings).run()
    store = open_store(settings)
    try:
        run_worker(settings, store)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(1))
