"""The fetcher over scripted transports: charsets, robots.txt, retries, 304s, hosts and redirects, politeness,
size cap, thread safety. No network: every answer comes from a fake transport or a WARC archive."""

from __future__ import annotations

import threading
import time

import pytest

from policytrack.sources.fetcher import DEFAULT_USER_AGENT, Fetcher, FetchError, retry_after
from policytrack.sources.transport import RawResponse, ReplayTransport, TransportError
from tests.conftest import Resp

HTML = "<html><head><title>关于数据标注的通知</title></head><body>数据标注产业</body></html>"


class Fake:
    """A scripted transport: url → list of responses (or exceptions), served in order, the last repeated.
    Unknown URLs are 404s (so robots.txt is absent unless scripted)."""

    def __init__(self, script: dict[str, list]) -> None:
        self.script = script
        self.sent: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()

    def send(self, url: str, headers: dict[str, str], timeout: tuple[float, float]) -> RawResponse:
        with self._lock:
            self.sent.append((url, dict(headers)))
            answers = self.script.get(url) or [RawResponse(url, 404, {}, b"")]
            answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    def urls(self) -> list[str]:
        return [u for u, _ in self.sent]


def ok(url: str, body: bytes | str = HTML, ctype: str = "text/html; charset=utf-8", **headers: str) -> RawResponse:
    content = body.encode("utf-8") if isinstance(body, str) else body
    return RawResponse(url, 200, {"content-type": ctype, **headers}, content)


