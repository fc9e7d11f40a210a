"""`html_list`: a static list page whose items are repeated blocks (li, table rows, divs), each a link, a title
and a date (TRS and most CMSs)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from policytrack.parser import doc_numbers
from policytrack.parser.dates import parse_date
from policytrack.parser.gov_page import clean
from policytrack.parser.markup import joined, soup_of
from policytrack.sources.families import register
from policytrack.sources.families.base import Family, page_url
from policytrack.sources.list_finder import main_list
from policytrack.sources.records import ListItem, ListPage, ListRequest, Page
from policytrack.sources.selectors import SelectorError

# Item selectors of the common CMSs, tried in order when a source names none; then the page's main list.
DEFAULT_ITEMS: tuple[str, ...] = (
    "ul.u-list > li",  # TRS: ndrc, nda
    "ul.doc_list li",  # anhui
    ".NewsList li",  # guizhou
    "ul.nowrapli li",  # shanghai fgw
    "ul.default_news li",  # beijing
    ".list_div li",  # deyang
    ".news_box .list li:not(.line)",  # gov.cn (older)
)
DATE_CANDIDATES = "span, em, i, font, td, b, .date, .time, .fr"
# A list whose later pages are drawn by script from page 1's data (北京's .default_news, sliced by JS): only
# page 1 exists as a URL.
CLIENT_PAGINATION = "client"


def _valid_css(selector: str) -> str | None:
    try:
        BeautifulSoup("", "html.parser").select(selector)
    except Exception as exc:
        return f"invalid CSS {selector!r}: {str(exc).splitlines()[0]}"
    return None


def _boxed(node: Any, item: Tag, link: Tag) -> bool:
    """True when `node` sits in a box nested in the item that holds links of its own: 国家数据局 items carry
    a 解读 popbox (<div class="popbox"><ul><li><a>…解读</a><span>2024.01.06</span>) whose date is not the
    item's."""
    for parent in node.parents:
        if parent is item:
            return False
        if parent is not link and link not in parent.parents and parent.find("a", href=True) is not None \
                and link not in parent.find_all("a"):
            return True
    return False


