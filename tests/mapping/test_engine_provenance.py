"""Provenance and determinism: every written value has an annotation saying where it came from, the same
input always gives the same bytes, and free text survives the trip through the engine exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gateway.codelists import CodeLists
from gateway.intake.limits import DEFAULT_LIMITS
from gateway.mapping.registry import FormatRegistry
from gateway.model import ModelClass, ModelClassUse, load_model
from gateway.normalize.pipeline import Normalizer

H = "{urn:carec-gateway:harmonized:1}"


def _value_pointers(model_class: ModelClass, element: etree._Element, prefix: str) -> list[str]:
    """The WCO pointer of every value below `element`, derived from the model alone."""
    model, pointers, seen = load_model(), [], {}
    for child in element:
        name = etree.QName(child).localname
        use = model_class.children[name]
        seen[name] = seen.get(name, 0) + 1
        if isinstance(use, ModelClassUse):
            target = model.class_of(use)
            step = f"{target.wco_id}[{seen[name]}]" if use.repeats else target.wco_id
            pointers += _value_pointers(target, child, f"{prefix}/{step}")
        else:
            pointers.append(
                f"{prefix}/{use.wco_id}[{seen[name]}]" if use.repeats else f"{prefix}/{use.wco_id}"
            )
    return pointers


def _json_annotations(result: Any) -> dict[str, Any]:
    return result.message.to_json()["annotations"]


def test_every_written_value_has_exactly_one_annotation_and_nothing_else_has(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["TypeCode"] = {"value": "785"}
    result = mini.normalize(mini.document(), mapping)
    model = load_model()
    declaration = mini.message(result).declaration()
    values = _value_pointers(model.root_class(), declaration, model.root_class().wco_id)
    annotated = [key for key, data in _json_annotations(result).items() if data["method"] != "node"]
    assert sorted(annotated) == sorted(values)
    assert len(values) == 13


def test_annotations_in_json_are_keyed_by_full_pointer_with_full_source_paths(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["TypeCode"] = {"value": "785"}
    document = mini.document()
    annotations = _json_annotations(mini.normalize(document, mapping))
    assert annotations["42A"] == {"method": "node", "source": "/m:Manifest", "line": 3}
    assert annotations["42A/D013"] == {"method": "constant"}
    assert annotations["42A/D011"] == {
        "method": "mapped",
        "source": "/m:Manifest/m:Issued[1]",
        "line": mini.line(document, "<m:Issued>"),
        "original": "14.05.2024 06:55+0500",
    }
    assert annotations["42A/18A/R011"] == {
        "method": "mapped",
        "source": "/m:Manifest/m:Carrier[1]/m:Name[1]",
        "line": mini.line(document, "<m:Name>"),
    }
    assert annotations["42A/15A/T022"]["source"] == "/m:Manifest/m:Truck[1]/@mode"
    assert annotations["42A/28A[1]"] == {
        "method": "node",
        "source": "/m:Manifest/m:Shipment[1]",
        "line": mini.line(document, "<m:Shipment>"),
    }
    assert annotations["42A/28A[1]/006"] == {"method": "position"}
    assert annotations["42A/28A[1]/29A[1]/23A/137"] == {
        "method": "mapped",
        "source": "/m:Manifest/m:Shipment[1]/m:Item[1]/m:Goods[1]",
        "line": mini.line(document, "<m:Goods>"),
    }
    assert annotations["42A/28A[1]/29A[1]/65A/126"]["original"] == "20.124"  # tonnes, written as 20124 kg


def test_annotations_in_xml_nest_with_pointers_and_sources_relative_to_their_parent(mini: Any) -> None:
    result = mini.normalize(mini.document())
    (root,) = mini.elements(result, "Annotations/Annotation")
    assert (root.get("pointer"), root.get("source")) == ("42A", "/m:Manifest")
    (consignment,) = root.findall(f"{H}Annotation")
    assert (consignment.get("pointer"), consignment.get("source")) == ("28A[1]", "m:Shipment[1]")
    (item,) = consignment.findall(f"{H}Annotation")
    assert (item.get("pointer"), item.get("source")) == ("29A[1]", "m:Item[1]")
    fields = {field.get("pointer"): field.get("source") for field in item.findall(f"{H}Field")}
    assert fields["23A/137"] == "m:Goods[1]"
    for field in root.iter(f"{H}Field"):
        assert not field.get("pointer", "").startswith("42A"), "a Field pointer is relative to its Annotation"


def test_a_value_read_from_the_class_node_itself_keeps_its_source_and_line(mini: Any) -> None:
    mapping = mini.mapping()
    item = mapping["declaration"]["Consignment"]["ConsignmentItem"]
    item["each"] = "m:Item/m:Goods"
    item["Commodity"] = {"Description": "."}
    del item["GoodsMeasure"]
    document = mini.document()
    annotations = _json_annotations(mini.normalize(document, mapping))
    assert annotations["42A/28A[1]/29A[1]/23A/137"] == {
        "method": "mapped",
        "source": "/m:Manifest/m:Shipment[1]/m:Item[1]/m:Goods[1]",
        "line": mini.line(document, "<m:Goods>"),
    }


def test_every_part_of_a_joined_value_has_its_full_source(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["Carrier"]["Address"] = {
        "path": "m:Address",
        "Line": {"paths": ["m:Street", "m:House"], "join": ", "},
    }
    address = "<m:Address><m:Street>проспект Абая</m:Street><m:House>12</m:House></m:Address>"
    document = mini.document().replace("  </m:Carrier>", f"    {address}\n  </m:Carrier>")
    annotation = _json_annotations(mini.normalize(document, mapping))["42A/18A/04A/239"]
    assert annotation["source"].split(" + ") == [
        "/m:Manifest/m:Carrier[1]/m:Address[1]/m:Street[1]",
        "/m:Manifest/m:Carrier[1]/m:Address[1]/m:House[1]",
    ]


def test_the_same_input_gives_byte_identical_output(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["FunctionalReferenceID"] = {"path": "m:Ref", "transforms": ["upper"]}
    document = mini.document(header="\n  <m:Ref>ats-0514</m:Ref>").replace("<m:Receiver>", "<m:Recipient>")
    document = document.replace("</m:Receiver>", "</m:Recipient>")  # an error, so issues are compared too
    first = mini.normalize(document, mapping)
    again = mini.normalize(document, mapping)
    registry = FormatRegistry.from_folder(mini.folder, Path("codelists/crosswalks"))  # loaded anew
    fresh_result = Normalizer(registry, CodeLists(Path("codelists")), DEFAULT_LIMITS).normalize(
        document.encode()
    )
    assert first.issues and not first.ok
    for other in (again, fresh_result):
        assert other.message.to_xml() == first.message.to_xml()
        assert other.message.to_json() == first.message.to_json()
        assert other.issues == first.issues


PRINTABLE = st.text(
    st.characters(categories=("L", "M", "N", "P", "S", "Zs", "Zl", "Zp", "Cf"), include_characters="\t\n"),
    max_size=90,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=PRINTABLE)
def test_any_printable_name_normalizes_validates_and_round_trips(mini_module: Any, name: str) -> None:
    document = mini_module.document().replace("ТОО «Алтын Дән»", escape(name))
    result = mini_module.normalize(document)
    message = mini_module.message(result)  # never raises, always a message, always valid
    written = mini_module.texts(result, "Declaration/Consignment/Consignor/Name")
    expected = name.strip()
    codes = [issue.code for issue in result.issues]
    if not expected:
        assert written == [] and codes == ["element.missing"]
    elif len(expected) > 70:
        assert written == [] and codes == ["value.too-long"]
    else:
        assert written == [expected] and codes == []
        reread = etree.fromstring(message.to_xml(pretty=True), etree.XMLParser(remove_blank_text=True))
        assert reread.findtext(f"{H}Declaration/{H}Consignment/{H}Consignor/{H}Name") == expected