class Clock:
    """A fake monotonic clock whose sleep advances it, recording each sleep."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, s: float) -> None:
        self.sleeps.append(round(s, 3))
        self.now += s

    def __call__(self) -> float:
        return self.now


def fetcher(transport, **kw) -> tuple[Fetcher, Clock]:
    clock = Clock()
    return Fetcher(transport, sleep=clock.sleep, clock=clock, **kw), clock


# ---- decoding -------------------------------------------------------------------------------------


def test_gbk_pages_decode_through_the_fetcher() -> None:
    gbk = "<html><meta charset='gb2312'><p>数据标注基地建设</p></html>".encode("gbk")
    t = Fake({"https://a.gov.cn/1": [ok("https://a.gov.cn/1", gbk, "text/html; charset=GBK")],
              "https://a.gov.cn/2": [ok("https://a.gov.cn/2", gbk, "text/html; charset=UTF-8")]})  # mislabelled
    f, _ = fetcher(t, robots=False)
    for url in ("https://a.gov.cn/1", "https://a.gov.cn/2"):
        page = f.get(url)
        assert "数据标注基地建设" in page.text and page.encoding == "gb18030"
        assert page.content == gbk and page.content_type == "text/html"


def test_binary_bodies_are_not_decoded() -> None:
    url = "https://a.gov.cn/a.pdf"
    f, _ = fetcher(Fake({url: [ok(url, b"%PDF-1.7 \xff\xfe", "application/pdf")]}), robots=False)
    page = f.get(url)
    assert (page.text, page.content_type, page.content[:4]) == ("", "application/pdf", b"%PDF")


# ---- robots.txt -----------------------------------------------------------------------------------


def test_robots_txt_disallow_blocks_one_path_and_allows_another() -> None:
    robots = ok("https://a.gov.cn/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    t = Fake({"https://a.gov.cn/robots.txt": [robots], "https://a.gov.cn/public/1": [ok("https://a.gov.cn/public/1")]})
    f, _ = fetcher(t)
    assert f.get("https://a.gov.cn/public/1").status == 200
    with pytest.raises(FetchError, match="disallowed by robots.txt") as e:
        f.get("https://a.gov.cn/private/2")
    assert "https://a.gov.cn/private/2" in str(e.value)
    assert t.urls().count("https://a.gov.cn/robots.txt") == 1  # cached per host
    assert "https://a.gov.cn/private/2" not in t.urls()  # never requested


def test_robots_txt_rules_for_our_user_agent() -> None:
    robots = ok("https://a.gov.cn/robots.txt", "User-agent: policytrack\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
                "text/plain")
    t = Fake({"https://a.gov.cn/robots.txt": [robots], "https://a.gov.cn/1": [ok("https://a.gov.cn/1")]})
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher(t)[0].get("https://a.gov.cn/1")
    assert fetcher(t, user_agent="Mozilla/5.0 (compatible; other/1.0)")[0].get("https://a.gov.cn/1").status == 200


def test_missing_broken_or_html_robots_txt_allows_everything() -> None:
    url = "https://{}.gov.cn/1"
    t = Fake({"https://b.gov.cn/robots.txt": [ok("https://b.gov.cn/robots.txt", "<html><body>首页</body></html>")],
              "https://c.gov.cn/robots.txt": [RawResponse("https://c.gov.cn/robots.txt", 503, {}, b"")]}
             | {url.format(h): [ok(url.format(h))] for h in "abc"})
    f, _ = fetcher(t, retries=1)
    assert all(f.get(url.format(h)).status == 200 for h in "abc")  # a: 404, b: a soft 404 page, c: down


def test_robots_txt_moved_to_https_is_followed() -> None:
    t = Fake({"http://a.gov.cn/robots.txt": [RawResponse("http://a.gov.cn/robots.txt", 301,
                                                         {"location": "https://www.a.gov.cn/robots.txt"}, b"")],
              "https://www.a.gov.cn/robots.txt": [ok("https://www.a.gov.cn/robots.txt", "User-agent: *\nDisallow: /x/",
                                                     "text/plain")]})
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher(t)[0].get("http://a.gov.cn/x/1")


def test_robots_txt_comes_from_the_replayed_archive(make_warc, no_network) -> None:
    archive = make_warc([Resp("https://a.gov.cn/robots.txt", "User-agent: *\nDisallow: /private/\n",
                              content_type="text/plain"),
                         Resp("https://a.gov.cn/private/1", HTML), Resp("https://a.gov.cn/public/1", HTML)])
    f = Fetcher(ReplayTransport([archive]), polite=False)
    assert f.get("https://a.gov.cn/public/1").status == 200
    with pytest.raises(FetchError, match="robots.txt"):
        f.get("https://a.gov.cn/private/1")


def test_crawl_delay_slows_that_host_only() -> None:
    robots = ok("https://a.gov.cn/robots.txt", "User-agent: *\nCrawl-delay: 5\n", "text/plain")
    urls = ["https://a.gov.cn/1", "https://a.gov.cn/2", "https://b.gov.cn/1", "https://b.gov.cn/2"]
    t = Fake({"https://a.gov.cn/robots.txt": [robots]} | {u: [ok(u)] for u in urls})
    f, clock = fetcher(t, delay=1.0)
    for u in urls:
        f.get(u)
    # a: robots.txt, then 1 after a 1 s wait, then 2 after 5 s; b: robots.txt, 1 (1 s), 2 (1 s)
    assert clock.sleeps == [1.0, 5.0, 1.0, 1.0]
    huge = ok("https://c.gov.cn/robots.txt", "User-agent: *\nCrawl-delay: 3600\n", "text/plain")
    f, clock = fetcher(Fake({"https://c.gov.cn/robots.txt": [huge], "https://c.gov.cn/1": [ok("https://c.gov.cn/1")],
                             "https://c.gov.cn/2": [ok("https://c.gov.cn/2")]}), delay=1.0)
    f.get("https://c.gov.cn/1")
    f.get("https://c.gov.cn/2")
    assert clock.sleeps == [1.0, 10.0]  # capped at MAX_CRAWL_DELAY


# ---- retries --------------------------------------------------------------------------------------


def test_retry_twice_on_503_then_success() -> None:
    url = "https://a.gov.cn/1"
    t = Fake({url: [RawResponse(url, 503, {}, b""), RawResponse(url, 503, {}, b""), ok(url)]})
    f, clock = fetcher(t, robots=False, delay=0, backoff=1.0)
    assert f.get(url).status == 200
    assert clock.sleeps == [1.0, 2.0]  # exponential backoff, requested through the injected sleep
    assert t.urls() == [url] * 3


def test_timeouts_resets_and_429_are_retried() -> None:
    url = "https://a.gov.cn/1"
    t = Fake({url: [TransportError("timed out"), TransportError("connection failed: reset"),
                    RawResponse(url, 429, {"retry-after": "7"}, b""), ok(url)]})
    f, clock = fetcher(t, robots=False, delay=0, backoff=0.5)
    assert f.get(url).status == 200
    assert clock.sleeps == [0.5, 1.0, 7.0]  # the Retry-After is longer than the backoff: it wins


def test_retries_exhausted_and_permanent_errors() -> None:
    url = "https://a.gov.cn/1"
    f, clock = fetcher(Fake({url: [RawResponse(url, 503, {}, b"")]}), robots=False, retries=2, delay=0)
    with pytest.raises(FetchError, match=r"HTTP 503 \(after 3 attempts\)") as e:
        f.get(url)
    assert e.value.status == 503 and e.value.url == url and clock.sleeps == [1.0, 2.0]
    f, _ = fetcher(Fake({url: [TransportError("timed out")]}), robots=False, retries=1)
    with pytest.raises(FetchError, match="timed out") as e:
        f.get(url)
    assert e.value.status is None
    t = Fake({url: [RawResponse(url, 404, {}, b"")]})
    with pytest.raises(FetchError) as e:
        fetcher(t, robots=False)[0].get(url)
    assert e.value.status == 404 and len(t.sent) == 1  # a 404 is not retried
    t = Fake({url: [TransportError("cannot resolve a.gov.cn", retryable=False)]})
    with pytest.raises(FetchError, match="cannot resolve"):
        fetcher(t, robots=False)[0].get(url)
    assert len(t.sent) == 1


def test_no_waiting_when_replaying() -> None:
    url = "https://a.gov.cn/1"
    t = Fake({url: [RawResponse(url, 503, {"retry-after": "30"}, b""), ok(url), ok(url)]})
    f, clock = fetcher(t, robots=False, polite=False)
    f.get(url)
    f.get(url)
    assert all(s == 0 for s in clock.sleeps)


def test_retry_after_values() -> None:
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412470.0) == 40.0
    assert retry_after("soon") is None and retry_after(None) is None


# ---- conditional GET ------------------------------------------------------------------------------


class Stored:
    def __init__(self, etag: str | None, modified: str | None) -> None:
        self.values = (etag, modified)
        self.put_calls: list[tuple] = []

    def get(self, url: str) -> tuple[str | None, str | None]:
        return self.values

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.put_calls.append((url, etag, last_modified))


def test_a_304_with_stored_validators() -> None:
    url = "https://a.gov.cn/1"
    t = Fake({url: [RawResponse(url, 304, {"etag": '"v1"'}, b""), ok(url, etag='"v2"')]})
    f, _ = fetcher(t, robots=False)
    f.validators = Stored('"v1"', "Mon, 01 Jan 2026 00:00:00 GMT")
    page = f.get(url, conditional=True)
    assert page.not_modified and page.status == 304 and page.content == b"" and page.text == ""
    sent = t.sent[0][1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == "Mon, 01 Jan 2026 00:00:00 GMT"
    fresh = f.get(url)  # not conditional: no validators sent
    assert "If-None-Match" not in t.sent[1][1] and not fresh.not_modified
    # The fetcher only reads validators: the crawl stores them once the page is processed.
    assert f.validators.put_calls == []


def test_conditional_without_stored_validators_is_a_plain_get() -> None:
    url = "https://a.gov.cn/1"
    t = Fake({url: [ok(url)]})
    f, _ = fetcher(t, robots=False)
    f.get(url, conditional=True)  # validators None
    f.validators = Stored(None, None)
    f.get(url, conditional=True)
    assert all("If-None-Match" not in h and "If-Modified-Since" not in h for _, h in t.sent)


def test_replay_honours_validators(make_warc) -> None:
    archive = make_warc([Resp("https://a.gov.cn/1", HTML, headers={"ETag": '"v1"'})])
    f = Fetcher(ReplayTransport([archive]), polite=False, robots=False)
    f.validators = Stored('"v1"', None)
    assert f.get("https://a.gov.cn/1", conditional=True).not_modified


# ---- hosts, schemes, redirects --------------------------------------------------------------------


def test_allowed_hosts_refusal_including_after_a_redirect() -> None:
    url = "https://a.gov.cn/1"
    t = Fake({url: [RawResponse(url, 302, {"location": "https://evil.example/x"}, b"")],
              "https://a.gov.cn/2": [RawResponse("https://a.gov.cn/2", 301, {"location": "/3"}, b"")],
              "https://a.gov.cn/3": [ok("https://a.gov.cn/3")],
              "https://a.gov.cn/loop": [RawResponse("https://a.gov.cn/loop", 302, {"location": "/loop"}, b"")]})
    f, _ = fetcher(t, robots=False)
    hosts = {"a.gov.cn"}
    with pytest.raises(FetchError, match="outside the source's hosts") as e:
        f.get(url, allowed_hosts=hosts)
    assert e.value.url == url and "evil.example" in str(e.value)
    assert "https://evil.example/x" not in t.urls()  # the outside hop is never requested
    page = f.get("https://a.gov.cn/2", allowed_hosts=hosts)
    assert (page.url, page.final_url) == ("https://a.gov.cn/2", "https://a.gov.cn/3")
    with pytest.raises(FetchError, match="redirects"):
        f.get("https://a.gov.cn/loop", allowed_hosts=hosts)
    with pytest.raises(FetchError, match="outside"):
        f.get("https://b.gov.cn/1", allowed_hosts=hosts)
    assert "https://b.gov.cn/1" not in t.urls()
    t.script["https://b.gov.cn/1"] = [ok("https://b.gov.cn/1")]
    assert f.get("https://b.gov.cn/1").status == 200  # no allowed_hosts: any host


def test_only_http_and_https() -> None:
    f, _ = fetcher(Fake({}), robots=False)
    for url in ("file:///etc/passwd", "ftp://a.gov.cn/x", "javascript:void(0)"):
        with pytest.raises(FetchError, match="not an http"):
            f.get(url)
    t = Fake({"https://a.gov.cn/1": [RawResponse("https://a.gov.cn/1", 302, {"location": "file:///etc/passwd"}, b"")]})
    with pytest.raises(FetchError, match="not an http"):
        fetcher(t, robots=False)[0].get("https://a.gov.cn/1")


# ---- bodies ---------------------------------------------------------------------------------------


def test_size_cap_applies_to_any_transport() -> None:
    url = "https://a.gov.cn/big"
    t = Fake({url: [ok(url, b"x" * 2048)]})
    with pytest.raises(FetchError, match="exceeds the cap of 1024") as e:
        fetcher(t, robots=False, max_bytes=1024)[0].get(url)
    assert url in str(e.value) and len(t.sent) == 1  # not retried
    assert fetcher(t, robots=False, max_bytes=4096)[0].get(url).content == b"x" * 2048


def test_an_empty_200_is_an_error() -> None:
    url = "https://a.gov.cn/1"
    with pytest.raises(FetchError, match="empty body") as e:
        fetcher(Fake({url: [ok(url, b"")]}), robots=False)[0].get(url)
    assert e.value.status == 200


def test_a_waf_challenge_under_403_says_so() -> None:
    url = "https://a.gov.cn/1"
    body = "<html><script>var $_ts=window['$_ts'];$_ts.nsd=1;</script></html>"
    with pytest.raises(FetchError, match="blocked") as e:
        fetcher(Fake({url: [RawResponse(url, 412, {"content-type": "text/html"}, body.encode())]}),
                robots=False)[0].get(url)
    assert e.value.status == 412


# ---- request headers ------------------------------------------------------------------------------


def test_user_agent_referer_and_extra_headers() -> None:
    assert DEFAULT_USER_AGENT.startswith("Mozilla/5.0 (compatible; policytrack/") and "+https://" in DEFAULT_USER_AGENT
    url = "https://a.gov.cn/1"
    t = Fake({url: [ok(url)]})
    f, _ = fetcher(t)
    f.get(url, referer="https://a.gov.cn/list", headers={"cookie": "__tst_status=2570#;"})
    robots_headers, headers = t.sent[0][1], t.sent[1][1]
    assert robots_headers["User-Agent"] == headers["User-Agent"] == DEFAULT_USER_AGENT
    assert headers["Referer"] == "https://a.gov.cn/list" and headers["cookie"] == "__tst_status=2570#;"
    assert headers["Accept-Language"].startswith("zh-CN") and "text/html" in headers["Accept"]
    custom = Fake({url: [ok(url)]})
    fetcher(custom, robots=False, user_agent="Custom/1.0")[0].get(url)
    assert custom.sent[0][1]["User-Agent"] == "Custom/1.0"


def test_fetch_error_is_one_line_naming_the_url() -> None:
    e = FetchError("https://a.gov.cn/1", "HTTP 404", status=404)
    assert str(e) == "https://a.gov.cn/1: HTTP 404" and (e.url, e.status) == ("https://a.gov.cn/1", 404)
    assert FetchError("https://a.gov.cn/1", "timed out").status is None


# ---- politeness and threads -----------------------------------------------------------------------


def test_one_request_per_delay_per_host() -> None:
    urls = [f"https://a.gov.cn/{i}" for i in range(3)] + ["https://b.gov.cn/1"]
    f, clock = fetcher(Fake({u: [ok(u)] for u in urls}), robots=False, delay=2.0)
    for u in urls:
        f.get(u)
    assert clock.sleeps == [2.0, 2.0]  # b.gov.cn did not wait
    f, clock = fetcher(Fake({u: [ok(u)] for u in urls}), robots=False, delay=2.0, polite=False)
    for u in urls:
        f.get(u)
    assert clock.sleeps == []


def test_hosts_wait_in_parallel_not_for_each_other() -> None:
    """While one thread sleeps its turn on a.gov.cn, a request to b.gov.cn goes through at once."""
    a_waiting, b_done = threading.Event(), threading.Event()

    def sleep(seconds: float) -> None:
        a_waiting.set()
        assert b_done.wait(5), "b.gov.cn was held up behind a.gov.cn's politeness delay"

    urls = ["https://a.gov.cn/1", "https://a.gov.cn/2", "https://b.gov.cn/1"]
    f = Fetcher(Fake({u: [ok(u)] for u in urls}), robots=False, delay=60.0, sleep=sleep)
    f.get("https://a.gov.cn/1")
    second = threading.Thread(target=f.get, args=("https://a.gov.cn/2",))
    second.start()
    assert a_waiting.wait(5)
    f.get("https://b.gov.cn/1")
    b_done.set()
    second.join(5)
    assert not second.is_alive()


def test_threads_sharing_a_host_are_spaced_by_the_delay() -> None:
    url = "https://a.gov.cn/{}"
    times: list[float] = []
    lock = threading.Lock()

    class Timed(Fake):
        def send(self, u: str, headers: dict[str, str], timeout: tuple[float, float]) -> RawResponse:
            with lock:
                times.append(time.monotonic())
            return super().send(u, headers, timeout)

    f = Fetcher(Timed({url.format(i): [ok(url.format(i))] for i in range(6)}), robots=False, delay=0.05)
    threads = [threading.Thread(target=f.get, args=(url.format(i),)) for i in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    times.sort()
    assert len(times) == 6 and f.requests_made == 6
    assert all(b - a >= 0.045 for a, b in zip(times, times[1:], strict=False))


def test_robots_txt_is_fetched_once_per_host_under_threads() -> None:
    robots = ok("https://a.gov.cn/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    urls = [f"https://a.gov.cn/{i}" for i in range(20)]
    t = Fake({"https://a.gov.cn/robots.txt": [robots]} | {u: [ok(u)] for u in urls})
    f = Fetcher(t, delay=0)
    threads = [threading.Thread(target=f.get, args=(u,)) for u in urls]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert t.urls().count("https://a.gov.cn/robots.txt") == 1 and len(t.sent) == 21
