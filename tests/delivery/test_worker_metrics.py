"""`gateway worker` serves its own reload of the agreements as metrics (`GATEWAY_WORKER_METRICS_PORT`): an
operator breaks the agreements file under a running worker, the metrics say so, and say it no more once
the file is fixed; with `--processes 2` the supervisor serves both children's on one port."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import pytest
from delivery_system import DeliverySystem, replace_file, wait_until
from redis_server import RedisServer
from webhook_partner import Partner

from gateway.delivery.webhooks import WebhookSecret
from tests.api.conftest import free_port

KEY = str(WebhookSecret.generate())
pytestmark = pytest.mark.slow


def scrape(port: int) -> dict[str, float]:
    """The worker's reload metrics, or nothing while it does not answer yet."""
    try:
        text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text
    except httpx.TransportError:
        return {}
    pattern = r"^(gateway_agreements_reload_(?:failed|failures_total)) ([0-9.e+]+)$"
    found = re.findall(pattern, text, re.MULTILINE)
    return {name: float(value) for name, value in found}


def break_agreements(folder: Path) -> str:
    """Make kg-kz.yaml fail to load (a pair that does not qualify for CIE); the text to put back."""
    path = folder / "kg-kz.yaml"
    text = path.read_text(encoding="utf-8")
    replace_file(path, text.replace("level: SIE", "level: CIE", 1))
    return text


def watch(tmp_path: Path, own_redis: RedisServer, supervised: bool) -> None:
    partner = Partner([KEY]).start()
    system = DeliverySystem(tmp_path, own_redis, partner, KEY)
    port = free_port()
    system.environment |= {
        "GATEWAY_AGREEMENTS_CHECK_SECONDS": "0.1",
        "GATEWAY_WORKER_METRICS_PORT": str(port),
    }
    failures = 2.0 if supervised else 1.0  # each child reads the folder and counts its own refusal
    try:
        system.start_worker(supervised=supervised)
        processes = 2 if supervised else 1  # each started with the folder loaded (a broken one stops it)
        wait_until(lambda: system.logs().count("worker:started") == processes, 30, system.logs)
        wait_until(lambda: scrape(port).get("gateway_agreements_reload_failed") == 0.0, 30, system.logs)
        good = break_agreements(tmp_path / "agreements")
        expected = {
            "gateway_agreements_reload_failed": 1.0,
            "gateway_agreements_reload_failures_total": failures,
        }
        wait_until(lambda: scrape(port) == expected, 30, system.logs)
        sent = system.accept(1)  # still delivered, under the set in force
        wait_until(lambda: system.delivered(sent), 30, system.logs)
        replace_file(tmp_path / "agreements" / "kg-kz.yaml", good)
        fixed = {
            "gateway_agreements_reload_failed": 0.0,
            "gateway_agreements_reload_failures_total": failures,
        }
        wait_until(lambda: scrape(port) == fixed, 30, system.logs)
        time.sleep(0.3)
        assert scrape(port) == fixed, "a refusal is counted once"
    finally:
        system.stop()
        partner.stop()


def test_a_worker_serves_whether_its_agreements_reload_failed(tmp_path: Path, own_redis: RedisServer) -> None:
    watch(tmp_path, own_redis, supervised=False)


def test_a_supervisor_serves_its_children_s_metrics_on_one_port(
    tmp_path: Path, own_redis: RedisServer
) -> None:
    watch(tmp_path, own_redis, supervised=True)
