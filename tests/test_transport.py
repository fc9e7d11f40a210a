"""The transports: WARC replay (ours and wget's archives, never a socket), recording, and live HTTP against
a loopback server (streamed, capped, redirects not followed, private addresses refused)."""

from __future__ import annotations

import gzip
import http.server
import io
import os
import threading
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.transport import (
    ArchiveError,
    LiveTransport,
    RawResponse,
    RecordingTransport,
    ReplayTransport,
    TransportError,
)
from tests.conftest import Resp

HTML = "<html><head><title>关于数据标注的通知</title></head><body>数据标注产业</body></html>"
NATIONAL = Path(__file__).parent / "fixtures" / "national.warc.gz"
MOHRSS_LIST = "https://www.mohrss.gov.cn/SYrlzyhshbzb/zwgk/gggs/tg/"


class Scripted:
    """An inner transport for recording: url → response, no network."""

    def __init__(self, responses: dict[str, RawResponse]) -> None:
        self.responses = responses

    def send(self, url: str, headers: dict[str, str], timeout: tuple[float, float]) -> RawResponse:
        return self.responses.get(url) or RawResponse(url, 404, {}, b"")


# ---- replay ---------------------------------------------------------------------------------------


def test_replay_never_touches_the_network(make_warc, no_network) -> None:
    archive = make_warc([Resp("https://a.gov.cn/1", HTML, headers={"ETag": '"e1"'}),
                         Resp("https://a.gov.cn/gbk", "<p>数据标注</p>".encode("gbk"), content_type="text/html")])
    f = Fetcher(ReplayTransport([archive]), polite=False)  # robots.txt asked too: a 404 from the archive
    page = f.get("https://a.gov.cn/1")
    assert "数据标注产业" in page.text and page.headers["etag"] == '"e1"'
    assert "数据标注" in f.get("https://a.gov.cn/gbk").text
    assert "https://a.gov.cn/robots.txt" in f.transport.requests


def test_the_no_network_guard_does_catch_a_live_request(no_network) -> None:
    with pytest.raises(AssertionError, match="attempted"):
        LiveTransport().send("https://www.gov.cn/", {}, (1, 1))


def test_a_url_not_in_the_archives_is_not_in_the_archive_never_a_404(make_warc, no_network) -> None:
    from policytrack.sources.transport import NOT_ARCHIVED

    t = ReplayTransport([make_warc([Resp("https://a.gov.cn/1", HTML)])])
    with pytest.raises(TransportError) as missing:
        t.send("https://a.gov.cn/2", {}, (1, 1))
    assert missing.value.cause == NOT_ARCHIVED and not missing.value.retryable
    with pytest.raises(FetchError) as e:
        Fetcher(t, polite=False).get("https://a.gov.cn/not-recorded")
    assert e.value.status is None and e.value.cause == NOT_ARCHIVED
    assert str(e.value) == "https://a.gov.cn/not-recorded: not in the archive"


def test_replay_serves_repeated_records_in_order_then_the_last(make_warc) -> None:
    archive = make_warc([Resp("https://a.gov.cn/list", "<p>challenge</p>"), Resp("https://a.gov.cn/list", HTML)])
    t = ReplayTransport([archive])
    bodies = [t.send("https://a.gov.cn/list", {}, (1, 1)).content for _ in range(3)]
    assert bodies == [b"<p>challenge</p>", HTML.encode(), HTML.encode()]


def test_the_national_fixture_answers_the_mohrss_challenge_then_the_page(no_network) -> None:
    if not NATIONAL.exists():
        pytest.skip("tests/fixtures/national.warc.gz is absent")
    t = ReplayTransport([NATIONAL])
    first, second = (t.send(MOHRSS_LIST, {}, (1, 1)) for _ in range(2))
    assert b"__tst_status" in first.content and b"__tst_status" not in second.content


