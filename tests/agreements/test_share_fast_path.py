"""share()'s fast path: when an agreement lists every element a mapping can write, only the Forms are
filtered, and the result is what the full filter gives; a withheld element never leaves either way."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from gateway.agreements import Agreement, Agreements, share
from gateway.agreements.coverage import lists_everything, writable_elements
from gateway.agreements.elements import SharedElements
from gateway.mapping.registry import FormatRegistry
from gateway.model import load_model
from tests.agreements.conftest import PROJECT
from tests.agreements.shared_view import declaration_items, pointers_by_name_path
from tests.agreements.test_share_languages import FORMS, languages_left, with_forms
from tests.golden_cases import GOLDEN

MESSAGES = sorted(GOLDEN.glob("*/*/expected.xml"))
_BLANKLESS = etree.XMLParser(remove_blank_text=True)


@pytest.fixture(scope="module")
def formats() -> FormatRegistry:
    return FormatRegistry.from_folder(PROJECT / "mappings", PROJECT / "codelists" / "crosswalks")


@pytest.fixture(scope="module")
def base(demo_agreements: Agreements) -> Agreement:
    agreement = demo_agreements.between("KZ", "UZ")
    assert agreement is not None
    return replace(agreement, languages=("ru",))


def everything(agreement: Agreement, elements: frozenset[str]) -> Agreement:
    """`agreement` listing `elements`."""
    return replace(agreement, shared=SharedElements.of(load_model(), elements))


def engine_bytes(path: Path) -> bytes:
    """A golden message as the engine writes it: compact, with the engine's declaration."""
    root = etree.fromstring(path.read_bytes(), _BLANKLESS)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def element_pointers(root: etree._Element) -> set[str]:
    """The ID pointers (no positions) of the data elements the message holds."""
    pointers = pointers_by_name_path()
    return {pointers[name_path] for name_path, element in declaration_items(root) if not len(element)}


def source_format(path: Path) -> str:
    return path.parent.parent.name


@pytest.mark.parametrize(
    "message", MESSAGES, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}"
)
def test_a_message_holds_only_elements_its_mapping_can_write(message: Path, formats: FormatRegistry) -> None:
    """The law the fast path stands on, over every golden message of every format."""
    written = writable_elements(formats.get(source_format(message)))
    held = element_pointers(etree.fromstring(message.read_bytes()))
    assert held <= written, sorted(held - written)


@pytest.mark.parametrize(
    "message", MESSAGES[::3], ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}"
)
def test_the_fast_path_gives_what_the_full_filter_gives(
    message: Path, formats: FormatRegistry, base: Agreement
) -> None:
    mapping = formats.get(source_format(message))
    agreement = everything(base, writable_elements(mapping))
    assert lists_everything(mapping, agreement)
    data = with_forms(engine_bytes(message))
    fast = share(data, agreement, mapping=mapping)
    assert etree.tostring(etree.fromstring(fast)) == etree.tostring(etree.fromstring(share(data, agreement)))
    if b"<Form" in data:
        assert languages_left(fast) == {("en", "ru")}
    else:
        assert fast == data  # nothing to filter: the engine's bytes, untouched


def test_without_forms_the_engine_bytes_leave_untouched(formats: FormatRegistry, base: Agreement) -> None:
    message = GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml"
    mapping = formats.get("kz-eaeu-pi")
    data = re.sub(rb"<Form [^>]*>[^<]*</Form>", b"", engine_bytes(message))
    assert b"<Form" not in data
    assert share(data, everything(base, writable_elements(mapping)), mapping=mapping) is data


@pytest.mark.parametrize("path", ["fast", "full"])
def test_a_withheld_element_never_leaves_either_way(
    formats: FormatRegistry, base: Agreement, path: str
) -> None:
    message = GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml"
    mapping = formats.get("kz-eaeu-pi")
    written = writable_elements(mapping)
    withheld = "42A/28A/29A/23A/137"  # the goods description
    assert withheld in element_pointers(etree.fromstring(message.read_bytes()))
    agreement = everything(base, written - {withheld} if path == "full" else written)
    data = with_forms(engine_bytes(message), FORMS)
    if path == "fast":
        # the fast path is taken for kz messages, yet a message from another format is fully filtered
        assert lists_everything(mapping, agreement)
        other = with_forms(
            engine_bytes(GOLDEN / "cn-gacc-manifest" / "road-horgos-almaty-utf8" / "expected.xml")
        )
        unknown = element_pointers(etree.fromstring(other)) - written
        assert unknown, "the cn message must hold an element the kz mapping cannot write"
        shared = share(other, agreement, mapping=mapping)
        assert not (element_pointers(etree.fromstring(shared)) & unknown)
    else:
        assert not lists_everything(mapping, agreement)
        shared = share(data, agreement, mapping=mapping)
        assert withheld not in element_pointers(etree.fromstring(shared))


def test_a_form_written_otherwise_falls_back_to_the_full_filter(
    formats: FormatRegistry, base: Agreement
) -> None:
    message = GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml"
    mapping = formats.get("kz-eaeu-pi")
    data = with_forms(engine_bytes(message)).replace(b'<Form languageID="kk"', b'<Form  languageID="kk"')
    shared = share(data, everything(base, writable_elements(mapping)), mapping=mapping)
    assert languages_left(shared) == {("en", "ru")}


def test_the_fast_path_reads_a_form_without_a_script(formats: FormatRegistry, base: Agreement) -> None:
    message = GOLDEN / "kz-eaeu-pi" / "road-manifest-khorgos" / "expected.xml"
    mapping = formats.get("kz-eaeu-pi")
    data = with_forms(engine_bytes(message)).replace(
        b'<Form languageID="kk" scriptCode="Cyrl"', b'<Form languageID="kk"'
    )
    data = data.replace(b'<Form languageID="ru" scriptCode="Cyrl"', b'<Form languageID="ru"')
    agreement = everything(base, writable_elements(mapping))
    shared = share(data, agreement, mapping=mapping)
    assert languages_left(shared) == {("en", "ru")}
    assert b'<Form languageID="ru">' in shared and b'<Form languageID="kk"' not in shared
