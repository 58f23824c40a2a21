"""Prometheus metrics: documents received and rejected, intake latency, deliveries by state, retention.

The delivery gauges are read from the store at a scrape, so they hold for every process sharing it; a
count that cost much is reused for a short while (`_DeliveryStates`: /metrics is open to anyone).
Counters and the latency histogram are per process, unless prometheus-client's multiprocess mode is on
(`gateway serve --workers N` turns it on: each worker writes its values to files in one folder and a
scrape of any worker sums them).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess, values
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from gateway.agreements.live import LiveAgreements
from gateway.glossary.live import LiveGlossary
from gateway.service.writable import StoreWrites
from gateway.store.outage import unavailable
from gateway.store.port import Pruned, Store

STATES = ("pending", "retrying", "delivered", "dead", "expired", "held")


class Metrics:
    """The metrics of one app, in their own registry."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.monotonic) -> None:
        self.registry = CollectorRegistry()
        self.received = Counter(
            "gateway_documents_received", "Documents accepted and stored (repeats excluded).",
            registry=self.registry,
        )  # fmt: skip
        self.repeated = Counter(
            "gateway_documents_repeated", "Documents posted again, answered with the first answer.",
            registry=self.registry,
        )  # fmt: skip
        self.rejected = Counter(
            "gateway_documents_rejected",
            "Documents refused, by problem code.",
            ["code"],
            registry=self.registry,
        )
        self.abandoned = Counter(
            "gateway_requests_abandoned", "Posts whose client left before its body arrived whole.",
            registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "gateway_intake_seconds", "Time from a document's arrival to its answer.", registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )  # fmt: skip
        self.pruned = Counter(
            "gateway_messages_pruned", "Messages emptied by retention (GATEWAY_RETENTION_DAYS).",
            registry=self.registry,
        )  # fmt: skip
        self.pruned_bytes = Counter(
            "gateway_pruned_bytes", "Bytes of originals, harmonized messages and payloads retention removed.",
            registry=self.registry,
        )  # fmt: skip
        self.forgotten = Counter(
            "gateway_identities_forgotten",
            "Rows of pruned messages deleted by identity retention (GATEWAY_IDENTITY_RETENTION_DAYS).",
            registry=self.registry,
        )
        self._states = _DeliveryStates(store.delivery_counts, clock)
        self.registry.register(self._states)
        self._extra: list[Collector] = []

    def count_pruned(self, pruned: Pruned) -> None:
        """Count what one turn of the retention sweep removed."""
        self.pruned.inc(pruned.messages)
        self.pruned_bytes.inc(pruned.bytes)

    def count_forgotten(self, rows: int) -> None:
        """Count the identities one turn of the retention sweep deleted."""
        self.forgotten.inc(rows)

    def watch_retention(self, store: Store, now: Callable[[], datetime], days: float) -> None:
        """Expose what retention cannot take: the messages older than `days` that a delivery keeps."""
        kept = _Kept(store, now, days, self._states.clock)
        self.registry.register(kept)
        self._extra.append(kept)

    def watch_agreements(self, agreements: LiveAgreements) -> None:
        """Expose whether the agreement files on disk failed to load (the set in force is then older)."""
        state = _AgreementsState(agreements)
        self.registry.register(state)
        self._extra.append(state)

    def watch_glossary(self, glossary: LiveGlossary) -> None:
        """Expose whether the glossary files on disk failed to load (the version in force is then older)."""
        state = _GlossaryState(glossary)
        self.registry.register(state)
        self._extra.append(state)

    def watch_writes(self, writes: StoreWrites) -> None:
        """Expose whether the store can write (a full disk, a read-only file: 0)."""
        state = _Writable(writes)
        self.registry.register(state)
        self._extra.append(state)

    def exposition(self) -> bytes:
        """The metrics in the Prometheus text format, summed over the workers in multiprocess mode."""
        if values.ValueClass is values.MutexValue:
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # untyped in prometheus-client
        registry.register(self._states)
        for collector in self._extra:
            registry.register(collector)
        return generate_latest(registry)


