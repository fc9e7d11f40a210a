"""The fetcher: a polite, careful HTTP client over a transport.

Per request: only http(s); only the source's own hosts (checked again on every redirect hop); robots.txt
(protego, cached per host); at most one request per `delay` seconds per host, different hosts in parallel;
retries with exponential backoff on timeouts, resets, 429 and 5xx; conditional GET with stored validators;
the body decoded (header charset, <meta>, detection). Thread-safe: the crawl calls it from several threads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

from policytrack import __version__
from policytrack.sources.base import Page
from policytrack.sources.charset import decode
from policytrack.sources.transport import RawResponse, Transport, TransportError

# Several government WAFs refuse the python-requests default; this one is browser-compatible and says who we are.
DEFAULT_USER_AGENT = (f"Mozilla/5.0 (compatible; policytrack/{__version__}; "
                      "+https://github.com/policytrack/policytrack)")
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 5
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/xhtml+xml", "application/javascript")


class FetchError(Exception):
    """A URL could not be fetched; one line naming the URL and why."""

    def __init__(self, url: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.status = status


class Validators(Protocol):
    """Stored ETag / Last-Modified per URL. The fetcher only reads them: the crawl stores a page's
    validators once the page is safely processed, so a page that failed is fetched whole next time."""

    def get(self, url: str) -> tuple[str | None, str | None]: ...


class Fetcher:
    def __init__(
        self,
        transport: Transport,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        delay: float = 1.0,
        polite: bool = True,
        timeout: tuple[float, float] = (10.0, 30.0),
        retries: int = 3,
        backoff: float = 1.0,
        robots: bool = True,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.user_agent = user_agent
        self.delay = delay if polite else 0.0
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff if polite else 0.0  # replaying: no server to spare, nothing to wait for
        self.robots = robots
        self.sleep = sleep
        self.clock = clock
        self.validators: Validators | None = None
        self.requests_made = 0
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, Any] = {}

    # ---- politeness -------------------------------------------------------------------------------

    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _wait_turn(self, host: str) -> None:
        """Block until this host may receive another request; requests to one host queue, others proceed."""
        with self._host_lock(host):
            now = self.clock()
            slot = self._next_slot.get(host, now)
            if slot > now:
                self.sleep(slot - now)
                now = slot
            self._next_slot[host] = now + self.delay

    def _send(self, url: str, headers: dict[str, str]) -> RawResponse:
        """One request with retries on transient failures."""
        host = urlsplit(url).netloc.lower()
        last: str = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_turn(host)
            with self._lock:
                self.requests_made += 1
            try:
                response = self.transport.send(url, headers, self.timeout)
            except TransportError as exc:
                if not exc.retryable:
                    raise FetchError(url, str(exc)) from None
                last = str(exc)
                continue
            if response.status in RETRY_STATUSES:
                last = f"HTTP {response.status}"
                continue
            return response
        raise FetchError(url, f"{last} (after {self.retries + 1} attempts)",
                         status=int(last[5:]) if last.startswith("HTTP ") else None)

    # ---- robots.txt -------------------------------------------------------------------------------

    def allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._host_lock("robots:" + origin):
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(url, self.user_agent)

    def _load_robots(self, origin: str) -> Any:
        from protego import Protego

        try:
            response = self._send(origin + "/robots.txt", {"User-Agent": self.user_agent})
        except FetchError:
            return None  # unreachable robots.txt: the page request will meet the same trouble and report it
        if response.status != 200 or not response.content:
            return None  # no robots.txt: everything is allowed
        text, _ = decode(response.content, None)
        if "<html" in text[:500].lower():  # a soft 404 page served for /robots.txt
            return None
        return Protego.parse(text)

    # ---- the request ------------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        conditional: bool = False,
        allowed_hosts: set[str] | None = None,
        referer: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Page:
        self._check(url, allowed_hosts, url)
        if self.robots and not self.allowed_by_robots(url):
            raise FetchError(url, "disallowed by robots.txt")
        request = {"User-Agent": self.user_agent, "Accept-Language": "zh-CN,zh;q=0.9"}
        if referer:
            request["Referer"] = referer
        request.update(headers or {})
        if conditional and self.validators is not None:
            etag, modified = self.validators.get(url)
            if etag:
                request["If-None-Match"] = etag
            if modified:
                request["If-Modified-Since"] = modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send(current, request)
            if response.status in (301, 302, 303, 307, 308) and response.headers.get("location"):
                current = urljoin(current, response.headers["location"].strip())
                self._check(current, allowed_hosts, url)
                continue
            break
        else:
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
        return self._page(url, current, response)

    def _check(self, url: str, allowed_hosts: set[str] | None, asked: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(asked, f"not an http(s) URL: {url}")
        host = (parts.hostname or "").lower()
        if allowed_hosts and host not in {h.lower() for h in allowed_hosts}:
            raise FetchError(asked, f"{host} is outside the source's hosts")

    def _page(self, url: str, final_url: str, r: RawResponse) -> Page:
        ctype_header = r.headers.get("content-type", "")
        media = ctype_header.split(";")[0].strip().lower()
        if r.status == 304:
            return Page(url, final_url, 304, r.headers, b"", "", "", media, not_modified=True)
        if r.status >= 400 or r.status < 200:
            if r.status in (403, 412) and r.content:  # a WAF's challenge page says more than its status
                from policytrack.sources.challenges import looks_like_challenge

                text, encoding = decode(r.content, None)
                reason = looks_like_challenge(Page(url, final_url, r.status, r.headers, r.content, text, encoding,
                                                   media or "text/html"))
                if reason:
                    raise FetchError(url, f"blocked: {reason}", status=r.status)
            raise FetchError(url, f"HTTP {r.status}", status=r.status)
        charset = None
        if "charset=" in ctype_header.lower():
            charset = ctype_header.lower().split("charset=")[-1].split(";")[0].strip()
        if not media or media.startswith(_TEXT_TYPES):
            text, encoding = decode(r.content, charset)
        else:
            text, encoding = "", ""
        return Page(url, final_url, r.status, r.headers, r.content, text, encoding, media)
