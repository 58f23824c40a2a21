"""The values of an agreement that are not elements: durations, sizes, languages, delivery and its secret.

Each reader takes the raw YAML value and its place in the file, and returns the typed value or raises
InvalidAgreement naming the file, the YAML path and the reason.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pycountry

from gateway.agreements.yamlfile import Place
from gateway.errors import ConfigurationError

METHODS = ("pull", "push", "file")
MAX_SUSPENSION_REASON = 200
DELIVERY_KEYS = frozenset({"method", "endpoint", "secret", "private_networks"})
SECRET_KEYS = frozenset({"env", "file"})
_DURATION = re.compile(r"(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?")
_SIZE = re.compile(r"(?P<number>\d+)\s*(?P<unit>B|KB|MB|GB|KiB|MiB|GiB)")
_SIZE_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30}
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
PRIVATE_RANGES: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(network)
    for network in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)  # RFC 1918, RFC 6598 (carrier-grade NAT), RFC 4193: what a VPN between agencies uses
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_LANGUAGE_TAG = re.compile(
    r"(?P<language>[a-z]{2,3})(?:-(?P<script>[A-Z][a-z]{3}))?(?:-(?P<region>[A-Z]{2}))?"
)


@dataclass(frozen=True, slots=True)
class SecretReference:
    """Where the signing secret of a push delivery is kept: an environment variable or a file, never git."""

    env: str | None = None
    file: Path | None = None

    def read(self, environ: Mapping[str, str]) -> str:
        """The secret, from `environ` (the caller passes the process environment) or the file."""
        if self.env is not None:
            if not environ.get(self.env):
                raise ConfigurationError(f"the signing secret variable {self.env} is not set")
            return environ[self.env]
        if self.file is None:
            raise ConfigurationError("a secret reference names neither a variable nor a file")
        try:
            return self.file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigurationError(f"the signing secret file {self.file} cannot be read: {exc}") from None
        except UnicodeDecodeError:  # its message would quote the file's bytes: the secret's, perhaps
            raise ConfigurationError(f"the signing secret file {self.file} is not UTF-8 text") from None

    def __str__(self) -> str:
        return f"env:{self.env}" if self.env else f"file:{self.file}"


@dataclass(frozen=True, slots=True)
class DeliveryTerms:
    """How the partner receives: pull from its inbox, push to its endpoint, or a file dropped in a folder."""

    method: str
    endpoint: str | None
    secret: SecretReference | None
    private_networks: tuple[IPNetwork, ...] = ()  # where the push endpoint's name may lead (a VPN)


def duration(place: Place, value: Any) -> timedelta:
    """A positive duration in days, hours, minutes and seconds: ``30s``, ``10m``, ``1h30m``, ``2d``."""
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if match is None or not any(match.groupdict().values()):
        raise place.fail(f"{value!r} is not a duration such as 30s, 10m, 1h30m or 2d")
    parts = {key: int(number or 0) for key, number in match.groupdict().items()}
    result = timedelta(days=parts["d"], hours=parts["h"], minutes=parts["m"], seconds=parts["s"])
    if result <= timedelta(0):
        raise place.fail(f"{value!r} is not a positive duration")
    return result


def retry_schedule(place: Place, value: Any, time_to_live: timedelta) -> tuple[timedelta, ...]:
    """The waits before each retry: positive, never shorter than the one before, within the time to live."""
    waits = tuple(duration(place / index, item) for index, item in enumerate(place.sequence(value)))
    for index in range(1, len(waits)):
        if waits[index] < waits[index - 1]:
            raise (place / index).fail("a retry waits no less than the retry before it")
    for index, wait in enumerate(waits):
        if wait > time_to_live:
            raise (place / index).fail(f"waits longer than the time to live ({time_to_live})")
    return waits


def suspension(place: Place, value: Any) -> str | None:
    """Why a direction is suspended (its deliveries held), or None: absent or `false`. The reason is
    text an operator on call reads in every held delivery's event, so `true` alone is refused."""
    if value is None or value is False:
        return None
    if value is True:
        raise place.fail('say why, as text: suspended: "the partner\'s system is being migrated"')
    reason = place.text(value).strip()
    if len(reason) > MAX_SUSPENSION_REASON:
        raise place.fail(f"a reason of at most {MAX_SUSPENSION_REASON} characters")
    return reason