class _DeliveryStates(Collector):
    """The deliveries by state, counted in the store. /metrics is open to anyone and the count grows
    with the table (~50 ms at a million deliveries): a count is reused for `REUSE` times what it cost (at
    most `MAX_AGE` seconds), one count at a time, so a flood of scrapes spends at most a twentieth of a
    core counting; a cheap count (a small store) is made afresh at every scrape."""

    REUSE = 20
    MAX_AGE = 5.0

    def __init__(self, counts: Callable[[], dict[str, int]], clock: Callable[[], float]) -> None:
        self.counts, self.clock = counts, clock
        self._lock = threading.Lock()
        self._last: dict[str, int] = {}
        self._until = -math.inf

    def current(self) -> dict[str, int]:
        """The counts, made now or reused while they are fresh enough for what they cost."""
        with self._lock:  # one count at a time: scrapes that arrive meanwhile take its result
            started = self.clock()
            if started >= self._until:
                self._last = self.counts()
                done = self.clock()
                self._until = done + min(self.MAX_AGE, (done - started) * self.REUSE)
            return self._last

    def collect(self) -> Iterator[GaugeMetricFamily]:
        available = GaugeMetricFamily(
            "gateway_store_available", "1 when the store's database answered the scrape's count, else 0."
        )
        try:
            counts = self.current()
        except Exception as failure:  # the database away: say so, and let the counters be scraped
            if unavailable(failure) is None:
                raise
            available.add_metric([], 0)
            yield available
            return
        available.add_metric([], 1)
        yield available
        gauge = GaugeMetricFamily(
            "gateway_deliveries", "Deliveries in the store, by state.", labels=["state"]
        )
        for state in STATES:
            gauge.add_metric([state], counts.get(state, 0))
        yield gauge


class _Kept(_DeliveryStates):
    """The messages past the retention that retention cannot take, and the age of the oldest: counted
    in the store at a scrape, reused like the delivery counts (a stuck partner's backlog may be large)."""

    def __init__(self, store: Store, now: Callable[[], datetime], days: float, clock: Callable[[], float]):
        super().__init__(self._count, clock)
        self.store, self.now, self.days = store, now, days

    def _count(self) -> dict[str, int]:
        now = self.now()
        count, oldest = self.store.kept_count(now - timedelta(days=self.days))
        return {"count": count, "oldest": int((now - oldest).total_seconds()) if oldest else 0}

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            counts = self.current()
        except Exception as failure:  # the database away: gateway_store_available says so
            if unavailable(failure) is None:
                raise
            return
        yield GaugeMetricFamily(
            "gateway_retention_kept_messages",
            "Messages older than GATEWAY_RETENTION_DAYS that retention cannot empty: a delivery of theirs "
            "has not ended (unread, retrying, held, a notice unread).",
            value=counts["count"],
        )
        yield GaugeMetricFamily(
            "gateway_retention_oldest_kept_seconds",
            "Age of the oldest of them (0: none); `gateway store kept` lists them.",
            value=counts["oldest"],
        )


class _AgreementsState(Collector):
    def __init__(self, agreements: LiveAgreements) -> None:
        self.agreements = agreements

    def collect(self) -> Iterator[GaugeMetricFamily]:
        self.agreements.current()  # a scrape also looks for changed files
        yield GaugeMetricFamily(
            "gateway_agreements_reload_failed",
            "1 while the agreement files on disk fail to load and an older set stays in force, else 0.",
            value=int(self.agreements.failure is not None),
        )


class _GlossaryState(Collector):
    def __init__(self, glossary: LiveGlossary) -> None:
        self.glossary = glossary

    def collect(self) -> Iterator[GaugeMetricFamily]:
        self.glossary.current()  # a scrape also looks for changed files
        yield GaugeMetricFamily(
            "gateway_glossary_reload_failed",
            "1 while the glossary files on disk fail to load and an older version stays in force, else 0.",
            value=int(bool(self.glossary.last_problems)),
        )


class _Writable(Collector):
    def __init__(self, writes: StoreWrites) -> None:
        self.writes = writes

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield GaugeMetricFamily(
            "gateway_store_writable",
            "0 while the store's writes fail (a full disk, a read-only file: posts are answered 503 "
            "store.unavailable), probed again at each scrape; 1 when writes work.",
            value=int(self.writes.check() is None),
        )
