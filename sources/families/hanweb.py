"""`hanweb`: 大汉 Hanweb (jpage) column pages, whose items sit in <record><![CDATA[<li>…</li>]]></record>."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Tag

from policytrack.sources.families import register
from policytrack.sources.families.html_list import HtmlListFamily
from policytrack.sources.records import ListPage, ListRequest, Page
from policytrack.sources.selectors import SelectorError

RECORD = re.compile(r"<record[^>]*>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</record>", re.S | re.I)
# The column page names its Ajax pager: /module/web/jpage/dataproxy.jsp?page=1&webid=…&columnid=…&unitid=…
DATAPROXY = re.compile(r"""[^"'<>\s]*/module/web/jpage/dataproxy\.jsp\?[^"'<>\s]+""", re.I)


@register
class HanwebFamily(HtmlListFamily):
    """A Hanweb column page (col/col{ID}/index.html): the list is embedded as <record> blocks in the raw
    HTML (entity-encoded on some sites: decoded first when no literal <record> appears). Each record is one
    item: its first link (title attribute or text) and a date anywhere in its text.

    Pages after the first come from the column's Ajax pager (dataproxy.jsp, named on page 1), with page=N;
    a column page that names none has one page. Options: as html_list (link, date, expect_min); item and
    pagination are not used.
    """

    kind = "hanweb"

    def parse_list(self, page: Page, at: ListRequest | None = None) -> ListPage:
        """Page 1 names its pager; a pager page's successor is the same pager with page=N+1."""
        at = self._at(page, at)
        items, selector = self.list_items(page)
        if at.n == 1:
            raw = page.text if "dataproxy" in page.text else html.unescape(page.text)
            m = DATAPROXY.search(raw)
            proxy = urljoin(page.final_url or page.url, html.unescape(m.group(0))) if m else None
        else:
            proxy = at.url
        return ListPage(items, at.next(_with_page(proxy, at.n + 1)) if proxy else None, selector)

    def item_elements(self, page: Page) -> tuple[list[Tag], str]:
        raw = page.text
        if "<record" not in raw.lower():
            raw = html.unescape(raw)
        fragments = RECORD.findall(raw)
        if not fragments:
            raise SelectorError(f"{self.spec.id}: no <record> blocks on {page.url}", url=page.url,
                                selector="<record>")
        return [BeautifulSoup(f, "html.parser") for f in fragments], "<record>"


def _with_page(url: str, n: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    return urlunsplit(parts._replace(query=urlencode([("page", str(n)), *query])))
