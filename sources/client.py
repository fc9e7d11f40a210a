"""One source's way of asking for pages: its hosts, its family's headers, and the answer to a light JS-cookie
challenge. The pipeline reads lists, detail pages and attachments through it, for fetch and `sources check`
alike, so both meet a site the same way."""

from __future__ import annotations

from urllib.parse import urlsplit

from policytrack.sources.challenges import looks_like_challenge, solve_challenge
from policytrack.sources.families.base import Family
from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.records import Page


class SourceClient:
    def __init__(self, fetcher: Fetcher, family: Family) -> None:
        self.fetcher = fetcher
        self.family = family
        spec = family.spec
        self.hosts = set(spec.hosts) or {urlsplit(u).hostname or "" for u in spec.start_urls}

    def get(self, url: str, *, referer: str | None = None, conditional: bool = False) -> Page:
        """A page of this source; a challenge page is answered once when it can be (MOHRSS's __tst_status)
        and otherwise a FetchError naming the wall, never a page to parse."""
        headers = {**self.family.spec.headers, **self.family.request_headers(url)}
        page = self.fetcher.get(url, conditional=conditional, allowed_hosts=self.hosts, referer=referer,
                                headers=headers)
        if page.not_modified:
            return page
        reason = looks_like_challenge(page)
        if reason and (answer := solve_challenge(page)):  # resend once with the cookie it computes
            page = self.fetcher.get(url, allowed_hosts=self.hosts, referer=referer, headers={**headers, **answer})
            reason = looks_like_challenge(page)
        if reason:
            raise FetchError(url, f"blocked: {reason}")
        return page
