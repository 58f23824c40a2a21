"""Generate the published XSD of the harmonized message from the canonical model.

The XSD checks structure, order, types and lengths. Which elements a document kind requires cannot be
said in XSD 1.0 (it depends on the kind); the normalizer reports those as `element.missing` issues. Values
that fail their type are reported and left out of the message, so every message the gateway emits, with or
without issues, validates against this schema. `schemas/harmonized-<version>.xsd` is the committed output;
a test fails when it drifts from the model.
"""

from __future__ import annotations

from lxml import etree

from gateway.model.schema import Model, ModelClass, ModelClassUse, ModelElement

XS = "http://www.w3.org/2001/XMLSchema"
ANNOTATION_METHODS = ("mapped", "constant", "default", "position")
"""How a field's value was obtained: copied from the source, a constant or default of the mapping, or the
position of its instance."""


def generate_xsd(model: Model) -> bytes:
    """The XSD for `model`, as pretty-printed UTF-8 bytes."""
    schema = _element(
        None, "schema", targetNamespace=model.namespace, elementFormDefault="qualified", version=model.version
    )
    _message_types(schema, model)
    simple_types: dict[str, etree._Element] = {}
    for model_class in model.classes.values():
        _class_type(schema, model, model_class, simple_types)
    for simple_type in sorted(simple_types):
        schema.append(simple_types[simple_type])
    _fixed_types(schema)
    tree = etree.ElementTree(_with_default_namespace(schema, model.namespace))
    return etree.tostring(tree, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _element(parent: etree._Element | None, tag: str, **attributes: str) -> etree._Element:
    qualified = f"{{{XS}}}{tag}"
    if parent is None:
        return etree.Element(qualified, attributes, nsmap={"xs": XS})
    return etree.SubElement(parent, qualified, attributes)


def _with_default_namespace(schema: etree._Element, namespace: str) -> etree._Element:
    # lxml-stubs do not allow the None key that lxml uses for the default namespace.
    nsmap: dict[str | None, str] = {"xs": XS, None: namespace}
    attributes = {str(key): str(value) for key, value in schema.attrib.items()}
    rebuilt = etree.Element(schema.tag, attributes, nsmap=nsmap)  # type: ignore[arg-type]
    rebuilt.extend(list(schema))
    return rebuilt


def _documentation(parent: etree._Element, text: str) -> None:
    if text:
        annotation = _element(parent, "annotation")
        _element(annotation, "documentation").text = text


def _message_types(schema: etree._Element, model: Model) -> None:
    _element(schema, "element", name="HarmonizedMessage", type="HarmonizedMessageType")
    message = _element(schema, "complexType", name="HarmonizedMessageType")
    sequence = _element(message, "sequence")
    _element(sequence, "element", name="Header", type="HeaderType")
    _element(sequence, "element", name=model.root, type=f"{model.root}Type")
    _element(sequence, "element", name="Annotations", type="AnnotationsType", minOccurs="0")
    _element(message, "attribute", name="version", type="xs:token", use="required")
    header = _element(schema, "complexType", name="HeaderType")
    header_sequence = _element(header, "sequence")
    _element(header_sequence, "element", name="DocumentKind", type="DocumentKindType", minOccurs="0")
    _element(header_sequence, "element", name="SourceFormat", type="xs:token")
    _element(header_sequence, "element", name="SourceCountry", type="CountryCodeType")
    _element(header_sequence, "element", name="ModelVersion", type="xs:token")
    kinds = _element(_element(schema, "simpleType", name="DocumentKindType"), "restriction", base="xs:token")
    for kind in model.kinds:
        _element(kinds, "enumeration", value=kind)


def _class_type(
    schema: etree._Element, model: Model, model_class: ModelClass, simple_types: dict[str, etree._Element]
) -> None:
    complex_type = _element(schema, "complexType", name=f"{model_class.name}Type")
    _documentation(complex_type, f"WCO {model_class.wco_id} {model_class.name}. {model_class.doc}")
    sequence = _element(complex_type, "sequence")
    for child in model_class.children.values():
        maximum = "unbounded" if child.repeats else "1"
        if isinstance(child, ModelClassUse):
            _element(
                sequence,
                "element",
                name=child.name,
                type=f"{child.target}Type",
                minOccurs="0",
                maxOccurs=maximum,
            )
            continue
        declaration = _element(
            sequence,
            "element",
            name=child.name,
            type=_type_name(child, simple_types),
            minOccurs="0",
            maxOccurs=maximum,
        )
        _documentation(declaration, f"WCO {child.wco_id}. {child.doc}".strip())


def _type_name(element: ModelElement, simple_types: dict[str, etree._Element]) -> str:
    if element.type in ("identifier", "code"):
        return _token_type(element.length or 35, simple_types)
    if element.type == "text":
        return _text_type(element.length or 512, simple_types)
    if element.type == "integer":
        return _integer_type(element.digits or 8, simple_types)
    return {"date": "xs:date", "datetime": "xs:dateTime", "measure": "MeasureType", "amount": "AmountType"}[
        element.type
    ]


def _token_type(length: int, simple_types: dict[str, etree._Element]) -> str:
    name = f"Token{length}Type"
    if name not in simple_types:
        simple = etree.Element(f"{{{XS}}}simpleType", name=name)
        restriction = _element(simple, "restriction", base="xs:token")
        _element(restriction, "minLength", value="1")
        _element(restriction, "maxLength", value=str(length))
        simple_types[name] = simple
    return name


def _text_type(length: int, simple_types: dict[str, etree._Element]) -> str:
    name = f"Text{length}Type"
    if name not in simple_types:
        base = f"String{length}Type"
        simple = etree.Element(f"{{{XS}}}simpleType", name=base)
        restriction = _element(simple, "restriction", base="xs:string")
        _element(restriction, "minLength", value="1")
        _element(restriction, "maxLength", value=str(length))
        simple_types[base] = simple
        complex_type = etree.Element(f"{{{XS}}}complexType", name=name)
        extension = _element(_element(complex_type, "simpleContent"), "extension", base=base)
        _element(extension, "attribute", name="languageID", type="xs:language", use="required")
        _element(extension, "attribute", name="scriptCode", type="ScriptCodeType", use="required")
        simple_types[name] = complex_type
    return name


def _integer_type(digits: int, simple_types: dict[str, etree._Element]) -> str:
    name = f"Integer{digits}Type"
    if name not in simple_types:
        simple = etree.Element(f"{{{XS}}}simpleType", name=name)
        restriction = _element(simple, "restriction", base="xs:nonNegativeInteger")
        _element(restriction, "totalDigits", value=str(digits))
        simple_types[name] = simple
    return name


def _fixed_types(schema: etree._Element) -> None:
    for name, pattern in (
        ("ScriptCodeType", "[A-Z][a-z]{3}"),
        ("CountryCodeType", "[A-Z]{2}"),
        ("CurrencyCodeType", "[A-Z]{3}"),
        ("UnitCodeType", "[A-Z0-9]{2,3}"),
    ):
        restriction = _element(_element(schema, "simpleType", name=name), "restriction", base="xs:token")
        _element(restriction, "pattern", value=pattern)
    decimal = _element(_element(schema, "simpleType", name="DecimalType"), "restriction", base="xs:decimal")
    _element(decimal, "totalDigits", value="22")
    _element(decimal, "fractionDigits", value="6")
    for name, attribute, attribute_type in (
        ("MeasureType", "unitCode", "UnitCodeType"),
        ("AmountType", "currencyID", "CurrencyCodeType"),
    ):
        extension = _element(
            _element(_element(schema, "complexType", name=name), "simpleContent"),
            "extension",
            base="DecimalType",
        )
        _element(extension, "attribute", name=attribute, type=attribute_type, use="required")
    _annotation_types(schema)


RESOLUTION_ATTRIBUTES = (
    ("kind", True),
    ("method", True),
    ("score", True),
    ("language", True),
    ("script", True),
    ("latin", True),
    ("scheme", True),
    ("english", False),
    ("code", False),
    ("source", False),
    ("legalForm", False),
    ("filled", False),
    ("glossaryVersion", True),
    ("notes", False),
)
"""Attributes of a Resolution (docs/resolution.md), and whether each is always there."""


def _resolution_types(schema: etree._Element) -> None:
    resolution = _element(schema, "complexType", name="ResolutionType")
    _documentation(
        resolution,
        "How a name, place or goods description of the message was resolved (docs/resolution.md): the "
        "pointer of the text element, the kind of name, the method (code-list, glossary, fuzzy, legal-form, "
        "glossary-terms for the glossary terms found in a goods description, transliteration), "
        "a score in [0, 1], language, script, Latin and English forms, the code and the entry behind it, "
        "the glossary version, the element filled from it if any, what else was done (notes: look-alike "
        "letters folded, address words set apart), the entry's names in other languages (Form), and the "
        "runner-up candidates (for a goods description: the terms found in it).",
    )
    sequence = _element(resolution, "sequence")
    _element(sequence, "element", name="Form", type="FormType", minOccurs="0", maxOccurs="unbounded")
    _element(
        sequence, "element", name="Candidate", type="CandidateType", minOccurs="0", maxOccurs="unbounded"
    )
    _element(resolution, "attribute", name="pointer", type="xs:string", use="required")
    for name, required in RESOLUTION_ATTRIBUTES:
        extra = {"use": "required"} if required else {}
        _element(resolution, "attribute", name=name, type="xs:string", **extra)
    form = _element(schema, "complexType", name="FormType")
    _documentation(
        form,
        "The resolved entry's name in one language (the code list's preferred name), with its BCP 47 tag "
        "and ISO 15924 script; an agreement's languages decide which Forms a partner receives.",
    )
    extension = _element(_element(form, "simpleContent"), "extension", base="xs:string")
    _element(extension, "attribute", name="languageID", type="xs:string", use="required")
    _element(extension, "attribute", name="scriptCode", type="xs:string", use="required")
    candidate = _element(schema, "complexType", name="CandidateType")
    for name in ("code", "english", "latin", "name", "score", "source"):
        _element(candidate, "attribute", name=name, type="xs:string")


def _annotation_types(schema: etree._Element) -> None:
    annotations = _element(schema, "complexType", name="AnnotationsType")
    annotations_sequence = _element(annotations, "sequence")
    _element(
        annotations_sequence,
        "element",
        name="Annotation",
        type="AnnotationType",
        minOccurs="0",
        maxOccurs="unbounded",
    )
    _element(
        annotations_sequence,
        "element",
        name="Resolution",
        type="ResolutionType",
        minOccurs="0",
        maxOccurs="unbounded",
    )
    _resolution_types(schema)
    annotation = _element(schema, "complexType", name="AnnotationType")
    _documentation(
        annotation,
        "Provenance of one source node: the WCO-style pointer of the class instance it became and its "
        "path in the national document, both relative to the enclosing Annotation (the outermost one "
        "is the Declaration, 42A, with the absolute path of the document root), its line, a Field for "
        "each value written from it, and the Annotations of the nodes below it.",
    )
    sequence = _element(annotation, "sequence")
    _element(sequence, "element", name="Field", type="FieldType", minOccurs="0", maxOccurs="unbounded")
    _element(
        sequence, "element", name="Annotation", type="AnnotationType", minOccurs="0", maxOccurs="unbounded"
    )
    _element(annotation, "attribute", name="pointer", type="xs:string", use="required")
    _element(annotation, "attribute", name="source", type="xs:string", use="required")
    _element(annotation, "attribute", name="line", type="xs:positiveInteger")
    field = _element(schema, "complexType", name="FieldType")
    _documentation(
        field,
        "Provenance of one value: its pointer and source path relative to the enclosing Annotation, its "
        "line, how it was obtained (default: mapped) and, when a transform changed it, the original value.",
    )
    _element(field, "attribute", name="pointer", type="xs:string", use="required")
    _element(field, "attribute", name="source", type="xs:string")
    _element(field, "attribute", name="line", type="xs:positiveInteger")
    _element(field, "attribute", name="method", type="AnnotationMethodType", default="mapped")
    _element(field, "attribute", name="original", type="xs:string")
    methods = _element(
        _element(schema, "simpleType", name="AnnotationMethodType"), "restriction", base="xs:token"
    )
    for method in ANNOTATION_METHODS:
        _element(methods, "enumeration", value=method)
