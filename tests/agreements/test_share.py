"""share(): nothing the agreement does not list leaves, anywhere, and what it lists leaves unchanged.

Run over the expected message of every golden case of every format, under three agreements: the
narrowest that a cargo report allows (tests/agreements/control.yaml), a demo SIE agreement without values
and party tax numbers (Kazakhstan to China) and a demo CIE agreement that shares everything.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gateway.agreements import Agreement, Agreements, Readiness, share
from gateway.agreements.agreement import load_agreement_file
from gateway.agreements.elements import SharedElements
from gateway.model import load_model
from tests.agreements.conftest import HERE, PROJECT
from tests.agreements.shared_view import (
    NS,
    annotation_items,
    declaration_items,
    element_pointers,
    pointers_by_name_path,
)
from tests.golden_cases import GOLDEN, xml_schema

MESSAGES = sorted(GOLDEN.glob("*/*/expected.xml"))
SCHEMA = PROJECT / "schemas" / "harmonized-1.0.xsd"
_PARSER = etree.XMLParser(remove_blank_text=True)


@pytest.fixture(scope="module")
def agreements(readiness: Readiness, demo_agreements: Agreements) -> dict[str, Agreement]:
    narrow = load_agreement_file(HERE / "control.yaml", readiness, load_model()).directions[0]
    return {
        "narrow": narrow,
        "sie-kz-cn": _direction(demo_agreements, "KZ", "CN"),
        "cie-kz-uz": _direction(demo_agreements, "KZ", "UZ"),
    }


def _direction(agreements: Agreements, sender: str, recipient: str) -> Agreement:
    agreement = agreements.between(sender, recipient)
    assert agreement is not None
    return agreement


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def _allowed(shared: SharedElements, name_path: str) -> bool:
    pointer = pointers_by_name_path()[name_path]
    return pointer in shared.elements or pointer in shared.classes


def _leaf_values(root: etree._Element, keep: bool, shared: SharedElements) -> set[str]:
    """Texts of Declaration leaves and originals of annotation Fields that the agreement keeps (or not);
    the Header, which always leaves, counts as kept."""
    header = root.find(f"{{{NS}}}Header")
    found = {text.strip() for text in header.itertext()} if keep and header is not None else set()
    for name_path, element in declaration_items(root):
        if len(element) == 0 and element.text and _allowed(shared, name_path) is keep:
            found.add(element.text.strip())
    for name, pointer, element in annotation_items(root):
        if name == "Field" and "original" in element.attrib and (pointer in shared.elements) is keep:
            found.add(element.get("original", ""))
        if name == "Resolution" and (pointer in shared.elements) is keep:
            found.update(element.get(key, "") for key in ("latin", "english", "code") if element.get(key))
    return found


def _check_nothing_unlisted(shared_message: etree._Element, shared: SharedElements) -> None:
    for name_path, _ in declaration_items(shared_message):
        assert _allowed(shared, name_path), f"{name_path} left the country"
    for name, pointer, _ in annotation_items(shared_message):
        assert name in ("Annotation", "Field", "Resolution", "Form", "Candidate"), f"an unknown {name} left"
        listed = shared.classes if name == "Annotation" else shared.elements
        assert pointer in listed, f"the annotation {name} {pointer} left the country"


@pytest.mark.parametrize("agreement_name", ["narrow", "sie-kz-cn", "cie-kz-uz"])
@pytest.mark.parametrize(
    "message", MESSAGES, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}"
)
def test_nothing_unlisted_leaves_and_the_result_validates(
    message: Path, agreement_name: str, agreements: dict[str, Agreement]
) -> None:
    agreement = agreements[agreement_name]
    original = _parse(message.read_bytes())
    shared_message = _parse(share(message.read_bytes(), agreement))
    _check_nothing_unlisted(shared_message, agreement.shared)
    removed = _leaf_values(original, False, agreement.shared) - _leaf_values(original, True, agreement.shared)
    texts = {text.strip() for text in shared_message.itertext()}
    originals = {e.get("original") for e in shared_message.iter(f"{{{NS}}}Field")}
    assert not removed & (texts | originals), "a removed value (or its original) left the country"
    xml_schema(SCHEMA).assertValid(shared_message)


@pytest.mark.parametrize(
    "message", MESSAGES, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}"
)
def test_what_is_listed_leaves_unchanged(message: Path, agreements: dict[str, Agreement]) -> None:
    agreement = agreements["sie-kz-cn"]
    original = _parse(message.read_bytes())
    shared_message = _parse(share(message.read_bytes(), agreement))
    data = set(element_pointers())
    kept = [
        (path, etree.tostring(element))
        for path, element in declaration_items(original)
        if pointers_by_name_path()[path] in data and _allowed(agreement.shared, path)
    ]
    left = [
        (p, etree.tostring(e))
        for p, e in declaration_items(shared_message)
        if pointers_by_name_path()[p] in data
    ]
    assert kept == left
    header, shared_header = original.find(f"{{{NS}}}Header"), shared_message.find(f"{{{NS}}}Header")
    assert header is not None and shared_header is not None
    assert etree.tostring(header) == etree.tostring(shared_header)


def test_kazakhstan_keeps_party_tax_numbers_and_values_from_china(agreements: dict[str, Agreement]) -> None:
    message = (GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml").read_bytes()
    assert b"060440015349" in message and b"5400" in message  # a consignor's tax number, the invoice
    shared_message = share(message, agreements["sie-kz-cn"])
    assert b"060440015349" not in shared_message and b"<InvoiceAmount" not in shared_message
    assert b'pointer="30A/R021"' not in shared_message and b'pointer="109"' not in shared_message
    assert "ТОО «Алтын Дән»".encode() in shared_message  # the consignor's name is shared
    assert b'pointer="30A/R020"' in shared_message  # with its provenance


def test_a_narrow_agreement_drops_whole_classes_with_their_annotations(
    agreements: dict[str, Agreement],
) -> None:
    message = (GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml").read_bytes()
    shared_message = _parse(share(message, agreements["narrow"]))
    consignment = shared_message.find(f"{{{NS}}}Declaration/{{{NS}}}Consignment")
    assert consignment is not None
    assert [etree.QName(child).localname for child in consignment] == [
        "Consignor",
        "Consignee",
        "LoadingLocation",
        "Itinerary",
        "Itinerary",
    ]
    assert b"TGHU3456780" not in etree.tostring(shared_message)  # the container, and its item's reference
    assert not shared_message.xpath("//h:Annotation[starts-with(@pointer, '29A')]", namespaces={"h": NS})


def test_unknown_elements_are_removed_not_passed_on(agreements: dict[str, Agreement]) -> None:
    """Fail closed: something this version of share() does not know (a later annotation, a stray element,
    text where the message has none) is removed, whatever it holds."""
    message = (GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml").read_bytes()
    tampered = message.replace(
        b"<Annotations>", b"<Annotations><Resolution>secret-a</Resolution>", 1
    ).replace(b"<Consignment>", b"<Consignment><Secret>secret-b</Secret><!-- secret-c -->secret-d", 1)
    tampered = tampered.replace(b"</TotalPackageQuantity>", b"</TotalPackageQuantity>secret-e", 1)
    tampered = tampered.replace(b"<Field ", b"secret-f<Field ", 1).replace(
        b"<Name ", b"<Name ><X>secret-g</X>", 1
    )
    shared_message = share(tampered, agreements["cie-kz-uz"])
    for secret in (b"secret-a", b"secret-b", b"secret-c", b"secret-d", b"secret-e", b"secret-f", b"secret-g"):
        assert secret not in shared_message, secret


def test_sharing_twice_changes_nothing_more(agreements: dict[str, Agreement]) -> None:
    message = (GOLDEN / "ncts-cc015c" / "poti-almaty-corridor" / "expected.xml").read_bytes()
    once = share(message, agreements["narrow"])
    assert share(once, agreements["narrow"]) == once


_SAMPLES = [path.read_bytes() for path in MESSAGES[::6]]


@pytest.fixture(scope="module")
def template(agreements: dict[str, Agreement]) -> Agreement:
    return agreements["narrow"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.sets(st.sampled_from(element_pointers())), sample=st.sampled_from(_SAMPLES))
def test_any_set_of_elements_shares_only_itself_and_validates(
    chosen: set[str], sample: bytes, template: Agreement
) -> None:
    """A law over arbitrary element sets (bypassing the loader's required-element check)."""
    shared = SharedElements.of(load_model(), chosen)
    agreement = replace(template, shared=shared)
    once = share(sample, agreement)
    shared_message = _parse(once)
    _check_nothing_unlisted(shared_message, shared)
    xml_schema(SCHEMA).assertValid(shared_message)
    assert share(once, agreement) == once


def _resolution(pointer: str, latin: str, code: str = "", filled: str = "") -> bytes:
    extra = (f' code="{code}"' if code else "") + (f' filled="{filled}"' if filled else "")
    return (
        f'<Resolution pointer="{pointer}" kind="place" method="code-list" score="1" language="ru" '
        f'script="Cyrl" latin="{latin}"{extra}><Candidate name="{latin}-2" code="{code}-2"/></Resolution>'
    ).encode()


def test_a_resolution_leaves_with_its_name_and_never_with_a_code_that_may_not(
    agreements: dict[str, Agreement],
) -> None:
    """Name resolution (the resolve stage) appends Resolution elements after the Annotation tree: one
    leaves only when the name it resolves is listed, and not when it filled a code element that is not."""
    message = _without_resolutions(GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml")
    resolutions = (
        _resolution("42A/28A[1]/30A/R020", "TOO Altyn Dan")  # a consignor's name
        + _resolution("42A/28A[2]/27A/04A[1]/241", "Khorgos")  # a consignee's city
        + _resolution("42A/28A[1]/83A/L009", "Almaty", "KZALA", filled="L010")  # filled the code
    )
    message = message.replace(b"</Annotations>", resolutions + b"</Annotations>")
    narrow = share(message, agreements["narrow"])  # names of parties, the loading place's code only
    assert b"TOO Altyn Dan" in narrow and b"TOO Altyn Dan-2" in narrow  # with its candidates
    assert b"Khorgos" not in narrow and b"Almaty" not in narrow  # names not listed
    no_code = replace(agreements["sie-kz-cn"], shared=SharedElements.of(load_model(), _without("L010")))
    assert b"Almaty" not in share(message, no_code)  # its code KZALA is the value of an unlisted element
    assert b'code="KZALA' not in share(message, no_code)  # (KZALA is also the issuing place, listed)
    assert b'latin="Almaty" code="KZALA" filled="L010"' in share(message, agreements["sie-kz-cn"])


def _without_resolutions(path: Path) -> bytes:
    """The golden message without the Resolutions the pipeline wrote: the test adds its own."""
    root = etree.parse(str(path)).getroot()
    for resolution in list(root.iter("{urn:carec-gateway:harmonized:1}Resolution")):
        resolution.getparent().remove(resolution)  # type: ignore[union-attr]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _without(element_id: str) -> set[str]:
    return {pointer for pointer in element_pointers() if not pointer.endswith(f"/{element_id}")}


@pytest.mark.parametrize(
    "message", MESSAGES[::4], ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}"
)
def test_a_parsed_message_shares_as_its_bytes_do_and_is_left_as_it_was(
    message: Path, agreements: dict[str, Agreement]
) -> None:
    """Intake hands share() the tree that routing read: the payload is the same, the tree untouched."""
    data = message.read_bytes()
    tree = etree.fromstring(data)
    before = etree.tostring(tree)
    for agreement in agreements.values():
        assert share(tree, agreement) == share(data, agreement)
    assert etree.tostring(tree) == before
