"""www.gov.cn: the static JSON list feeds (`govcn_json`) and the policy-library search (`govcn_search`)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html import unescape
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from policytrack.parser import doc_numbers
from policytrack.parser.dates import parse_date
from policytrack.parser.gov_page import clean
from policytrack.parser.markup import joined
from policytrack.parser.relevance import SEARCH_KEYWORDS
from policytrack.sources.families import register
from policytrack.sources.families.base import Family
from policytrack.sources.records import ListItem, ListPage, ListRequest, Page
from policytrack.sources.selectors import ListError

GOVCN = "https://www.gov.cn/"
SEARCH_REFERER = "https://sousuo.www.gov.cn/zcwjk/policyDocumentLibrary?q=&t=zhengcelibrary"
_TAG = re.compile(r"<[^>]+>")
CHINA = timedelta(hours=8)


def _json(page: Page, where: str) -> Any:
    try:
        return json.loads(page.text)
    except ValueError:
        head = clean(page.text[:60])
        raise ListError(f"{where}: {page.url} is not JSON (starts {head!r})", url=page.url) from None


def _title(raw: Any) -> str:
    return clean(unescape(_TAG.sub("", str(raw or ""))))


@register
class GovcnJsonFamily(Family):
    """A www.gov.cn static JSON list feed (the whole column in one file, newest first), e.g.
    zhengce/zhengceku/bmwj/TONGYONGGAILAN.json (部门文件), zhengce/zuixin/ZUIXINZHENGCE.json (最新政策).
    Items: TITLE, URL, DOCRELPUBTIME. A response without such items raises ListError.

    Options: max_items (newest items kept, default all).
    """

    kind = "govcn_json"
    OPTIONS = {**Family.OPTIONS, "max_items": int}

    def parse_list(self, page: Page, at: ListRequest | None = None) -> ListPage:
        where = self.spec.id
        data = _json(page, where)
        rows = data if isinstance(data, list) else next(
            (v for v in (data.values() if isinstance(data, dict) else ()) if isinstance(v, list)), None
        )
        if rows is None:
            raise ListError(f"{where}: no JSON list of items on {page.url}", url=page.url)
        items = []
        for row in rows:
            if not isinstance(row, dict):
                continue
            title, url = _title(row.get("TITLE") or row.get("title")), row.get("URL") or row.get("url")
            if not title or not url:
                continue
            date = parse_date(str(row.get("DOCRELPUBTIME") or row.get("PUBTIME") or ""))
            link = joined(page.final_url or page.url, str(url))
            if link is not None:  # a link no URL parser reads (http://[::1/…) costs only its item
                items.append(ListItem(url=link, title=title, date=date))
        if rows and not items:
            keys = sorted(rows[0]) if isinstance(rows[0], dict) else type(rows[0]).__name__
            raise ListError(f"{where}: items on {page.url} have no TITLE/URL (keys: {keys})", url=page.url)
        limit = self.options.get("max_items")
        return ListPage(items[:limit] if limit else items, None, "TITLE/URL")


@register
class GovcnSearchFamily(Family):
    """The State Council policy library search API (sousuo.www.gov.cn/search-gov/data), one query per
    keyword, p=1.. until totalpage or spec.max_pages. Rows come from searchVO.catMap.*.listVO
    (t=zhengcelibrary) and searchVO.listVO (t=zhengcelibrary_bm); <em> highlights are stripped from titles;
    pcode → extra doc_number, puborg → extra issuer, pubtimeStr (YYYY.MM.DD) → date. A response of another
    shape raises ListError naming what was missing. Query parameters in the start URL (e.g.
    t=zhengcelibrary_bm) override the defaults.

    The words searched are the source's tracked keywords (its entry's `keywords`, else the run's), else
    parser.relevance.SEARCH_KEYWORDS. Options: page_size (n, default 20), searchfield (default "title").
    """

    kind = "govcn_search"
    OPTIONS = {**Family.OPTIONS, "page_size": int, "searchfield": str}

    def keywords(self) -> list[str]:
        return list(self.spec.keywords or SEARCH_KEYWORDS)

    def search_url(self, start: str, keyword: str, p: int) -> str:
        parts = urlsplit(start)
        params = {
            "t": "zhengcelibrary", "q": keyword, "timetype": "timeqb", "mintime": "", "maxtime": "",
            "sort": "pubtime", "sortType": "1", "searchfield": self.options.get("searchfield", "title"),
            "p": str(p), "n": str(self.options.get("page_size", 20)), "type": "gwyzcwjk",
        }
        overrides = parse_qsl(parts.query, keep_blank_values=True)
        params.update({k: v for k, v in overrides if k not in ("q", "p")})
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(params), ""))

    def start_pages(self) -> Iterator[ListRequest]:
        for start in self.spec.start_urls:
            for keyword in self.keywords():
                yield ListRequest(self.search_url(start, keyword, 1), 1, start, keyword)

    def parse_list(self, page: Page, at: ListRequest | None = None) -> ListPage:
        """One results page; the next while searchVO's totalpage (or totalCount / n) goes on."""
        at = self._at(page, at)
        where = f"{self.spec.id}: gov.cn search"
        data = _json(page, where)
        if not isinstance(data, dict) or not isinstance(data.get("searchVO"), dict):
            keys = sorted(data)[:8] if isinstance(data, dict) else type(data).__name__
            raise ListError(f"{where}: response has no 'searchVO' object (keys: {keys}) on {page.url}",
                            url=page.url, selector="searchVO")
        if str(data.get("code", 200)) != "200":
            raise ListError(f"{where}: code {data.get('code')} ({data.get('msg')}) on {page.url}",
                            url=page.url)
        vo = data["searchVO"]
        rows: list[Any] = []
        catmap = vo.get("catMap")
        if isinstance(catmap, dict):
            for cat in catmap.values():
                if isinstance(cat, dict) and isinstance(cat.get("listVO"), list):
                    rows += cat["listVO"]
        if isinstance(vo.get("listVO"), list):
            rows += vo["listVO"]
        elif not isinstance(catmap, dict):
            raise ListError(f"{where}: neither searchVO.listVO nor searchVO.catMap.*.listVO on {page.url}",
                            url=page.url, selector="searchVO.listVO")
        items: dict[str, ListItem] = {}
        for row in rows:
            item = self._item(row) if isinstance(row, dict) else None
            if item and item.url not in items:
                items[item.url] = item
        total = _total_pages(vo, page.url)
        more = at.keyword is not None and (total is None or at.n < total)
        return ListPage(list(items.values()), at.next(self.search_url(at.start, at.keyword or "", at.n + 1))
                        if more else None, "searchVO.listVO")

    @staticmethod
    def _item(row: dict[str, Any]) -> ListItem | None:
        title, url = _title(row.get("title")), str(row.get("url") or "").strip()
        if not title or not url:
            return None
        date = parse_date(str(row.get("pubtimeStr") or ""))
        if not date and isinstance(row.get("pubtime"), int | float):  # epoch ms, China time
            date = (datetime.fromtimestamp(row["pubtime"] / 1000, UTC) + CHINA).date().isoformat()
        extra: dict[str, Any] = {}
        pcode = clean(str(row.get("pcode") or row.get("wenhao") or ""))
        if number := doc_numbers.find(pcode):  # 国办发〔2024〕53号, and orders such as 国令第707号
            extra["doc_number"] = number
        if clean(str(row.get("puborg") or "")):
            extra["issuer"] = clean(str(row["puborg"]))
        if row.get("childtype"):
            extra["topic"] = clean(str(row["childtype"]))
        if row.get("summary"):
            extra["summary"] = _title(row["summary"])
        link = joined(GOVCN, url)
        return ListItem(url=link, title=title, date=date, extra=extra) if link else None

    def request_headers(self, url: str) -> dict[str, str]:
        if (urlsplit(url).hostname or "").startswith("sousuo."):
            return {"Referer": SEARCH_REFERER, "Accept": "application/json, text/plain, */*"}
        return {}


def _total_pages(vo: dict[str, Any], url: str) -> int | None:
    """searchVO.totalpage, else totalCount over the page size asked for; None when neither is given."""
    total = vo.get("totalpage")
    if total is None and vo.get("totalCount") is not None:
        n = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True)).get("n") or 20
        total = math.ceil(int(vo["totalCount"]) / max(1, int(n)))
    return None if total is None else int(total)
