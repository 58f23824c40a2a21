"""Bad data gives issues, never exceptions: missing required elements per document kind, values that fail
their type, repeated single elements. Each issue has its code, pointer, source path and line; a rejected
value is left out and the message still validates against the published schema (`mini.message`)."""

from __future__ import annotations

from typing import Any

import pytest

RECEIVER = "<m:Receiver>新疆金禾进出口有限公司</m:Receiver>"


def _missing(result: Any) -> set[tuple[str, str, int]]:
    return {
        (issue.pointer, issue.source, issue.line)
        for issue in result.issues
        if issue.code == "element.missing"
    }


def test_a_cargo_report_without_a_consignee_names_the_consignment_it_is_missing_from(mini: Any) -> None:
    document = mini.document().replace(RECEIVER, "")
    result = mini.normalize(document)
    assert [issue.code for issue in result.issues] == ["element.missing"]
    assert _missing(result) == {
        ("42A/28A[1]/27A", "/m:Manifest/m:Shipment[1]", mini.line(document, "<m:Shipment>"))
    }
    assert result.issues[0].message == (  # the sender's own element, which the WCO pointer does not name
        "Consignee is required in a cargo-report document but is missing: the mapping reads it from "
        "'m:Receiver'."
    )
    assert not result.ok
    mini.message(result)  # a message is still produced, and it validates


def test_a_pre_arrival_notice_needs_the_office_of_entry_and_the_arrival_time(mini: Any) -> None:
    document = mini.document(kind="pre-arrival")
    result = mini.normalize(document)
    assert [issue.severity for issue in result.issues] == ["error", "error"]
    assert _missing(result) == {
        ("42A/15A/X012", "/m:Manifest/m:Truck[1]", mini.line(document, "<m:Truck")),
        ("42A/51A", "/m:Manifest", mini.line(document, "<m:Manifest")),
    }
    # the mini mapping reads neither: the sender cannot add them, its mapping's authors must
    assert all(
        issue.message.endswith(": this format's mapping has no rule for it.") for issue in result.issues
    )


def test_a_transit_declaration_needs_its_offices_and_declarant_but_no_consignee(mini: Any) -> None:
    document = mini.document(kind="transit").replace(RECEIVER, "")
    result = mini.normalize(document)
    line = mini.line(document, "<m:Manifest")
    assert _missing(result) == {
        ("42A/57B", "/m:Manifest", line),
        ("42A/X01A", "/m:Manifest", line),
        ("42A/X03A", "/m:Manifest", line),
    }
    assert len(result.issues) == 3
    assert mini.texts(result, "Header/DocumentKind") == ["transit"]


