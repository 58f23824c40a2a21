"""Every construct of docs/mappings.md, run through the Normalizer on the mini stand-in format (conftest.py).

Each test changes the base mapping or document in one place and checks what a user sees in the
harmonized message; `mini.message` also checks that message against schemas/harmonized-1.0.xsd.
"""

from __future__ import annotations

from typing import Any

import pytest

from gateway.model import load_model


def test_the_base_document_normalizes_without_issues(mini: Any) -> None:
    result = mini.normalize(mini.document())
    assert result.issues == []
    assert result.ok and result.format == "mini-test"
    assert mini.texts(result, "Declaration/ID") == ["MINI-2024-0514"]
    assert mini.texts(result, "Declaration/IssueDateTime") == ["2024-05-14T06:55:00+05:00"]
    assert mini.texts(result, "Declaration/Consignment/Consignee/Name") == ["新疆金禾进出口有限公司"]


def test_a_value_is_a_constant_of_the_mapping(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["TypeCode"] = {"value": "785"}
    assert mini.texts(mini.normalize(mini.document(), mapping), "Declaration/TypeCode") == ["785"]


@pytest.mark.parametrize(
    ("street", "house", "expected"),
    [
        ("проспект Мангилик Ел", "55/15", "проспект Мангилик Ел, 55/15"),
        ("проспект Мангилик Ел", "", "проспект Мангилик Ел"),
        ("", "55/15", "55/15"),
    ],
    ids=["both", "house-empty", "street-empty"],
)
def test_paths_are_joined_skipping_empty_parts(mini: Any, street: str, house: str, expected: str) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["Carrier"]["Address"] = {
        "path": "m:Address",
        "Line": {"paths": ["m:Street", "m:House"], "join": ", "},
    }
    document = mini.document().replace(
        "  </m:Carrier>",
        f"    <m:Address><m:Street>{street}</m:Street><m:House>{house}</m:House></m:Address>\n  </m:Carrier>",
    )
    result = mini.normalize(document, mapping)
    assert mini.texts(result, "Declaration/Carrier/Address/Line") == [expected]
    assert result.issues == []


SHIPMENTS = """
  <m:Shipment>
    <m:Sender>ТОО «Алтын Дән»</m:Sender>
    <m:Receiver>新疆金禾进出口有限公司</m:Receiver>
    <m:LoadedAt>KZALA</m:LoadedAt>
    <m:Item><m:Goods>Пшеница мягкая</m:Goods><m:Container>MSKU1234565</m:Container></m:Item>
  </m:Shipment>
  <m:Shipment>
    <m:Sender>ТОО «Қазақ Астығы»</m:Sender>
    <m:Receiver>霍尔果斯丝路贸易有限公司</m:Receiver>
    <m:LoadedAt>KZNUR</m:LoadedAt>
    <m:Item><m:Goods>Мука пшеничная</m:Goods></m:Item>
    <m:Item>
      <m:Goods>Масло подсолнечное</m:Goods>
      <m:Container>TGHU8765432</m:Container>
      <m:Container>CSQU3054383</m:Container>
    </m:Item>
  </m:Shipment>
</m:Manifest>
"""


def _two_shipments(mini: Any) -> str:
    head = mini.document().split("  <m:Shipment>")[0]
    return head + SHIPMENTS.lstrip("\n")


def test_each_repeats_a_class_per_source_node_in_document_order_with_positions(mini: Any) -> None:
    result = mini.normalize(_two_shipments(mini))
    assert result.issues == []
    assert mini.texts(result, "Declaration/Consignment/Consignor/Name") == [
        "ТОО «Алтын Дән»",
        "ТОО «Қазақ Астығы»",
    ]
    assert mini.texts(result, "Declaration/Consignment/SequenceNumeric") == ["1", "2"]
    second = mini.elements(result, "Declaration/Consignment")[1]
    items = second.findall("{urn:carec-gateway:harmonized:1}ConsignmentItem")
    assert [item[0].text for item in items] == ["1", "2"]  # SequenceNumeric restarts per consignment


def test_each_on_a_repeating_element_gives_one_value_per_match(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["Consignment"]["ConsignmentItem"]["TransportEquipmentID"] = {"each": "m:Container"}
    result = mini.normalize(_two_shipments(mini), mapping)
    assert result.issues == []
    per_item = [
        [equipment.text for equipment in item.findall("{urn:carec-gateway:harmonized:1}TransportEquipmentID")]
        for item in mini.elements(result, "Declaration/Consignment/ConsignmentItem")
    ]
    assert per_item == [["MSKU1234565"], [], ["TGHU8765432", "CSQU3054383"]]
    annotations = result.message.to_json()["annotations"]
    assert annotations["42A/28A[2]/29A[2]/X022[2]"]["source"].endswith("m:Item[2]/m:Container[2]")


@pytest.mark.parametrize(
    ("truck", "mode", "method"),
    [('<m:Truck mode="2">', "2", "mapped"), ("<m:Truck>", "3", "default")],
    ids=["source-value", "default"],
)
def test_a_default_fills_in_only_when_the_source_has_no_value(
    mini: Any, truck: str, mode: str, method: str
) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["BorderTransportMeans"]["ModeCode"] = {"path": "@mode", "default": "3"}
    result = mini.normalize(mini.document().replace('<m:Truck mode="3">', truck), mapping)
    assert result.issues == []
    assert mini.texts(result, "Declaration/BorderTransportMeans/ModeCode") == [mode]
    assert result.message.to_json()["annotations"]["42A/15A/T022"]["method"] == method


TRANSFORMS = [
    ("upper", "FunctionalReferenceID", ["upper"], "ats-0514/01", "ATS-0514/01"),
    ("lower", "FunctionalReferenceID", ["lower"], "ATS-0514", "ats-0514"),
    ("collapse_space", "FunctionalReferenceID", ["collapse_space"], "ATS   0514\n\t01", "ATS 0514 01"),
    ("date", "FunctionalReferenceID", [{"date": ["%d.%m.%Y", "%Y%m%d"]}], "20240514", "2024-05-14"),
    (
        "datetime",
        "IssueDateTime",
        [{"datetime": ["%d.%m.%Y %H:%M"]}],
        "14.05.2024 13:45",
        "2024-05-14T13:45:00",
    ),
    (
        "datetime-offset",
        "IssueDateTime",
        [{"datetime": ["%Y%m%d%H%M%z"]}],
        "202405141345+0800",
        "2024-05-14T13:45:00+08:00",
    ),
    (
        "decimal",
        "TotalGrossMassMeasure",
        [{"decimal": {"decimal_separator": ",", "group_separator": " "}}],
        "20 124,5",
        "20124.5",
    ),
    ("integer", "FunctionalReferenceID", ["integer"], "000560", "560"),
    ("crosswalk", "FunctionalReferenceID", [{"crosswalk": "eaeu-transport-mode"}], "31", "3"),
    ("map", "TypeCode", [{"map": {"ЭМ": "785", "ПИ": "ZZZ"}}], "ЭМ", "785"),
    (
        "replace",
        "DeclarationOfficeID",
        [{"replace": {"pattern": "[^A-Z0-9]", "with": ""}}],
        "KZ-552 08",
        "KZ55208",
    ),
    (
        "split",
        "DeclarationOfficeID",
        [{"split": {"separator": "/", "index": 1}}],
        "Хоргос / KZ55208",
        "KZ55208",
    ),
    ("pad_left", "DeclarationOfficeID", [{"pad_left": {"width": 8, "char": "0"}}], "55208", "00055208"),
    ("country_of_locode", "FunctionalReferenceID", ["country_of_locode"], "kzala", "KZ"),
    (
        "in-order",
        "DeclarationOfficeID",
        [{"pad_left": {"width": 5}}, {"replace": {"pattern": "^0", "with": "KZ"}}],
        "208",
        "KZ0208",
    ),
]


@pytest.mark.parametrize(
    ("element", "transforms", "raw", "expected"),
    [row[1:] for row in TRANSFORMS],
    ids=[row[0] for row in TRANSFORMS],
)
def test_transforms_change_the_value_and_the_annotation_keeps_the_original(
    mini: Any, element: str, transforms: list[Any], raw: str, expected: str
) -> None:
    mapping = mini.mapping()
    mapping["declaration"][element] = {"path": "m:Value", "transforms": transforms}
    result = mini.normalize(mini.document(header=f"\n  <m:Value>{raw}</m:Value>"), mapping)
    assert result.issues == []
    assert mini.texts(result, f"Declaration/{element}") == [expected]
    pointer = "42A/" + load_model().root_class().children[element].wco_id  # type: ignore[union-attr]
    annotation = result.message.to_json()["annotations"][pointer]
    assert annotation["original"] == raw
    assert annotation["source"] == "/m:Manifest/m:Value[1]"


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("kk", "<m:Name>ТОО «Астана Транс»</m:Name>", "kk"),  # a literal wins over the letters (Russian)
        ({"path": "m:Name/@lang"}, '<m:Name lang="kk">ТОО «Астана Транс»</m:Name>', "kk"),
        ({"path": "m:Name/@lang"}, "<m:Name>ТОО «Астана Транс»</m:Name>", "ru"),  # no attribute: guessed
        (None, "<m:Name>ТОО «Қазақ Астығы»</m:Name>", "kk"),  # Kazakh letters
        (None, "<m:Name>霍尔果斯丝路贸易有限公司</m:Name>", "zh"),
    ],
    ids=["literal", "from-attribute", "attribute-absent", "guessed-kazakh", "guessed-chinese"],
)
def test_the_language_of_a_text_is_literal_read_or_guessed(
    mini: Any, language: Any, name: str, expected: str
) -> None:
    mapping = mini.mapping()
    if language is not None:
        mapping["declaration"]["Carrier"]["Name"] = {"path": "m:Name", "language": language}
    document = mini.document().replace("<m:Name>ТОО «Астана Транс»</m:Name>", name)
    result = mini.normalize(document, mapping)
    assert result.issues == []
    (element,) = mini.elements(result, "Declaration/Carrier/Name")
    assert element.get("languageID") == expected
    assert element.get("scriptCode") == ("Cyrl" if expected != "zh" else "Hans")