def payload_limit(place: Place, value: Any) -> int:
    """A size in bytes: a whole number, or a number with B, KB, MB, GB, KiB, MiB or GiB."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        match = _SIZE.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is None:
            raise place.fail(f"{value!r} is not a size such as 2000000, 512 KiB or 5 MB")
        size = int(match["number"]) * _SIZE_UNITS[match["unit"]]
    if size <= 0:
        raise place.fail("the payload limit must be more than 0 bytes")
    return size


def languages(place: Place, value: Any) -> tuple[str, ...]:
    """BCP 47 tags (language, optional script and region), each known to ISO 639 / 15924 / 3166."""
    tags = tuple(place.sequence(value))
    for index, tag in enumerate(tags):
        reason = _language_fault(tag)
        if reason:
            raise (place / index).fail(reason)
        if tags.index(tag) != index:
            raise (place / index).fail(f"{tag!r} is listed twice")
    return tags


def _language_fault(tag: Any) -> str | None:
    match = _LANGUAGE_TAG.fullmatch(tag) if isinstance(tag, str) else None
    if match is None:
        return f"{tag!r} is not a BCP 47 tag such as ru, kk, zh-Hans or uz-Latn"
    language = match["language"]
    if (pycountry.languages.get(alpha_2=language) or pycountry.languages.get(alpha_3=language)) is None:
        return f"{tag!r}: {language!r} is not an ISO 639 language"
    if match["script"] and pycountry.scripts.get(alpha_4=match["script"]) is None:
        return f"{tag!r}: {match['script']!r} is not an ISO 15924 script"
    if match["region"] and pycountry.countries.get(alpha_2=match["region"]) is None:
        return f"{tag!r}: {match['region']!r} is not an ISO 3166 country"
    return None


def delivery(place: Place, value: Any, folder: Path) -> DeliveryTerms:
    """The delivery method with its endpoint and, for push, the reference to its signing secret."""
    spec = place.mapping(value, frozenset({"method"}), DELIVERY_KEYS)
    method = spec["method"]
    if method not in METHODS:
        raise (place / "method").fail(f"{method!r} is not a delivery method; methods: {', '.join(METHODS)}")
    endpoint = _endpoint(place / "endpoint", method, spec.get("endpoint"))
    if method != "push":
        if "secret" in spec:
            raise (place / "secret").fail(f"only push deliveries are signed; {method} takes no secret")
        if "private_networks" in spec:
            raise (place / "private_networks").fail(f"only a push endpoint is resolved; {method} takes none")
        return DeliveryTerms(method, endpoint, None)
    if "secret" not in spec:
        raise place.fail("a push delivery is signed: give `secret` (env or file)")
    secret = _secret(place / "secret", spec["secret"], folder)
    if "private_networks" not in spec:
        return DeliveryTerms(method, endpoint, secret)
    return DeliveryTerms(method, endpoint, secret, private_networks(place / "private_networks", spec))


def private_networks(place: Place, spec: dict[str, Any]) -> tuple[IPNetwork, ...]:
    """The private networks a push endpoint's name may lead to: each a network (``10.20.0.0/16``) or an
    address inside one of `PRIVATE_RANGES`, none listed twice."""
    if isinstance(spec["private_networks"], bool):
        raise place.fail(
            "list the partner's networks, such as [10.20.0.0/16]: `true` would let its name lead to every "
            "private network the hub sits on"
        )
    networks: list[IPNetwork] = []
    for index, value in enumerate(place.sequence(spec["private_networks"])):
        network = _private_network(place / index, value)
        if network in networks:
            raise (place / index).fail(f"{network} is listed twice")
        networks.append(network)
    return tuple(networks)


def _private_network(place: Place, value: Any) -> IPNetwork:
    text = place.text(value)
    try:
        network = ipaddress.ip_network(text.strip())
    except ValueError as exc:
        raise place.fail(f"{text!r} is not a network such as 10.20.0.0/16 or fd12:3456::/48: {exc}") from None
    if not any(_within(network, wide) for wide in PRIVATE_RANGES):
        ranges = ", ".join(str(wide) for wide in PRIVATE_RANGES)
        raise place.fail(
            f"{network} is not inside a private range ({ranges}): a global address needs no listing, "
            "and loopback, link-local and the like are never allowed behind a name"
        )
    return network


def _within(network: IPNetwork, wide: IPNetwork) -> bool:
    if isinstance(network, ipaddress.IPv4Network) and isinstance(wide, ipaddress.IPv4Network):
        return network.subnet_of(wide)
    if isinstance(network, ipaddress.IPv6Network) and isinstance(wide, ipaddress.IPv6Network):
        return network.subnet_of(wide)
    return False


def _endpoint(place: Place, method: str, value: Any) -> str | None:
    if method == "pull":
        if value is not None:
            raise place.fail("a pull partner reads its inbox from the gateway: no endpoint")
        return None
    text = place.text(value)
    if method == "file":
        if not Path(text).is_absolute():
            raise place.fail(f"the drop folder {text!r} must be an absolute path")
        return text
    return _push_url(place, text)


def _push_url(place: Place, text: str) -> str:
    url = urlsplit(text)
    if url.scheme not in ("https", "http") or not url.hostname:
        raise place.fail(f"{text!r} is not an http(s) URL")
    if url.scheme == "http" and not _is_loopback(url.hostname):
        raise place.fail(f"{text!r}: a push endpoint beyond this machine must use https")
    return text


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _secret(place: Place, value: Any, folder: Path) -> SecretReference:
    if isinstance(value, str):
        raise place.fail("the secret itself must never be in the file: give {env: NAME} or {file: PATH}")
    spec = place.mapping(value, frozenset(), SECRET_KEYS)
    if len(spec) != 1:
        raise place.fail("give exactly one of env or file")
    if "env" in spec:
        name = place.text(spec["env"])
        if not _ENV_NAME.fullmatch(name):
            raise (place / "env").fail(f"{name!r} is not an environment variable name (A-Z, 0-9, _)")
        return SecretReference(env=name)
    path = Path((place / "file").text(spec["file"]))
    if not path.is_absolute():
        raise (place / "file").fail(f"{path} must be an absolute path")
    if path.resolve().is_relative_to(folder.resolve()):
        raise (place / "file").fail("a secret file inside the agreements folder would be committed to git")
    return SecretReference(file=path)
