"""share()'s cut of the engine's own messages (`gateway.agreements.cut`): given the mapping a message came
from, only what the agreement withholds of what that mapping writes is looked for, and the Annotations are
walked only below the classes holding it. It gives what the full filter gives on the message's bytes: on
every golden input, normalized, under every direction of the demo agreements, the narrow control agreement
and element sets drawn at random, on a copy of the tree and on the tree itself. A withheld element never
leaves, whichever element set was cut before, and a message naming another format than the mapping given
gets the full filter."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from gateway.agreements import Agreement, Agreements, Readiness, share
from gateway.agreements.agreement import load_agreement_file
from gateway.agreements.coverage import writable_elements
from gateway.agreements.elements import SharedElements
from gateway.agreements.share import _filtered
from gateway.mapping.rules import Mapping
from gateway.model import load_model
from gateway.normalize.message import HarmonizedMessage
from gateway.normalize.pipeline import Normalizer
from tests.agreements.conftest import HERE, PROJECT
from tests.golden_cases import GOLDEN

INPUTS = sorted(GOLDEN.glob("*/*/input.*"))
MANIFEST = PROJECT / "examples" / "kz-eaeu-pi-manifest.xml"


@pytest.fixture(scope="module")
def directions(readiness: Readiness, demo_agreements: Agreements) -> list[Agreement]:
    narrow = load_agreement_file(HERE / "control.yaml", readiness, load_model()).directions
    return [*narrow, *demo_agreements]


def normalized(normalizer: Normalizer, data: bytes) -> tuple[HarmonizedMessage, Mapping]:
    message = normalizer.normalize(data).message
    if message is None:
        pytest.skip("no message")
    source = message.bare_tree().findtext(f"{message.tag('Header')}/{message.tag('SourceFormat')}")
    assert source is not None
    return message, normalizer.registry.mappings[source]


def drawn(template: Agreement, mapping: Mapping, seed: str) -> list[Agreement]:
    """`template` listing element sets drawn from what `mapping` writes: one element up to all but one."""
    pointers, chosen = sorted(writable_elements(mapping)), random.Random(seed)
    sizes = (1, len(pointers) // 3, 2 * len(pointers) // 3, len(pointers) - 1)
    return [
        replace(template, shared=SharedElements.of(load_model(), chosen.sample(pointers, size)))
        for size in sizes
    ]


@pytest.mark.parametrize("document", INPUTS, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}")
def test_the_cut_gives_what_the_full_filter_gives(
    normalizer: Normalizer, document: Path, directions: list[Agreement]
) -> None:
    data = document.read_bytes()
    message, mapping = normalized(normalizer, data)
    model = message.model
    for agreement in [*directions, *drawn(directions[0], mapping, document.parent.name)]:
        expected = _filtered(message.xml, agreement, model)
        assert share(message, agreement, model, mapping) == expected, f"{agreement.elements}"
        mine, _ = normalized(normalizer, data)
        assert share(mine, agreement, model, mapping, consume=True) == expected, f"{agreement.elements}"


def field_pointers(shared: bytes) -> set[str]:
    """The full pointers (no positions) of the Fields in a shared message's Annotations."""
    root, found = etree.fromstring(shared), set()
    namespace = f"{{{load_model().namespace}}}"

    def visit(annotation: etree._Element, above: str) -> None:
        for child in annotation:
            relative = child.get("pointer", "")
            pointer = "/".join(part.split("[")[0] for part in f"{above}/{relative}".strip("/").split("/"))
            if child.tag == namespace + "Field":
                found.add(pointer)
            elif child.tag == namespace + "Annotation":
                visit(child, pointer)

    for section in root.iter(namespace + "Annotations"):
        visit(section, "")
    return found


@pytest.mark.parametrize(
    "withheld", ["42A/D011", "42A/28A/30A/04A/241", "42A/28A/31B/44B/165", "42A/28A/29A/23A/21A/145"]
)
def test_a_withheld_element_never_leaves_whichever_set_was_cut_before(
    normalizer: Normalizer, demo_agreements: Agreements, withheld: str
) -> None:
    """Two element sets one element apart get two cuts: the element, and its Field (at the top of the
    Annotations, in a consignment's, in a goods item's), leave under one and never under the other."""
    message, mapping = normalized(normalizer, MANIFEST.read_bytes())
    model, every = message.model, demo_agreements.between("KZ", "CN")
    assert every is not None
    every = replace(every, shared=SharedElements.of(model, writable_elements(mapping) | every.elements))
    assert withheld in field_pointers(share(message, every, model, mapping))
    fewer = replace(every, shared=SharedElements.of(model, every.elements - {withheld}))
    for agreement in (fewer, every, fewer):  # each set's cut, kept, is its own
        shared = share(message, agreement, model, mapping)
        assert shared == _filtered(message.xml, agreement, model)
        assert (withheld in field_pointers(shared)) == (agreement is every)


def test_a_message_of_another_format_than_the_mapping_gets_the_full_filter(
    normalizer: Normalizer, demo_agreements: Agreements
) -> None:
    """The cut of the Chinese mapping withholds nothing the Kazakh manifest's invoice amount is: applied
    to that manifest, it would let it leave; the manifest names its own format, so the full filter runs."""
    message, _ = normalized(normalizer, MANIFEST.read_bytes())
    chinese = normalizer.registry.mappings["cn-gacc-manifest"]
    agreement = demo_agreements.between("KZ", "CN")
    assert agreement is not None and "42A/109" not in agreement.elements
    shared = share(message, agreement, message.model, chinese)
    assert shared == _filtered(message.xml, agreement, message.model)
    assert b"<InvoiceAmount" in message.xml and b"<InvoiceAmount" not in shared