def test_several_archives_are_one_index(make_warc) -> None:
    a = make_warc([Resp("https://a.gov.cn/1", "one")])
    b = make_warc([Resp("https://a.gov.cn/1", "two"), Resp("https://b.gov.cn/1", "three")])
    t = ReplayTransport([a, b])
    assert len(t) == 3
    assert [t.send("https://a.gov.cn/1", {}, (1, 1)).content for _ in range(2)] == [b"one", b"two"]


def test_urls_are_matched_as_the_same_resource(make_warc) -> None:
    archive = make_warc([Resp("https://A.gov.cn:443/%e6%95%b0%e6%8d%ae.html?q=%E6%A0%87", "data"),
                         Resp("http://b.gov.cn/x", "plain http")])
    t = ReplayTransport([archive])
    for url in ("https://a.gov.cn/数据.html?q=标#top", "http://a.gov.cn/%E6%95%B0%E6%8D%AE.html?q=%E6%A0%87",
                "https://a.gov.cn:443/数据.html?q=%e6%a0%87"):
        assert t.send(url, {}, (1, 1)).content == b"data", url
    assert t.send("https://b.gov.cn/x", {}, (1, 1)).content == b"plain http"  # http/https fallback
    with pytest.raises(TransportError, match="not in the archive"):  # another port
        t.send("https://a.gov.cn:8443/数据.html?q=标", {}, (1, 1))
    with pytest.raises(TransportError, match="not in the archive"):  # another query
        t.send("https://a.gov.cn/数据.html?q=other", {}, (1, 1))


def test_replay_answers_validators_like_the_server_would(make_warc) -> None:
    archive = make_warc([Resp("https://a.gov.cn/1", HTML, headers={"ETag": '"v1"'})])
    t = ReplayTransport([archive])
    assert t.send("https://a.gov.cn/1", {"If-None-Match": '"v1"'}, (1, 1)).status == 304
    assert t.send("https://a.gov.cn/1", {"If-None-Match": '"v0"'}, (1, 1)).status == 200


def _wget_style_archive(path: Path) -> Path:
    """What `wget --warc-file` writes: warcinfo, a request record before each response, a chunked and
    gzip-encoded response body as it came off the wire, a revisit for a duplicate, and a dns record."""
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record("run.warc.gz", {"software": "Wget/1.21.4"}))
        w.write_record(w.create_warc_record("dns:www.ndrc.gov.cn", "resource", payload=io.BytesIO(b"1.2.3.4"),
                                            warc_content_type="text/dns"))
        url = "https://www.ndrc.gov.cn/xxgk/zcfb/tz/"
        req = StatusAndHeaders("GET /xxgk/zcfb/tz/ HTTP/1.1", [("Host", "www.ndrc.gov.cn")], is_http_request=True)
        w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
        body = gzip.compress(HTML.encode("gbk").replace(b"utf-8", b"gbk"))
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 50]), body[i:i + 50]) for i in range(0, len(body), 50))
        chunked += b"0\r\n\r\n"
        resp = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=GBK"), ("Content-Encoding", "gzip"),
                                           ("Transfer-Encoding", "chunked")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(chunked), http_headers=resp,
                                            length=None))
        revisit = w.create_revisit_record(url, digest="sha1:AAAA", refers_to_uri=url, refers_to_date="2025")
        w.write_record(revisit)
        w.write_record(w.create_warc_record("https://www.ndrc.gov.cn/a.pdf", "resource",
                                            payload=io.BytesIO(b"%PDF-1.4 ..."), warc_content_type="application/pdf"))
    return path


def test_wget_archives_are_read(tmp_path: Path, no_network) -> None:
    t = ReplayTransport([_wget_style_archive(tmp_path / "wget.warc.gz")])
    assert len(t) == 2  # the response and the resource; request, revisit, warcinfo and dns are skipped
    page = Fetcher(t, polite=False, robots=False).get("https://www.ndrc.gov.cn/xxgk/zcfb/tz/")
    assert page.text == HTML and page.encoding == "gb18030"  # de-chunked, gunzipped, GBK decoded
    pdf = Fetcher(t, polite=False, robots=False).get("https://www.ndrc.gov.cn/a.pdf")
    assert pdf.content.startswith(b"%PDF") and pdf.content_type == "application/pdf"


