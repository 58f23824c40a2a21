"""The WCO elements an agreement lets leave the country, checked against the canonical model.

An agreement lists data elements (leaves of the model) by pointer: WCO IDs from the Declaration down, as in
issues and annotations but without positions, e.g. ``42A/28A/29A/23A/137`` (a goods item's description).
A segment may also be the model name (``Declaration/Consignment/ConsignmentItem/Commodity/Description``);
the loader turns every entry into its ID form. Listing an element shares the classes above it (their
existence and count); nothing else of those classes leaves unless it is listed too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gateway.model import Model, ModelClass, ModelClassUse, ModelElement

_POSITION = re.compile(r"\[\d+\]")


@dataclass(frozen=True, slots=True)
class SharedElements:
    """The data elements that may leave (ID pointers) and the classes that they imply."""

    elements: frozenset[str]
    classes: frozenset[str]

    @classmethod
    def of(cls, model: Model, elements: Iterable[str]) -> SharedElements:
        """The set for `elements`, already in ID form; the root class is always shared."""
        chosen = frozenset(elements)
        classes = {model.root_class().wco_id}
        for pointer in chosen:
            parts = pointer.split("/")
            classes.update("/".join(parts[:end]) for end in range(1, len(parts)))
        return cls(chosen, frozenset(classes))

    def allows(self, pointer: str) -> bool:
        """Whether a pointer (positions allowed, e.g. ``42A/28A[2]/27A/R014``) may leave."""
        bare = _POSITION.sub("", pointer)
        return bare in self.elements or bare in self.classes


class ElementCatalog:
    """The model's children by every name they may be listed under (WCO ID or model name), per class."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._children = {
            name: {segment: child for child in owner.children.values() for segment in _segments(model, child)}
            for name, owner in model.classes.items()
        }

    def pointer(self, entry: str) -> str:
        """The ID pointer of one listed element; ValueError with the reason when it names no data element."""
        segments = entry.strip().strip("/").split("/")
        root = self.model.root_class()
        if segments[0] not in (root.wco_id, root.name):
            raise ValueError(f"a pointer starts at the {root.name} ({root.wco_id}), not at {segments[0]!r}")
        owner, ids = root, [root.wco_id]
        for depth, segment in enumerate(segments[1:], start=1):
            child = self._children[owner.name].get(segment)
            if child is None:
                known = ", ".join(child_id(self.model, known) for known in owner.children.values())
                raise ValueError(
                    f"{owner.name} ({'/'.join(ids)}) has no child {segment!r}; its children: {known}"
                )
            ids.append(child_id(self.model, child))
            if isinstance(child, ModelElement):
                if depth != len(segments) - 1:
                    raise ValueError(f"{child.name} ({'/'.join(ids)}) is a data element and has no children")
                return "/".join(ids)
            owner = self.model.class_of(child)
        raise ValueError(f"{'/'.join(ids)} is the class {owner.name}: list the elements of it that may leave")


def missing_required(model: Model, shared: SharedElements, kinds: Iterable[str]) -> list[str]:
    """Elements and classes that a document kind requires under a shared class but are not shared."""
    kinds = frozenset(kinds)
    missing = []
    for owner_pointer, owner in _shared_classes(model, shared):
        for child in owner.children.values():
            pointer = f"{owner_pointer}/{child_id(model, child)}"
            required = sorted(child.required_for & kinds)
            if required and not shared.allows(pointer):
                missing.append(f"{pointer} ({owner.name}/{child.name}, required in {', '.join(required)})")
    return missing


def _shared_classes(model: Model, shared: SharedElements) -> list[tuple[str, ModelClass]]:
    found = []
    pending = [(model.root_class().wco_id, model.root_class())]
    while pending:
        pointer, owner = pending.pop(0)
        found.append((pointer, owner))
        for child in owner.children.values():
            if isinstance(child, ModelClassUse):
                child_pointer = f"{pointer}/{model.class_of(child).wco_id}"
                if child_pointer in shared.classes:
                    pending.append((child_pointer, model.class_of(child)))
    return found


def _segments(model: Model, child: ModelElement | ModelClassUse) -> tuple[str, str]:
    return child.name, child_id(model, child)


def child_id(model: Model, child: ModelElement | ModelClassUse) -> str:
    return model.class_of(child).wco_id if isinstance(child, ModelClassUse) else child.wco_id
