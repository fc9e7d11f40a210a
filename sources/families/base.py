"""The adapter base class: how one CMS family lists documents, paginates, and reads a detail page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urljoin

from policytrack.parser.attachments import attachment_text
from policytrack.parser.documents import DocPage
from policytrack.parser.errors import AttachmentError, PageError
from policytrack.parser.gov_page import parse_detail
from policytrack.sources.records import ListPage, ListRequest, Page, SourceSpec

_N = re.compile(r"\{n(?:\s*([+-])\s*(\d+))?\}")


def expand_page(template: str, n: int) -> str:
    """"index_{n-1}.html" with n=3 → "index_2.html"; also {n} and {n+1}."""

    def sub(m: re.Match[str]) -> str:
        k = int(m.group(2) or 0)
        return str(n - k if m.group(1) == "-" else n + k)

    return _N.sub(sub, template)


def page_url(start: str, template: str | None, n: int) -> str:
    """Page 1 is the start URL itself; page n ≥ 2 is the template resolved against it.

    NDRC: start ".../tz/index.html", template "index_{n-1}.html" → page 2 ".../tz/index_1.html".
    NDA: start ".../list/index_pc_1.html", template "index_pc_{n}.html" → page 2 "index_pc_2.html".
    A query template ("?page={n}&fix=0", 河北's column blocks) replaces the start URL's query; a parameter
    template ("&pageIndex={n}", 安徽's /site/label/8888) sets that parameter and keeps the rest.
    """
    if n == 1 or not template:
        return start
    if template.startswith("&"):
        from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

        parts = urlsplit(start)
        fields = dict(parse_qsl(expand_page(template[1:], n), keep_blank_values=True))
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in fields]
        return urlunsplit(parts._replace(query=urlencode([*query, *fields.items()])))
    return urljoin(start, expand_page(template, n))


# Options that became fields of the source entry itself (one way to say a thing): option → what to write.
MOVED_OPTIONS = {
    "headers": "headers = { ... } on the source entry",
    "referer": 'headers = { Referer = "..." } on the source entry',
    "keywords": "keywords = [...] on the source entry",
}


class Family:
    """Base adapter (not a kind itself). Options shared by every kind:
    body_selectors (CSS list tried on detail pages after the shared TRS/UCAP containers). Request headers
    (User-Agent, Referer) are the source entry's `headers`, sent with every request."""

    kind: ClassVar[str]
    # option name → type; the registry rejects unknown options and wrong types, naming the entry
    OPTIONS: ClassVar[dict[str, type | tuple[type, ...]]] = {"body_selectors": list}

    def __init__(self, spec: SourceSpec) -> None:
        self.spec = spec
        self.options: dict[str, Any] = dict(spec.options)

    @classmethod
    def check_options(cls, options: dict[str, Any]) -> str | None:
        """A one-line problem with these options, or None."""
        for key, value in options.items():
            expected = cls.OPTIONS.get(key)
            if expected is None and key in MOVED_OPTIONS:
                return f"option {key!r} moved: write {MOVED_OPTIONS[key]}"
            if expected is None:
                known = ", ".join(sorted(cls.OPTIONS))
                return f"unknown option {key!r} for kind {cls.kind!r} (known: {known})"
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                return f"option {key!r} must be {getattr(expected, '__name__', expected)}"
        return None

    def start_pages(self) -> Iterator[ListRequest]:
        """The first page of each list sequence (one per start URL, or per start URL and keyword). The
        pipeline walks each sequence through `parse_list(...).next` up to the source's max_pages; an empty
        or missing page ends its own sequence, never the others."""
        for start in self.spec.start_urls:
            yield ListRequest(start, 1, start)

    def parse_list(self, page: Page, at: ListRequest | None = None) -> ListPage:
        """The items of one list page and the page after it. `at` says which page this is (page 1 of the
        page's own URL when not given)."""
        raise NotImplementedError

    @staticmethod
    def _at(page: Page, at: ListRequest | None) -> ListRequest:
        return at or ListRequest(page.url, 1, page.url)

    def parse_detail(self, page: Page) -> DocPage:
        """A detail page through parser.gov_page; a PDF/DOCX linked straight from a list becomes its text."""
        base = page.final_url or page.url
        if page.content[:4] in (b"%PDF", b"PK\x03\x04") or page.content_type in (
            "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        ):
            try:
                text = attachment_text(page.content, page.content_type, base)
            except AttachmentError as exc:
                raise PageError(str(exc)) from None
            return DocPage(url=page.url, title="", body_text=text)
        doc = parse_detail(page.text, base, body_selectors=self.options.get("body_selectors"))
        doc.url = page.url
        return doc

    def request_headers(self, url: str) -> dict[str, str]:
        """Headers this family's API needs on `url`, beyond the entry's own (the gov.cn search's Referer)."""
        return {}
