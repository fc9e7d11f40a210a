"""JSON list APIs: the search and listing backends behind the pages that build their lists in the browser.

`json_list` reads any of them from options (where the items are, what their fields are called, which query
parameter numbers the pages); the named kinds are the backends the sites really use, with their shapes
filled in. A response of another shape raises ListError naming what was missing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from policytrack.parser import doc_numbers
from policytrack.parser.dates import parse_date
from policytrack.parser.gov_page import clean
from policytrack.parser.markup import joined
from policytrack.sources.families import register
from policytrack.sources.families.base import Family
from policytrack.sources.records import ListItem, ListPage, ListRequest, Page
from policytrack.sources.selectors import ListError

_TAG = re.compile(r"<[^>]+>")
# result({...}) or jQuery123_456({...}); — JSONP, as 吉林's infogate answers
_JSONP = re.compile(r"^\s*[\w$.]+\s*\((.*)\)\s*;?\s*$", re.S)


def _text(raw: Any) -> str:
    from html import unescape

    return clean(unescape(_TAG.sub("", str(raw if raw is not None else ""))))


def dig(data: Any, path: str) -> Any:
    """`data` at a dotted path ("page.content", "tip.title"); None where the path ends."""
    for key in path.split("."):
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        else:
            return None
    return data


def _first(row: dict[str, Any], paths: Iterable[str]) -> Any:
    for path in paths:
        value = dig(row, path)
        if value not in (None, "", [], {}):
            return value
    return None


def _paths(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    return (value,) if isinstance(value, str) else tuple(value)


@register
class JsonListFamily(Family):
    """A JSON (or JSONP) list API, described by options: items (dotted path to the list, e.g. "data.results";
    several may be given, first found wins), title, url, date, doc_number, issuer (field names or dotted
    paths inside an item, first non-empty wins), page_param (the query parameter numbering the pages,
    default "page"), first_page (its value on page 1, default 1), total_pages / total_count (dotted paths to
    the number of pages or of items; with total_count, page_size_param names the page size parameter).
    Pages go on while a page holds items and the totals (when given) say there are more. Relative URLs are
    joined against the API's origin, or `base` when given.
    """

    kind = "json_list"
    ITEMS: ClassVar[tuple[str, ...]] = ()
    TITLE: ClassVar[tuple[str, ...]] = ("title", "TITLE")
    URL: ClassVar[tuple[str, ...]] = ("url", "URL")
    DATE: ClassVar[tuple[str, ...]] = ("pubDate", "date", "pubdate", "PUBDATE")
    DOC_NUMBER: ClassVar[tuple[str, ...]] = ()
    ISSUER: ClassVar[tuple[str, ...]] = ()
    PAGE_PARAM: ClassVar[str] = "page"
    FIRST_PAGE: ClassVar[int] = 1
    TOTAL_PAGES: ClassVar[tuple[str, ...]] = ()
    TOTAL_COUNT: ClassVar[tuple[str, ...]] = ()
    PAGE_SIZE_PARAM: ClassVar[str] = ""
    FIELDS = ("items", "title", "url", "date", "doc_number", "issuer", "total_pages", "total_count")
    OPTIONS = {**Family.OPTIONS, **{f: (str, list) for f in FIELDS}, "page_param": str, "first_page": int,
               "page_size_param": str, "base": str}

    @classmethod
    def check_options(cls, options: dict[str, Any]) -> str | None:
        problem = super().check_options(options)
        if problem:
            return problem
        if cls.kind == "json_list" and not all(options.get(k) for k in ("items", "title", "url")):
            return "kind 'json_list' needs options items, title and url (dotted paths into the JSON)"
        return None

    def _shape(self, name: str) -> tuple[str, ...]:
        return _paths(self.options.get(name), getattr(self, name.upper()))

    @property
    def page_param(self) -> str:
        return str(self.options.get("page_param") or self.PAGE_PARAM)

    @property
    def first_page(self) -> int:
        return int(self.options.get("first_page", self.FIRST_PAGE))

    # -- requests -----------------------------------------------------------------------------------

    def page_url(self, start: str, n: int) -> str:
        """`start` with the page parameter set for page n (1-based) of the sequence."""
        parts = urlsplit(start)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != self.page_param]
        query.append((self.page_param, str(self.first_page + n - 1)))
        return urlunsplit(parts._replace(query=urlencode(query)))

    # -- responses ----------------------------------------------------------------------------------

    def data(self, page: Page) -> Any:
        text = page.text.strip()
        if text[:1] not in "[{" and (m := _JSONP.match(text)):
            text = m.group(1)
        try:
            return json.loads(text)
        except ValueError:
            head = clean(page.text[:60])
            raise ListError(f"{self.spec.id}: {page.url} is not JSON (starts {head!r})", url=page.url) from None

    def rows(self, data: Any, page: Page) -> list[Any]:
        for path in self._shape("items"):
            rows = dig(data, path)
            if isinstance(rows, list):
                return rows
        keys = sorted(data)[:10] if isinstance(data, dict) else type(data).__name__
        want = " or ".join(self._shape("items")) or "a list"
        raise ListError(f"{self.spec.id}: no {want} in the JSON on {page.url} (keys: {keys})", url=page.url,
                        selector=want)

    def item(self, row: dict[str, Any], base: str) -> ListItem | None:
        title, url = _text(_first(row, self._shape("title"))), _first(row, self._shape("url"))
        if not title or not isinstance(url, str) or not url.strip():
            return None
        raw_date = _first(row, self._shape("date"))
        date = parse_date(str(raw_date)) if raw_date is not None else None
        extra: dict[str, Any] = {}
        number = doc_numbers.find(_text(_first(row, self._shape("doc_number")) or ""))
        if number:
            extra["doc_number"] = number
        issuer = _text(_first(row, self._shape("issuer")) or "")
        if issuer:
            extra["issuer"] = issuer
        link = joined(base, url.strip())
        if link is None:  # a link no URL parser reads (http://[::1/…): that item is skipped, the list read
            return None
        return ListItem(url=link, title=title, date=date, extra=extra)

    def total_pages(self, data: Any, url: str) -> int | None:
        total = _first(data, self._shape("total_pages")) if isinstance(data, dict) else None
        if total is None and isinstance(data, dict) and (count := _first(data, self._shape("total_count"))):
            size = dict(parse_qsl(urlsplit(url).query)).get(self.options.get("page_size_param")
                                                            or self.PAGE_SIZE_PARAM or "")
            if size and str(size).isdigit() and str(count).isdigit():
                total = math.ceil(int(count) / max(1, int(size)))
        return int(total) if str(total).isdigit() else None

    def parse_list(self, page: Page, at: ListRequest | None = None) -> ListPage:
        at = self._at(page, at)
        data = self.data(page)
        rows = self.rows(data, page)
        base = self.options.get("base") or page.final_url or page.url
        items: dict[str, ListItem] = {}
        for row in rows:
            item = self.item(row, base) if isinstance(row, dict) else None
            if item and item.url not in items:
                items[item.url] = item
        if rows and not items:
            keys = sorted(rows[0])[:12] if isinstance(rows[0], dict) else type(rows[0]).__name__
            raise ListError(f"{self.spec.id}: items on {page.url} have no {'/'.join(self._shape('title'))} and "
                            f"{'/'.join(self._shape('url'))} (keys: {keys})", url=page.url)
        total = self.total_pages(data, page.url)
        more = bool(items) and (total is None or at.n < total)
        start = at.start or at.url
        return ListPage(list(items.values()), at.next(self.page_url(start, at.n + 1)) if more else None,
                        "/".join(self._shape("items")))


@register
class UcapSearchFamily(JsonListFamily):
    """开普云 (UCAP) column search: /common/search/{channelId}?_isJson=true&page=N&_pageSize=15 (黑龙江, 海南),
    and 成都's /es-search/search/{channelId}?…&page=N. Items data.results[] (or results[]): title, url,
    publishedTimeStr; 文号 from domainMetaList[].resultList[] key refno; pages until data.total / data.rows."""

    kind = "ucap_search"
    ITEMS = ("data.results", "results")
    DATE = ("publishedTimeStr", "publishedTime", "pubDate")

    def item(self, row: dict[str, Any], base: str) -> ListItem | None:
        item = super().item(row, base)
        if item is None:
            return None
        meta = {m.get("key"): m.get("value") for d in row.get("domainMetaList") or [] if isinstance(d, dict)
                for m in d.get("resultList") or [] if isinstance(m, dict)}
        number = doc_numbers.find(str(meta.get("refno") or ""))
        if number and "doc_number" not in item.extra:
            item.extra["doc_number"] = number
        return item

    def total_pages(self, data: Any, url: str) -> int | None:
        body = data.get("data") if isinstance(data, dict) and isinstance(data.get("data"), dict) else data
        if isinstance(body, dict) and str(body.get("total", "")).isdigit() and str(body.get("rows", "")).isdigit():
            return math.ceil(int(body["total"]) / max(1, int(body["rows"])))
        return None


@register
class IgsSearchFamily(JsonListFamily):
    """南威 IGS search: /igs/front/search/list.html?index=…&type=…&pageNumber=N&pageSize=10&orderProperty=…
    (天津 zcwj-index, 广西 file2-index-alias). Items page.content[]: title BT / DOCTITLE / FileName, url
    DOCPUBURL, date FBRQ / PUBDATE, 文号 FWZH / fileNum; pages until page.totalPages."""

    kind = "igs_search"
    ITEMS = ("page.content",)
    TITLE = ("BT", "DOCTITLE", "FileName", "title")
    URL = ("DOCPUBURL", "url")
    DATE = ("FBRQ", "PUBDATE", "DOCRELTIME", "pubDate")
    DOC_NUMBER = ("FWZH", "fileNum", "wh")
    ISSUER = ("FWJG_name", "FWJG", "publisher")
    PAGE_PARAM = "pageNumber"
    TOTAL_PAGES = ("page.totalPages",)


@register
class SearchApiFamily(JsonListFamily):
    """河南's searchapi: https://searchapi.henan.gov.cn/open/api/external?…&pageNumber=N&pageSize=15&channelMarkId=…
    Items data.datas[]: title, selfUrl, pubDate."""

    kind = "searchapi"
    ITEMS = ("data.datas",)
    URL = ("selfUrl", "url")
    DATE = ("pubDate",)
    PAGE_PARAM = "pageNumber"


@register
class Was5Family(JsonListFamily):
    """TRS WAS5 search (福建 /was5/web/search?channelid=…&templet=docs.jsp&page=N): items docs[] (or
    datas[]): title, url (docpuburl, chnldocurl), pubdate, fileno."""

    kind = "was5"
    ITEMS = ("docs", "datas")
    TITLE = ("title", "doctitle", "DOCTITLE")
    URL = ("url", "docpuburl", "chnldocurl")
    DATE = ("pubdate", "docreltime", "PUBDATE")
    DOC_NUMBER = ("fileno", "filenum")
    ISSUER = ("puborg",)


@register
class InfogateFamily(JsonListFamily):
    """吉林's infogate JSONP (infogate.jl.gov.cn/govsearch/jsonp/zf_jd_list.jsp?page=N&callback=result&…):
    result({"data": [{"puburl", "tip": {"title", "dates", "filenum", "publisher"}}]})."""

    kind = "infogate"
    ITEMS = ("data", "list")
    TITLE = ("tip.title", "title")
    URL = ("puburl",)
    DATE = ("tip.dates", "pubdate", "efectdate")
    DOC_NUMBER = ("tip.filenum", "filenum")
    ISSUER = ("tip.publisher",)


@register
class GkmlptFamily(JsonListFamily):
    """广东's 政府信息公开目录 platform (gkmlpt), on every Guangdong government site. The start page is the
    site's /gkmlpt/index: its window._CONFIG names the site (SID: '…') and the catalogue (TREE); the category
    named by options.category (default "政策文件"; a name or an id) is read from the API,
    /gkmlpt/api/all/{category}?page=N&sid={SID}: articles[] with title, url, document_number, publisher and
    created_at, until classify.post_count."""

    kind = "gkmlpt"
    ITEMS = ("articles",)
    DATE = ("created_at", "date", "display_publish_time")
    DOC_NUMBER = ("document_number",)
    ISSUER = ("publisher",)
    OPTIONS = {**JsonListFamily.OPTIONS, "category": (str, int)}
    SID = re.compile(r"SID:\s*'(\d+)'")
    TREE = re.compile(r"TREE:\s*(\[.*?\])\s*,\s*SERVICE_AREA_ID", re.S)

    def parse_list(self, page: Page, at: ListRequest | None = None) -> ListPage:
        at = self._at(page, at)
        if "/gkmlpt/api/" in urlsplit(page.url).path:
            return super().parse_list(page, at)
        sid, tree = self.SID.search(page.text), self.TREE.search(page.text)
        if not sid or not tree:
            raise ListError(f"{self.spec.id}: {page.url} holds no gkmlpt _CONFIG (SID and TREE)", url=page.url,
                            selector="_CONFIG")
        try:
            nodes = json.loads(tree.group(1))
        except ValueError:
            raise ListError(f"{self.spec.id}: the gkmlpt TREE on {page.url} is not JSON", url=page.url) from None
        wanted = str(self.options.get("category", "政策文件"))
        found = next((n for n in _leaves(nodes) if wanted in (str(n.get("id")), n.get("name"))), None) or next(
            (n for n in _leaves(nodes) if wanted in str(n.get("name", ""))), None)
        if found is None:
            names = ", ".join(str(n.get("name")) for n in _leaves(nodes))[:200]
            raise ListError(f"{self.spec.id}: no gkmlpt category {wanted!r} on {page.url} (has: {names})",
                            url=page.url, selector="TREE")
        api = urljoin(page.final_url or page.url, f"/gkmlpt/api/all/{found['id']}?page=1&sid={sid.group(1)}")
        return ListPage([], ListRequest(api, 1, api), "_CONFIG TREE", directory=True)

    def total_pages(self, data: Any, url: str) -> int | None:
        count = dig(data, "classify.post_count")
        rows = data.get("articles") if isinstance(data, dict) else None
        if str(count).isdigit() and rows:
            return math.ceil(int(count) / max(1, len(rows)))
        return None


def _leaves(nodes: list[Any]) -> list[dict[str, Any]]:
    out = []
    for node in nodes:
        if not isinstance(node, dict) or node.get("jump_url"):
            continue
        children = _leaves(node.get("children") or [])
        out += children or [node]
    return out
