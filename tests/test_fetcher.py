"""The fetcher over fake and replayed transports: charsets, robots.txt, retries, 304s, redirects, politeness."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytrack.sources.charset import decode
from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.transport import (
    ArchiveError,
    RawResponse,
    RecordingTransport,
    ReplayTransport,
    TransportError,
)
from tests.conftest import Resp

HTML = "<html><head><title>关于数据标注的通知</title></head><body>数据标注产业</body></html>"


class Fake:
    """A scripted transport: url → list of responses (or exceptions), served in order, the last repeated."""

    def __init__(self, script: dict[str, list]) -> None:
        self.script = script
        self.sent: list[tuple[str, dict[str, str]]] = []

    def send(self, url: str, headers: dict[str, str], timeout: tuple[float, float]) -> RawResponse:
        self.sent.append((url, dict(headers)))
        answers = self.script.get(url) or [RawResponse(url, 404, {}, b"")]
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def ok(url: str, body: bytes | str = HTML, ctype: str = "text/html; charset=utf-8", **headers: str) -> RawResponse:
    content = body.encode("utf-8") if isinstance(body, str) else body
    return RawResponse(url, 200, {"content-type": ctype, **headers}, content)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, s: float) -> None:
        self.sleeps.append(round(s, 3))
        self.now += s

    def __call__(self) -> float:
        return self.now


def fetcher(transport, **kw) -> Fetcher:
    clock = Clock()
    f = Fetcher(transport, sleep=clock.sleep, clock=clock, **kw)
    f.test_clock = clock  # type: ignore[attr-defined]
    return f


def test_gbk_pages_decode_whatever_the_label_says() -> None:
    gbk = "<html><meta charset='gb2312'><p>数据标注基地建设</p></html>".encode("gbk")
    assert decode(gbk, "gbk")[0].endswith("数据标注基地建设</p></html>")
    assert "数据标注基地建设" in decode(gbk, "utf-8")[0]  # mislabelled: header says UTF-8
    assert "数据标注基地建设" in decode(gbk, None)[0]  # only the meta
    utf8 = "<p>数据标注</p>".encode()
    assert decode(utf8, "gb2312") == ("<p>数据标注</p>", "utf-8")  # label GBK, bytes UTF-8
    page = fetcher(Fake({"https://a.gov.cn/1": [ok("https://a.gov.cn/1", gbk, "text/html; charset=UTF-8")]}),
                   robots=False).get("https://a.gov.cn/1")
    assert "数据标注基地建设" in page.text and page.encoding == "gb18030"


def test_robots_txt_disallow_is_honoured() -> None:
    robots = ok("https://a.gov.cn/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    t = Fake({"https://a.gov.cn/robots.txt": [robots], "https://a.gov.cn/public/1": [ok("https://a.gov.cn/public/1")]})
    f = fetcher(t)
    assert f.get("https://a.gov.cn/public/1").status == 200
    with pytest.raises(FetchError, match="robots.txt"):
        f.get("https://a.gov.cn/private/2")
    assert [u for u, _ in t.sent].count("https://a.gov.cn/robots.txt") == 1  # cached per host
    assert "https://a.gov.cn/private/2" not in [u for u, _ in t.sent]


def test_retry_with_backoff_then_success() -> None:
    url = "https://a.gov.cn/1"
    t = Fake({url: [RawResponse(url, 503, {}, b""), TransportError("timed out"), ok(url)]})
    f = fetcher(t, robots=False, delay=0, backoff=1.0)
    assert f.get(url).status == 200
    assert f.test_clock.sleeps == [1.0, 2.0]  # type: ignore[attr-defined]


def test_retries_exhausted_and_permanent_errors() -> None:
    url = "https://a.gov.cn/1"
    f = fetcher(Fake({url: [RawResponse(url, 503, {}, b"")]}), robots=False, retries=2)
    with pytest.raises(FetchError, match="HTTP 503 .after 3 attempts") as e:
        f.get(url)
    assert e.value.status == 503
    t = Fake({url: [RawResponse(url, 404, {}, b"")]})
    with pytest.raises(FetchError) as e:
        fetcher(t, robots=False).get(url)
    assert e.value.status == 404 and len(t.sent) == 1  # a 404 is not retried
    with pytest.raises(FetchError, match="too big"):
        fetcher(Fake({url: [TransportError("too big", retryable=False)]}), robots=False).get(url)


def test_conditional_get_and_304() -> None:
    url = "https://a.gov.cn/1"

    class Stored:
        def get(self, u: str):
            return ('"v1"', "Mon, 01 Jan 2026 00:00:00 GMT")

    t = Fake({url: [RawResponse(url, 304, {"etag": '"v1"'}, b"")]})
    f = fetcher(t, robots=False)
    f.validators = Stored()
    page = f.get(url, conditional=True)
    assert page.not_modified and page.content == b""
    assert t.sent[0][1]["If-None-Match"] == '"v1"' and "If-Modified-Since" in t.sent[0][1]
    f.get(url)  # not conditional: no validators sent
    assert "If-None-Match" not in t.sent[1][1]


def test_hosts_schemes_and_redirects_are_checked() -> None:
    url = "https://a.gov.cn/1"
    t = Fake({url: [RawResponse(url, 302, {"location": "https://evil.example/x"}, b"")],
              "https://a.gov.cn/2": [RawResponse("https://a.gov.cn/2", 301, {"location": "/3"}, b"")],
              "https://a.gov.cn/3": [ok("https://a.gov.cn/3")],
              "https://a.gov.cn/loop": [RawResponse("https://a.gov.cn/loop", 302, {"location": "/loop"}, b"")]})
    f = fetcher(t, robots=False)
    hosts = {"a.gov.cn"}
    with pytest.raises(FetchError, match="outside the source's hosts"):
        f.get(url, allowed_hosts=hosts)
    assert f.get("https://a.gov.cn/2", allowed_hosts=hosts).final_url == "https://a.gov.cn/3"
    with pytest.raises(FetchError, match="redirects"):
        f.get("https://a.gov.cn/loop", allowed_hosts=hosts)
    with pytest.raises(FetchError, match="not an http"):
        f.get("file:///etc/passwd")
    with pytest.raises(FetchError, match="outside"):
        f.get("https://b.gov.cn/1", allowed_hosts=hosts)


def test_one_request_per_delay_per_host() -> None:
    urls = [f"https://a.gov.cn/{i}" for i in range(3)] + ["https://b.gov.cn/1"]
    f = fetcher(Fake({u: [ok(u)] for u in urls}), robots=False, delay=2.0)
    for u in urls:
        f.get(u)
    assert f.test_clock.sleeps == [2.0, 2.0]  # type: ignore[attr-defined]  # b.gov.cn did not wait


def test_replay_never_touches_the_network(make_warc, no_network) -> None:
    archive = make_warc([Resp("https://a.gov.cn/1", HTML, headers={"ETag": '"e1"'}),
                         Resp("https://a.gov.cn/gbk", "<p>数据标注</p>".encode("gbk"), content_type="text/html")])
    f = Fetcher(ReplayTransport([archive]), polite=False)
    page = f.get("https://a.gov.cn/1")
    assert "数据标注产业" in page.text and page.headers["etag"] == '"e1"'
    assert "数据标注" in f.get("https://a.gov.cn/gbk").text
    assert "数据标注" in f.get("http://a.gov.cn/gbk").text  # scheme-insensitive fallback
    with pytest.raises(FetchError) as e:
        f.get("https://a.gov.cn/not-recorded")
    assert e.value.status == 404


def test_replay_serves_repeated_records_in_order(make_warc) -> None:
    archive = make_warc([Resp("https://a.gov.cn/list", "<p>challenge</p>"), Resp("https://a.gov.cn/list", HTML)])
    t = ReplayTransport([archive])
    bodies = [t.send("https://a.gov.cn/list", {}, (1, 1)).content for _ in range(3)]
    assert bodies[0] == b"<p>challenge</p>" and bodies[1] == bodies[2] == HTML.encode()


def test_record_then_replay_round_trips(tmp_path: Path) -> None:
    url = "https://a.gov.cn/1"
    gz = RawResponse(url, 200, {"content-type": "text/html; charset=gbk", "content-encoding": "gzip",
                                "etag": '"x"'}, "<p>数据标注</p>".encode("gbk"))
    rec = RecordingTransport(Fake({url: [gz]}), tmp_path / "run.warc.gz")
    Fetcher(rec, robots=False, polite=False).get(url)
    rec.close()
    replayed = Fetcher(ReplayTransport([tmp_path / "run.warc.gz"]), robots=False, polite=False).get(url)
    assert "数据标注" in replayed.text and replayed.headers["etag"] == '"x"'


def test_a_corrupt_archive_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    with pytest.raises(ArchiveError, match="bad.warc.gz"):
        ReplayTransport([bad])


def test_live_transport_refuses_private_addresses() -> None:
    from policytrack.sources.transport import LiveTransport

    with pytest.raises(TransportError, match="private or loopback"):
        LiveTransport().send("http://127.0.0.1:9/", {}, (1, 1))
