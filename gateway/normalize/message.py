"""The harmonized message: XML in the project's versioned namespace, and the same message as JSON.

The engine writes the message as compact UTF-8 bytes; the element tree is parsed from them only when a
later stage asks for it. `to_xml(pretty=True)` is for people and golden files.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from gateway.model import Model, ModelClass, ModelClassUse, load_model
from gateway.normalize.xmltext import escape_text

_JSON_ATTRIBUTES = ("languageID", "scriptCode", "unitCode", "currencyID")
DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
"""The XML declaration that `to_xml` writes before the message."""
_PRETTY_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def message_head(model: Model, kind: str | None, source_format: str, source_country: str) -> str:
    """The opening of a message, up to and including its Header."""
    kind_element = f"<DocumentKind>{kind}</DocumentKind>" if kind else ""
    return (
        f'<HarmonizedMessage xmlns="{model.namespace}" version="{model.version}"><Header>{kind_element}'
        f"<SourceFormat>{escape_text(source_format)}</SourceFormat>"
        f"<SourceCountry>{source_country}</SourceCountry>"
        f"<ModelVersion>{model.version}</ModelVersion></Header>"
    )


class HarmonizedMessage:
    """A harmonized message: Header, Declaration and Annotations under HarmonizedMessage.

    Made from the message's bytes (`xml`, without an XML declaration) or, by the engine, from the whole
    document with its declaration (`from_document`), so that `to_xml` copies nothing."""

    def __init__(self, xml: bytes, model: Model | None = None, tree: etree._Element | None = None) -> None:
        self._xml: bytes | None = xml
        self._document: bytes | None = None
        self.model = model or load_model()
        self._tree: etree._Element | None = tree
        """The element tree of `xml`, when a stage already parsed it."""

    @classmethod
    def from_document(cls, document: bytes, model: Model | None = None) -> HarmonizedMessage:
        """The message whose `to_xml()` is `document`, which starts with `DECLARATION`."""
        message = cls(b"", model)
        message._xml, message._document = None, document
        return message

    @property
    def xml(self) -> bytes:
        """The message as UTF-8 bytes, without an XML declaration."""
        if self._xml is None:
            assert self._document is not None
            self._xml = self._document[len(DECLARATION) :]
        return self._xml

    def tree(self) -> etree._Element:
        """The message as an element tree, parsed on first use."""
        if self._tree is None:
            self._tree = etree.fromstring(self.xml)
        return self._tree

    def take_tree(self) -> etree._Element:
        """The element tree, handed over to the caller, who may change it: the message forgets it, and a
        later `tree()` parses the bytes again (which never change)."""
        tree, self._tree = self.tree(), None
        return tree

    def tag(self, name: str) -> str:
        """The qualified tag of `name` in the message namespace."""
        return f"{{{self.model.namespace}}}{name}"

    def bare_tree(self) -> etree._Element:
        """The tree to read the Header, the Declaration and the engine's annotations from: `tree()` here;
        a message may leave its Resolutions out of it until the whole tree is asked for
        (`gateway.resolve.apart.ResolvedApart`)."""
        return self.tree()

    def head_tree(self) -> etree._Element:
        """The tree to read the Header and the Declaration from: `bare_tree()` here; a message may leave
        the engine's Annotations out of it until they are asked for (`gateway.resolve.apart`)."""
        return self.bare_tree()

    def declaration(self) -> etree._Element | None:
        """The Declaration element (read from the head tree)."""
        return self.head_tree().find(self.tag(self.model.root))

    def to_xml(self, pretty: bool = False) -> bytes:
        """The message as UTF-8 XML with a declaration; indented when `pretty`."""
        if not pretty:
            if self._document is None:
                self._document = DECLARATION.encode("ascii") + self.xml
            return self._document
        root = etree.fromstring(self.xml, _PRETTY_PARSER)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def to_json(self) -> dict[str, Any]:
        """The message as JSON-ready data: WCO element names, texts with language and script, and the
        annotations keyed by full pointer."""
        root = self.tree()
        header = {etree.QName(child).localname: child.text for child in root[0]}
        declaration = self.declaration()
        return {
            "version": self.model.version,
            "header": header,
            self.model.root: {}
            if declaration is None
            else _class_json(self.model, self.model.root_class(), declaration),
            "annotations": self._annotations_json(),
            "resolutions": self._resolutions_json(),
        }

    def _annotations_json(self) -> dict[str, dict[str, Any]]:
        section = self.tree().find(self.tag("Annotations"))
        result: dict[str, dict[str, Any]] = {}
        for annotation in [] if section is None else section.iterchildren(self.tag("Annotation")):
            self._flatten(annotation, "", "", result)
        return result

    def _resolutions_json(self) -> list[dict[str, Any]]:
        """The Resolution annotations (docs/resolution.md): attributes, the entry's names in other
        languages (forms, when there are any) and candidates."""
        section = self.tree().find(self.tag("Annotations"))
        resolutions = [] if section is None else section.iterchildren(self.tag("Resolution"))
        return [_resolution_json(resolution, self.tag("Form")) for resolution in resolutions]

    def _flatten(
        self, annotation: etree._Element, pointer: str, source: str, result: dict[str, dict[str, Any]]
    ) -> None:
        own_source = annotation.get("source", "")
        pointer = _join(pointer, annotation.get("pointer", ""))
        source = own_source if own_source.startswith("/") else _join(source, own_source)
        result[pointer] = _annotation_json(annotation, source, "node")
        for child in annotation:
            if child.tag == self.tag("Field"):
                field_source = _field_source(source, child.get("source"))
                result[_join(pointer, child.get("pointer", ""))] = _annotation_json(
                    child, field_source, child.get("method", "mapped")
                )
            else:
                self._flatten(child, pointer, source, result)


