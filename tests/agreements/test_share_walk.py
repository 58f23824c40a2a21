"""Every element of the model, under one restrictive agreement: what it withholds leaves nowhere.

A message is built that holds every class and data element of the model, each data element with a value
of its own, and for each element everything the gateway writes about it: its Field in the Annotations
with the national original, and a Resolution with its Latin and English forms, a code, notes, a Candidate
and a Form in the agreement's language. It is shared under the narrowest agreement a cargo report allows
(tests/agreements/control.yaml), by each way `share()` is given a message (bytes, a parsed tree, a
`HarmonizedMessage`, consumed or not). Each value of a withheld element must be absent from the whole
payload (Declaration, Annotations, attributes, text), and each value of a listed element present: what
the agreement lists leaves, and only that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

import pytest
from lxml import etree

from gateway.agreements import Agreement, Readiness, share
from gateway.agreements.agreement import load_agreement_file
from gateway.model import Model, ModelClass, ModelClassUse, load_model
from gateway.normalize.message import HarmonizedMessage, message_head
from tests.agreements.conftest import HERE
from tests.agreements.shared_view import element_pointers

SECRETS = ("value", "original", "latin", "english", "code", "notes", "candidate", "form")
"""What the message says about each element, each marked with the element's number: ``Q017value``."""


@pytest.fixture(scope="module")
def narrow(readiness: Readiness) -> Agreement:
    return load_agreement_file(HERE / "control.yaml", readiness, load_model()).directions[0]


def _marker(number: int, what: str) -> str:
    return f"Q{number:03d}{what}"


@cache
def _numbers() -> dict[str, int]:
    """Every data element of the model (its ID pointer) and its number in the markers."""
    return {pointer: number for number, pointer in enumerate(element_pointers())}


def _declaration(model: Model, owner: ModelClass, pointer: str) -> Iterator[str]:
    """Every child of `owner`, once each: a data element with its marked value, a class with its own."""
    for name, child in owner.children.items():
        if isinstance(child, ModelClassUse):
            target = model.class_of(child)
            inner = "".join(_declaration(model, target, f"{pointer}/{target.wco_id}"))
            yield f"<{name}>{inner}</{name}>"
        else:
            yield f"<{name}>{_marker(_numbers()[f'{pointer}/{child.wco_id}'], 'value')}</{name}>"


def _annotations(model: Model, owner: ModelClass, pointer: str, relative: str) -> Iterator[str]:
    """The Fields (with the original) of `owner`'s elements; a repeated class gets its own Annotation,
    as the engine writes them (`28A[1]`), a single one is reached through its Fields' pointers."""
    for child in owner.children.values():
        if isinstance(child, ModelClassUse):
            target = model.class_of(child)
            below = f"{pointer}/{target.wco_id}"
            if child.repeats:
                inner = "".join(_annotations(model, target, below, ""))
                yield f'<Annotation pointer="{target.wco_id}[1]" source="x" line="1">{inner}</Annotation>'
            else:
                yield from _annotations(model, target, below, f"{relative}{target.wco_id}/")
        else:
            number = _numbers()[f"{pointer}/{child.wco_id}"]
            yield (
                f'<Field pointer="{relative}{child.wco_id}" source="x" line="1" '
                f'original="{_marker(number, "original")}"/>'
            )


def _resolution(pointer: str, number: int) -> str:
    def mark(what: str) -> str:
        return _marker(number, what)

    return (
        f'<Resolution pointer="{pointer}" kind="place" method="code-list" score="1" language="ru" '
        f'script="Cyrl" latin="{mark("latin")}" scheme="ru-ru_Latn/BGN" english="{mark("english")}" '
        f'code="{mark("code")}" notes="{mark("notes")}" source="code-list locode" glossaryVersion="g">'
        f'<Form languageID="zh" scriptCode="Hans">{mark("form")}</Form>'
        f'<Candidate name="{mark("candidate")}" code="{mark("candidate")}2" score="0.9"/></Resolution>'
    )


@cache
def _message() -> bytes:
    model = load_model()
    root = model.root_class()
    head = message_head(model, "cargo-report", "kz-eaeu-pi", "KZ")
    declaration = "".join(_declaration(model, root, root.wco_id))
    fields = "".join(_annotations(model, root, root.wco_id, ""))
    resolutions = "".join(_resolution(pointer, number) for pointer, number in _numbers().items())
    return (
        f'{head}<{model.root}>{declaration}</{model.root}><Annotations><Annotation pointer="{root.wco_id}" '
        f'source="/x" line="1">{fields}</Annotation>{resolutions}</Annotations></HarmonizedMessage>'
    ).encode()


def _texts(payload: bytes) -> str:
    """Every text and attribute value of the payload, one per line (a value cannot run into another)."""
    root = etree.fromstring(payload)
    found = [str(text) for text in root.itertext()]
    found += [str(value) for element in root.iter() for value in element.attrib.values()]
    return "\n".join(found)


WAYS: dict[str, Callable[[bytes, Agreement], bytes]] = {
    "bytes": share,
    "tree": lambda message, agreement: share(etree.fromstring(message), agreement),
    "message": lambda message, agreement: share(HarmonizedMessage(message), agreement),
    "message consumed": lambda message, agreement: share(HarmonizedMessage(message), agreement, consume=True),
}


def test_the_message_holds_every_element_of_the_model() -> None:
    texts = _texts(_message())
    for number in _numbers().values():
        for what in SECRETS:
            assert _marker(number, what) in texts


@pytest.mark.parametrize("way", list(WAYS))
def test_no_withheld_element_leaves_in_any_form_and_every_listed_one_does(
    way: str, narrow: Agreement
) -> None:
    payload = _texts(WAYS[way](_message(), narrow))
    leaked = [
        (pointer, what)
        for pointer, number in _numbers().items()
        if pointer not in narrow.elements
        for what in SECRETS
        if _marker(number, what) in payload
    ]
    assert leaked == []
    listed = [pointer for pointer in _numbers() if pointer in narrow.elements]
    assert len(listed) >= 6
    for pointer in listed:
        number = _numbers()[pointer]
        kept = [
            what
            for what in ("value", "original", "latin", "english", "form")
            if _marker(number, what) in payload
        ]
        assert kept == ["value", "original", "latin", "english", "form"], pointer
