"""Push delivery: a signed HTTP POST of the message to the partner's endpoint (Standard Webhooks).

2xx means delivered. 410 Gone disables the endpoint. 408, 425, 429 and 5xx, timeouts and connection
failures are retried, honouring ``Retry-After``. Any other answer (another 4xx, a redirect, which is not
followed) means the partner refuses these bytes: retrying them cannot help, so the delivery becomes a
dead letter for an operator to look at. The endpoint's name is resolved, checked and pinned at each
attempt (`gateway.delivery.addresses`): a name that leads to the gateway's own machine, a link-local
address or a private network the agreement does not list is `push.forbidden-address`, a dead letter. The
request never outlives the delivery's time to live: its timeout is cut to the time left, and nothing is
sent once that is zero. The answer's body is never read.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.request import getproxies

import httpx

from gateway.delivery.addresses import ForbiddenAddress, Resolve, resolve_host, target
from gateway.delivery.attempt import AttemptResult, Delivered, Gone, Late, Parcel, Refused, Retry, http_error
from gateway.delivery.clock import Clock, utc_now
from gateway.delivery.schedule import parse_retry_after
from gateway.delivery.webhooks import signature_headers

RETRIED_STATUSES = frozenset({408, 425, 429})
USER_AGENT = "carec-gateway"


class PushDeliverer:
    """Posts parcels with one shared HTTP client (thread-safe, keeps connections to partners open)."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        timeout: timedelta = timedelta(seconds=30),
        clock: Clock = utc_now,
        resolve: Resolve = resolve_host,
    ) -> None:
        self.client = client if client is not None else httpx.Client(follow_redirects=False)
        self.timeout = timeout
        self.clock = clock
        self.resolve = resolve
        self.pin = not getproxies()  # behind a proxy, the proxy connects (`addresses.target`)

    def deliver(self, parcel: Parcel) -> AttemptResult:
        now = self.clock()
        left = min(self.timeout, parcel.deadline - now).total_seconds()
        if left <= 0:
            return Late("push.late: the time to live ran out before the message was sent")
        headers = signature_headers(parcel.webhook_id, now, parcel.body, parcel.signing_keys)
        headers |= {"content-type": parcel.media_type, "user-agent": USER_AGENT}
        try:
            to = target(  # resolved once, checked, pinned
                parcel.endpoint, self.resolve, pin=self.pin, private_networks=parcel.private_networks
            )
            with self.client.stream(
                "POST", to.url, content=parcel.body, headers=headers | to.headers, timeout=left,
                extensions=to.extensions,
            ) as response:  # fmt: skip
                return self._judge(response)
        except ForbiddenAddress as exc:
            return Refused(f"push.forbidden-address: {exc}")
        except httpx.TimeoutException:
            return Retry(f"push.timeout: no answer within {left:.1f} s")
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            return Refused(f"push.bad-endpoint: {parcel.endpoint!r}: {exc}")
        except (httpx.TransportError, OSError) as exc:  # OSError: the name does not resolve (now)
            return Retry(f"push.unreachable: {type(exc).__name__}: {exc}")

    def _judge(self, response: httpx.Response) -> AttemptResult:
        status, reason = response.status_code, response.reason_phrase
        if 200 <= status < 300:
            return Delivered(f"HTTP {status}")
        if status == 410:
            return Gone(http_error("push.gone", status, reason))
        if status in RETRIED_STATUSES or status >= 500:
            header = response.headers.get("retry-after")
            wait = parse_retry_after(header, self.clock())
            return Retry(http_error(f"push.http-{status}", status, reason, header), wait)
        return Refused(http_error("push.refused", status, reason))

    def close(self) -> None:
        self.client.close()