@pytest.mark.parametrize(
    ("unit", "mass", "kilograms"),
    [("TNE", "20.124", "20124"), ("GRM", "500", "0.5"), ("KGM", "12.5", "12.5"), ("LBR", "100", "45.359237")],
)
def test_a_mass_with_its_unit_in_an_attribute_is_converted_to_kilograms(
    mini: Any, unit: str, mass: str, kilograms: str
) -> None:
    document = mini.document().replace(
        '<m:Gross unit="TNE">20.124</m:Gross>', f'<m:Gross unit="{unit}">{mass}</m:Gross>'
    )
    result = mini.normalize(document)
    assert result.issues == []
    (gross,) = mini.elements(result, "Declaration/Consignment/ConsignmentItem/GoodsMeasure/GrossMassMeasure")
    assert (gross.text, gross.get("unitCode")) == (kilograms, "KGM")


def test_a_national_unit_code_is_crosswalked_before_conversion(mini: Any) -> None:
    mapping = mini.mapping()
    gross = mapping["declaration"]["Consignment"]["ConsignmentItem"]["GoodsMeasure"]["GrossMassMeasure"]
    gross["unit"]["transforms"] = [{"crosswalk": "eaeu-unit"}]  # EAEU 168 is the tonne
    document = mini.document().replace('unit="TNE"', 'unit="168"')
    result = mini.normalize(document, mapping)
    assert result.issues == []
    assert mini.texts(result, "Declaration/Consignment/ConsignmentItem/GoodsMeasure/GrossMassMeasure") == [
        "20124"
    ]


