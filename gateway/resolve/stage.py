"""The resolution stage of the pipeline: names and places of a harmonized message, resolved and annotated.

After the mapping, every name the table `NAME_ELEMENTS` lists (parties, places, offices, cities) is
resolved. Each gets a `Resolution` element at the end of the message's Annotations, keyed by the pointer
of its text element. A location that the national document named but did not code gets its code
element filled from the resolution, only when the resolution is not a guess below the threshold
(code list, glossary, or fuzzy at or above it); its Resolution says so (`filled`). The original text is
never changed. When nothing is filled, the message's bytes are kept and the Resolutions are spliced in
as text (no re-serialization). The stage parses the message once (about 75 ms for the 3.9 MB message
of bench/normalize.py's kz document, most of its cost) and hands the tree on with the bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from gateway.model import Model, ModelClass, ModelClassUse
from gateway.normalize.xmltext import attributes
from gateway.resolve.resolver import Resolver
from gateway.resolve.result import Resolution

NAME_ELEMENTS: Mapping[tuple[str, str], tuple[str, str | None]] = {
    ("LoadingLocation", "Name"): ("place", "ID"),
    ("UnloadingLocation", "Name"): ("place", "ID"),
    ("Address", "CityName"): ("place", None),
    ("DepartureOffice", "Name"): ("office", None),
    ("TransitOffice", "Name"): ("office", None),
    ("ExitOffice", "Name"): ("office", None),
    ("EntryOffice", "Name"): ("office", None),
    ("DestinationOffice", "Name"): ("office", None),
    ("Consignor", "Name"): ("party", None),
    ("Consignee", "Name"): ("party", None),
    ("NotifyParty", "Name"): ("party", None),
    ("Carrier", "Name"): ("party", None),
    ("Declarant", "Name"): ("party", None),
    ("Submitter", "Name"): ("party", None),
    ("Agent", "Name"): ("party", None),
}
"""(class, text element): the kind of name it holds and the code element it may fill. Offices are
annotated but not filled (their code is required, so a mapping that lacks it has already said so)."""
FILLING_METHODS = frozenset({"code-list", "glossary", "fuzzy"})


@dataclass(frozen=True, slots=True)
class ResolvedName:
    """A resolved text element of the message: its pointer, the resolution, and the element it filled."""

    pointer: str
    resolution: Resolution
    filled: str | None


class NameResolution:
    """Resolves the names of harmonized messages with a resolver, for the model they follow."""

    def __init__(self, resolver: Resolver, model: Model) -> None:
        self.resolver = resolver
        self.model = model
        self._namespace = f"{{{model.namespace}}}"
        self._holding = _classes_holding_names(model)

    def apply(self, xml: bytes, country: str | None) -> tuple[bytes, etree._Element, list[ResolvedName]]:
        """The message with its names resolved, its element tree (parsed once here, for the stages after
        this one), and the resolutions."""
        root = etree.fromstring(xml)
        declaration = root.find(self._namespace + self.model.root)
        if declaration is None:
            return xml, root, []
        resolved: list[ResolvedName] = []
        changed = False
        for pointer, model_class, element, kind, code_name in self._names(declaration):
            resolution = self.resolver.resolve(element.text or "", kind, country, _language(element))
            filled = self._fill(element.getparent(), model_class, code_name, resolution)
            changed |= filled is not None
            resolved.append(ResolvedName(pointer, resolution, filled))
        if not resolved:
            return xml, root, []
        text = "".join(resolution_xml(name) for name in resolved)
        _append_to_tree(root, self._namespace, text)
        if changed:
            return etree.tostring(root, encoding="utf-8"), root, resolved
        return _append_to_text(xml, text), root, resolved

    def _names(
        self, element: etree._Element, model_class: ModelClass | None = None, pointer: str = ""
    ) -> Iterator[tuple[str, ModelClass, etree._Element, str, str | None]]:
        model_class = model_class or self.model.root_class()
        pointer = pointer or model_class.wco_id
        counts: dict[str, int] = {}
        skip = len(self._namespace)
        for child in element:
            name = child.tag[skip:] if isinstance(child.tag, str) else ""
            use = model_class.children.get(name)
            if isinstance(use, ModelClassUse):
                if use.target not in self._holding:
                    continue  # goods items, packages, equipment: no name below them
                target = self.model.class_of(use)
                counts[name] = counts.get(name, 0) + 1
                segment = f"{target.wco_id}[{counts[name]}]" if use.repeats else target.wco_id
                yield from self._names(child, target, f"{pointer}/{segment}")
            elif use is not None and (model_class.name, name) in NAME_ELEMENTS and (child.text or "").strip():
                kind, code_name = NAME_ELEMENTS[(model_class.name, name)]
                yield f"{pointer}/{use.wco_id}", model_class, child, kind, code_name

    def _fill(
        self,
        parent: etree._Element | None,
        model_class: ModelClass,
        code_name: str | None,
        resolution: Resolution,
    ) -> str | None:
        """Insert the resolved code as `code_name` when `parent` has none; its WCO ID, or None."""
        if parent is None or code_name is None or resolution.code is None:
            return None
        if resolution.method not in FILLING_METHODS or resolution.score < self.resolver.threshold:
            return None
        if parent.find(self._namespace + code_name) is not None:
            return None
        order = list(model_class.children)
        position = sum(
            1 for child in parent if order.index(etree.QName(child).localname) < order.index(code_name)
        )
        code = etree.Element(self._namespace + code_name)
        code.text = resolution.code
        parent.insert(position, code)
        use = model_class.children[code_name]
        return use.wco_id if not isinstance(use, ModelClassUse) else None


def _classes_holding_names(model: Model) -> frozenset[str]:
    """The classes that hold a name of NAME_ELEMENTS, themselves or below them."""
    holding = {class_name for class_name, _ in NAME_ELEMENTS}
    grown = True
    while grown:
        grown = False
        for model_class in model.classes.values():
            uses = (use for use in model_class.children.values() if isinstance(use, ModelClassUse))
            if model_class.name not in holding and any(use.target in holding for use in uses):
                holding.add(model_class.name)
                grown = True
    return frozenset(holding)


def _language(element: etree._Element) -> str | None:
    language = element.get("languageID")
    return None if language in (None, "und", "zxx") else language


def resolution_xml(name: ResolvedName) -> str:
    """The Resolution element of a resolved name, as XML text."""
    resolution = name.resolution
    attributes = {
        "pointer": name.pointer,
        "kind": resolution.kind,
        "method": resolution.method,
        "score": f"{resolution.score:g}",
        "language": resolution.language,
        "script": resolution.script,
        "latin": resolution.latin,
        "scheme": resolution.scheme,
        "english": resolution.english,
        "code": resolution.code,
        "source": resolution.source,
        "legalForm": resolution.legal_form,
        "filled": name.filled,
        "glossaryVersion": resolution.glossary_version,
        "notes": "; ".join(resolution.notes) or None,
    }
    candidates = "".join(
        "<Candidate"
        + _attributes(
            {
                "code": c.code,
                "english": c.english,
                "latin": c.latin,
                "name": c.name,
                "score": f"{c.score:g}",
                "source": c.source,
            }
        )
        + "/>"
        for c in resolution.candidates
    )
    return (
        f"<Resolution{_attributes(attributes)}>{candidates}</Resolution>"
        if candidates
        else (f"<Resolution{_attributes(attributes)}/>")
    )


def _attributes(values: Mapping[str, str | None]) -> str:
    return attributes({key: value for key, value in values.items() if value is not None})


def _append_to_text(xml: bytes, text: str) -> bytes:
    """`text` spliced in at the end of the Annotations (which it opens when the message has none)."""
    data = text.encode("utf-8")
    end = xml.rfind(b"</Annotations>")
    if end >= 0:
        return xml[:end] + data + xml[end:]
    close = xml.rfind(b"</HarmonizedMessage>")
    return xml[:close] + b"<Annotations>" + data + b"</Annotations>" + xml[close:]


def _append_to_tree(root: etree._Element, namespace: str, text: str) -> None:
    section = root.find(namespace + "Annotations")
    if section is None:
        section = etree.SubElement(root, namespace + "Annotations")
    wrapper = etree.fromstring(f'<Annotations xmlns="{namespace[1:-1]}">{text}</Annotations>')
    section.extend(list(wrapper))
