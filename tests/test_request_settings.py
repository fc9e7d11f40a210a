"""Per-source request settings and the ways out: POST through the one seam (live, recorded, replayed), a
source's headers on every request, tls = "legacy" hosts, the plain-http fallback, and a proxy (--proxy or
$HTTPS_PROXY) that is trusted while its targets are still vetted."""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from policytrack.parser.errors import UsageError
from policytrack.sources.client import SourceClient
from policytrack.sources.families import family_for
from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.records import ListRequest, SourceSpec
from policytrack.sources.transport import (
    LiveTransport,
    RawResponse,
    RecordingTransport,
    ReplayTransport,
    TransportError,
)
from tests.conftest import run_cli


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str, bytes, dict[str, str]]] = []

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        Handler.seen.append((self.command, self.path, body, dict(self.headers)))
        if self.path.startswith("/see-other"):
            self.send_response(303)
            self.send_header("Location", "/landing")
            self.end_headers()
            return
        if self.path.startswith("/temporary"):
            self.send_response(307)
            self.send_header("Location", "/landing")
            self.end_headers()
            return
        out = f"{self.command} {self.path} {body.decode()}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = _answer


@pytest.fixture
def server() -> Iterator[str]:
    Handler.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def fetcher(transport) -> Fetcher:
    return Fetcher(transport, polite=False, robots=False, retries=0)


# ---- POST through the seam ---------------------------------------------------------------------------

def test_a_post_goes_out_as_a_form_and_follows_redirects_as_browsers_do(server: str) -> None:
    f = fetcher(LiveTransport(allow_private=True))
    page = f.get(server + "/module/jpage/dataproxy.jsp?startrecord=1", body=b"col=1&webid=3096")
    assert page.text == "POST /module/jpage/dataproxy.jsp?startrecord=1 col=1&webid=3096"
    method, _, body, headers = Handler.seen[-1]
    assert (method, body) == ("POST", b"col=1&webid=3096")
    assert headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert f.get(server + "/see-other", body=b"a=1").text == "GET /landing "  # 303: a GET, no body
    assert f.get(server + "/temporary", body=b"a=1").text == "POST /landing a=1"  # 307 keeps the POST
    assert f.get(server + "/plain").text == "GET /plain "


def test_a_recorded_post_is_replayed_by_its_form(server: str, tmp_path: Path) -> None:
    archive = tmp_path / "post.warc.gz"
    recorder = RecordingTransport(LiveTransport(allow_private=True), archive)
    live = fetcher(recorder)
    url = server + "/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"
    assert live.get(url, body=b"columnid=72576&webid=3").text.startswith("POST")
    assert live.get(url).text.startswith("GET")  # the same URL by GET is another record
    recorder.close()
    replay = fetcher(ReplayTransport([archive]))
    assert replay.get(url, body=b"webid=3&columnid=72576").text == (
        "POST /module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15 columnid=72576&webid=3")
    assert replay.get(url).text.startswith("GET")
    with pytest.raises(FetchError) as err:
        replay.get(url, body=b"columnid=1&webid=3")  # another form: not in the archive
    assert err.value.status is None and str(err.value).endswith(": not in the archive")


def test_a_list_request_is_a_get_or_a_post_with_a_body() -> None:
    at = ListRequest("https://a.gov.cn/col/col1/index.html")
    nxt = at.next("https://a.gov.cn/module/jpage/dataproxy.jsp?startrecord=4", body="col=1")
    assert (nxt.method, nxt.body, nxt.n, nxt.start) == ("POST", "col=1", 2, "https://a.gov.cn/col/col1/index.html")
    assert nxt.next("https://a.gov.cn/x").method == "GET"
    with pytest.raises(ValueError):
        ListRequest("https://a.gov.cn/", method="POST")


# ---- headers, fallback --------------------------------------------------------------------------------

