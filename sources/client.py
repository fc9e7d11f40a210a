"""One source's way of asking for pages: its hosts, its headers (the TOML entry's, then its family's), a
plain-http retry where its https fails, and the answer to a light JS-cookie challenge. The pipeline reads
lists, detail pages and attachments through it, for fetch and `sources check` alike, so both meet a site the
same way.

A source with `transport = "browser"` reads its pages through the run's browser (sources/browser.py); a plain
source that meets a script challenge only a browser passes is retried through it once, and keeps to it for
the rest of the run when that worked (the browser holds the cookies the challenge set)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from policytrack.sources.challenges import looks_like_challenge, solve_challenge
from policytrack.sources.families.base import Family
from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.records import ListRequest, Page

if TYPE_CHECKING:
    from policytrack.sources.browser import Renderer


class SourceClient:
    def __init__(self, fetcher: Fetcher, family: Family, browser: Renderer | None = None) -> None:
        self.fetcher = fetcher
        self.family = family
        spec = family.spec
        self.hosts = set(spec.hosts) or {urlsplit(u).hostname or "" for u in spec.start_urls}
        self.browser = browser
        self.via_browser = spec.transport == "browser"
        self.browser_pages = 0  # pages read through the browser
        self.challenge: str | None = None  # the script challenge that sent this plain source to the browser

    def not_fetched(self) -> str | None:
        """Why this source is not read at all, or None: a wall its entry names (瑞数 …), or a page only a
        browser can read when this command runs none (one line, reported instead of a failure)."""
        spec = self.family.spec
        if spec.wall:
            return f"wall: {spec.wall}"
        if spec.transport == "browser":
            why = "this command runs none" if self.browser is None else self.browser.unavailable()
            if why:
                wait = f", waiting for {spec.wait_for}" if spec.wait_for else ""
                return f"needs a browser (transport = \"browser\"{wait}): {why}"
        return None

    def read(self, at: ListRequest) -> Page:
        """A list page: a GET, or the POST its family asks for (Hanweb's pager); in the browser it waits for
        the source's `wait_for`."""
        body = at.body.encode("utf-8") if at.body is not None else None
        return self.get(at.url, body=body, list_page=True)

    def get(self, url: str, *, referer: str | None = None, conditional: bool = False, body: bytes | None = None,
            list_page: bool = False) -> Page:
        """A page of this source; a challenge page is answered once when it can be (MOHRSS's __tst_status),
        through the browser when only a browser passes it, and otherwise a FetchError naming the wall, never a
        page to parse. With `http_fallback`, an https URL that cannot be connected to (a TLS handshake some
        portals fail, 湖南's among them) is asked over http."""
        try:
            return self._get(url, referer, conditional, body, list_page)
        except FetchError as exc:
            if not (self.family.spec.http_fallback and exc.unreachable and url.startswith("https://")):
                raise
            plain = urlunsplit(urlsplit(url)._replace(scheme="http"))
            try:
                return self._get(plain, referer, conditional, body, list_page)
            except FetchError as again:
                raise FetchError(url, f"{str(exc).removeprefix(url + ': ')}; over http too: "
                                      f"{str(again).removeprefix(plain + ': ')}", status=again.status,
                                 cause=exc.cause if exc.cause == again.cause else None) from None

    def _get(self, url: str, referer: str | None, conditional: bool, body: bytes | None, list_page: bool) -> Page:
        headers = {**self.family.request_headers(url), **self.family.spec.headers}  # the entry has the last word
        wait_for = self.family.spec.wait_for if list_page else None
        if self.via_browser:
            if body is not None:
                raise FetchError(url, "a POST list through the browser is not supported")
            return self._render(url, referer, headers, wait_for)
        try:
            page = self.fetcher.get(url, conditional=conditional, allowed_hosts=self.hosts, referer=referer,
                                    headers=headers, body=body)
        except FetchError as exc:  # 瑞数's 412 is refused by the fetcher before it is a page
            rendered = self._fall_back(url, str(exc).removeprefix(f"{url}: blocked: "), referer, headers, wait_for,
                                       body)
            if rendered is None:
                raise
            return rendered
        if page.not_modified:
            return page
        reason = looks_like_challenge(page)
        if reason and (answer := solve_challenge(page)):  # resend once with the cookie it computes
            page = self.fetcher.get(url, allowed_hosts=self.hosts, referer=referer, headers={**headers, **answer},
                                    body=body)
            reason = looks_like_challenge(page)
        if reason:
            rendered = self._fall_back(url, reason, referer, headers, wait_for, body)
            if rendered is None:
                raise FetchError(url, f"blocked: {reason}")
            return rendered
        return page

    def _fall_back(self, url: str, reason: str, referer: str | None, headers: dict[str, str],
                   wait_for: str | None, body: bytes | None) -> Page | None:
        """The page through the browser, when a script challenge only a browser passes stopped the plain
        fetch; tried once a source, and kept to for the source's other pages when it worked. None: not a
        challenge for the browser, a POST, or it was tried already."""
        from policytrack.sources.browser import needs_browser

        if self.browser is None or self.challenge is not None or body is not None or not needs_browser(reason):
            return None
        self.challenge = reason
        if (why := self.browser.unavailable()) is not None:
            raise FetchError(url, f"blocked: {reason}: {why}")
        page = self._render(url, referer, headers, wait_for)
        self.via_browser = True
        return page

    def _render(self, url: str, referer: str | None, headers: dict[str, str], wait_for: str | None) -> Page:
        if self.browser is None:
            raise FetchError(url, "needs a browser, and this command runs none")
        page = self.browser.render(url, self.fetcher, source=self.family.spec.id, hosts=self.hosts,
                                   headers=headers, referer=referer, wait_for=wait_for)
        self.browser_pages += 1
        reason = looks_like_challenge(page)
        if reason:
            raise FetchError(url, f"blocked: {reason}")
        return page
