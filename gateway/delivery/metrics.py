"""The metrics of `gateway worker`: whether its own reload of the agreements failed, and how often.

A worker reads the agreements folder itself (`LiveAgreements`, as `gateway serve` does), possibly on
another machine than the serving processes, so the service's `gateway_agreements_reload_failed` says
nothing of it. With `GATEWAY_WORKER_METRICS_PORT` set, a worker serves on that port, at `/metrics`:

* `gateway_agreements_reload_failed`: 1 while the agreement files on disk fail to load and the worker
  keeps delivering under the set it loaded before, else 0 (the service's metric, for this process);
* `gateway_agreements_reload_failures_total`: the refused reloads since the worker started.

With `--processes N` the children write their values to files in one folder (prometheus-client's
multiprocess mode) and the supervisor serves them on the one port: the gauge is the largest over the
living children, the counter their sum.
"""

from __future__ import annotations

import tempfile

from prometheus_client import CollectorRegistry, Counter, Gauge, multiprocess, start_http_server

from gateway.agreements import LiveAgreements
from gateway.settings import Settings

MULTIPROCESS_FOLDER = "PROMETHEUS_MULTIPROC_DIR"


class WorkerMetrics:
    """The reload metrics of one worker process; `observe` copies the agreements' state into them."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.reload_failed = Gauge(
            "gateway_agreements_reload_failed",
            "1 while the agreement files on disk fail to load and an older set stays in force, else 0.",
            registry=self.registry, multiprocess_mode="livemax",
        )  # fmt: skip
        self.reload_failures = Counter(
            "gateway_agreements_reload_failures", "Reloads of the agreements refused since the start.",
            registry=self.registry,
        )  # fmt: skip
        self._counted = 0

    def observe(self, agreements: LiveAgreements) -> None:
        """Set the metrics from `agreements` as they stand (after the dispatcher's last look at them)."""
        self.reload_failed.set(int(agreements.failure is not None))
        if agreements.failures > self._counted:
            self.reload_failures.inc(agreements.failures - self._counted)
            self._counted = agreements.failures


def serve_metrics(settings: Settings, registry: CollectorRegistry) -> None:
    """Serve `registry` at `/metrics` on the settings' worker metrics address, in a background thread."""
    start_http_server(settings.worker_metrics_port, settings.worker_metrics_host, registry)


def children_registry(folder: str) -> CollectorRegistry:
    """A registry of the values that a supervisor's children write to `folder`."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=folder)  # type: ignore[no-untyped-call]  # untyped in prometheus-client
    return registry


def multiprocess_folder() -> str:
    """A new folder for the children's metric files."""
    return tempfile.mkdtemp(prefix="gateway-worker-metrics-")


def forget_child(folder: str, pid: int) -> None:
    """Drop a dead child's gauge (its counter stays in the sum)."""
    multiprocess.mark_process_dead(pid, folder)  # type: ignore[no-untyped-call]  # untyped in prometheus-client
