"""The address guard: which URLs may be fetched, and which addresses may be connected to.

Two rules close the ways a crawler is turned against the machine it runs on:

1. A URL is read once, by the parser the HTTP client connects with (urllib3's), and refused when another
   reader could see another host in it: a backslash (`http://127.0.0.1:8080\\@gov.cn/` is 127.0.0.1 to
   urllib3 and gov.cn to urlsplit), user info, control characters or spaces in the authority.
2. The address checked is the address connected to: the connection resolves the name once, refuses it if
   any answer is loopback, private, link-local, reserved or multicast (IPv6 forms that embed such an IPv4
   address included), and connects to exactly the vetted answer, so DNS rebinding has no second lookup to
   win.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


class UnsafeURL(ValueError):
    """A URL that is malformed or that two parsers could read as different hosts."""


class ForbiddenAddress(OSError):
    """A name that resolves to an address policytrack never connects to."""


class Unresolvable(OSError):
    """A name that does not resolve."""


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), 6to4
    (2002:AABB:CCDD::), Teredo's client, or NAT64 (64:ff9b::a.b.c.d)."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if int(ip) >> 32 == 0 or ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(address: str) -> bool:
    """True for a globally routable unicast address; False for loopback, private, link-local, reserved,
    multicast, and IPv6 addresses that embed any of those."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if ip.version == 6:
        if ip in _NAT64_LOCAL:
            return False
        inner = _embedded_ipv4(ip)  # type: ignore[arg-type]
        if inner is not None and not (inner.is_global and not inner.is_multicast):
            return False
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True, slots=True)
class CheckedURL:
    scheme: str
    host: str  # lower-case, IPv6 without brackets
    port: int | None


def check_url(url: str) -> CheckedURL:
    """The scheme, host and port of an http(s) URL as the HTTP client will connect, or UnsafeURL."""
    from urllib3.exceptions import LocationParseError
    from urllib3.util import parse_url

    if "\\" in url:
        raise UnsafeURL("ambiguous URL (a backslash): not fetched")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise UnsafeURL("malformed URL (a control character)")
    try:
        parts = urlsplit(url)
        split_host, split_port = (parts.hostname or "").lower(), parts.port
        parsed = parse_url(url)
    except (ValueError, LocationParseError) as exc:
        raise UnsafeURL(f"malformed URL ({str(exc).splitlines()[0][:80]})") from None
    scheme = (parts.scheme or "").lower()
    if scheme not in ("http", "https"):
        raise UnsafeURL(f"not an http(s) URL: {url[:200]}")
    if "@" in parts.netloc or parsed.auth:
        raise UnsafeURL("a URL with user info (user@host): not fetched")
    host = (parsed.host or "").lower().strip("[]")
    if not host or any(ch.isspace() for ch in parts.netloc):
        raise UnsafeURL("malformed URL (no host, or a space in it)")
    if host != split_host or (parsed.port or None) != (split_port or None):
        raise UnsafeURL("ambiguous URL (its host reads two ways): not fetched")
    return CheckedURL(scheme, host, parsed.port)


def connect(host: str, port: int, timeout: float | None, *, allow_private: bool = False,
            source_address: tuple[str, int] | None = None,
            socket_options: list[tuple[int, int, int]] | None = None) -> socket.socket:
    """A TCP connection to `host`, resolved once here; every answer is checked before any is used."""
    try:
        infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise Unresolvable(f"cannot resolve {host}: {exc.strerror or exc}") from None
    if not allow_private:
        for info in infos:
            if not is_public(str(info[4][0])):
                raise ForbiddenAddress(f"{host} is a private or loopback address ({info[4][0]}); not fetched")
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            for option in socket_options or ():
                sock.setsockopt(*option)
            sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error or OSError(f"no address for {host}")
