"""A push goes where the agreement's endpoint name leads when it is checked, and never to the gateway's
own machine, a link-local address or a private network the agreement does not list through a name
(`gateway.delivery.addresses`): a partner owns its name's DNS, and reads its deliveries' `last_error`."""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from webhook_partner import Partner

from gateway.delivery.addresses import ForbiddenAddress, forbidden, target
from gateway.delivery.attempt import Delivered, Parcel, Refused, Retry
from gateway.delivery.push import PushDeliverer
from gateway.delivery.webhooks import WebhookSecret

KEY = str(WebhookSecret.generate())
BODY = b"<Declaration/>"


@pytest.fixture
def partner() -> Iterator[Partner]:
    partner = Partner([KEY]).start()
    yield partner
    partner.stop()


def _parcel(endpoint: str) -> Parcel:
    return Parcel(
        "msg_1_KG", endpoint, BODY, "application/xml", datetime.now(UTC) + timedelta(hours=1), (KEY,)
    )


@pytest.mark.parametrize("host", ["2130706433", "0x7f.1", "127.1"], ids=["decimal", "hexadecimal", "short"])
def test_a_name_that_leads_to_this_machine_is_refused_and_nothing_is_sent(
    partner: Partner, host: str
) -> None:
    """Forms of 127.0.0.1 that are not written as an address (the resolver reads them as one): a name
    as far as the agreement's check goes, this machine as far as a connection goes."""
    push = PushDeliverer(timeout=timedelta(seconds=2))
    result = push.deliver(_parcel(f"http://{host}:{partner.port}/customs/inbox"))
    push.close()
    assert isinstance(result, Refused) and result.error.startswith("push.forbidden-address"), result
    assert partner.requests == 0


def test_an_endpoint_written_as_an_address_or_localhost_is_used_as_written(partner: Partner) -> None:
    push = PushDeliverer(timeout=timedelta(seconds=2))
    for endpoint in (partner.url, partner.url.replace("127.0.0.1", "localhost")):
        assert isinstance(push.deliver(_parcel(endpoint)), Delivered), endpoint
    push.close()
    assert partner.requests == 2


def test_a_name_is_resolved_once_and_the_request_goes_to_that_address_with_the_name_as_host(
    partner: Partner,
) -> None:
    """Pinned: the address checked is the address connected to (a DNS answer that changes in between,
    rebinding, changes nothing), the name kept in the Host header and for TLS."""
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]  # stands for a partner's public address (no traffic beyond loopback here)

    found = target(f"https://partner.example:{partner.port}/inbox", resolve, refused=lambda _: False)
    assert (str(found.url), found.headers, found.extensions) == (
        f"https://127.0.0.1:{partner.port}/inbox",
        {"host": f"partner.example:{partner.port}"},
        {"sni_hostname": "partner.example"},
    )
    push = PushDeliverer(timeout=timedelta(seconds=2), resolve=resolve)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "gateway.delivery.push.target",
            lambda endpoint, resolve, **_: target(endpoint, resolve, lambda _: False, pin=True),
        )
        assert isinstance(
            push.deliver(_parcel(f"http://partner.example:{partner.port}/customs/inbox")), Delivered
        )
    push.close()
    assert asked == ["partner.example", "partner.example"]
    assert partner.hosts == [f"partner.example:{partner.port}"]


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("127.0.0.1", True), ("::1", True), ("::ffff:127.0.0.1", True), ("169.254.169.254", True),
        ("fe80::1", True), ("0.0.0.0", True), ("224.0.0.1", True), ("240.0.0.1", True),
        ("10.1.2.3", True), ("192.168.5.5", True), ("172.16.0.9", True), ("100.64.0.1", True),
        ("fd00::5", True), ("::ffff:10.1.2.3", True), ("fec0::1", True), ("198.18.0.1", True),
        ("203.0.113.10", True), ("2001:db8::1", True), ("8.8.8.8", False), ("2606:4700::1", False),
    ],
)  # fmt: skip
def test_which_addresses_a_name_may_not_lead_to(address: str, refused: bool) -> None:
    """Only global addresses: not the gateway's own machine, link-local (cloud metadata), unspecified,
    multicast, reserved, site-local, documentation or benchmark ranges, nor the private ranges of the
    hub's own network unless an agreement lists them."""
    assert forbidden(ipaddress.ip_address(address)) is refused


@pytest.mark.parametrize(
    ("address", "networks", "refused"),
    [
        ("10.1.2.3", ["10.1.0.0/16"], False), ("::ffff:10.1.2.3", ["10.1.0.0/16"], False),
        ("10.2.0.1", ["10.1.0.0/16"], True), ("100.64.7.7", ["100.64.0.0/10"], False),
        ("fd12:3456::9", ["10.0.0.0/8", "fd12:3456::/48"], False), ("fd99::9", ["fd12:3456::/48"], True),
        ("127.0.0.1", ["10.0.0.0/8"], True), ("169.254.169.254", ["10.0.0.0/8"], True),
    ],
)  # fmt: skip
def test_an_agreements_private_networks_open_those_networks_and_nothing_else(
    address: str, networks: list[str], refused: bool
) -> None:
    allowed = tuple(ipaddress.ip_network(network) for network in networks)
    assert forbidden(ipaddress.ip_address(address), allowed) is refused


def test_behind_a_proxy_a_name_is_checked_but_left_to_the_proxy() -> None:
    """A proxy's tunnel checks the partner's certificate against the URL's host: an address there would
    fail it. The name is still checked."""
    found = target("https://partner.example/inbox", lambda host, port: ["8.8.8.8"], pin=False)
    assert (str(found.url), found.headers, found.extensions) == ("https://partner.example/inbox", {}, {})
    with pytest.raises(ForbiddenAddress):
        target("https://partner.example/inbox", lambda host, port: ["169.254.169.254"], pin=False)


def test_a_pinned_https_push_checks_the_partners_certificate_against_its_name(
    tls_partner: tuple[int, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The request goes to the address checked, and TLS still names the partner (SNI) and checks its
    certificate against the name: a certificate for another name is refused, verification stays on."""
    port, certificate, seen = tls_partner
    monkeypatch.setattr(
        "gateway.delivery.push.target",
        lambda endpoint, resolve, **_: target(endpoint, resolve, lambda _: False, pin=True),
    )
    trusting = httpx.Client(
        verify=ssl.create_default_context(cafile=str(certificate)), follow_redirects=False
    )
    push = PushDeliverer(trusting, timedelta(seconds=5), resolve=lambda host, port: ["127.0.0.1"])
    assert isinstance(push.deliver(_parcel(f"https://partner.example:{port}/inbox")), Delivered)
    assert seen[-2:] == ["sni partner.example", f"host partner.example:{port}"]
    other = push.deliver(_parcel(f"https://other.example:{port}/inbox"))
    push.close()
    assert isinstance(other, Retry) and "CERTIFICATE_VERIFY_FAILED" in other.error, other
