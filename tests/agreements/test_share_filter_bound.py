"""A gateway shares the Resolutions of every document's names for months: a compiled share filter keeps
the texts of at most as many names as the resolution stage keeps (those it can hand back again), however many
distinct names documents bring."""

from __future__ import annotations

from gateway.agreements import Agreements
from gateway.agreements.share_filter import element_filter
from gateway.glossary import Glossary
from gateway.model import load_model
from gateway.resolve import Resolver
from gateway.resolve.annotation import ResolvedName
from gateway.resolve.stage import KEPT_NAMES
from gateway.settings import PROJECT_ROOT


def test_a_share_filter_keeps_the_texts_of_a_bounded_number_of_names(demo_agreements: Agreements) -> None:
    agreement = demo_agreements.between("KZ", "CN")
    assert agreement is not None
    sieve = element_filter(agreement.shared, load_model())
    resolver = Resolver(None, Glossary.load(PROJECT_ROOT / "glossary"))
    pointer = "/Consignment[1]/Consignor/Name"
    for number in range(KEPT_NAMES + 1000):
        name = ResolvedName(pointer, resolver.resolve(f"ТОО «Жаңа {number}»", "party", "KZ", "kk"), None)
        sieve.resolutions([name], agreement.languages)
    assert len(sieve._written) <= KEPT_NAMES


def test_a_share_filter_forgets_the_names_of_an_old_glossary_version(demo_agreements: Agreements) -> None:
    agreement = demo_agreements.between("KZ", "CN")
    assert agreement is not None
    sieve = element_filter(agreement.shared, load_model())
    pointer = "/Consignment[1]/Consignor/Name"
    for version in ("old", "new"):
        glossary = Glossary(Glossary.load(PROJECT_ROOT / "glossary").entries, version)
        resolver = Resolver(None, glossary)
        for number in range(3):
            name = ResolvedName(pointer, resolver.resolve(f"ТОО «Жаңа {number}»", "party", "KZ", "kk"), None)
            sieve.resolutions([name], agreement.languages)
    assert {name.resolution.glossary_version for name, _ in sieve._written.values()} == {"new"}