def test_a_corrupt_or_missing_archive_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    with pytest.raises(ArchiveError, match="bad.warc.gz"):
        ReplayTransport([bad])
    with pytest.raises(ArchiveError, match="missing.warc.gz"):
        ReplayTransport([tmp_path / "missing.warc.gz"])


def test_bodies_are_read_when_asked_for_not_when_loaded(make_warc) -> None:
    """A capture of a whole site: loading keeps where each record starts, not its body, so 20 MB that
    nobody asks for cost next to nothing; the pages asked for are read from the archive then."""
    big = os.urandom(20 * 1024 * 1024)
    archive = make_warc([Resp("https://a.gov.cn/1", HTML, headers={"ETag": '"e1"'}),
                         Resp("https://a.gov.cn/video.mp4", big, content_type="video/mp4"),
                         Resp("https://a.gov.cn/1", "second")])
    tracemalloc.start()
    try:
        t = ReplayTransport([archive])
        loaded = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert loaded < 4 * 1024 * 1024 and len(t) == 3  # the old loader held all 20 MB here
    first = t.send("https://a.gov.cn/1", {}, (1, 1))
    assert (first.status, first.content, first.headers["etag"]) == (200, HTML.encode(), '"e1"')
    assert t.send("https://a.gov.cn/1", {}, (1, 1)).content == b"second"
    assert t.send("https://a.gov.cn/video.mp4", {}, (1, 1)).content == big


def test_an_uncompressed_archive_is_read_at_its_offsets(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for i in range(3):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://a.gov.cn/{i}", "response",
                                                payload=io.BytesIO(f"page {i}".encode() * 100), http_headers=http))
    t = ReplayTransport([path])
    assert [t.send(f"https://a.gov.cn/{i}", {}, (1, 1)).content for i in (2, 0, 1)] == [
        f"page {i}".encode() * 100 for i in (2, 0, 1)]


def test_an_archive_gzipped_whole_is_refused(tmp_path: Path, make_warc) -> None:
    """`gzip run.warc` makes one gzip member of many records: nothing can be read from the middle of it, and
    warcio says how to fix it (warcio recompress)."""
    plain = tmp_path / "run.warc"
    with open(plain, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for i in range(2):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://a.gov.cn/{i}", "response",
                                                payload=io.BytesIO(b"x"), http_headers=http))
    whole = tmp_path / "run.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    with pytest.raises(ArchiveError, match="run.warc.gz: not a readable WARC archive"):
        ReplayTransport([whole])


# ---- recording ------------------------------------------------------------------------------------


def test_record_then_replay_round_trips(tmp_path: Path, no_network) -> None:
    url = "https://a.gov.cn/1"
    gbk = RawResponse(url, 200, {"content-type": "text/html; charset=gbk", "content-encoding": "gzip",
                                 "etag": '"x"'}, "<p>数据标注</p>".encode("gbk"))  # content already decoded
    moved = RawResponse("https://a.gov.cn/old", 301, {"location": "/1"}, b"")
    inner = Scripted({url: gbk, "https://a.gov.cn/old": moved})
    rec = RecordingTransport(inner, tmp_path / "run.warc.gz")
    live = Fetcher(rec, robots=False, polite=False).get("https://a.gov.cn/old")
    rec.close()
    t = ReplayTransport([tmp_path / "run.warc.gz"])
    assert len(t) == 2  # the redirect and the page
    replayed = Fetcher(t, robots=False, polite=False).get("https://a.gov.cn/old")
    assert (replayed.text, replayed.final_url, replayed.headers["etag"]) == (live.text, url, '"x"')
    assert "content-encoding" not in replayed.headers  # the stored body is not gzip