def test_a_required_element_inside_a_present_class_is_reported_with_its_own_pointer(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["Consignment"]["TransportEquipment"] = {
        "each": "m:Container",
        "SizeTypeCode": "@type",
        "ID": ".",
    }
    document = mini.document(shipment='\n    <m:Container type="45G1"/>')
    result = mini.normalize(document, mapping)
    assert _missing(result) == {
        (
            "42A/28A[1]/31B[1]/159",
            "/m:Manifest/m:Shipment[1]/m:Container[1]",
            mini.line(document, "<m:Container"),
        )
    }


TYPE_FAILURES = [
    # id, (element, its mapping or None for the base one), extra XML at a place, code, pointer, source, line
    (
        "bad-datetime",
        ("IssueDateTime", None),
        ("header", ""),
        "value.bad-datetime",
        "42A/D011",
        "/m:Manifest/m:Issued[1]",
        "<m:Issued>",
    ),
    (
        "bad-integer",
        ("GoodsItemQuantity", "m:Items"),
        ("header", "<m:Items>два</m:Items>"),
        "value.bad-integer",
        "42A/228",
        "/m:Manifest/m:Items[1]",
        "<m:Items>",
    ),
    (
        "too-many-digits",
        ("GoodsItemQuantity", "m:Items"),
        ("header", "<m:Items>123456</m:Items>"),
        "value.too-many-digits",
        "42A/228",
        "/m:Manifest/m:Items[1]",
        "<m:Items>",
    ),
    (
        "too-long",
        ("FunctionalReferenceID", "m:Ref"),
        ("header", f"<m:Ref>{'ТОО-АСТАНА-ТРАНС-' * 3}</m:Ref>"),
        "value.too-long",
        "42A/D026",
        "/m:Manifest/m:Ref[1]",
        "<m:Ref>",
    ),
    (
        "not-a-locode",
        ("IssueLocationID", "m:Place"),
        ("header", "<m:Place>KZAL1</m:Place>"),
        "value.bad-format",
        "42A/D012",
        "/m:Manifest/m:Place[1]",
        "<m:Place>",
    ),
    (
        "unmapped-code",
        ("TypeCode", {"path": "m:DocKind", "transforms": [{"map": {"ЭМ": "785"}}]}),
        ("header", "<m:DocKind>ПИ</m:DocKind>"),
        "code.unmapped",
        "42A/D013",
        "/m:Manifest/m:DocKind[1]",
        "<m:DocKind>",
    ),
    (
        "not-a-country",
        ("OriginCountryCode", "m:Origin"),
        ("item", "<m:Origin>ZZ</m:Origin>"),
        "value.bad-code",
        "42A/28A[1]/29A[1]/X021",
        "/m:Manifest/m:Shipment[1]/m:Item[1]/m:Origin[1]",
        "<m:Origin>",
    ),
    (
        "bad-number",
        ("CustomsValueAmount", {"path": "m:Value", "currency": "KZT"}),
        ("item", "<m:Value>5 400,00 тенге</m:Value>"),
        "value.bad-number",
        "42A/28A[1]/29A[1]/108",
        "/m:Manifest/m:Shipment[1]/m:Item[1]/m:Value[1]",
        "<m:Value>",
    ),
    (
        "bad-currency",
        ("CustomsValueAmount", {"path": "m:Value", "currency": {"path": "m:Value/@currency"}}),
        ("item", '<m:Value currency="ТНГ">5400</m:Value>'),
        "value.bad-currency",
        "42A/28A[1]/29A[1]/108",
        "/m:Manifest/m:Shipment[1]/m:Item[1]/m:Value[1]",
        "<m:Value",
    ),
    (
        "bad-unit",
        ("GrossMassMeasure", None),
        ("item", ""),
        "value.bad-unit",
        "42A/28A[1]/29A[1]/65A/126",
        "/m:Manifest/m:Shipment[1]/m:Item[1]/m:Gross[1]",
        "<m:Gross",
    ),
]


def _place(mapping: dict[str, Any], where: str) -> dict[str, Any]:
    declaration = mapping["declaration"]
    return declaration if where == "header" else declaration["Consignment"]["ConsignmentItem"]


@pytest.mark.parametrize(
    ("rule", "extra", "code", "pointer", "source", "needle"),
    [row[1:] for row in TYPE_FAILURES],
    ids=[row[0] for row in TYPE_FAILURES],
)
def test_a_value_that_fails_its_type_is_reported_and_left_out(
    mini: Any, rule: Any, extra: tuple[str, str], code: str, pointer: str, source: str, needle: str
) -> None:
    mapping = mini.mapping()
    where, xml = extra
    name, spec = rule
    if spec is not None:
        _place(mapping, where)[name] = spec
    document = mini.document(**{where: f"\n      {xml}"})
    if code == "value.bad-datetime":
        document = document.replace("14.05.2024 06:55+0500", "14.05.2024 в 06:55")
    if code == "value.bad-unit":
        document = document.replace('unit="TNE"', 'unit="т"')
    result = mini.normalize(document, mapping)
    issues = mini.issues(result)
    assert [(i["code"], i["severity"], i["pointer"], i["source"], i["line"]) for i in issues] == [
        (code, "error", pointer, source, mini.line(document, needle))
    ]
    assert issues[0]["message"].startswith(f"{name}: ")
    assert pointer not in result.message.to_json()["annotations"]  # nothing written, so no provenance
    place = "Declaration" if where == "header" else "Declaration/Consignment/ConsignmentItem"
    assert not mini.elements(result, f"{place}/{name}") + mini.elements(
        result, f"{place}/GoodsMeasure/{name}"
    )
    mini.message(result)  # validates against the published schema


def test_a_single_element_found_twice_is_a_warning_and_the_first_is_kept(mini: Any) -> None:
    document = mini.document().replace(
        "<m:Number>MINI-2024-0514</m:Number>",
        "<m:Number>MINI-2024-0514</m:Number>\n  <m:Number>MINI-2024-0515</m:Number>",
    )
    result = mini.normalize(document)
    assert mini.issues(result) == [
        {
            "code": "element.repeated",
            "severity": "warning",
            "message": "ID was found more than once; the first is used.",
            "pointer": "42A/D014",
            "source": "/m:Manifest/m:Number[2]",
            "line": mini.line(document, "MINI-2024-0515"),
        }
    ]
    assert result.ok  # a warning does not make the document unacceptable
    assert mini.texts(result, "Declaration/ID") == ["MINI-2024-0514"]


def test_an_unknown_document_kind_is_an_issue_and_the_message_has_no_kind(mini: Any) -> None:
    result = mini.normalize(mini.document(kind="import-declaration"))
    assert [issue.code for issue in result.issues] == ["kind.unknown"]
    assert "'import-declaration'" in result.issues[0].message
    assert mini.texts(result, "Header/DocumentKind") == []


def test_a_code_outside_an_extract_is_a_warning(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["FunctionCode"] = "m:Function"
    result = mini.normalize(mini.document(header="\n  <m:Function>ZZ</m:Function>"), mapping)
    assert mini.texts(result, "Declaration/FunctionCode") == ["ZZ"]  # kept: the list is only an extract
    assert [(issue.code, issue.severity) for issue in result.issues] == [("value.bad-code", "warning")]


def test_a_language_read_from_the_document_that_is_not_bcp47_is_not_written(mini: Any) -> None:
    mapping = mini.mapping()
    mapping["declaration"]["Carrier"]["Name"] = {"path": "m:Name", "language": {"path": "m:Name/@lang"}}
    document = mini.document().replace("<m:Name>", '<m:Name lang="русский язык">')
    result = mini.normalize(document, mapping)
    mini.message(result)
    assert result.issues
