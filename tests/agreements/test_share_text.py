"""The cut of the engine's message on its bytes (`gateway.agreements.cut_text`): the stage hands on a
message whose tree holds its Header and Declaration only, and a recipient whose agreement withholds
something gets the Annotations cut as bytes, without their parse, and the head cut as bytes, without
writing its tree again. The bytes are the tree filter's, on
every golden input under every demo direction, the narrow control agreement and drawn element sets
(tests/agreements/test_share_cut.py compares whole shares); here the sections and heads themselves,
the fallback to the tree filter for bytes the engine does not write, and a tree without the compiled
module."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from gateway.agreements import Agreement, Agreements, Readiness, cut_text, share
from gateway.agreements.agreement import load_agreement_file
from gateway.agreements.cut import mapping_cut
from gateway.agreements.share import _filtered
from gateway.agreements.share_filter import element_filter
from gateway.mapping.child_index import ACCELERATOR
from gateway.model import load_model
from gateway.normalize.message import DECLARATION
from gateway.normalize.pipeline import Normalizer
from gateway.resolve.apart import CLOSE, ResolvedApart, annotations_at
from tests.agreements.conftest import HERE
from tests.agreements.test_share_cut import MANIFEST, drawn
from tests.golden_cases import GOLDEN

INPUTS = sorted(GOLDEN.glob("*/*/input.*"))
compiled = pytest.mark.skipif(
    not hasattr(ACCELERATOR, "cut_annotations"), reason="the compiled module is not built"
)


@pytest.fixture(scope="module")
def directions(readiness: Readiness, demo_agreements: Agreements) -> list[Agreement]:
    narrow = load_agreement_file(HERE / "control.yaml", readiness, load_model()).directions
    return [*narrow, *demo_agreements]


def kz_to_cn(demo_agreements: Agreements) -> Agreement:
    agreement = demo_agreements.between("KZ", "CN")
    assert agreement is not None
    return agreement


def test_the_stage_parses_the_message_up_to_its_annotations(normalizer: Normalizer) -> None:
    message = normalizer.normalize(MANIFEST.read_bytes()).message
    assert isinstance(message, ResolvedApart)
    annotations = message.tag("Annotations")
    section = message.engine_annotations()
    assert section is not None and section.startswith(b"<Annotations>") and section.endswith(CLOSE)
    assert message.head_tree().find(annotations) is None  # routing reads the head only
    bare = message.bare_tree()  # the engine's Annotations parsed when asked for
    assert message.engine_annotations() is None and bare.find(annotations) is not None
    whole = etree.fromstring(message.xml)
    resolutions = whole.find(annotations).findall(message.tag("Resolution"))  # type: ignore[union-attr]
    for resolution in resolutions:
        resolution.getparent().remove(resolution)  # type: ignore[union-attr]
    assert etree.tostring(bare) == etree.tostring(whole)


@compiled
def test_a_withholding_share_leaves_the_annotations_unparsed(
    normalizer: Normalizer, demo_agreements: Agreements
) -> None:
    message = normalizer.normalize(MANIFEST.read_bytes()).message
    assert isinstance(message, ResolvedApart)
    agreement, expected = (
        kz_to_cn(demo_agreements),
        _filtered(message.xml, kz_to_cn(demo_agreements), message.model),
    )
    mapping = normalizer.registry.mappings["kz-eaeu-pi"]
    assert share(message, agreement, message.model, mapping) == expected
    assert message.engine_annotations() is not None  # a copy of the head was cut; nothing parsed
    assert share(message, agreement, message.model, mapping, consume=True) == expected
    assert message.bare_or_none() is None  # the last recipient took the head


@compiled
@pytest.mark.parametrize("document", INPUTS, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}")
def test_the_sections_cut_as_bytes_are_the_tree_filters(
    normalizer: Normalizer, document: Path, directions: list[Agreement]
) -> None:
    message = normalizer.normalize(document.read_bytes()).message
    section = message.engine_annotations() if isinstance(message, ResolvedApart) else None
    if message is None or section is None:
        pytest.skip("no message, or no Annotations left unparsed")
    source = message.head_tree().findtext(f"{message.tag('Header')}/{message.tag('SourceFormat')}")
    mapping = normalizer.registry.mappings[str(source)]
    tree = message.bare_tree().find(message.tag("Annotations"))
    assert tree is not None
    for agreement in [*directions, *drawn(directions[0], mapping, document.parent.name)]:
        cut = mapping_cut(mapping, agreement.shared, message.model)
        if cut is None:
            continue
        filtered = copy.deepcopy(tree)
        element_filter(agreement.shared, message.model).annotations(filtered, "", agreement.languages, cut)
        written = etree.tostring(filtered, encoding="utf-8").replace(
            f' xmlns="{message.model.namespace}"'.encode(), b""
        )
        bytes_cut = cut_text.cut_annotations(section[: -len(CLOSE)], agreement.shared, cut.dirty)
        assert bytes_cut == written, f"{agreement.sender}->{agreement.recipient} {agreement.elements}"


def _in_root(inner: bytes) -> bytes:
    return b'<Annotations><Annotation pointer="42A">' + inner + b"</Annotation></Annotations>"


NOT_THE_ENGINES = {
    "text between tags": _in_root(b'x<Field pointer="D014"/>'),
    "a comment": _in_root(b"<!-- c -->"),
    "an Annotation ended at once": _in_root(b""),
    "a Field with content": _in_root(b'<Field pointer="D014">1</Field>'),
    "an entity in a pointer": _in_root(b'<Field pointer="D&amp;14"/>'),
    "a pointer not first": _in_root(b'<Field line="3" pointer="D014"/>'),
    "another tag": _in_root(b'<Note pointer="D014"/>'),
    "a namespace": _in_root(
        b'<Annotation pointer="17B" xmlns="urn:other"><Field pointer="R058"/></Annotation>'
    ),
    "an end tag of nothing": b'<Annotations><Field pointer="42A"/></Annotation></Annotations>',
    "never ended": b'<Annotations><Annotation pointer="42A"><Field pointer="D014"/></Annotations>',
}


@compiled
@pytest.mark.parametrize("section", NOT_THE_ENGINES.values(), ids=NOT_THE_ENGINES.keys())
def test_bytes_the_engine_does_not_write_go_to_the_tree_filter(
    section: bytes, demo_agreements: Agreements
) -> None:
    shared = kz_to_cn(demo_agreements).shared
    assert cut_text.cut_annotations(section, shared, frozenset({"42A"})) is None


@compiled
def test_an_annotation_left_with_nothing_is_written_empty(demo_agreements: Agreements) -> None:
    shared = kz_to_cn(demo_agreements).shared  # withholds the submitter's ID (42A/17B/R059)
    section = (
        b'<Annotations><Annotation pointer="42A" line="1"><Annotation pointer="17B" line="2">'
        b'<Field pointer="R059" line="3"/></Annotation><Field pointer="D014"/></Annotation></Annotations>'
    )
    cut = cut_text.cut_annotations(section, shared, frozenset({"42A", "42A/17B"}))
    assert cut == (
        b'<Annotations><Annotation pointer="42A" line="1"><Annotation pointer="17B" line="2"/>'
        b'<Field pointer="D014"/></Annotation></Annotations>'
    )


def test_without_the_compiled_module_the_tree_filter_cuts(
    normalizer: Normalizer, demo_agreements: Agreements, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cut_text, "ACCELERATOR", None)
    message = normalizer.normalize(MANIFEST.read_bytes()).message
    assert isinstance(message, ResolvedApart) and message.engine_annotations() is not None
    agreement = kz_to_cn(demo_agreements)
    expected = _filtered(message.xml, agreement, message.model)
    mapping = normalizer.registry.mappings["kz-eaeu-pi"]
    assert share(message, agreement, message.model, mapping, consume=True) == expected


@compiled
@pytest.mark.parametrize("document", INPUTS, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}")
def test_the_heads_cut_as_bytes_are_the_tree_filters(
    normalizer: Normalizer, document: Path, directions: list[Agreement]
) -> None:
    message = normalizer.normalize(document.read_bytes()).message
    split = annotations_at(message.xml) if message is not None else None
    if message is None or split is None:
        pytest.skip("no message, or no Annotations written as the engine writes them")
    source = message.head_tree().findtext(f"{message.tag('Header')}/{message.tag('SourceFormat')}")
    mapping = normalizer.registry.mappings[str(source)]
    head = etree.fromstring(message.xml[:split] + CLOSE)
    for agreement in [*directions, *drawn(directions[0], mapping, document.parent.name)]:
        cut = mapping_cut(mapping, agreement.shared, message.model)
        if cut is None:
            continue
        written = _filtered(copy.deepcopy(head), agreement, message.model, in_place=True, cut=cut)
        expected = written[len(DECLARATION) : -len(CLOSE)]
        assert cut_text.cut_head(message.xml[:split], cut.withheld_paths) == expected, agreement.elements


def _head(declaration: bytes, header: bytes = b"<DocumentKind>cargo-report</DocumentKind>") -> bytes:
    return b'<HarmonizedMessage xmlns="urn:x" version="1"><Header>' + header + b"</Header>" + declaration


HEADS_NOT_THE_ENGINES = {
    "text beside elements": _head(b"<Declaration>x<ID>1</ID></Declaration>"),
    "a comment": _head(b"<Declaration><!-- c --><ID>1</ID></Declaration>"),
    "a processing instruction": _head(b"<Declaration><?p x?><ID>1</ID></Declaration>"),
    "a prefix": _head(b"<Declaration><h:ID>1</h:ID></Declaration>"),
    "a namespace": _head(b'<Declaration><ID xmlns="urn:y">1</ID></Declaration>'),
    "another Header element": _head(b"<Declaration/>", b"<Sender>KZ</Sender>"),
    "a Header element holding one": _head(b"<Declaration/>", b"<DocumentKind><ID>1</ID></DocumentKind>"),
    "another section": _head(b"<Declaration/><Extra/>"),
    "an end tag of another": _head(b"<Declaration><ID>1</Name></Declaration>"),
    "never ended": _head(b"<Declaration><ID>1</ID>"),
}


@compiled
@pytest.mark.parametrize("head", HEADS_NOT_THE_ENGINES.values(), ids=HEADS_NOT_THE_ENGINES.keys())
def test_heads_the_engine_does_not_write_go_to_the_tree_filter(head: bytes) -> None:
    assert cut_text.cut_head(head, (b"Submitter/ID",)) is None


@compiled
def test_an_element_left_with_nothing_is_written_empty() -> None:
    declaration = b"<Declaration><ID>1</ID><Submitter><ID>9</ID></Submitter><Agent><Name>A</Name></Agent>"
    head = _head(declaration + b"</Declaration>")
    assert cut_text.cut_head(head, (b"Submitter/ID", b"Agent/ID")) == _head(
        b"<Declaration><ID>1</ID><Submitter/><Agent><Name>A</Name></Agent></Declaration>"
    )
