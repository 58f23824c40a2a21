"""The harmonized message: XML in the project's versioned namespace, and the same message as JSON."""

from __future__ import annotations

from typing import Any

from lxml import etree

from gateway.model import Model, ModelClass, ModelClassUse, load_model

_JSON_ATTRIBUTES = ("languageID", "scriptCode", "unitCode", "currencyID")


class HarmonizedMessage:
    """A harmonized message: Header, Declaration and Annotations under HarmonizedMessage."""

    def __init__(self, root: etree._Element, model: Model | None = None) -> None:
        self.root = root
        self.model = model or load_model()

    @classmethod
    def start(
        cls, model: Model, kind: str | None, source_format: str, source_country: str
    ) -> HarmonizedMessage:
        """An empty message with its header filled, ready for the Declaration."""
        namespace = model.namespace
        # lxml-stubs do not allow the None key of the default namespace.
        nsmap: dict[str | None, str] = {None: namespace}
        root = etree.Element(
            f"{{{namespace}}}HarmonizedMessage",
            version=model.version,
            nsmap=nsmap,  # type: ignore[arg-type]
        )
        header = etree.SubElement(root, f"{{{namespace}}}Header")
        if kind:
            etree.SubElement(header, f"{{{namespace}}}DocumentKind").text = kind
        etree.SubElement(header, f"{{{namespace}}}SourceFormat").text = source_format
        etree.SubElement(header, f"{{{namespace}}}SourceCountry").text = source_country
        etree.SubElement(header, f"{{{namespace}}}ModelVersion").text = model.version
        return cls(root, model)

    def tag(self, name: str) -> str:
        """The qualified tag of `name` in the message namespace."""
        return f"{{{self.model.namespace}}}{name}"

    def declaration(self) -> etree._Element | None:
        """The Declaration element, when the mapping produced one."""
        return self.root.find(self.tag(self.model.root))

    def to_xml(self, pretty: bool = True) -> bytes:
        """The message as UTF-8 XML with a declaration."""
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=pretty)

    def to_json(self) -> dict[str, Any]:
        """The message as JSON-ready data: WCO element names, texts with their language and script."""
        header = {etree.QName(child).localname: child.text for child in self.root[0]}
        declaration = self.declaration()
        annotations = self.root.find(self.tag("Annotations"))
        return {
            "version": self.model.version,
            "header": header,
            self.model.root: {}
            if declaration is None
            else _class_json(self.model, self.model.root_class(), declaration),
            "annotations": [] if annotations is None else [dict(a.attrib) for a in annotations],
        }


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
