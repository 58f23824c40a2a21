"""An independent reading of a shared message for the share() tests: every element and annotation with its
bare WCO pointer, found from the model's name paths rather than by share()'s own walk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lxml import etree

from gateway.model import ModelClassUse, load_model

NS = "urn:carec-gateway:harmonized:1"
_POSITION = re.compile(r"\[\d+\]")


@cache
def pointers_by_name_path() -> dict[str, str]:
    """``Declaration/Consignment/Consignor/Name`` -> ``42A/28A/30A/R020``, for every class and element."""
    model = load_model()
    found = {model.root: model.root_class().wco_id}
    pending = [(model.root, model.root_class().wco_id, model.root_class())]
    while pending:
        names, pointer, owner = pending.pop()
        for name, child in owner.children.items():
            if isinstance(child, ModelClassUse):
                target = model.class_of(child)
                found[f"{names}/{name}"] = f"{pointer}/{target.wco_id}"
                pending.append((f"{names}/{name}", f"{pointer}/{target.wco_id}", target))
            else:
                found[f"{names}/{name}"] = f"{pointer}/{child.wco_id}"
    return found


@cache
def element_pointers() -> tuple[str, ...]:
    """The pointers of every data element (leaf) of the model, sorted."""
    model = load_model()
    classes = {model.root_class().wco_id} | {
        pointer for name_path, pointer in pointers_by_name_path().items() if _is_class(name_path)
    }
    return tuple(sorted(set(pointers_by_name_path().values()) - classes))


def _is_class(name_path: str) -> bool:
    model = load_model()
    owner = model.root_class()
    for name in name_path.split("/")[1:]:
        child = owner.children[name]
        if not isinstance(child, ModelClassUse):
            return False
        owner = model.class_of(child)
    return True


def declaration_items(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """(name path, element) for every element under the Declaration, the Declaration included."""
    declaration = root.find(f"{{{NS}}}Declaration")
    if declaration is None:
        return
    for element in declaration.iter():
        names = [etree.QName(node).localname for node in [*reversed(list(element.iterancestors())), element]]
        yield "/".join(names[1:]), element  # without HarmonizedMessage


def annotation_items(root: etree._Element) -> Iterator[tuple[str, str, etree._Element]]:
    """(local name, bare full pointer, element) for everything inside Annotations."""
    annotations = root.find(f"{{{NS}}}Annotations")
    if annotations is None:
        return
    for element in annotations.iter():
        if element is annotations:
            continue
        chain = [node.get("pointer", "?") for node in [*reversed(list(element.iterancestors())), element]]
        pointer = "/".join(part for part in chain if part != "?")
        yield etree.QName(element).localname, _POSITION.sub("", pointer), element


def values(root: etree._Element) -> set[str]:
    """Every text and attribute value in the message."""
    found = {text.strip() for text in root.itertext() if text.strip()}
    for element in root.iter():
        found.update(element.attrib.values())
    return found
