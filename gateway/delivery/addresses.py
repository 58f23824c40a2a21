"""Where a push goes: the partner's endpoint name resolved once per attempt, checked, and pinned.

An agreement names a push endpoint; the partner owns the name's DNS. Resolved by the HTTP client as it
connects, the name could lead to the gateway's own machine (a database on 127.0.0.1, an admin port) or to
a cloud's metadata service (169.254.169.254), and the delivery's `last_error`, which the partner reads in
its status, would tell it what answered there. So a name is resolved here, every address it has is
checked, and the request goes to the first address, the name kept for TLS (SNI and the certificate's
check) and the Host header: a DNS answer that changes between the check and the connection (rebinding)
changes nothing. A name may lead only to global addresses (IPv4 mapped into IPv6 read as IPv4): loopback,
link-local, unspecified, multicast, reserved, site-local and the ranges that are not routed on the
internet are refused. So are the private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7: the
hub's own network), unless the agreement lists the partner's network in `delivery.private_networks` (an
agency reached over a VPN): a network there must lie inside those ranges, so no agreement opens loopback
or link-local. An endpoint that names an address itself, or ``localhost``, was written so by the operator
in a reviewed file that the partner cannot change, and is used as it is. Behind a proxy (``HTTPS_PROXY``
and the like in the environment, which the HTTP client follows) the name is checked but not pinned: the
proxy connects, and its tunnel checks the certificate against the URL's host.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from gateway.agreements.terms import PRIVATE_RANGES, IPAddress, IPNetwork

Resolve = Callable[[str, int], list[str]]


class ForbiddenAddress(Exception):
    """The endpoint's name leads to an address no push may go to."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where one attempt connects: the URL (with the address in place of a name), and the Host header
    and TLS server name that keep the name."""

    url: httpx.URL
    headers: dict[str, str] = field(default_factory=dict)
    extensions: dict[str, str] = field(default_factory=dict)


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses of `host`, as the system resolver gives them (raises OSError when it has none)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in found]


def forbidden(address: IPAddress, private_networks: tuple[IPNetwork, ...] = ()) -> bool:
    """Whether a push may not go to `address` when a name led there, `private_networks` being the
    networks the agreement allows (each inside `PRIVATE_RANGES`, as the agreement's loader checks)."""
    address = _unmapped(address)
    if any(address in network for network in private_networks):
        return False
    return (
        not address.is_global
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_multicast
        or address.is_reserved
        or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local)
    )


def is_private(address: IPAddress) -> bool:
    """Whether `address` lies in one of the private ranges an agreement may allow."""
    address = _unmapped(address)
    return any(address in network for network in PRIVATE_RANGES)


def target(
    endpoint: str,
    resolve: Resolve = resolve_host,
    refused: Callable[[IPAddress], bool] | None = None,
    pin: bool = True,
    private_networks: tuple[IPNetwork, ...] = (),
) -> Target:
    """Where to send to `endpoint`; ForbiddenAddress when its name leads where no push may go (`refused`,
    by default `forbidden` with the agreement's `private_networks`), OSError when it does not resolve.
    Without `pin` (a proxy connects, and checks the certificate of a tunnel against the URL's host), the
    name is checked but left in the URL."""
    url = httpx.URL(endpoint)
    host = url.host
    if host == "localhost" or _is_address(host):
        return Target(url)
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = [ipaddress.ip_address(found.split("%", 1)[0]) for found in resolve(host, port)]
    if not addresses:
        raise OSError(f"{host} has no address")
    for address in addresses:
        if refused(address) if refused is not None else forbidden(address, private_networks):
            raise ForbiddenAddress(f"{host} resolves to {address}, {_why(address)}")
    if not pin:
        return Target(url)
    netloc = host if url.port is None else f"{host}:{url.port}"
    return Target(url.copy_with(host=str(addresses[0])), {"host": netloc}, {"sni_hostname": host})


def _why(address: IPAddress) -> str:
    if is_private(address):
        return "a private address outside the agreement's delivery.private_networks"
    return "where no push may go"


def _unmapped(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
