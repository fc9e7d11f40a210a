"""The fetcher: a polite, careful HTTP client over a transport.

Per request: only http(s); only the source's own hosts (checked again on every redirect hop, before the
hop is requested); robots.txt (protego, cached per origin, fetched through the same transport, so a replay
answers it from the archive and a missing one allows everything); at most one request per `delay` seconds
per host (longer if robots.txt asks for a Crawl-delay, up to MAX_CRAWL_DELAY), different hosts in parallel;
retries with exponential backoff on timeouts, resets, 429 and 5xx (a Retry-After is honoured up to
MAX_RETRY_AFTER); conditional GET with stored validators; a size cap; the body decoded (header charset,
<meta>, detection). Thread-safe: the crawl calls it from several threads.

Validators are given when the fetcher is built and only read here: the pipeline stores a page's
ETag/Last-Modified once the page is processed, so a page that failed to parse or store is fetched whole next
time instead of answering 304 forever.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

from policytrack import __version__
from policytrack.parser.charset import decode, header_charset
from policytrack.parser.errors import PolicytrackError
from policytrack.sources.addresses import UnsafeURL, check_url
from policytrack.sources.records import Page
from policytrack.sources.transport import DEFAULT_MAX_BYTES, RawResponse, Transport, TransportError

# Several government WAFs refuse the python-requests default; this one is browser-compatible and says who we are.
DEFAULT_USER_AGENT = (f"Mozilla/5.0 (compatible; policytrack/{__version__}; "
                      "+https://github.com/policytrack/policytrack)")
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.9,*/*;q=0.8"
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 10.0  # a robots.txt Crawl-delay is honoured up to this many seconds
MAX_RETRY_AFTER = 60.0  # a Retry-After is honoured up to this many seconds
MAX_ROBOTS_BYTES = 500 * 1024  # Google's limit: a robots.txt is read that far and the rest ignored
DEFAULT_DEADLINE = 60.0  # one request, retries, backoff and redirects included, however slowly a server answers
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/xhtml+xml", "application/javascript")


class FetchError(PolicytrackError):
    """A URL could not be fetched; one line naming the URL and why."""

    def __init__(self, url: str, message: str, status: int | None = None, *, unreachable: bool = False,
                 cause: str | None = None) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.status = status
        self.unreachable = unreachable  # no HTTP answer at all (DNS, connect, TLS, timeout)
        self.cause = cause  # the transport's: the name did not resolve, or the replayed archives lack the URL


class _Budget:
    """What is left of one request's deadline: real time spent in the transport, plus the backoff asked for
    (through the injected sleep, so a test's fake clock spends it too); waiting one's turn for a host is
    politeness, not the server's slowness, and is not counted."""

    def __init__(self, seconds: float) -> None:
        self.total = self.left = seconds

    def spend(self, seconds: float) -> None:
        self.left -= max(0.0, seconds)

    def exhausted(self, url: str, attempts: int, last: str) -> FetchError:
        tried = f"; {attempts} attempt(s), last: {last}" if last else ""
        return FetchError(url, f"timeout: no complete answer within the {self.total:g} s deadline{tried}",
                          unreachable=True)


class Validators(Protocol):
    """Stored ETag / Last-Modified per URL. The fetcher only reads them (`get`); the pipeline stores a page's
    validators once the page is safely processed."""

    def get(self, url: str) -> tuple[str | None, str | None]: ...


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


class Fetcher:
    def __init__(
        self,
        transport: Transport,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        delay: float = 1.0,
        polite: bool = True,
        timeout: tuple[float, float] = (10.0, 30.0),
        deadline: float = DEFAULT_DEADLINE,
        retries: int = 3,
        backoff: float = 1.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        robots: bool = True,
        validators: Validators | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.user_agent = user_agent
        self.polite = polite
        self.delay = delay if polite else 0.0
        self.timeout = timeout
        self.deadline = deadline
        self.retries = retries
        self.backoff = backoff if polite else 0.0  # replaying: no server to spare, nothing to wait for
        self.max_bytes = max_bytes
        self.robots = robots
        self.sleep = sleep
        self.clock = clock
        self.validators = validators
        self.requests_made = 0
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._next_slot: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}  # per host, from robots.txt
        self._robots: dict[str, Any] = {}

    # ---- politeness -------------------------------------------------------------------------------

    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _wait_turn(self, host: str) -> None:
        """Block until this host may receive another request; requests to one host queue, others proceed."""
        if not self.polite:
            return
        with self._host_lock(host):
            delay = max(self.delay, self._crawl_delay.get(host, 0.0))
            now = self.clock()
            slot = self._next_slot.get(host, now)
            if slot > now:
                self.sleep(slot - now)
                now = slot
            self._next_slot[host] = now + delay

    def _send(self, url: str, headers: dict[str, str], body: bytes | None = None,
              budget: _Budget | None = None, cap: int | None = None) -> RawResponse:
        """One request (a POST when there is a body) with retries on transient failures, all within the
        deadline (`budget`, shared by the hops of a redirect chain). The transport gets the time left as a
        third timeout, a wall clock over connect, headers and body (a per-read timeout never fires on a
        server that trickles a byte a second)."""
        budget = budget or _Budget(self.deadline)
        host = urlsplit(url).netloc.lower()
        last, status, wait = "", None, 0.0
        for attempt in range(self.retries + 1):
            if attempt:
                pause = max(self.backoff * 2 ** (attempt - 1), wait)
                if pause >= budget.left:
                    raise budget.exhausted(url, attempt, last)
                self.sleep(pause)
                budget.spend(pause)
            if budget.left <= 0:
                raise budget.exhausted(url, attempt, last)
            self._wait_turn(host)
            with self._lock:
                self.requests_made += 1
            left = budget.left
            timeout = (min(self.timeout[0], left), min(self.timeout[1], left), left)
            started = time.monotonic()
            try:
                if cap is not None and getattr(self.transport, "caps_bodies", False):
                    response = self.transport.send(url, headers, timeout, cap=cap)  # type: ignore[call-arg]
                elif body is None:
                    response = self.transport.send(url, headers, timeout)
                else:
                    response = self.transport.send(url, headers, timeout, method="POST", body=body)
            except TransportError as exc:
                if exc.deadline:
                    raise budget.exhausted(url, attempt + 1, "") from None
                if not exc.retryable:
                    raise FetchError(url, str(exc), unreachable=True, cause=exc.cause) from None
                last, status, wait = str(exc), None, 0.0
                continue
            finally:
                budget.spend(time.monotonic() - started)
            if len(response.content) > self.max_bytes:
                raise FetchError(url, f"body of {len(response.content)} bytes exceeds the cap of {self.max_bytes}")
            if response.status in RETRY_STATUSES:
                last, status = f"HTTP {response.status}", response.status
                asked = retry_after(response.headers.get("retry-after")) if self.polite else None
                wait = min(asked, MAX_RETRY_AFTER) if asked else 0.0
                continue
            return response
        raise FetchError(url, f"{last} (after {self.retries + 1} attempts)", status=status, unreachable=status is None)

    # ---- robots.txt -------------------------------------------------------------------------------

    def allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._host_lock("robots:" + origin):
            if origin not in self._robots:
                rules = self._load_robots(origin)
                self._robots[origin] = rules
                delay = rules.crawl_delay(self.user_agent) if rules is not None else None
                if delay:
                    with self._lock:
                        self._crawl_delay[parts.netloc.lower()] = min(float(delay), MAX_CRAWL_DELAY)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(url, self.user_agent)

    def _load_robots(self, origin: str) -> Any:
        """The parsed robots.txt of an origin, or None (allow everything): missing (4xx), unreachable, or
        not a robots.txt at all (an HTML page served in its place). Only its first MAX_ROBOTS_BYTES are read,
        and honoured: a robots.txt of 28 MB that begins `Disallow: /` still keeps us out. A robots.txt that
        moved to the other scheme or to the www. name is followed, up to MAX_REDIRECTS hops."""
        from protego import Protego

        url = origin + "/robots.txt"
        request = {"User-Agent": self.user_agent}
        try:
            for _ in range(MAX_REDIRECTS + 1):
                response = self._send(url, request, cap=MAX_ROBOTS_BYTES)
                target = urljoin(url, response.headers.get("location", "").strip())
                if response.status not in REDIRECT_STATUSES or not _same_site(url, target):
                    break
                url = target
        except FetchError:
            return None  # unreachable robots.txt: the page request will meet the same trouble and report it
        if response.status != 200 or not response.content:
            return None  # no robots.txt: everything is allowed
        content = response.content
        if len(content) >= MAX_ROBOTS_BYTES:  # read to the cap (streamed): its rules up to the last whole line
            content = content[:MAX_ROBOTS_BYTES].rsplit(b"\n", 1)[0]
        text, _ = decode(content, None)
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
        body: bytes | None = None,
    ) -> Page:
        """The page at `url`: a GET, or a POST of the form-encoded `body` (Hanweb's pager) when one is given.
        A POST redirected by 301/302/303 continues as a GET, as browsers do; by 307/308 it stays a POST."""
        self._check(url, allowed_hosts, url)
        if self.robots and not self.allowed_by_robots(url):
            raise FetchError(url, "disallowed by robots.txt")
        request = {"User-Agent": self.user_agent, "Accept": ACCEPT, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}
        if referer:
            request["Referer"] = referer
        request.update(headers or {})
        if body is not None:
            request["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
        if conditional and self.validators is not None and body is None:
            etag, modified = self.validators.get(url)
            if etag:
                request["If-None-Match"] = etag
            if modified:
                request["If-Modified-Since"] = modified
        current, budget = url, _Budget(self.deadline)
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send(current, request, body, budget)
            if response.status in REDIRECT_STATUSES and response.headers.get("location"):
                current = urljoin(current, response.headers["location"].strip())
                self._check(current, allowed_hosts, url)
                if body is not None and response.status not in (307, 308):
                    body = None
                    request.pop("Content-Type", None)
                continue
            break
        else:
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
        return self._page(url, current, response)

    def send(self, url: str, headers: dict[str, str], *, allowed_hosts: set[str] | None = None) -> RawResponse:
        """One request as a browser page makes it (sources/browser.py): hosts, robots.txt, politeness, retries
        and the size cap as in `get`, but the answer as it came, any status, and no redirect followed (the
        browser follows it, and the next hop is checked here again)."""
        self._check(url, allowed_hosts, url)
        if self.robots and not self.allowed_by_robots(url):
            raise FetchError(url, "disallowed by robots.txt")
        return self._send(url, headers)

    def _check(self, url: str, allowed_hosts: set[str] | None, asked: str) -> None:
        try:
            host = check_url(url).host  # read as the HTTP client will read it; ambiguous URLs refused
        except UnsafeURL as exc:
            raise FetchError(asked, str(exc) if url == asked else f"redirected to {url[:200]}: {exc}") from None
        if allowed_hosts and host not in {h.lower() for h in allowed_hosts}:
            raise FetchError(asked, f"{host} is outside the source's hosts")

    def _page(self, url: str, final_url: str, r: RawResponse) -> Page:
        ctype_header = r.headers.get("content-type", "")
        media = ctype_header.split(";")[0].strip().lower()
        if r.status == 304:
            return Page(url, final_url, 304, r.headers, b"", "", "", media, not_modified=True)
        if r.status >= 400 or r.status < 200:
            if r.status >= 400 and r.content:  # a WAF's block page says more than its status (403, 412, 521…)
                from policytrack.sources.challenges import looks_like_challenge, wall_of

                text, encoding = decode(r.content, None)
                page = Page(url, final_url, r.status, r.headers, r.content, text, encoding, media or "text/html")
                reason = looks_like_challenge(page) if r.status in (403, 412) else wall_of(page)
                if reason:
                    raise FetchError(url, f"blocked: {reason}", status=r.status)
            raise FetchError(url, f"HTTP {r.status}", status=r.status)
        if not r.content:
            raise FetchError(url, f"empty body (HTTP {r.status})", status=r.status)
        return decoded_page(url, final_url, r.status, r.headers, r.content)


def decoded_page(url: str, final_url: str, status: int, headers: dict[str, str], content: bytes) -> Page:
    """A response as the families read it: text bodies decoded (header charset, <meta>, detection), binary
    ones (PDF, DOCX) left as bytes. `reparse` rebuilds stored pages through this too."""
    ctype_header = headers.get("content-type", "")
    media = ctype_header.split(";")[0].strip().lower()
    if not media or media.startswith(_TEXT_TYPES) or media.endswith(("+xml", "+json")):
        text, encoding = decode(content, header_charset(ctype_header))
    else:
        text, encoding = "", ""
    return Page(url, final_url, status, headers, content, text, encoding, media)


def _same_site(url: str, target: str) -> bool:
    """True if a redirect stays on the same host, give or take the scheme and a leading www."""
    a, b = (urlsplit(u) for u in (url, target))
    if b.scheme not in ("http", "https"):
        return False
    return (a.hostname or "").removeprefix("www.") == (b.hostname or "").removeprefix("www.")
