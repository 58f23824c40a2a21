"""Where a push goes: the partner's endpoint name resolved once per attempt, checked, and pinned.

An agreement names a push endpoint; the partner owns the name's DNS. Resolved by the HTTP client as it
connects, the name could lead to the gateway's own machine (a database on 127.0.0.1, an admin port) or to
a cloud's metadata service (169.254.169.254), and the delivery's `last_error`, which the partner reads in
its status, would tell it what answered there. So a name is resolved here, every address it has is
checked, and the request goes to the first address, the name kept for TLS (SNI and the certificate's
check) and the Host header: a DNS answer that changes between the check and the connection (rebinding)
changes nothing. Refused, for a name: loopback, link-local, unspecified, multicast and reserved
addresses (IPv4 mapped into IPv6 included). Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) stay
allowed: agencies reach each other over private networks. An endpoint that names an address itself, or
``localhost``, was written so by the operator and is used as it is. Behind a proxy (``HTTPS_PROXY`` and
the like in the environment, which the HTTP client follows) the name is checked but not pinned: the proxy
connects, and its tunnel checks the certificate against the URL's host.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
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


def forbidden(address: IPAddress) -> bool:
    """Whether a push may not go to `address` when a name led there."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_multicast
        or address.is_reserved
    )


def target(
    endpoint: str,
    resolve: Resolve = resolve_host,
    refused: Callable[[IPAddress], bool] = forbidden,
    pin: bool = True,
) -> Target:
    """Where to send to `endpoint`; ForbiddenAddress when its name leads where no push may go, OSError
    when it does not resolve. Without `pin` (a proxy connects, and checks the certificate of a tunnel
    against the URL's host), the name is checked but left in the URL."""
    url = httpx.URL(endpoint)
    host = url.host
    if host == "localhost" or _is_address(host):
        return Target(url)
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = [ipaddress.ip_address(found.split("%", 1)[0]) for found in resolve(host, port)]
    if not addresses:
        raise OSError(f"{host} has no address")
    for address in addresses:
        if refused(address):
            raise ForbiddenAddress(f"{host} resolves to {address}, where no push may go")
    if not pin:
        return Target(url)
    netloc = host if url.port is None else f"{host}:{url.port}"
    return Target(url.copy_with(host=str(addresses[0])), {"host": netloc}, {"sni_hostname": host})


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
