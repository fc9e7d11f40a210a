"""One source's way of asking for pages: its hosts, its family's headers, and the answer to a light JS-cookie
challenge. The pipeline reads lists, detail pages and attachments through it, for fetch and `sources check`
alike, so both meet a site the same way.

A source with `transport = "browser"` reads its pages through the run's browser (sources/browser.py); a plain
source that meets a script challenge only a browser passes is retried through it once, and keeps to it for
the rest of the run when that worked (the browser holds the cookies the challenge set)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from policytrack.sources.challenges import looks_like_challenge, solve_challenge
from policytrack.sources.families.base import Family
from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.records import Page

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

    def get(self, url: str, *, referer: str | None = None, conditional: bool = False,
            list_page: bool = False) -> Page:
        """A page of this source; a challenge page is answered once when it can be (MOHRSS's __tst_status)
        and otherwise a FetchError naming the wall, never a page to parse. In the browser, a list page waits
        for the source's `wait_for`, any other page for the network to go idle."""
        headers = {**self.family.spec.headers, **self.family.request_headers(url)}
        wait_for = self.family.spec.wait_for if list_page else None
        if self.via_browser:
            return self._render(url, referer, headers, wait_for)
        try:
            page = self.fetcher.get(url, conditional=conditional, allowed_hosts=self.hosts, referer=referer,
                                    headers=headers)
        except FetchError as exc:  # 瑞数's 412 is refused by the fetcher before it is a page
            rendered = self._fall_back(url, str(exc).removeprefix(f"{url}: blocked: "), referer, headers, wait_for)
            if rendered is None:
                raise
            return rendered
        if page.not_modified:
            return page
        reason = looks_like_challenge(page)
        if reason and (answer := solve_challenge(page)):  # resend once with the cookie it computes
            page = self.fetcher.get(url, allowed_hosts=self.hosts, referer=referer, headers={**headers, **answer})
            reason = looks_like_challenge(page)
        if reason:
            rendered = self._fall_back(url, reason, referer, headers, wait_for)
            if rendered is None:
                raise FetchError(url, f"blocked: {reason}")
            return rendered
        return page

    def _fall_back(self, url: str, reason: str, referer: str | None, headers: dict[str, str],
                   wait_for: str | None) -> Page | None:
        """The page through the browser, when a script challenge only a browser passes stopped the plain
        fetch; tried once a source, and kept to for the source's other pages when it worked. None: not a
        challenge for the browser, or it was tried already."""
        from policytrack.sources.browser import needs_browser

        if self.browser is None or self.challenge is not None or not needs_browser(reason):
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