def test_recording_is_thread_safe_and_skips_304s(tmp_path: Path) -> None:
    urls = [f"https://a.gov.cn/{i}" for i in range(200)]
    inner = Scripted({u: RawResponse(u, 200, {"content-type": "text/plain"}, u.encode() * 50) for u in urls}
                     | {"https://a.gov.cn/same": RawResponse("https://a.gov.cn/same", 304, {}, b"")})
    rec = RecordingTransport(inner, tmp_path / "run.warc.gz")
    threads = [threading.Thread(target=lambda chunk=urls[i::8]: [rec.send(u, {}, (1, 1)) for u in chunk])
               for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    rec.send("https://a.gov.cn/same", {}, (1, 1))
    rec.close()
    t = ReplayTransport([tmp_path / "run.warc.gz"])
    assert len(t) == 200
    assert all(t.send(u, {}, (1, 1)).content == u.encode() * 50 for u in urls)


def test_a_recording_is_readable_before_it_is_closed(tmp_path: Path) -> None:
    rec = RecordingTransport(Scripted({"https://a.gov.cn/1": RawResponse("https://a.gov.cn/1", 200, {}, b"x")}),
                             tmp_path / "run.warc.gz")
    rec.send("https://a.gov.cn/1", {}, (1, 1))  # flushed per record: an interrupted run leaves an archive
    assert ReplayTransport([tmp_path / "run.warc.gz"]).send("https://a.gov.cn/1", {}, (1, 1)).content == b"x"
    rec.close()


# ---- live, against a loopback server --------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.server.seen.append(dict(self.headers))  # type: ignore[attr-defined]
        if self.path == "/big-declared":
            self._reply(200, b"x" * 5000)
        elif self.path == "/big-streamed":  # no Content-Length: only counting the stream can stop it
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(10):
                self.wfile.write(b"3e8\r\n" + b"y" * 1000 + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/gzip":
            self._reply(200, gzip.compress(HTML.encode()), [("Content-Encoding", "gzip")])
        elif self.path == "/moved":
            self._reply(302, b"", [("Location", "/gzip")])
        else:
            self._reply(404, b"no")

    def _reply(self, status: int, body: bytes, headers: list[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server(no_network) -> Iterator[http.server.ThreadingHTTPServer]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _base(srv: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{srv.server_address[1]}"


def test_live_size_cap_declared_and_streamed(server) -> None:
    t = LiveTransport(max_bytes=4000, allow_private=True)
    with pytest.raises(TransportError, match="exceeds the cap") as e:
        t.send(_base(server) + "/big-declared", {}, (2, 2))
    assert not e.value.retryable
    with pytest.raises(TransportError, match="exceeds the cap"):
        t.send(_base(server) + "/big-streamed", {}, (2, 2))
    with pytest.raises(FetchError, match="exceeds the cap"):  # through the fetcher: not retried, one line
        Fetcher(t, robots=False, polite=False).get(_base(server) + "/big-streamed")
    assert LiveTransport(max_bytes=20_000, allow_private=True).send(
        _base(server) + "/big-streamed", {}, (2, 2)).content == b"y" * 10_000


def test_live_decodes_gzip_does_not_follow_redirects_and_sends_headers(server) -> None:
    t = LiveTransport(allow_private=True)
    moved = t.send(_base(server) + "/moved", {"User-Agent": "policytrack-test"}, (2, 2))
    assert moved.status == 302 and moved.headers["location"] == "/gzip"
    r = t.send(_base(server) + "/gzip", {}, (2, 2))
    assert r.content == HTML.encode() and r.final_url == _base(server) + "/gzip"
    assert server.seen[0]["User-Agent"] == "policytrack-test"
    assert t.send(_base(server) + "/nothing", {}, (2, 2)).status == 404  # an HTTP answer, not an error


def test_live_refuses_private_addresses_and_reports_refused_connections(server) -> None:
    with pytest.raises(TransportError, match="private or loopback") as e:
        LiveTransport().send(_base(server) + "/gzip", {}, (1, 1))
    assert not e.value.retryable and server.seen == []
    srv = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    port = srv.server_address[1]
    srv.server_close()  # nothing listens there now
    with pytest.raises(TransportError, match="connection failed") as e:
        LiveTransport(allow_private=True).send(f"http://127.0.0.1:{port}/", {}, (1, 1))
    assert e.value.retryable
