"""`hanweb`: 大汉 Hanweb (jpage) column pages, whose items sit in <record><![CDATA[<li>…</li>]]></record>, and
the column's Ajax pager (dataproxy.jsp) for the pages after the first."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import Tag

from policytrack.parser.markup import soup_of
from policytrack.sources.families import register
from policytrack.sources.families.html_list import HtmlListFamily
from policytrack.sources.list_finder import main_list
from policytrack.sources.records import ListItem, ListPage, ListRequest, Page
from policytrack.sources.selectors import SelectorError

RECORD = re.compile(r"<record[^>]*>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</record>", re.S | re.I)
# The column page names its GET pager: /module/web/jpage/dataproxy.jsp?page=1&webid=…&columnid=…&unitid=…
# (江苏); other Hanweb versions serve it at /module/jpage/dataproxy.jsp (浙江) or /module/jslib/jquery/jpage/.
DATAPROXY = re.compile(r"""[^"'<>\s]*/module/(?:web/|jslib/jquery/)?jpage/dataproxy\.jsp\?[^"'<>\s]+""", re.I)
TOTAL = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.I)
# The form a POST pager is sent (浙江 col1229017138: webid 3096, unitid 7893195); the column page's pager link
# carries the same names, so what the entry does not give is read from there.
FORM_FIELDS = ("col", "appid", "webid", "path", "columnid", "sourceContentType", "unitid", "webname",
               "permissiontype")
FORM_DEFAULTS = {"col": "1", "appid": "1", "path": "/", "permissiontype": "0"}


@register
class HanwebFamily(HtmlListFamily):
    """A Hanweb column page (col/col{ID}/index.html): the list is embedded as <record> blocks in the raw
    HTML (entity-encoded on some sites: decoded first when no literal <record> appears). Each record is one
    item: its first link (title attribute or text) and a date anywhere in its text. A column page without
    <record>s is read through its main list (as html_list does; the source is then `degraded`).

    Pages after the first come from the column's Ajax pager, dataproxy.jsp:
    - GET (江苏 /module/web/jpage/dataproxy.jsp?page=N&…), the pager page 1 names: page=N+1 each time;
    - POST (浙江, 江西: options.pager = { url = "/module/jpage/dataproxy.jsp", method = "POST",
      perpage = 15, form = { webid = "3096", columnid = "…", unitid = "…", webname = "…" } }):
      ?startrecord=S&endrecord=E&perpage=P with the form fields (col, appid, webid, path, columnid,
      sourceContentType, unitid, webname, permissiontype; what the entry omits is read from the pager link on
      page 1), each page starting after the records already read, until <totalrecord> or a short page.
    A column page that names no pager and has no options.pager has one page. Options: as html_list (link,
    date, expect_min); item and pagination are not used.
    """

    kind = "hanweb"
    OPTIONS = {**HtmlListFamily.OPTIONS, "pager": dict}

    @classmethod
    def check_options(cls, options: dict[str, Any]) -> str | None:
        problem = super().check_options(options)
        if problem or "pager" not in options:
            return problem
        pager = options["pager"]
        unknown = set(pager) - {"url", "method", "perpage", "form"}
        if unknown:
            return f"option 'pager': unknown key(s) {sorted(unknown)} (known: form, method, perpage, url)"
        if pager.get("method", "GET") not in ("GET", "POST"):
            return "option 'pager': method must be GET or POST"
        if not isinstance(pager.get("url", ""), str) or "dataproxy" not in pager.get("url", "dataproxy"):
            return "option 'pager': url must be the column's dataproxy.jsp path"
        perpage = pager.get("perpage", 15)
        if not isinstance(perpage, int) or isinstance(perpage, bool) or not 1 <= perpage <= 500:
            return "option 'pager': perpage must be an integer from 1 to 500"
        form = pager.get("form", {})
        if not isinstance(form, dict) or set(form) - set(FORM_FIELDS):
            return f"option 'pager': form takes {', '.join(FORM_FIELDS)}"
        return None

    def parse_list(self, page: Page, at: ListRequest | None = None) -> ListPage:
        at = self._at(page, at)
        items, selector, failed = self.list_items(page)
        return ListPage(items, self._next(page, at, len(self._records(page))), selector, failed)

    # -- the pager ----------------------------------------------------------------------------------

    def _next(self, page: Page, at: ListRequest, records: int) -> ListRequest | None:
        pager = self.options.get("pager")
        if pager and pager.get("method", "GET") == "POST":
            return self._next_post(page, at, records, pager)
        proxy = _named_pager(page) if at.n == 1 else at.url
        return at.next(_with(proxy, page=str(at.n + 1))) if proxy else None

    def _next_post(self, page: Page, at: ListRequest, records: int, pager: dict[str, Any]) -> ListRequest | None:
        perpage = int(pager.get("perpage", 15))
        if at.n == 1:
            first, last = 0, records  # the column page held records 1..records
            form = self._form(page, pager)
            url = urljoin(page.final_url or page.url, pager.get("url", "/module/jpage/dataproxy.jsp"))
        else:
            query = dict(parse_qsl(urlsplit(at.url).query))
            first, last = int(query.get("startrecord", 1)), int(query.get("endrecord", 0))
            form, url = at.body or "", at.url
            total = TOTAL.search(page.text)
            if records < last - first + 1 or (total and last >= int(total.group(1))):
                return None  # a short page, or the column's last record
        if not records:
            return None
        start = last + 1
        url = _with(url, startrecord=str(start), endrecord=str(start + perpage - 1), perpage=str(perpage))
        return at.next(url, body=form)

    def _form(self, page: Page, pager: dict[str, Any]) -> str:
        named = dict(parse_qsl(urlsplit(_named_pager(page) or "").query))
        given = {k: str(v) for k, v in (pager.get("form") or {}).items()}
        form = {k: given.get(k) or named.get(k) or FORM_DEFAULTS.get(k) for k in FORM_FIELDS}
        missing = [k for k in ("webid", "columnid", "unitid") if not form.get(k)]
        if missing:
            raise SelectorError(f"{self.spec.id}: the POST pager needs {', '.join(missing)} (options.pager.form), "
                                f"and {page.url} names none", url=page.url, selector="dataproxy.jsp")
        return urlencode({k: v for k, v in form.items() if v is not None})

    # -- items --------------------------------------------------------------------------------------

    @staticmethod
    def _records(page: Page) -> list[str]:
        raw = page.text
        if "<record" not in raw.lower():
            raw = html.unescape(raw)
        return RECORD.findall(raw)

    def list_items(self, page: Page) -> tuple[list[ListItem], str, str | None]:
        fragments = self._records(page)
        if fragments:
            elements: list[Tag] = [soup_of(f) for f in fragments]
            items = self._items(elements, page)
            if len(items) >= int(self.options.get("expect_min", 1)):
                return items, "<record>", None
        listed = main_list(soup_of(page.text))
        if listed and (items := self._items(listed[0], page)):
            return items, listed[1], "<record>"
        raise SelectorError(f"{self.spec.id}: no <record> blocks on {page.url}, and no list of dated links",
                            url=page.url, selector="<record>")


def _named_pager(page: Page) -> str | None:
    raw = page.text if "dataproxy" in page.text else html.unescape(page.text)
    m = DATAPROXY.search(raw)
    return urljoin(page.final_url or page.url, html.unescape(m.group(0))) if m else None


def _with(url: str, **params: str) -> str:
    """`url` with these query parameters set first (page=, or startrecord/endrecord/perpage), the rest kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    return urlunsplit(parts._replace(query=urlencode([*params.items(), *query])))
