"""Liveness, readiness and the Prometheus metrics an operator watches."""

from __future__ import annotations

from tests.api.conftest import Gateway, example


def test_health_and_ready(gateway: Gateway) -> None:
    assert gateway.get(None, "/health").json() == {"status": "ok"}
    assert gateway.get(None, "/ready").json() == {"status": "ready"}


def test_metrics_count_received_rejected_and_deliveries_by_state(gateway: Gateway) -> None:
    gateway.post("kz-national", example("kz-eaeu-pi-manifest.xml"))
    gateway.post("kz-national", example("kz-eaeu-pi-manifest.xml"))
    gateway.post("kz-national", b"<broken")
    text = gateway.get(None, "/metrics").text
    assert "gateway_documents_received_total 1.0" in text
    assert "gateway_documents_repeated_total 1.0" in text
    assert 'gateway_documents_rejected_total{code="document.rejected"} 1.0' in text
    assert (
        'gateway_deliveries{state="pending"} 1.0' in text and 'gateway_deliveries{state="dead"} 0.0' in text
    )
    assert "gateway_intake_seconds_count 3.0" in text
