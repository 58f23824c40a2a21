"""A partner's endpoint name that leads into a private network (10/8, 172.16/12, 192.168/16, 100.64/10,
fc00::/7) is refused unless its agreement lists that network in `delivery.private_networks`: the hub's
other machines sit in those ranges, and the partner, who owns its name's DNS, reads `last_error`.

A VPN stands in for the network between the hub and a partner: `Routes` connects an address the test
names (10.0.0.5, "the partner's machine behind the VPN") to 127.0.0.1, where a real partner listens, and
refuses every other address but loopback, so nothing leaves this machine even if a check fails."""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpcore
import httpx
import pytest
from delivery_system import SECRET_VARIABLE, edit_direction, push_agreements
from outbox import MovableClock, accept_documents
from webhook_partner import Partner

from gateway.agreements import LiveAgreements
from gateway.delivery.attempt import Delivered, Parcel, Refused
from gateway.delivery.dead_letters import dead_letter_page, resend_partner
from gateway.delivery.dispatcher import Dispatcher
from gateway.delivery.policy import AgreementPolicy
from gateway.delivery.push import PushDeliverer
from gateway.delivery.queue import InProcessQueue
from gateway.delivery.webhooks import WebhookSecret
from gateway.store.memory import MemoryStore

KEY = str(WebhookSecret.generate())
PARTNER_ADDRESS = "10.0.0.5"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class Routes(httpcore.NetworkBackend):
    """The network as the HTTP client sees it: `routes` lead an address to loopback; any other address but
    loopback is unreachable. `connected` lists every address a connection was asked for."""

    def __init__(self, routes: dict[str, str]) -> None:
        self.routes, self.connected = routes, list[str]()
        self.backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        self.connected.append(host)
        to = self.routes.get(host, host)
        if to not in LOOPBACK:
            raise httpcore.ConnectError(f"{host}: no route beyond this machine in a test")
        return self.backend.connect_tcp(to, port, timeout, local_address, socket_options)


def _client(routes: Routes, context: ssl.SSLContext | None = None) -> httpx.Client:
    transport = httpx.HTTPTransport(verify=context or True)
    # httpx takes no network backend; its pool is httpcore's, which does (the rest is httpx's own).
    transport._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=routes)
    return httpx.Client(transport=transport, follow_redirects=False)


def _to_the_vpn(host: str, port: int) -> list[str]:
    """The partner's DNS: every name leads to its machine behind the VPN."""
    return [PARTNER_ADDRESS]


def _parcel(endpoint: str, networks: tuple[str, ...] = ()) -> Parcel:
    deadline = datetime.now(UTC) + timedelta(hours=1)
    allowed = tuple(ipaddress.ip_network(network) for network in networks)
    return Parcel("msg_1_KG", endpoint, b"<Declaration/>", "application/xml", deadline, (KEY,), allowed)


@pytest.fixture
def partner() -> Iterator[Partner]:
    partner = Partner([KEY]).start()
    yield partner
    partner.stop()


def test_a_name_that_leads_into_a_private_network_reaches_it_only_when_the_agreement_lists_it(
    partner: Partner,
) -> None:
    routes = Routes({PARTNER_ADDRESS: "127.0.0.1"})
    push = PushDeliverer(_client(routes), timedelta(seconds=2), resolve=_to_the_vpn)
    endpoint = f"http://partner.example:{partner.port}/customs/inbox"
    unlisted = push.deliver(_parcel(endpoint))
    elsewhere = push.deliver(_parcel(endpoint, ("10.0.1.0/24", "192.168.0.0/16")))
    assert (unlisted, elsewhere) == (Refused(_refusal()), Refused(_refusal()))
    assert routes.connected == [] and partner.requests == 0
    listed = push.deliver(_parcel(endpoint, ("10.0.0.0/24",)))
    push.close()
    assert isinstance(listed, Delivered), listed
    assert routes.connected == [PARTNER_ADDRESS]
    assert partner.hosts == [f"partner.example:{partner.port}"] and list(partner.received) == ["msg_1_KG"]


def _refusal() -> str:
    return (
        f"push.forbidden-address: partner.example resolves to {PARTNER_ADDRESS}, a private address outside "
        "the agreement's delivery.private_networks"
    )


@dataclass
class Hub:
    clock: MovableClock
    store: MemoryStore
    folder: Path
    dispatcher: Dispatcher
    routes: Routes

    def run(self) -> None:
        self.dispatcher.sweep()
        while self.dispatcher.run_once():
            pass


@pytest.fixture
def hub(tmp_path: Path, tls_partner: tuple[int, Path, list[str]]) -> Iterator[Hub]:
    """Kazakhstan pushes to Kyrgyzstan at https://partner.example (its name leads to the VPN's address,
    where an HTTPS partner with a certificate for that name answers), under agreements the test edits."""
    port, certificate, _ = tls_partner
    clock = MovableClock()
    store = MemoryStore(clock)
    folder = push_agreements(tmp_path / "agreements", f"https://partner.example:{port}/inbox")
    policy = AgreementPolicy(store, LiveAgreements(folder, check_seconds=0), environ={SECRET_VARIABLE: KEY})
    routes = Routes({PARTNER_ADDRESS: "127.0.0.1"})
    client = _client(routes, ssl.create_default_context(cafile=str(certificate)))
    push = PushDeliverer(client, timedelta(seconds=5), clock, resolve=_to_the_vpn)
    queue = InProcessQueue(timedelta(seconds=5))
    yield Hub(clock, store, folder, Dispatcher(store, queue, {"push": push}, clock, policy=policy), routes)
    push.close()


def test_the_refusal_is_a_dead_letter_the_operator_reads_and_resends_once_the_agreement_lists_the_network(
    hub: Hub, tls_partner: tuple[int, Path, list[str]]
) -> None:
    port, _, seen = tls_partner
    accept_documents(hub.store, 1, "https://unused.example/", hub.clock())
    hub.run()
    page = dead_letter_page(hub.store, "KG", hub.clock())
    assert [letter.reason.code for letter in page.letters] == ["push.forbidden-address"]
    assert page.letters[0].delivery.last_error == _refusal()
    assert hub.routes.connected == []
    edit_direction(
        hub.folder,
        "delivery",
        f"{{method: push, endpoint: 'https://partner.example:{port}/inbox', "
        f"secret: {{env: {SECRET_VARIABLE}}}, private_networks: [10.0.0.0/24]}}",
    )
    assert resend_partner(hub.store, "KG", hub.clock()).resent
    hub.run()
    assert [d.state for d in hub.store.deliveries("m000001") if d.kind == "message"] == ["delivered"]
    assert hub.routes.connected == [PARTNER_ADDRESS]
    assert seen[-2:] == ["sni partner.example", f"host partner.example:{port}"]
