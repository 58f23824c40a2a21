"""Whether an agreement lists every element a mapping can write: then `share()` leaves the elements alone.

A message comes from one mapping (its Header's `SourceFormat`), and holds only elements that the mapping's
rules write, or that the resolution stage fills from a resolved name (`gateway.resolve.stage.NAME_ELEMENTS`:
the code element of a class whose name it resolves). When the agreement lists all of them, filtering the
elements would remove nothing, so `share()` skips it and filters only the Forms (names in other languages).
The answer is computed once per (mapping, agreement). It fails closed: an element the computation does not
know of makes the agreement not list everything, and the full filter runs.
"""

from __future__ import annotations

from collections.abc import Iterator

from gateway.agreements.agreement import Agreement
from gateway.mapping.rules import ClassRule, ElementRule, Mapping
from gateway.model import ModelElement

_LISTS_EVERYTHING: dict[tuple[int, frozenset[str]], tuple[Mapping, bool]] = {}


def writable_elements(mapping: Mapping) -> frozenset[str]:
    """The ID pointers (no positions) of every data element a message from `mapping` can hold."""
    from gateway.resolve.stage import NAME_ELEMENTS  # noqa: PLC0415  # ICU and pypinyin: ~0.7 s, once

    filled = {class_name: code for (class_name, _), (_, code) in NAME_ELEMENTS.items() if code is not None}
    return frozenset(_elements(mapping.declaration, "", filled))


def lists_everything(mapping: Mapping, agreement: Agreement) -> bool:
    """Whether `agreement` lists every element that `mapping` can write (cached per pair)."""
    key = (id(mapping), agreement.elements)
    if key not in _LISTS_EVERYTHING:
        if len(_LISTS_EVERYTHING) >= 1024:
            _LISTS_EVERYTHING.clear()
        _LISTS_EVERYTHING[key] = (mapping, writable_elements(mapping) <= agreement.elements)
    return _LISTS_EVERYTHING[key][1]


def _elements(rule: ClassRule, above: str, filled: dict[str, str]) -> Iterator[str]:
    pointer = f"{above}/{rule.pointer_id}" if above else rule.pointer_id
    if rule.model.name in filled:
        code = rule.model.children.get(filled[rule.model.name])
        if isinstance(code, ModelElement):
            yield f"{pointer}/{code.wco_id}"
    for child in rule.children:
        if isinstance(child, ElementRule):
            yield f"{pointer}/{child.pointer_id}"
        else:
            yield from _elements(child, pointer, filled)


def writable_classes(mapping: Mapping) -> frozenset[str]:
    """The ID pointers (no positions) of every class instance a message from `mapping` can hold."""
    return frozenset(_classes(mapping.declaration, ""))


def _classes(rule: ClassRule, above: str) -> Iterator[str]:
    pointer = f"{above}/{rule.pointer_id}" if above else rule.pointer_id
    yield pointer
    for child in rule.children:
        if isinstance(child, ClassRule):
            yield from _classes(child, pointer)
