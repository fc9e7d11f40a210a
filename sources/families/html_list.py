"""`html_list`: a static list page of <li> items, each a link, a title and a date (TRS and most CMSs)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from policytrack.parser.dates import parse_date
from policytrack.parser.gov_page import clean
from policytrack.sources.families import register
from policytrack.sources.families.base import Family, page_url
from policytrack.sources.records import ListItem, ListPage, ListRequest, Page
from policytrack.sources.selectors import CSS, SelectorError

# Item selectors of the common CMSs, tried in order when a source names none.
DEFAULT_ITEMS: tuple[str, ...] = (
    "ul.u-list > li",  # TRS: ndrc, nda
    "ul.doc_list li",  # anhui
    ".NewsList li",  # guizhou
    "ul.nowrapli li",  # shanghai fgw
    "ul.default_news li",  # beijing
    ".list_div li",  # deyang
    ".news_box .list li:not(.line)",  # gov.cn (older)
)
DATE_CANDIDATES = "span, em, i, font, td, .date, .time, .fr"


def _valid_css(selector: str) -> str | None:
    try:
        BeautifulSoup("", "html.parser").select(selector)
    except Exception as exc:
        return f"invalid CSS {selector!r}: {str(exc).splitlines()[0]}"
    return None


@register
class HtmlListFamily(Family):
    """A list page whose items are elements holding a link, a title (a[title] or the link text) and a date
    (a sibling span; 2025-01-13, 2025/01/13, 2025.01.13, 2025年1月13日, [01-13]). When some items have a date,
    the undated ones (nav links) are dropped. Relative links are joined against the page URL.

    Options: item (CSS of one item; default: the common CMS lists, ul.u-list > li first), link (CSS inside
    the item, default a[href]), date (CSS inside the item, default the first span/em/.date that parses),
    expect_min (dated items expected per page, default 1; fewer raises SelectorError),
    pagination (page n≥2 resolved against the start URL: "index_{n-1}.html" (NDRC, page 2 = index_1),
    "index_{n}.shtml", "index_pc_{n}.html" (NDA, start at index_pc_1.html), "?page={n}"; none = one page).
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
        if "pagination" in options and "{n" not in options["pagination"]:
            return "option 'pagination' must contain {n} or {n-1}"
        if options.get("expect_min", 1) < 0:
            return "option 'expect_min' must be ≥ 0"
        return None

    def next_page(self, at: ListRequest) -> ListRequest | None:
        """The page after `at` from the pagination template; None without one (a one-page list)."""
        template = self.options.get("pagination")
        return at.next(page_url(at.start or at.url, template, at.n + 1)) if template else None

    # -- items ------------------------------------------------------------------------------------

    def item_elements(self, page: Page) -> tuple[list[Tag], str]:
        """The item elements of a list page and the selector that found them."""
        soup = BeautifulSoup(page.text, "html.parser")
        where = self.spec.id
        if self.options.get("item"):
            sel = self.options["item"]
            return CSS(sel).match(soup, url=page.url, where=where), sel
        for sel in DEFAULT_ITEMS:
            found = soup.select(sel)
            if found:
                return found, sel
        raise SelectorError(
            f"{where}: none of the list selectors matched on {page.url} (tried {', '.join(DEFAULT_ITEMS)});"
            " set options.item", url=page.url, selector=" | ".join(DEFAULT_ITEMS),
        )

    def parse_list(self, page: Page, at: ListRequest | None = None) -> ListPage:
        items, selector = self.list_items(page)
        return ListPage(items, self.next_page(self._at(page, at)), selector)

    def list_items(self, page: Page) -> tuple[list[ListItem], str]:
        """The page's dated items with a link (undated nav links dropped when some are dated)."""
        elements, selector = self.item_elements(page)
        base = page.final_url or page.url
        items: dict[str, ListItem] = {}
        for el in elements:
            item = self.item_from(el, base)
            if item and item.url not in items:
                items[item.url] = item
        found = list(items.values())
        if any(i.date for i in found):  # nav links mixed into the list carry no date
            found = [i for i in found if i.date]
        expect_min = int(self.options.get("expect_min", 1))
        if len(found) < expect_min:
            raise SelectorError(
                f"{self.spec.id}: selector {selector!r} gave {len(found)} item(s) with a link, "
                f"expected at least {expect_min} on {page.url}", url=page.url, selector=selector,
            )
        return found, selector

    def item_from(self, el: Tag, base: str) -> ListItem | None:
        a = el.select_one(self.options.get("link") or "a[href]")
        if a is None or not a.get("href"):
            return None
        href = a["href"].strip()
        if href.startswith(("javascript:", "#", "mailto:")):
            return None
        url = urljoin(base, href)
        if urlsplit(url).scheme not in ("http", "https") or url.split("#")[0] == base:
            return None
        title = clean(a.get("title") or "") or clean(a.get_text(" "))
        if not title:
            return None
        return ListItem(url=url, title=title, date=self.item_date(el, a))

    def item_date(self, el: Tag, link: Tag) -> str | None:
        year = date.today().year
        if self.options.get("date"):
            d = el.select_one(self.options["date"])
            return _dated(d.get_text(" ") if d else "", year)
        for cand in el.select(DATE_CANDIDATES):
            if cand is link or link in cand.parents or cand in link.parents:
                continue
            iso = _dated(cand.get_text(" "), year)
            if iso:
                return iso
        rest = "".join(s for s in el.strings if s.parent is not link and link not in s.parents)
        return _dated("".join(rest.split()), year)


def _dated(text: str, year: int) -> str | None:
    """A list date; a month-day alone belongs to this year unless that lies in the future."""
    iso = parse_date(text)
    if iso:
        return iso
    iso = parse_date(text, context_year=year)
    if iso and date.fromisoformat(iso) > date.today() + timedelta(days=1):
        iso = parse_date(text, context_year=year - 1)
    return iso
