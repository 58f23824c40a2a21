"""/metrics is open to anyone (Prometheus scrapes it) and counts the deliveries table, which grows: a
flood of scrapes must not take a core. A count is reused for a while in proportion to what it cost, so a
cheap count (a small store, the tests) is always fresh and a costly one is made at most so often."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gateway.api.metrics import Metrics
from gateway.store.memory import MemoryStore
from gateway.store.port import NewDelivery, NewMessage

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)


class SlowCounts(MemoryStore):
    """The in-memory store, whose delivery count takes `cost` seconds of an injected clock (no sleep)."""

    def __init__(self, cost: float) -> None:
        super().__init__(lambda: T0)
        self.cost, self.now, self.counted = cost, 0.0, 0

    def delivery_counts(self) -> dict[str, int]:
        self.counted += 1
        self.now += self.cost
        return super().delivery_counts()


def _pending(store: MemoryStore, n: int) -> None:
    message = NewMessage(f"m-{n}", "KZ", f"R-{n}", "d", None, None, b"x", b"<m/>", (), "routed", T0)
    store.accept(
        message, [NewDelivery("CN", "message", "pull", None, b"<m/>", T0, T0 + timedelta(days=1))], []
    )


def _scrape(metrics: Metrics) -> str:
    return metrics.exposition().decode()


def test_a_flood_of_scrapes_counts_a_large_store_at_most_so_often() -> None:
    store = SlowCounts(cost=0.05)  # 50 ms: ~1 M deliveries in SQLite on this machine
    metrics = Metrics(store, clock=lambda: store.now)
    before = store.counted
    for _ in range(200):  # 200 scrapes within one second
        _scrape(metrics)
        store.now += 0.005
    assert store.counted - before <= 2, "at most 1/20 of the time spent counting"


def test_a_cheap_count_is_always_fresh() -> None:
    store = SlowCounts(cost=0.0)
    metrics = Metrics(store, clock=lambda: store.now)
    assert 'gateway_deliveries{state="pending"} 0.0' in _scrape(metrics)
    _pending(store, 1)
    assert 'gateway_deliveries{state="pending"} 1.0' in _scrape(metrics)
