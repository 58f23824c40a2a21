"""The service's router cuts a message once per element set and languages: recipients whose agreements let
the same things leave get the same payload, and a recipient whose agreement lists one field fewer never
gets that field, whichever order the recipients come in (the GE transit declaration reaches AZ and KZ)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from gateway.agreements import Agreement, Agreements, share
from gateway.agreements.elements import SharedElements
from gateway.model import load_model
from gateway.normalize.pipeline import Normalizer
from gateway.service.agreement_router import AgreementRouter

PROJECT = Path(__file__).parent.parent.parent
DECLARATION = PROJECT / "examples" / "ncts-cc015c.xml"
FIELD = "42A/D011"  # Declaration/IssueDateTime: the transit declaration holds it, both agreements list it


def directed(demo: Agreements, to_azerbaijan: Agreement) -> Agreements:
    """The demo agreements with GE->AZ replaced by `to_azerbaijan`."""
    files = [
        replace(file, directions=tuple(
            to_azerbaijan if (a.sender, a.recipient) == ("GE", "AZ") else a for a in file.directions
        ))
        for file in demo.files
    ]  # fmt: skip
    return Agreements(files, demo.readiness)


def planned(normalizer: Normalizer, agreements: Agreements) -> dict[str, bytes]:
    message = normalizer.normalize(DECLARATION.read_bytes()).message
    assert message is not None
    plan = AgreementRouter(agreements, normalizer.registry).plan(message, "GE")
    return {recipient.country: recipient.payload for recipient in plan.recipients}


@pytest.fixture(scope="module")
def demo() -> Agreements:
    return Agreements.load(PROJECT / "agreements")


@pytest.fixture(scope="module")
def to_kazakhstan(demo: Agreements) -> Agreement:
    agreement = demo.between("GE", "KZ")
    assert agreement is not None and FIELD in agreement.elements
    return agreement


def test_recipients_of_one_element_set_get_one_cut(
    normalizer: Normalizer, demo: Agreements, to_kazakhstan: Agreement
) -> None:
    to_azerbaijan = demo.between("GE", "AZ")
    assert to_azerbaijan is not None
    same = replace(to_azerbaijan, shared=to_kazakhstan.shared, languages=to_kazakhstan.languages)
    payloads = planned(normalizer, directed(demo, same))
    assert list(payloads) == ["AZ", "KZ"]
    assert payloads["AZ"] is payloads["KZ"]  # cut once
    stored = normalizer.normalize(DECLARATION.read_bytes()).message
    assert stored is not None
    assert payloads["KZ"] == share(stored.xml, to_kazakhstan, stored.model)


def test_a_field_one_agreement_does_not_list_never_reaches_its_recipient(
    normalizer: Normalizer, demo: Agreements, to_kazakhstan: Agreement
) -> None:
    to_azerbaijan = demo.between("GE", "AZ")
    assert to_azerbaijan is not None
    fewer = SharedElements.of(load_model(), to_kazakhstan.elements - {FIELD})
    narrower = replace(to_azerbaijan, shared=fewer, languages=to_kazakhstan.languages)
    payloads = planned(normalizer, directed(demo, narrower))
    stored = normalizer.normalize(DECLARATION.read_bytes()).message
    assert stored is not None
    assert payloads["AZ"] == share(stored.xml, narrower, stored.model)
    assert payloads["KZ"] == share(stored.xml, to_kazakhstan, stored.model)
    assert b"<IssueDateTime>" in payloads["KZ"] and b"<IssueDateTime>" not in payloads["AZ"]
    assert b'pointer="D011"' in payloads["KZ"] and b'pointer="D011"' not in payloads["AZ"]
