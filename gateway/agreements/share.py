"""What leaves the country: the harmonized message with every element the agreement does not list removed.

`share` keeps the Header (document kind, source format and country, model version: what the message is,
not what it says) and, in the Declaration, the data elements the agreement lists with the class instances
above them. An instance of a shared class stays even when none of its shared elements is present, so
positions in pointers (``28A[2]``) keep meaning the same instance on both sides.

The annotations (provenance) are filtered the same way, fail closed: a Field stays only when its full
pointer is a listed element, an Annotation only when it belongs to a shared class instance, and anything
else in the Annotations (a construct this module does not know) is removed. So an original value, a
source line or a resolution of a removed element never leaves.
"""

from __future__ import annotations

import re

from lxml import etree

from gateway.agreements.agreement import Agreement
from gateway.agreements.elements import SharedElements
from gateway.model import Model, ModelClass, ModelClassUse, load_model

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_POSITION = re.compile(r"\[\d+\]")


def share(harmonized_xml: bytes, agreement: Agreement, model: Model | None = None) -> bytes:
    """The message as `agreement` lets its recipient see it, as UTF-8 XML with a declaration."""
    model = model or load_model()
    root = etree.fromstring(harmonized_xml, _PARSER)
    namespace = f"{{{model.namespace}}}"
    declaration = root.find(namespace + model.root)
    if declaration is not None:
        _filter_class(declaration, model.root_class(), model.root_class().wco_id, agreement.shared, model)
    annotations = root.find(namespace + "Annotations")
    if annotations is not None:
        _filter_annotations(annotations, "", agreement.shared, namespace)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _filter_class(
    element: etree._Element, model_class: ModelClass, pointer: str, shared: SharedElements, model: Model
) -> None:
    for child in list(element):
        name = etree.QName(child).localname if isinstance(child.tag, str) else None
        spec = model_class.children.get(name) if name else None
        if spec is None:
            element.remove(child)  # not in the model (or a comment): nothing unknown leaves
        elif isinstance(spec, ModelClassUse):
            target = model.class_of(spec)
            child_pointer = f"{pointer}/{target.wco_id}"
            if child_pointer in shared.classes:
                _filter_class(child, target, child_pointer, shared, model)
            else:
                element.remove(child)
        elif f"{pointer}/{spec.wco_id}" not in shared.elements:
            element.remove(child)


def _filter_annotations(parent: etree._Element, pointer: str, shared: SharedElements, namespace: str) -> None:
    for child in list(parent):
        kind = child.tag if isinstance(child.tag, str) else ""
        relative = child.get("pointer", "")
        full = _POSITION.sub("", f"{pointer}/{relative}" if pointer else relative)
        if kind == namespace + "Annotation" and relative and full in shared.classes:
            _filter_annotations(child, full, shared, namespace)
        elif not (kind == namespace + "Field" and relative and full in shared.elements):
            parent.remove(child)