@pytest.mark.parametrize(
    ("currency", "expected"),
    [('currency="398"', "KZT"), ('currency="156"', "CNY"), ('currency="usd"', "USD")],
)
def test_a_currency_is_read_from_an_attribute_and_numeric_codes_are_converted(
    mini: Any, currency: str, expected: str
) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["InvoiceAmount"] = {
        "path": "m:Invoice",
        "currency": {"path": "m:Invoice/@currency"},
    }
    result = mini.normalize(mini.document(header=f"\n  <m:Invoice {currency}>5400.00</m:Invoice>"), mapping)
    assert result.issues == []
    (amount,) = mini.elements(result, "Declaration/InvoiceAmount")
    assert (amount.text, amount.get("currencyID")) == ("5400", expected)


def test_a_constant_currency_and_unit(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["InvoiceAmount"] = {"path": "m:Invoice", "currency": "643"}
    mapping["declaration"]["TotalGrossMassMeasure"] = {"path": "m:Total", "unit": "TNE"}
    header = "\n  <m:Invoice>1250.5</m:Invoice>\n  <m:Total>20.124</m:Total>"
    result = mini.normalize(mini.document(header=header), mapping)
    assert result.issues == []
    assert mini.elements(result, "Declaration/InvoiceAmount")[0].get("currencyID") == "RUB"
    assert mini.texts(result, "Declaration/TotalGrossMassMeasure") == ["20124"]


def test_classes_without_any_value_are_left_out(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["Consignment"]["NotifyParty"] = {
        "path": "m:Notify",
        "Name": "m:Name",
        "Address": {"path": "m:Address", "CityName": "m:City"},
    }
    shipment = "\n    <m:Notify><m:Name>   </m:Name><m:Address><m:City/></m:Address></m:Notify>"
    result = mini.normalize(mini.document(shipment=shipment), mapping)
    assert result.issues == []
    assert mini.elements(result, "Declaration/Consignment/NotifyParty") == []
    assert not [pointer for pointer in result.message.to_json()["annotations"] if "X04A" in pointer]


def _reversed(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    return {key: _reversed(value) for key, value in reversed(list(node.items()))}


def test_the_message_follows_the_model_order_whatever_the_mapping_order(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["TypeCode"] = {"value": "785"}
    mapping["declaration"]["Consignment"]["ConsignmentItem"]["TransportEquipmentID"] = {"each": "m:Container"}
    reversed_mapping = {**mapping, "declaration": _reversed(mapping["declaration"])}
    assert list(reversed_mapping["declaration"]) == [
        "TypeCode",
        "Consignment",
        "BorderTransportMeans",
        "Carrier",
        "IssueDateTime",
        "ID",
    ]
    document = _two_shipments(mini)
    in_order = mini.normalize(document, mapping)
    out_of_order = mini.normalize(document, reversed_mapping)
    assert mini.message(out_of_order).xml == mini.message(in_order).xml  # the XSD checks the order too
    model_order = list(load_model().root_class().children)
    written = [element.tag.split("}")[1] for element in mini.elements(out_of_order, "Declaration/*")]
    assert list(dict.fromkeys(written)) == [name for name in model_order if name in written]
    assert written.index("ID") < written.index("TypeCode") < written.index("IssueDateTime")
