"""One source's way of asking for pages: its hosts, its headers (the TOML entry's, then its family's), a
plain-http retry where its https fails, and the answer to a light JS-cookie challenge. The pipeline reads
lists, detail pages and attachments through it, for fetch and `sources check` alike, so both meet a site the
same way."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from policytrack.sources.challenges import looks_like_challenge, solve_challenge
from policytrack.sources.families.base import Family
from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.records import ListRequest, Page


def browser_available() -> bool:
    """The browser extra is installed (Playwright importable): browser sources can be read live."""
    import importlib.util

    return importlib.util.find_spec("playwright") is not None


def renders_js(transport: object) -> bool:
    """A transport that can read a page only a browser can: one that says so (`renders_js`, the browser
    transport), a replay (its archive holds what a browser was served), or a recording of either."""
    inner = getattr(transport, "inner", None)
    return bool(getattr(transport, "renders_js", False)) or (inner is not None and renders_js(inner))


class SourceClient:
    def __init__(self, fetcher: Fetcher, family: Family) -> None:
        self.fetcher = fetcher
        self.family = family
        spec = family.spec
        self.hosts = set(spec.hosts) or {urlsplit(u).hostname or "" for u in spec.start_urls}

    def not_fetched(self) -> str | None:
        """Why this source is not read at all, or None: a wall its entry names (瑞数 …), or a page only a
        browser can read when this run's transport is no browser (one line, reported instead of a failure)."""
        spec = self.family.spec
        if spec.wall:
            return f"wall: {spec.wall}"
        if spec.transport == "browser" and not renders_js(self.fetcher.transport):
            wait = f", waiting for {spec.wait_for}" if spec.wait_for else ""
            extra = "" if browser_available() else " (install the browser extra: pip install 'policytrack[browser]')"
            return f"needs a browser (transport = \"browser\"{wait}): not fetched over plain HTTP{extra}"
        return None

    def read(self, at: ListRequest) -> Page:
        """A list page: a GET, or the POST its family asks for (Hanweb's pager)."""
        return self.get(at.url, body=at.body.encode("utf-8") if at.body is not None else None)

    def get(self, url: str, *, referer: str | None = None, conditional: bool = False,
            body: bytes | None = None) -> Page:
        """A page of this source; a challenge page is answered once when it can be (MOHRSS's __tst_status)
        and otherwise a FetchError naming the wall, never a page to parse. With `http_fallback`, an https URL
        that cannot be connected to (a TLS handshake some portals fail, 湖南's among them) is asked over http."""
        try:
            return self._get(url, referer=referer, conditional=conditional, body=body)
        except FetchError as exc:
            if not (self.family.spec.http_fallback and exc.unreachable and url.startswith("https://")):
                raise
            plain = urlunsplit(urlsplit(url)._replace(scheme="http"))
            try:
                return self._get(plain, referer=referer, conditional=conditional, body=body)
            except FetchError as again:
                raise FetchError(url, f"{str(exc).removeprefix(url + ': ')}; over http too: "
                                      f"{str(again).removeprefix(plain + ': ')}", status=again.status) from None

    def _get(self, url: str, *, referer: str | None, conditional: bool, body: bytes | None) -> Page:
        headers = {**self.family.request_headers(url), **self.family.spec.headers}  # the entry has the last word
        page = self.fetcher.get(url, conditional=conditional, allowed_hosts=self.hosts, referer=referer,
                                headers=headers, body=body)
        if page.not_modified:
            return page
        reason = looks_like_challenge(page)
        if reason and (answer := solve_challenge(page)):  # resend once with the cookie it computes
            page = self.fetcher.get(url, allowed_hosts=self.hosts, referer=referer, headers={**headers, **answer},
                                    body=body)
            reason = looks_like_challenge(page)
        if reason:
            raise FetchError(url, f"blocked: {reason}")
        return page
