"""A headless Chromium for the sites that need one: lists built by script, single-page-app shells, and
script challenges (瑞数's HTTP 412) that set a cookie and reload.

The browser never touches the network. Every request a page makes is answered through the run's Fetcher
(Playwright's `page.route` → `Fetcher.send` → the transport → `route.fulfill`), so the address guard, the
source's hosts, robots.txt, one request a second per host, retries, the size cap and WARC recording hold for
the browser as they hold for a plain fetch, and a replay needs no browser at all (sources/rendered.py).
Chromium itself is started with its resolver and its proxy closed, so nothing a page does past `page.route`
(a WebSocket, WebRTC, a prefetch) reaches any host. Only documents, scripts and XHR/fetch are answered;
images, fonts, CSS and media are refused unfetched: a DOM does not need them.

One Chromium per run, started on the first page that needs it, its pages rendered on one event-loop thread
(Playwright objects belong to the loop that made them) while the crawl's threads wait for their own page;
closed by `close()`. Playwright's driver ends Chromium when our process dies, however it dies: its pipe to us
closes (tests/test_browser.py kills a holder with SIGKILL and looks for survivors).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import importlib.util
import os
import re
import shutil
import threading
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from policytrack.sources.addresses import UnsafeURL, check_url
from policytrack.sources.challenges import looks_like_challenge
from policytrack.sources.fetcher import FetchError, decoded_page
from policytrack.sources.records import Page
from policytrack.sources.rendered import record_failure, record_rendered, rendered_page
from policytrack.sources.transport import RawResponse

if TYPE_CHECKING:
    from policytrack.sources.fetcher import Fetcher
    from policytrack.sources.transport import RecordingTransport

INSTALL = "pip install 'policytrack[browser]' (Playwright) and a Chromium (Debian: apt-get install chromium)"
NEEDS_BROWSER = "needs a browser"  # how sources/challenges.py names a script challenge only a browser passes
NETWORK_IDLE = "networkidle"
DEFAULT_TIMEOUT = 30.0  # seconds for one page, from its first request to its DOM
LAUNCH_TIMEOUT = 60.0
MAX_REQUESTS = 150  # one page's answered requests: a script polling forever is cut off
ANSWERED = {"document", "script", "xhr", "fetch"}  # resource types a DOM needs; the rest is refused unfetched
FORWARDED = ("accept", "accept-language", "cookie", "referer", "x-requested-with")  # from the page's request
_NOT_FULFILLED = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}
_COOKIE_SPLIT = re.compile(r",\s*(?=[^;,=\s]+=)")  # requests joins Set-Cookie headers with ", "
_HTML = ("text/html", "application/xhtml+xml", "")
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# --host-resolver-rules and a proxy that cannot be reached: Chromium resolves and connects to nothing itself.
# The background services would call Google's hosts at every start.
CHROMIUM_FLAGS = (
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-default-apps", "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://0.0.0.0:0", "--proxy-bypass-list=<-loopback>",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
)


class Renderer(Protocol):
    """What SourceClient asks of a browser: the live Browser here, or rendered.ReplayedBrowser."""

    def unavailable(self) -> str | None: ...

    def render(self, url: str, fetcher: Fetcher, *, source: str, hosts: set[str], headers: dict[str, str],
               referer: str | None = None, wait_for: str | None = None) -> Page: ...

    def close(self) -> None: ...


def missing(executable: str | None = None) -> str | None:
    """What this machine lacks to render a page (one line saying what to install), or None."""
    if importlib.util.find_spec("playwright") is None:
        return INSTALL
    if not (executable or find_chromium()):
        return "no Chromium found: apt-get install chromium, or set POLICYTRACK_CHROMIUM to one"
    return None


def needs_browser(reason: str) -> bool:
    """True for a block only a browser can pass (瑞数's 412, a `$_ts` page), not a captcha, a login or a 404."""
    return NEEDS_BROWSER in reason


def find_chromium() -> str | None:
    """$POLICYTRACK_CHROMIUM, else a Chromium or Chrome on the PATH. Never a downloaded build."""
    named = os.environ.get("POLICYTRACK_CHROMIUM")
    if named:
        return shutil.which(named)
    return next((path for name in CHROMIUMS if (path := shutil.which(name))), None)


@dataclass
class _Visit:
    """One page being rendered: what its requests met."""

    url: str
    fetcher: Fetcher
    hosts: set[str]
    headers: dict[str, str]  # lower-case names, sent with every request of the page
    requests: int = 0
    bytes: int = 0
    status: int | None = None  # of the main frame's latest document
    failure: FetchError | None = None  # the page cannot be had: its document failed, or it grew past the cap
    passthrough: RawResponse | None = None  # the document is no HTML (a PDF): handed over as it came
    refused: list[str] = field(default_factory=list)  # requests not answered, and why

    def note(self) -> str:
        if not self.refused:
            return ""
        shown = "; ".join(dict.fromkeys(self.refused))
        return f" (refused {len(self.refused)}: {shown[:300]})"


class Browser:
    """One headless Chromium for a run. `render` is called from the crawl's threads; at most `pages` pages
    render at once; each source has its own browser context, so cookies a challenge set carry over to the
    source's later pages and to no other source."""

    def __init__(self, *, recorder: RecordingTransport | None = None, timeout: float = DEFAULT_TIMEOUT,
                 pages: int = 2, executable: str | None = None) -> None:
        self.recorder = recorder  # where rendered DOMs go under --record (the responses go there anyway)
        self.timeout = timeout
        self.pages = pages
        self.executable = executable
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._playwright: Any = None
        self._chromium: Any = None
        self._slots: asyncio.Semaphore | None = None
        self._contexts: dict[str, Any] = {}
        self._scripts: dict[str, RawResponse] = {}  # a script is fetched once a run, not once a page
        self._broken: str | None = None  # why Chromium cannot run here, once known
        self._closed = False
        # the Fetcher blocks (politeness, retries): its calls run here, off the event loop
        self._io = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="browser-fetch")

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def unavailable(self) -> str | None:
        """What is missing for a page to be rendered here (one line saying what to install), or None."""
        return self._broken or missing(self.executable)

    def render(self, url: str, fetcher: Fetcher, *, source: str, hosts: set[str], headers: dict[str, str],
               referer: str | None = None, wait_for: str | None = None) -> Page:
        """The page at `url` after its scripts ran (wait_for: a CSS selector, or "networkidle", the default),
        or a FetchError saying what it waited for. A document that is no HTML comes back as it came."""
        why = self._start()
        if why:
            raise FetchError(url, f"needs a browser: {why}")
        sent = {k.lower(): v for k, v in headers.items()}
        sent.setdefault("user-agent", fetcher.user_agent)
        visit = _Visit(url, fetcher, hosts, sent)
        assert self._loop is not None
        job = asyncio.run_coroutine_threadsafe(self._render(visit, source, referer, wait_for), self._loop)
        try:
            page, rendered = job.result()
        except FetchError as exc:
            if self.recorder is not None:
                record_failure(self.recorder, exc)
            raise
        except Exception as exc:  # the browser died under the page, or was closed (SIGINT)
            failure = FetchError(url, f"browser: {_line(exc)}")
            if self.recorder is not None:
                record_failure(self.recorder, failure)
            raise failure from None
        if rendered and self.recorder is not None:
            record_rendered(self.recorder, page)
        return page

    def close(self) -> None:
        """Close the pages, the contexts and Chromium, and stop the loop; safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            loop, thread = self._loop, self._thread
        if loop is not None:
            with contextlib.suppress(Exception):  # a dead browser has nothing left to close; the driver reaps it
                asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=20)
            loop.call_soon_threadsafe(loop.stop)
            if thread is not None:
                thread.join(timeout=5)
        self._io.shutdown(wait=False, cancel_futures=True)

    # ---- the loop thread --------------------------------------------------------------------------

    def _start(self) -> str | None:
        """Start Chromium on first use; a reason when it cannot run (remembered: no second try per page)."""
        with self._lock:
            if self._closed:
                return "the run's browser is closed"
            if self._chromium is not None:
                return None
            why = self.unavailable()
            if why:
                self._broken = why
                return why
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="policytrack-browser", daemon=True)
            thread.start()
            try:
                asyncio.run_coroutine_threadsafe(self._launch(), loop).result(timeout=LAUNCH_TIMEOUT + 10)
            except Exception as exc:
                loop.call_soon_threadsafe(loop.stop)
                self._broken = f"Chromium did not start ({_line(exc)[:200]})"
                return self._broken
            self._loop, self._thread = loop, thread
            return None

    async def _launch(self) -> None:
        from playwright.async_api import async_playwright

        self._playwright = await async_playwright().start()
        try:
            self._chromium = await self._playwright.chromium.launch(
                executable_path=self.executable or find_chromium(), args=list(CHROMIUM_FLAGS), headless=True,
                timeout=LAUNCH_TIMEOUT * 1000)
        except BaseException:
            await self._playwright.stop()
            raise
        self._slots = asyncio.Semaphore(self.pages)

    async def _shutdown(self) -> None:
        for context in list(self._contexts.values()):
            await _quietly(context.close())
        if self._chromium is not None:
            await _quietly(self._chromium.close())
        if self._playwright is not None:
            await _quietly(self._playwright.stop())

    async def _render(self, visit: _Visit, source: str, referer: str | None,
                      wait_for: str | None) -> tuple[Page, bool]:
        assert self._slots is not None
        async with self._slots:
            context = self._contexts.get(source)
            if context is None:
                context = await self._chromium.new_context(
                    user_agent=visit.headers["user-agent"], locale="zh-CN", service_workers="block",
                    accept_downloads=False)
                self._contexts[source] = context
            page = await context.new_page()
            try:
                await page.route("**/*", partial(self._answer, visit))
                return await self._visit(page, visit, referer, wait_for)
            finally:
                await _quietly(page.close())

    async def _visit(self, page: Any, visit: _Visit, referer: str | None, wait_for: str | None) -> tuple[Page, bool]:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout

        def left() -> float:  # milliseconds, as Playwright counts
            return max(1.0, (deadline - loop.time()) * 1000)

        try:
            await page.goto(visit.url, wait_until="domcontentloaded", timeout=left(), referer=referer)
            failed = None
        except PlaywrightError as exc:
            failed = exc
        if visit.failure is not None:
            raise visit.failure
        if visit.passthrough is not None:
            raw = visit.passthrough
            if raw.status >= 400:
                raise FetchError(visit.url, f"HTTP {raw.status}", status=raw.status)
            return decoded_page(visit.url, raw.url, raw.status, raw.headers, raw.content), False
        if isinstance(failed, PlaywrightTimeout):
            raise FetchError(visit.url, f"browser: the page did not load within {self.timeout:g} s{visit.note()}")
        if failed is not None:
            raise FetchError(visit.url, f"browser: {_line(failed)}{visit.note()}")
        selector = wait_for if wait_for and wait_for != NETWORK_IDLE else None
        try:
            if selector:  # waits across a challenge's reload: it is met only on the real page
                await page.wait_for_selector(selector, state="attached", timeout=left())
                dom = await _content(page, left)
            else:
                dom = await self._settle(page, visit, left)
        except PlaywrightTimeout:
            what = f"{selector!r} did not appear" if selector else "the page did not settle"
            raise FetchError(visit.url, f"browser: {what} within {self.timeout:g} s{visit.note()}") from None
        except PlaywrightError as exc:
            raise FetchError(visit.url, f"browser: {_line(exc)}{visit.note()}") from None
        if visit.failure is not None:
            raise visit.failure
        body = dom.encode("utf-8")
        if len(body) > visit.fetcher.max_bytes:
            raise FetchError(visit.url, f"browser: the DOM of {len(body)} bytes exceeds the cap of "
                                        f"{visit.fetcher.max_bytes}")
        result = rendered_page(visit.url, page.url, body)
        status = visit.status or 200
        if status >= 400:
            reason = looks_like_challenge(replace(result, status=status))
            raise FetchError(visit.url, f"blocked: {reason}, even in the browser" if reason else f"HTTP {status}",
                             status=status)
        return result, True

    async def _settle(self, page: Any, visit: _Visit, left: Any) -> str:
        """The DOM once the network is idle; a challenge that is still showing then is given the rest of the
        time to navigate to the real page (瑞数 reloads once its cookie is set)."""
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        for _ in range(3):
            await page.wait_for_load_state(NETWORK_IDLE, timeout=left())
            dom = await _content(page, left)
            shown = replace(rendered_page(visit.url, page.url, dom.encode("utf-8")), status=visit.status or 200)
            if not needs_browser(looks_like_challenge(shown) or ""):
                return dom
            try:
                await page.wait_for_event("framenavigated", lambda frame: frame.parent_frame is None, timeout=left())
            except PlaywrightTimeout:
                return dom  # still the challenge: the caller says it is blocked
        return dom

    async def _answer(self, visit: _Visit, route: Any) -> None:
        """Answer one request of the page through the Fetcher, or refuse it."""
        request = route.request
        url = request.url
        try:
            main = request.is_navigation_request() and request.frame.parent_frame is None
        except Exception:  # a request with no frame (a worker's)
            main = False
        if request.resource_type not in ANSWERED:
            return await _quietly(route.abort("blockedbyclient"))
        if request.method != "GET":
            visit.refused.append(f"{request.method} {url[:120]}: only GET passes the transport")
            return await _quietly(route.abort("blockedbyclient"))
        if visit.requests >= MAX_REQUESTS:
            visit.refused.append(f"more than {MAX_REQUESTS} requests")
            return await _quietly(route.abort("blockedbyclient"))
        visit.requests += 1
        # a script another source's page fetched is served again only where this source may fetch it
        response = self._scripts.get(url) if request.resource_type == "script" and _on(url, visit.hosts) else None
        if response is None:
            try:
                forwarded = {k: v for k, v in (await request.all_headers()).items() if k in FORWARDED}
            except Exception:  # the page closed under its request
                return await _quietly(route.abort("blockedbyclient"))
            send = partial(visit.fetcher.send, url, {**forwarded, **visit.headers}, allowed_hosts=visit.hosts)
            try:
                response = await asyncio.get_running_loop().run_in_executor(self._io, send)
            except FetchError as exc:
                if main and visit.failure is None:
                    visit.failure = exc
                else:
                    visit.refused.append(str(exc))
                return await _quietly(route.abort("blockedbyclient"))
            if request.resource_type == "script" and response.status == 200:
                self._scripts[url] = response
        visit.bytes += len(response.content)
        if visit.bytes > visit.fetcher.max_bytes:
            visit.failure = visit.failure or FetchError(
                visit.url, f"browser: the page's responses exceed the cap of {visit.fetcher.max_bytes} bytes")
            return await _quietly(route.abort("blockedbyclient"))
        if main:
            visit.status = response.status
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if media not in _HTML and response.status < 300:  # a PDF or JSON document: no DOM to wait for
                visit.passthrough = response
                return await _quietly(route.abort("blockedbyclient"))
        await _quietly(route.fulfill(status=response.status, headers=_fulfilled(response.headers),
                                     body=response.content))


def _on(url: str, hosts: set[str]) -> bool:
    """Whether the URL's host is one of `hosts`, read as the fetcher reads it."""
    try:
        return check_url(url).host in {h.lower() for h in hosts}
    except UnsafeURL:
        return False


def _fulfilled(headers: dict[str, str]) -> dict[str, str]:
    """Response headers as the page should see them: the body is already decoded and sized, and each
    Set-Cookie on a line of its own (Playwright's form)."""
    out = {k: v for k, v in headers.items() if k not in _NOT_FULFILLED}
    if "set-cookie" in out:
        out["set-cookie"] = "\n".join(_COOKIE_SPLIT.split(out["set-cookie"]))
    return out


async def _content(page: Any, left: Any) -> str:
    """The DOM now; a page in the middle of navigating is waited for first."""
    from playwright.async_api import Error as PlaywrightError

    for _ in range(5):
        try:
            return await page.content()
        except PlaywrightError as exc:
            if "navigating" not in str(exc):
                raise
            await page.wait_for_load_state("load", timeout=left())
    return await page.content()


async def _quietly(step: Any) -> None:
    """Await a step that may fail because its page, context or browser is already gone."""
    with contextlib.suppress(Exception):
        await step


def _line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