def _attributes(element: etree._Element) -> dict[str, str]:
    return {str(key): str(value) for key, value in element.items()}


def _field_source(base: str, relative: str | None) -> str | None:
    """A Field's full source: "." is its Annotation's node; parts of a joined value are joined by " + "."""
    if relative is None:
        return None
    if relative == ".":
        return base
    return " + ".join(_join(base, part) for part in relative.split(" + "))


def _join(base: str, relative: str) -> str:
    if relative.startswith("/") or not base:
        return relative
    return f"{base}/{relative}"


def _annotation_json(element: etree._Element, source: str | None, method: str) -> dict[str, Any]:
    data: dict[str, Any] = {"method": method}
    if source:
        data["source"] = source
    if element.get("line"):
        data["line"] = int(element.get("line", "0"))
    if element.get("original") is not None:
        data["original"] = element.get("original")
    return data


def _class_json(model: Model, model_class: ModelClass, element: etree._Element) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for child in element:
        name = etree.QName(child).localname
        use = model_class.children[name]
        if isinstance(use, ModelClassUse):
            value: Any = _class_json(model, model.class_of(use), child)
        else:
            value = _value_json(use.type, child)
        if use.repeats:
            result.setdefault(name, []).append(value)
        else:
            result[name] = value
    return result


def _value_json(element_type: str, element: etree._Element) -> Any:
    text = element.text or ""
    attributes = {key: element.get(key) for key in _JSON_ATTRIBUTES if element.get(key)}
    if attributes:
        return {"value": text, **attributes}
    return int(text) if element_type == "integer" else text


def _resolution_json(resolution: etree._Element, form_tag: str) -> dict[str, Any]:
    forms = [
        {**_attributes(child), "name": child.text or ""} for child in resolution if child.tag == form_tag
    ]
    candidates = [_attributes(child) for child in resolution if child.tag != form_tag]
    return {**_attributes(resolution), **({"forms": forms} if forms else {}), "candidates": candidates}
