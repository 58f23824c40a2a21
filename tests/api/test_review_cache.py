"""The review pages keep the payloads they read last (gateway.api.review_cache): an officer paging through a
large message reads it once, a payload is never shown as another's reading, and the memory kept is bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.api.review_cache import Readings
from gateway.api.review_page import guesses_in, read_message
from gateway.model import load_model
from gateway.normalize.pipeline import Normalizer
from gateway.settings import Settings

EXAMPLES = Path(__file__).parent.parent.parent / "examples"


@pytest.fixture(scope="module")
def payloads() -> dict[str, bytes]:
    normalizer = Normalizer.from_settings(Settings())
    found = {}
    for name in ("kz-eaeu-pi-manifest.xml", "cn-gacc-manifest.xml", "uz-customs-json.json"):
        normalized = normalizer.normalize((EXAMPLES / name).read_bytes())
        assert normalized.message is not None, normalized.issues
        found[name] = normalized.message.xml
    return found


def test_a_payload_paged_through_is_read_once_and_read_as_read_message_reads_it(
    payloads: dict[str, bytes],
) -> None:
    readings, model = Readings(), load_model()
    payload = payloads["kz-eaeu-pi-manifest.xml"]
    first = readings.reading(payload, model, "CN")
    assert readings.reading(bytes(payload), model, "CN") is first, "the next page reads no payload again"
    fresh = read_message(payload, model)
    assert (first.header, first.pointers, set(first.resolutions)) == (
        fresh.header, fresh.pointers, set(fresh.resolutions)
    )  # fmt: skip
    assert readings.guesses(payload, model, "CN") == guesses_in(payload, model) == fresh.guesses


def test_another_payload_never_gets_a_kept_reading(payloads: dict[str, bytes]) -> None:
    readings, model = Readings(), load_model()
    kz, cn = payloads["kz-eaeu-pi-manifest.xml"], payloads["cn-gacc-manifest.xml"]
    assert readings.reading(kz, model, "CN").header != readings.reading(cn, model, "CN").header
    changed = kz.replace(
        b"</", b" </", 1
    )  # one byte more: another message (a store's delivery 1 is not another's)
    assert readings.reading(changed, model, "CN") is not readings.reading(kz, model, "CN")
    assert readings.guesses(cn, model, "CN") == guesses_in(cn, model)


def test_the_readings_kept_stay_within_their_budget_the_oldest_going_first(
    payloads: dict[str, bytes],
) -> None:
    kz, cn, uz = (
        payloads[name] for name in ("kz-eaeu-pi-manifest.xml", "cn-gacc-manifest.xml", "uz-customs-json.json")
    )
    model = load_model()
    readings = Readings(budget=len(kz) + max(len(cn), len(uz)))
    first_kz = readings.reading(kz, model, "CN")
    readings.reading(cn, model, "CN")
    assert readings.reading(kz, model, "CN") is first_kz, "within the budget: kept"
    readings.reading(uz, model, "CN")  # over the budget: the payload read longest ago (cn) goes
    assert readings.readings.used <= readings.readings.budget
    assert readings.reading(kz, model, "CN") is first_kz
    assert len(readings.readings) == 2

    small = Readings(budget=len(kz) - 1)
    assert small.reading(kz, model, "CN") is not small.reading(kz, model, "CN"), (
        "larger than the budget: read each time"
    )
    assert small.reading(kz, model, "CN").pointers == first_kz.pointers
    assert small.readings.used == 0


def test_inbox_rows_guess_counts_are_bounded_in_number(payloads: dict[str, bytes]) -> None:
    readings, model = Readings(budget=0, counts=2), load_model()
    for payload in payloads.values():
        assert readings.guesses(payload, model, "CN") == guesses_in(payload, model)
    assert len(readings.counts) == 2 and len(readings.readings) == 0


def test_a_reading_kept_for_one_country_is_never_another_country_s(payloads: dict[str, bytes]) -> None:
    """Two countries sharing the same elements of a message receive the same bytes: a KG officer must not
    be served CN's kept reading, whose speed would tell that a CN officer opened the message."""
    readings, model = Readings(), load_model()
    payload = payloads["kz-eaeu-pi-manifest.xml"]
    for_cn = readings.reading(payload, model, "CN")
    for_kg = readings.reading(payload, model, "KG")
    assert for_kg is not for_cn and for_kg.pointers == for_cn.pointers
    assert readings.reading(payload, model, "KG") is for_kg and len(readings.readings) == 2
    counted = Readings(budget=0)
    counted.guesses(payload, model, "CN")
    counted.guesses(payload, model, "KG")
    assert len(counted.counts) == 2
