"""The address a request really came from, for sign-in throttling behind an HTTPS proxy.

Behind a proxy, REMOTE_ADDR is the proxy for everybody, so throttling by it lets one person lock
everyone out. Each proxy appends the address it received the request from to X-Forwarded-For;
whatever is further left was written by the client and proves nothing. With N trusted proxies the
client is therefore the Nth address from the right: what the outermost proxy saw.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the one the trusted proxies recorded.

    Wired up by ``AXES_CLIENT_IP_CALLABLE``; ``HEADWAY_TRUSTED_PROXIES`` says how many proxies
    stand in front (0: none, REMOTE_ADDR is the client). A header with fewer addresses than that,
    or a garbled one, did not come through the proxies as configured: the address that connected
    is used then, so no header a client writes can choose the address.
    """
    remote = request.META.get("REMOTE_ADDR")
    trusted = settings.HEADWAY_TRUSTED_PROXIES
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < trusted:
        return remote
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
