"""The cut of a message the engine wrote: what an agreement withholds of what its mapping can write.

A message that the engine wrote from a known mapping holds only the classes and data elements that the
mapping's rules write (`coverage`), each in the model's place, with no comment, stray text or unknown
element. So what an element set removes from it is known before the message is: the written elements it
does not list and the written classes it does not share, each below a class it shares. They are found with
one XPath of plain child steps (a few microseconds, where the full filter's walk visits every element),
and the Annotations are walked only below the classes that hold one of them (`dirty`): an Annotation of a
class with nothing withheld beneath it stays whole, as the walk would have kept every node of it.

`share()` cuts only a `HarmonizedMessage` (the engine's own output, in this process) with the mapping
its Header names; anything else goes through the full filter, which assumes nothing. The cut is worked
out once per (mapping, element set, model): an agreement reload with another element set gets its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from lxml import etree

from gateway.agreements.coverage import writable_classes, writable_elements
from gateway.agreements.elements import SharedElements, child_id
from gateway.mapping.rules import Mapping
from gateway.model import Model, ModelClass, ModelClassUse, ModelElement


@dataclass(frozen=True, slots=True)
class MappingCut:
    """What an element set removes from a message of one mapping: the withheld instances of the
    Declaration (`withheld`, None when there are none), and the class pointers with one beneath them."""

    source_format: str
    withheld: etree.XPath | None
    dirty: frozenset[str]
    withheld_paths: tuple[bytes, ...] = ()
    """The name paths of `withheld` from the Declaration (``Consignment/Consignor/ID``, UTF-8), for the
    cut of a message's bytes (`cut_text.cut_head`)."""

    def applies(self, root: etree._Element, namespace: str) -> bool:
        """Whether `root` names this cut's mapping as its source format (else the full filter runs)."""
        return root.findtext(f"{namespace}Header/{namespace}SourceFormat") == self.source_format

    def remove(self, declaration: etree._Element) -> None:
        """Remove from the Declaration every instance of what the element set withholds."""
        if self.withheld is not None:
            for element in cast("list[etree._Element]", self.withheld(declaration)):
                parent = element.getparent()
                if parent is not None:
                    parent.remove(element)


_CUTS: dict[tuple[int, SharedElements, int], tuple[Mapping, Model, MappingCut | None]] = {}


def mapping_cut(mapping: Mapping, shared: SharedElements, model: Model) -> MappingCut | None:
    """The cut of `shared` for messages of `mapping` (kept with both); None when a pointer the mapping
    writes is not found in the model (then the full filter runs)."""
    key = (id(mapping), shared, id(model))
    found = _CUTS.get(key)
    if found is None or found[0] is not mapping or found[1] is not model:
        if len(_CUTS) >= 1024:
            _CUTS.clear()
        found = _CUTS[key] = (mapping, model, _compiled(mapping, shared, model))
    return found[2]


def withheld_pointers(mapping: Mapping, shared: SharedElements) -> list[str]:
    """The highest pointers `mapping` writes and `shared` withholds: each below a shared class."""
    elements = [e for e in writable_elements(mapping) if e not in shared.elements]
    classes = [c for c in writable_classes(mapping) if c not in shared.classes]
    return sorted(p for p in [*elements, *classes] if p.rpartition("/")[0] in shared.classes)


def _compiled(mapping: Mapping, shared: SharedElements, model: Model) -> MappingCut | None:
    withheld = withheld_pointers(mapping, shared)
    paths = [_name_paths(model, pointer) for pointer in withheld]
    if any(not found for found in paths):
        return None
    dirty = {pointer.rsplit("/", end)[0] for pointer in withheld for end in range(1, pointer.count("/") + 1)}
    union = " | ".join(path for found in paths for path in found)
    compiled = etree.XPath(union, namespaces={"h": model.namespace}) if union else None
    names = tuple(
        "/".join(step[2:] for step in path.split("/")).encode() for found in paths for path in found
    )
    return MappingCut(mapping.format, compiled, frozenset(dirty), names)


def _name_paths(model: Model, pointer: str) -> list[str]:
    """The XPaths (plain child steps from the Declaration) of every model name path whose WCO IDs are
    `pointer`'s; none when a step names nothing."""
    segments = pointer.split("/")
    if segments[0] != model.root_class().wco_id:
        return []
    found: list[tuple[str, ModelClass | None]] = [("", model.root_class())]
    for segment in segments[1:]:
        found = [
            (f"{path}/h:{name}" if path else f"h:{name}", _class(model, child))
            for path, owner in found
            if owner is not None
            for name, child in owner.children.items()
            if child_id(model, child) == segment
        ]
    return [path for path, _ in found]


def _class(model: Model, child: ModelElement | ModelClassUse) -> ModelClass | None:
    return model.class_of(child) if isinstance(child, ModelClassUse) else None
