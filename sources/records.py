"""What flows between the fetcher, the families and the pipeline: sources, responses and list entries.

A source (one TOML entry, or a built-in one) names a *family* (its `kind`): the adapter that knows how a
CMS lists documents and how it paginates. Families are registered by kind, as urlwatch registers jobs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from policytrack.parser.documents import Level

Confidence = Literal["confirmed", "inferred", "unverified"]
CONFIDENCE = ("confirmed", "inferred", "unverified")
TRANSPORTS = ("http", "browser")
TLS_MODES = ("default", "legacy")


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched (or replayed) HTTP response, decoded."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-cased names
    content: bytes  # the raw body, as received
    text: str  # the body decoded (charset from header, then <meta>, then detection)
    encoding: str
    content_type: str  # media type without parameters, e.g. "text/html"
    not_modified: bool = False  # a 304 to a conditional GET: content is empty


@dataclass(frozen=True, slots=True)
class ListItem:
    """One entry on a list page or in a JSON list: a candidate document."""

    url: str
    title: str
    date: str | None = None  # ISO YYYY-MM-DD when the list shows one
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. doc_number, issuer from a JSON API


@dataclass(frozen=True, slots=True)
class ListRequest:
    """One list page to read: its URL, its number in its sequence (1 = the start page), the sequence's start
    URL, the search keyword when the family queries one per keyword, and for a POST (Hanweb's pager at
    /module/jpage/dataproxy.jsp) its form-encoded body."""

    url: str
    n: int = 1
    start: str = ""
    keyword: str | None = None
    method: str = "GET"  # GET | POST
    body: str | None = None  # a POST's form fields, e.g. "col=1&webid=3096&columnid=1229017138"

    def __post_init__(self) -> None:
        if self.method not in ("GET", "POST") or (self.body is not None) != (self.method == "POST"):
            raise ValueError(f"a list request is a GET without a body or a POST with one: {self.method} {self.url}")

    def next(self, url: str, *, body: str | None = None) -> ListRequest:
        """The page after this one: a GET of `url`, or a POST of `body` to it."""
        return ListRequest(url, self.n + 1, self.start or self.url, self.keyword,
                           "POST" if body is not None else "GET", body)


@dataclass(frozen=True, slots=True)
class ListPage:
    """What a list page holds: its items, and the page after it (None: the sequence ends here)."""

    items: list[ListItem]
    next: ListRequest | None = None
    selector: str = ""  # what found the items, for `sources check`
    failed: str | None = None  # the configured selector that found nothing: the page's main list was read
    directory: bool = False  # a page naming where the list is (gkmlpt's index names its API), holding none


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One source: data, not code. Built-ins live in sources/builtin/*.toml; users add their own."""

    id: str
    name: str
    region: str  # canonical: 全国, 四川省, 成都市 ...
    level: Level
    kind: str  # the family adapter, e.g. "trs_list", "govcn_json"
    start_urls: tuple[str, ...]
    hosts: tuple[str, ...] = ()  # hosts links may be followed to; defaults to the start URLs' hosts
    province: str | None = None  # for municipal sources: the province a city belongs to
    max_pages: int = 3  # list pages walked per start URL on each run
    title_filter: bool = True  # fetch only list items whose title matches a tracked keyword
    options: dict[str, Any] = field(default_factory=dict)  # family-specific settings (selectors ...)
    # where this entry's URL and markup were seen (a crawler's file, a route test, a captured page), and when
    evidence: str | None = None
    confidence: Confidence = "unverified"  # confirmed | inferred | unverified
    transport: str = "http"  # http | browser (a page only a browser can read)
    wait_for: str | None = None  # browser: the CSS selector to wait for, or "networkidle"
    wall: str | None = None  # a wall no fetch can pass (瑞数 …): reported as such, not fetched every run
    headers: dict[str, str] = field(default_factory=dict)  # sent with every request (User-Agent, Referer)
    tls: str = "default"  # default | legacy (old ciphers and renegotiation some portals still need)
    http_fallback: bool = False  # retry over plain http when https cannot connect
    keywords: tuple[str, ...] | None = None  # tracked words for this source, replacing the default list