@register
class HtmlListFamily(Family):
    """A list page whose items are repeated blocks holding a link, a title (a[title] or the link text) and a
    date (2025-01-13, 2025/01/13, 2025.01.13, 2025年1月13日, [01-13], in a span or a table cell). When some items
    have a date, the undated ones (nav links) are dropped; a date inside a nested box with links of its own
    (a 解读 popbox) is not the item's. A 发文字号 outside the link (a table cell, <span class="wh">, or a cell
    that writes it by script, as 湖南's document.write does) becomes the item's doc_number. Relative links
    are joined against the page URL.

    With no item selector, the common CMS lists are tried, then the page's main list (the largest group of
    sibling blocks with a link and a date: table rows, div lists, custom lists). When a configured selector
    finds nothing on a page that holds a list, the main list is read instead and the source is `degraded`,
    naming both selectors.

    Options: item (CSS of one item), link (CSS inside the item, default a[href]), date (CSS inside the item),
    expect_min (dated items expected per page, default 1), pagination (page n≥2 resolved against the start
    URL: "index_{n-1}.html" (NDRC, page 2 = index_1), "index_{n}.shtml", "index_pc_{n}.html" (NDA),
    "89275467-{n}.shtml" (辽宁's -N.shtml), "?page={n}&fix=0" (河北's UUID column blocks); "client" when
    later pages are drawn by script from page 1 (北京): one page; none = one page).
    """

    kind = "html_list"
    OPTIONS = {**Family.OPTIONS, "item": str, "link": str, "date": str, "expect_min": int, "pagination": str}

    @classmethod
    def check_options(cls, options: dict[str, Any]) -> str | None:
        problem = super().check_options(options)
        if problem:
            return problem
        for key in ("item", "link", "date"):
            if key in options and (problem := _valid_css(options[key])):
                return f"option {key!r}: {problem}"
        pagination = options.get("pagination")
        if pagination is not None and pagination != CLIENT_PAGINATION and "{n" not in pagination:
            return f"option 'pagination' must contain {{n}} or {{n-1}}, or be {CLIENT_PAGINATION!r}"
        if options.get("expect_min", 1) < 0:
            return "option 'expect_min' must be ≥ 0"
        return None

    def next_page(self, at: ListRequest) -> ListRequest | None:
        """The page after `at` from the pagination template; None without one (a one-page list)."""
        template = self.options.get("pagination")
        if not template or template == CLIENT_PAGINATION:
            return None
        return at.next(page_url(at.start or at.url, template, at.n + 1))

    # -- items ------------------------------------------------------------------------------------

    def item_elements(self, page: Page, soup: BeautifulSoup) -> tuple[list[Tag], str]:
        """The item elements the configured (or a default) selector finds, and that selector; none found is
        ([], selector) and the caller looks for the page's main list."""
        where = self.spec.id
        sel = self.options.get("item")
        if sel:
            try:
                return soup.select(sel), sel
            except Exception as exc:
                raise SelectorError(f"{where}: invalid selector {sel!r}: {str(exc).splitlines()[0]}",
                                    url=page.url, selector=sel) from None
        for default in DEFAULT_ITEMS:
            found = soup.select(default)
            if found:
                return found, default
        return [], ""

    def parse_list(self, page: Page, at: ListRequest | None = None) -> ListPage:
        items, selector, failed = self.list_items(page)
        return ListPage(items, self.next_page(self._at(page, at)), selector, failed)

    def list_items(self, page: Page) -> tuple[list[ListItem], str, str | None]:
        """The page's dated items with a link (undated nav links dropped when some are dated), the selector
        that found them, and the configured selector that found none when the main list was read instead."""
        soup = soup_of(page.text)
        elements, selector = self.item_elements(page, soup)
        expect_min = int(self.options.get("expect_min", 1))
        found = self._items(elements, page)
        failed = None
        configured = bool(self.options.get("item"))
        # A default guess that caught only undated links (a nav menu that is also ul.u-list) is no list either.
        guessed_nav = not configured and bool(found) and not any(i.date for i in found)
        if (len(found) < max(1, expect_min) or guessed_nav) and (listed := main_list(soup)):
            fallback = self._items(listed[0], page)
            if len(fallback) >= max(1, expect_min) and (len(fallback) > len(found) or guessed_nav):
                failed = self.options.get("item") or None  # only a configured selector degrades the source
                found, selector = fallback, listed[1]
        if len(found) < expect_min:
            where, url = self.spec.id, page.url
            if not selector:
                raise SelectorError(f"{where}: none of the list selectors matched on {url} (tried "
                                    f"{', '.join(DEFAULT_ITEMS)}), and the page holds no list of dated links; "
                                    "set options.item", url=url, selector=" | ".join(DEFAULT_ITEMS))
            if not elements:
                raise SelectorError(f"{where}: selector {selector!r} matched 0 element(s), and the page holds no "
                                    f"list of dated links, on {url}", url=url, selector=selector)
            raise SelectorError(f"{where}: selector {selector!r} gave {len(found)} item(s) with a link, expected at "
                                f"least {expect_min} on {url}", url=url, selector=selector)
        return found, selector, failed

    def _items(self, elements: list[Tag], page: Page) -> list[ListItem]:
        base = page.final_url or page.url
        items: dict[str, ListItem] = {}
        for el in elements:
            item = self.item_from(el, base)
            if item and item.url not in items:
                items[item.url] = item
        found = list(items.values())
        if any(i.date for i in found):  # nav links mixed into the list carry no date
            found = [i for i in found if i.date]
        return found

    def item_from(self, el: Tag, base: str) -> ListItem | None:
        a = el if el.name == "a" and el.get("href") and not self.options.get("link") else \
            el.select_one(self.options.get("link") or "a[href]")
        if a is None or not a.get("href"):
            return None
        href = a["href"].strip()
        if href.lower().startswith(("javascript:", "#", "mailto:")):
            return None
        url = joined(base, href)
        if url is None:  # a link no URL parser reads (http://[::1/…): that item is skipped, the list read
            return None
        if urlsplit(url).scheme not in ("http", "https") or url.split("#")[0] == base:
            return None
        title = clean(a.get("title") or "") or clean(a.get_text(" "))
        if a is el:  # a card that is itself the link (重庆 a.listpc-item): its title element, not all its text
            inner = el.select_one("[title]")
            title = clean(a.get("title") or "") or clean(inner.get("title") if inner else "") or title
        if not title:
            return None
        extra = {}
        number = self.item_doc_number(el, a)
        if number:
            extra["doc_number"] = number
        return ListItem(url=url, title=title, date=self.item_date(el, a), extra=extra)

    def item_date(self, el: Tag, link: Tag) -> str | None:
        year = date.today().year
        if self.options.get("date"):
            d = el.select_one(self.options["date"])
            return _dated(d.get_text(" ") if d else "", year)
        for cand in el.select(DATE_CANDIDATES):
            if cand is link or (link is not el and (link in cand.parents or cand in link.parents)):
                continue
            if _boxed(cand, el, link):
                continue
            iso = _dated(cand.get_text(" "), year)
            if iso:
                return iso
        rest = "".join(s for s in el.strings if (link is el or (s.parent is not link and link not in s.parents))
                       and not _boxed(s, el, link))
        return _dated("".join(rest.split()), year)

    @staticmethod
    def item_doc_number(el: Tag, link: Tag) -> str | None:
        """A 发文字号 the list shows beside the title: a cell or span outside the link, or a script that
        writes it (湖南: <td><script>document.write('湘政发〔2024〕3号')</script></td>)."""
        if link is el:
            texts = [s for s in el.strings if s.parent.get("title") is None]
        else:
            texts = [s for s in el.strings if s.parent is not link and link not in s.parents]
        texts += [s.string or "" for s in el.find_all("script")]
        return doc_numbers.find(" ".join(texts))


def _dated(text: str, year: int) -> str | None:
    """A list date; a month-day alone belongs to this year unless that lies in the future."""
    iso = parse_date(text)
    if iso:
        return iso
    iso = parse_date(text, context_year=year)
    if iso and date.fromisoformat(iso) > date.today() + timedelta(days=1):
        iso = parse_date(text, context_year=year - 1)
    return iso
