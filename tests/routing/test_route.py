"""route(): the partners a message goes to, from what it names, filtered by the sender's agreements."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import pytest
from lxml import etree

from gateway.agreements import Agreements, Level
from gateway.model import load_model
from gateway.routing import Routing, route
from gateway.routing.mentions import mentions
from tests.golden_cases import GOLDEN

NS = "urn:carec-gateway:harmonized:1"
AGREEMENTS = Path(__file__).parent.parent.parent / "agreements"
MESSAGES = sorted(GOLDEN.glob("*/*/expected.xml"))


@pytest.fixture(scope="module")
def agreements() -> Agreements:
    return Agreements.load(AGREEMENTS)


def _golden(case: str) -> bytes:
    return (GOLDEN / case / "expected.xml").read_bytes()


def _summary(routing: Routing) -> tuple[list[tuple[str, str]], list[str]]:
    recipients = [(recipient.country, recipient.level.value) for recipient in routing.recipients]
    return recipients, [issue.code for issue in routing.issues]


ROUTES = [
    # golden case, sender, recipients (country, level) in order of mention, issue codes
    ("kz-eaeu-pi/road-manifest-khorgos", "KZ", [("CN", "SIE")], []),
    ("kz-eaeu-pi/rail-transit-dostyk-saryagash", "KZ", [("CN", "SIE"), ("UZ", "CIE")], []),
    ("kg-eaeu-pi/road-transit-torugart-akjol", "KG", [("CN", "SIE"), ("KZ", "SIE")], []),
    ("cn-gacc-manifest/air-tashkent-urumqi-pre-arrival", "CN", [("UZ", "SIE")], []),
    ("mn-customs-csv/rail-manifest-zamyn-uud-erenhot", "MN", [("CN", "SIE")], []),
    ("ncts-cc015c/poti-almaty-corridor", "GE", [("AZ", "SIE"), ("KZ", "SIE")], []),
    ("az-cuscar/ferry-aktau-alat-unoy", "AZ", [("KZ", "CIE")], []),
    ("tj-asycuda-manifest/road-dushanbe-nizhniy-pyanj-cp1251", "TJ", [("AF", "SIE")], []),
    ("tj-asycuda-manifest/road-khujand-fotehobod-utf8", "TJ", [("UZ", "SIE"), ("KZ", "SIE")], []),
    (
        "uz-customs-json/rail-transit-sariosiyo-cyrillic",
        "UZ",
        [("KZ", "CIE"), ("TJ", "SIE")],
        ["route.no-agreement"],
    ),
    ("ncts-cc015c/groupage-istanbul-tbilisi", "GE", [], ["route.no-agreement", "route.no-recipient"]),
    (
        "tj-asycuda-manifest/rail-pakhtaobod-containers",
        "TJ",
        [],
        ["route.no-agreement", "route.no-recipient"],
    ),
    # The same manifest as if Kazakhstan sent it: Tajikistan is named by the places of loading, Afghanistan
    # gets nothing (the Afghanistan-Tajikistan agreement runs one way, and Kazakhstan has none).
    ("tj-asycuda-manifest/road-dushanbe-nizhniy-pyanj-cp1251", "KZ", [("TJ", "SIE")], ["route.no-agreement"]),
]


@pytest.mark.parametrize(
    ("case", "sender", "recipients", "codes"), ROUTES, ids=[f"{c}-{s}" for c, s, *_ in ROUTES]
)
def test_a_golden_message_goes_to_the_agreed_countries_it_names(
    case: str, sender: str, recipients: list[tuple[str, str]], codes: list[str], agreements: Agreements
) -> None:
    routing = route(_golden(case), sender, agreements)
    assert _summary(routing) == (recipients, codes)
    assert routing.unrouted is (not recipients)


def test_each_recipient_is_told_which_elements_named_it(agreements: Agreements) -> None:
    routing = route(_golden("kz-eaeu-pi/rail-transit-dostyk-saryagash"), "KZ", agreements)
    uzbekistan = routing.recipients[1]
    assert [(m.element, m.value, m.pointer) for m in uzbekistan.reasons] == [
        ("Consignment/Itinerary/RoutingCountryCode", "UZ", "42A/28A[1]/81A[3]/064"),
        ("Consignment/UnloadingLocation/ID", "UZTAS", "42A/28A[1]/38B/X019"),
        ("Consignment/DestinationCountryCode", "UZ", "42A/28A[1]/465"),
    ]  # the office of destination, KZ51807, names the sender itself
    assert uzbekistan.agreement.file.name == "kz-uz.yaml"
    assert "Consignment/UnloadingLocation/ID UZTAS (42A/28A[1]/38B/X019)" in uzbekistan.why


def test_a_country_without_agreement_is_reported_with_the_element_that_named_it(
    agreements: Agreements,
) -> None:
    routing = route(_golden("uz-customs-json/rail-transit-sariosiyo-cyrillic"), "UZ", agreements)
    [russia] = [issue for issue in routing.issues if issue.code == "route.no-agreement"]
    assert russia.message.startswith("RU is named (Consignment/Itinerary/RoutingCountryCode RU")
    assert "UZ has no agreement to send to RU" in russia.message
    assert russia.pointer is not None and russia.pointer.endswith("/064")
    assert russia.severity == "warning"


@pytest.mark.parametrize(
    "message", MESSAGES, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}"
)
@pytest.mark.parametrize("sender", ["KZ", "CN", "UZ", "GE"])
def test_every_named_country_is_either_a_recipient_or_explained(
    message: Path, sender: str, agreements: Agreements
) -> None:
    root = etree.fromstring(message.read_bytes())
    kind = root.findtext(f"{{{NS}}}Header/{{{NS}}}DocumentKind")
    routing = route(root, sender, agreements)
    countries = [recipient.country for recipient in routing.recipients]
    assert sender not in countries and len(set(countries)) == len(countries)
    for recipient in routing.recipients:
        assert recipient.agreement.sender == sender and recipient.agreement.recipient == recipient.country
        assert kind in recipient.agreement.documents
        assert all(reason.country == recipient.country for reason in recipient.reasons)
    codes = ("route.no-agreement", "route.kind-not-agreed")
    explained = {issue.message[:2] for issue in routing.issues if issue.code in codes}
    declaration = root.find(f"{{{NS}}}Declaration")
    named = set() if declaration is None else {m.country for m in mentions(declaration, load_model())}
    assert named - {sender, None} == set(countries) | explained
    assert not set(countries) & explained
    assert routing.unrouted is any(issue.code == "route.no-recipient" for issue in routing.issues)


def _message(kind: str, office: str, office_id: str, destination: str) -> bytes:
    body = (
        f"<{office}><ID>{office_id}</ID></{office}>"
        f"<Consignment><DestinationCountryCode>{destination}</DestinationCountryCode></Consignment>"
    )
    return (
        f'<HarmonizedMessage xmlns="{NS}" version="1.0"><Header><DocumentKind>{kind}</DocumentKind>'
        "<SourceFormat>test</SourceFormat><SourceCountry>KZ</SourceCountry><ModelVersion>1.0</ModelVersion>"
        f"</Header><Declaration><ID>T-1</ID>{body}</Declaration></HarmonizedMessage>"
    ).encode()


def test_a_document_kind_the_agreement_does_not_cover_is_not_sent(agreements: Agreements) -> None:
    body = ("EntryOffice", "GE020200", "GE")
    routing = route(_message("cargo-report", *body), "KZ", agreements)  # ge-kz.yaml covers transit only
    assert _summary(routing) == ([], ["route.kind-not-agreed", "route.no-recipient"])
    assert "covers transit, not cargo-report" in routing.issues[0].message
    assert route(_message("transit", *body), "KZ", agreements).recipients[0].country == "GE"


def test_the_sender_never_routes_to_itself(agreements: Agreements) -> None:
    body = ("ExitOffice", "KZ55208", "KZ")
    routing = route(_message("cargo-report", *body), "KZ", agreements)
    assert _summary(routing) == ([], ["route.no-recipient"])
    assert "it names no country other than KZ" in routing.issues[0].message


def test_an_office_code_that_names_no_country_is_reported(agreements: Agreements) -> None:
    body = ("EntryOffice", "ZZ1234", "CN")
    routing = route(_message("cargo-report", *body), "KZ", agreements)
    assert _summary(routing) == ([("CN", "SIE")], ["route.unknown-country"])
    assert routing.issues[0].pointer == "42A/51A/X006"


def test_a_cie_pair_falls_back_to_sie_when_a_partner_is_unavailable(agreements: Agreements) -> None:
    message = _golden("kz-eaeu-pi/rail-transit-dostyk-saryagash")
    routing = route(message, "KZ", agreements, unavailable={"UZ"})
    china, uzbekistan = routing.recipients
    assert (uzbekistan.level, uzbekistan.agreement.level) == (Level.SIE, Level.CIE)
    assert uzbekistan.fallback == "CIE falls back to SIE: UZ unavailable"
    assert (china.level, china.fallback) == (Level.SIE, None)  # an SIE pair has nothing to fall back from
    own_side = route(message, "KZ", agreements, unavailable={"KZ"}).recipients[1]
    assert (own_side.level, own_side.fallback) == (Level.SIE, "CIE falls back to SIE: KZ unavailable")
    assert route(message, "KZ", agreements).recipients[1].level is Level.CIE


def test_the_reasons_stay_short_when_a_country_is_named_a_thousand_times(agreements: Agreements) -> None:
    root = etree.fromstring(_golden("kz-eaeu-pi/road-manifest-khorgos"))
    declaration = root.find(f"{{{NS}}}Declaration")
    assert declaration is not None
    consignment = declaration.find(f"{{{NS}}}Consignment")
    declaration.extend(deepcopy(consignment) for _ in range(998))  # 1,000 consignments
    routing = route(root, "KZ", agreements)
    [china] = routing.recipients
    assert len(china.reasons) == 1000 * 3  # each names CN as itinerary, unloading place and destination
    assert "Consignment/Itinerary/RoutingCountryCode CN (42A/28A[1]/81A[2]/064) and 999 more" in china.why
    assert len(china.why) < 400


def test_a_code_that_names_no_country_is_reported_once_however_often_it_is_repeated(
    agreements: Agreements,
) -> None:
    root = etree.fromstring(_golden("kz-eaeu-pi/road-manifest-khorgos"))
    for location in root.iter(f"{{{NS}}}UnloadingLocation"):
        code = location.find(f"{{{NS}}}ID")
        assert code is not None
        code.text = "XZOIL"  # XZ: UN/LOCODE's installations in international waters, in no country
    routing = route(root, "KZ", agreements)
    [unknown] = [issue for issue in routing.issues if issue.code == "route.unknown-country"]
    assert (
        unknown.message
        == "Consignment/UnloadingLocation/ID 'XZOIL' does not start with an ISO 3166 country code (2 places)."
    )
    assert unknown.pointer == "42A/28A[1]/38B/X019"
    assert [recipient.country for recipient in routing.recipients] == ["CN"]