class Scripted:
    """https fails to connect, http answers; every request's headers are kept."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, dict[str, str]]] = []

    def send(self, url: str, headers: dict[str, str], timeout: tuple[float, float], **kw: object) -> RawResponse:
        self.asked.append((url, dict(headers)))
        if url.startswith("https://"):
            raise TransportError("connection failed: [SSL: UNSAFE_LEGACY_RENEGOTIATION_DISABLED]", retryable=False)
        return RawResponse(url, 200, {"content-type": "text/html; charset=utf-8"},
                           '<ul class="u-list"><li><a href="./t1.html">数据标注</a><span>2025-01-02</span></li></ul>'
                           .encode())


def source(**fields: object) -> SourceSpec:
    return SourceSpec(id="t", name="t", region="湖南省", level="provincial", kind="html_list",
                      start_urls=("https://www.hunan.gov.cn/hnszf/xxgk/wjk/szfwj/wjk_glrb.html",), **fields)


def test_http_fallback_where_https_cannot_connect() -> None:
    t = Scripted()
    client = SourceClient(fetcher(t), family_for(source(http_fallback=True)))
    page = client.read(ListRequest(source().start_urls[0]))
    assert page.url == "http://www.hunan.gov.cn/hnszf/xxgk/wjk/szfwj/wjk_glrb.html" and "数据标注" in page.text
    with pytest.raises(FetchError, match="UNSAFE_LEGACY"):
        SourceClient(fetcher(Scripted()), family_for(source())).read(ListRequest(source().start_urls[0]))


def test_a_blocked_https_page_is_not_retried_over_http() -> None:
    class Blocked(Scripted):
        def send(self, url, headers, timeout, **kw):
            self.asked.append((url, headers))
            return RawResponse(url, 412, {"content-type": "text/html"}, b"<script>$_ts={};</script>")

    t = Blocked()
    with pytest.raises(FetchError, match="瑞数"):
        SourceClient(fetcher(t), family_for(source(http_fallback=True))).get(source().start_urls[0])
    assert all(u.startswith("https://") for u, _ in t.asked)


def test_the_entrys_headers_go_with_every_request_the_list_included() -> None:
    t = Scripted()
    spec = SourceSpec(id="bj", name="bj", region="北京市", level="provincial", kind="html_list",
                      start_urls=("http://www.beijing.gov.cn/zhengce/zhengcefagui/",),
                      headers={"Referer": "https://www.beijing.gov.cn/"})
    client = SourceClient(fetcher(t), family_for(spec))
    client.read(ListRequest(spec.start_urls[0]))
    client.get("http://www.beijing.gov.cn/zhengce/zhengcefagui/202501/t1.html", referer=spec.start_urls[0])
    assert [h["Referer"] for _, h in t.asked] == ["https://www.beijing.gov.cn/"] * 2


# ---- tls = "legacy" --------------------------------------------------------------------------------------

def test_legacy_tls_hosts_get_their_own_ssl_context() -> None:
    t = LiveTransport(legacy_tls_hosts=["www.shandong.gov.cn"])
    legacy = t.session.get_adapter("https://www.shandong.gov.cn/col/col107851/index.html")
    assert legacy is not t._adapter
    assert t.session.get_adapter("https://www.shandong.gov.cn.evil.example/") is t._adapter  # no prefix tricks
    assert t.session.get_adapter("https://www.hunan.gov.cn/") is t._adapter
    ctx = legacy.poolmanager.connection_pool_kw["ssl_context"]
    assert ctx.options & getattr(ssl, "OP_LEGACY_SERVER_CONNECT", 0x4)
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname  # still verified


def test_the_fetch_command_gives_legacy_hosts_from_the_entries() -> None:
    from policytrack.cli.fetch import legacy_tls_hosts
    from policytrack.sources.registry import load_sources

    specs = load_sources(include_user_config=False)
    assert "www.shandong.gov.cn" in legacy_tls_hosts(specs)
    assert legacy_tls_hosts([s for s in specs if s.tls == "default"]) == set()


# ---- a proxy ----------------------------------------------------------------------------------------------

class ProxyHandler(http.server.BaseHTTPRequestHandler):
    """A forward proxy that answers itself: what it was asked is the proof the request went through it."""

    asked: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        ProxyHandler.asked.append(self.path)
        out = f"via proxy: {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    ProxyHandler.asked = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ProxyHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    real = socket.getaddrinfo
    names = {"policy.example.gov.cn": "93.184.216.34", "intranet.example.gov.cn": "10.0.0.5"}

    def fake(host, *args, **kw):
        if host in names:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (names[host], 80))]
        if host == "unknown.example.gov.cn":
            raise socket.gaierror(-2, "Name or service not known")
        return real(host, *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_requests_go_through_the_proxy_and_its_targets_are_vetted(proxy: str) -> None:
    t = LiveTransport(proxy=proxy)  # the proxy is on loopback: trusted, as the user's own
    r = t.send("http://policy.example.gov.cn/zwgk/index.html", {}, (2, 2))
    assert r.content == b"via proxy: http://policy.example.gov.cn/zwgk/index.html"
    for target in ("http://intranet.example.gov.cn/", "http://127.0.0.1:8080/", "http://[::1]/", "http://10.1.2.3/"):
        with pytest.raises(TransportError, match="private or loopback") as err:
            t.send(target, {}, (2, 2))
        assert not err.value.retryable
    assert t.send("http://unknown.example.gov.cn/x", {}, (2, 2)).content.startswith(b"via proxy")  # the proxy resolves
    assert ProxyHandler.asked == ["http://policy.example.gov.cn/zwgk/index.html", "http://unknown.example.gov.cn/x"]


def test_https_proxy_from_the_environment(proxy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    assert LiveTransport().proxy == proxy
    assert LiveTransport().send("http://policy.example.gov.cn/a", {}, (2, 2)).content.startswith(b"via proxy")
    monkeypatch.delenv("HTTPS_PROXY")
    assert LiveTransport().proxy is None


def test_a_proxy_that_is_not_http_is_a_usage_error(tmp_path: Path, capsys, monkeypatch) -> None:
    with pytest.raises(UsageError, match="expected http://host:port"):
        LiveTransport(proxy="socks5://127.0.0.1:1080")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    code, _, err = run_cli(capsys, "fetch", "--proxy", "socks5://127.0.0.1:1080", "--source", "ndrc-tz", "--db",
                           str(tmp_path / "x.db"))
    assert code == 2 and "socks5" in err and len(err.strip().splitlines()) == 1
