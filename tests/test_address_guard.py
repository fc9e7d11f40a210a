"""The address guard: no URL form, redirect or resolver trick reaches a loopback or private address.

Each case runs against a local server that records every request it receives; the server must see none.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from policytrack.sources.addresses import ForbiddenAddress, UnsafeURL, check_url, connect, is_public
from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.transport import LiveTransport, RawResponse, TransportError


class _Recorder(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.server.seen.append(self.path)  # type: ignore[attr-defined]
        body = "INTERNAL-SECRET 数据标注 内部页面".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(family: int, host: str) -> http.server.ThreadingHTTPServer:
    class Server(http.server.ThreadingHTTPServer):
        address_family = family

    srv = Server((host, 0), _Recorder)
    srv.seen = []  # type: ignore[attr-defined]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


@pytest.fixture
def internal() -> Iterator[http.server.ThreadingHTTPServer]:
    srv = _serve(socket.AF_INET, "127.0.0.1")
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def internal6() -> Iterator[http.server.ThreadingHTTPServer]:
    try:
        srv = _serve(socket.AF_INET6, "::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    yield srv
    srv.shutdown()
    srv.server_close()


def _port(srv: http.server.ThreadingHTTPServer) -> int:
    return srv.server_address[1]


class _Redirecting:
    """A public detail page (scripted) that redirects to `location`; every other URL goes to a real,
    guarded LiveTransport, which is what would connect."""

    def __init__(self, page: str, location: str) -> None:
        self.page, self.location, self.live = page, location, LiveTransport()

    def send(self, url: str, headers: dict[str, str], timeout: tuple[float, float]) -> RawResponse:
        if url == self.page:
            return RawResponse(url, 302, {"location": self.location}, b"")
        return self.live.send(url, headers, (1, 1))


@pytest.mark.parametrize("template", [
    "http://127.0.0.1:{port}\\@allowed.gov.cn/internal/x",
    "http://127.0.0.1:{port}\\\\@allowed.gov.cn/internal/x",
    "http://127.0.0.1:{port}/\\@allowed.gov.cn/internal/x",
])
def test_a_redirect_with_a_backslash_never_reaches_loopback(internal, template: str) -> None:
    evil = template.format(port=_port(internal))
    fetcher = Fetcher(_Redirecting("https://allowed.gov.cn/detail.html", evil), polite=False, robots=False)
    with pytest.raises(FetchError, match="redirected to"):
        fetcher.get("https://allowed.gov.cn/detail.html", allowed_hosts={"allowed.gov.cn"})
    assert internal.seen == []


def test_an_ipv6_redirect_with_a_backslash_never_reaches_loopback(internal6) -> None:
    evil = f"http://[::1]:{_port(internal6)}\\@allowed.gov.cn/internal/x"
    fetcher = Fetcher(_Redirecting("https://allowed.gov.cn/detail.html", evil), polite=False, robots=False)
    with pytest.raises(FetchError, match="backslash"):
        fetcher.get("https://allowed.gov.cn/detail.html", allowed_hosts={"allowed.gov.cn"})
    assert internal6.seen == []


def test_a_start_url_with_a_backslash_never_reaches_loopback(internal, internal6) -> None:
    for url in (f"http://127.0.0.1:{_port(internal)}\\@public.gov.cn/list",
                f"http://[::1]:{_port(internal6)}\\@public.gov.cn/list"):
        with pytest.raises(FetchError, match="backslash"):
            Fetcher(LiveTransport(), polite=False, robots=False).get(url, allowed_hosts={"public.gov.cn"})
        with pytest.raises(TransportError, match="backslash") as e:  # the transport refuses it on its own too
            LiveTransport().send(url, {}, (1, 1))
        assert not e.value.retryable
    assert internal.seen == [] and internal6.seen == []


def test_user_info_and_malformed_urls_are_refused_not_raised(internal) -> None:
    fetcher = Fetcher(LiveTransport(), polite=False, robots=False)
    for url, why in ((f"http://public.gov.cn@127.0.0.1:{_port(internal)}/x", "user info"),
                     ("http://[::1/x", "malformed"), ("http://exa mple.gov.cn/", "space"),
                     ("http://a.gov.cn:99999/", "malformed")):
        with pytest.raises(FetchError, match=why):
            fetcher.get(url)
    assert internal.seen == []


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "[::127.0.0.1]", "[::ffff:127.0.0.1]",
                                  "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[64:ff9b:1::1]", "10.1.2.3",
                                  "169.254.169.254", "[fe80::1]", "0.0.0.0", "224.0.0.1"])
def test_loopback_private_and_embedding_addresses_are_refused(internal, host: str) -> None:
    with pytest.raises(TransportError, match="private or loopback") as e:
        LiveTransport().send(f"http://{host}:{_port(internal)}/internal", {}, (1, 1))
    assert not e.value.retryable and internal.seen == []


def test_is_public() -> None:
    assert is_public("8.8.8.8") and is_public("2400:3200::1") and is_public("64:ff9b::808:808")
    for address in ("127.0.0.1", "::1", "::127.0.0.1", "::ffff:10.0.0.1", "2002:c0a8:101::", "192.168.1.1",
                    "100.64.0.1", "fc00::1", "garbage"):
        assert not is_public(address), address


def test_dns_rebinding_the_address_checked_is_the_address_connected(internal, monkeypatch) -> None:
    """A resolver that answers a public address first and loopback afterwards: the connection uses the one
    answer it vetted, and the later answer is refused."""
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", _port(internal)))]])
    loopback = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", _port(internal)))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: next(answers, loopback))
    connected: list[object] = []
    real_connect = socket.socket.connect

    def record(self: socket.socket, address: object) -> None:
        connected.append(address)
        if address[0] != "127.0.0.1":  # type: ignore[index]
            raise ConnectionRefusedError("no network in tests")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", record)
    transport = LiveTransport()
    with pytest.raises(TransportError, match="connection failed"):
        transport.send("http://rebind.example.gov.cn/internal", {}, (1, 1))
    with pytest.raises(TransportError, match="private or loopback"):
        transport.send("http://rebind.example.gov.cn/internal", {}, (1, 1))
    assert connected == [("8.8.8.8", _port(internal))] and internal.seen == []


def test_connect_refuses_before_opening_a_socket(internal) -> None:
    with pytest.raises(ForbiddenAddress):
        connect("127.0.0.1", _port(internal), 1)
    connect("127.0.0.1", _port(internal), 1, allow_private=True).close()  # tests and the bench farm only


def test_check_url_reads_the_host_as_the_client_connects() -> None:
    assert check_url("https://WWW.Gov.CN:443/zhengce/").host == "www.gov.cn"
    assert check_url("http://[2400:3200::1]:8080/x").host == "2400:3200::1"
    with pytest.raises(UnsafeURL):
        check_url("ftp://www.gov.cn/")
