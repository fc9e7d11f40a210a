"""`hanweb`: 大汉 Hanweb (jpage) column pages, whose items sit in <record><![CDATA[<li>…</li>]]></record>."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup, Tag

from policytrack.sources.base import Page
from policytrack.sources.families import register
from policytrack.sources.families.html_list import HtmlListFamily
from policytrack.sources.selectors import SelectorError

RECORD = re.compile(r"<record[^>]*>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</record>", re.S | re.I)


@register
class HanwebFamily(HtmlListFamily):
    """A Hanweb column page (col/col{ID}/index.html): the list is embedded as <record> blocks in the raw
    HTML (entity-encoded on some sites: decoded first when no literal <record> appears). Each record is one
    item: its first link (title attribute or text) and a date anywhere in its text.

    Options: as html_list (link, date, expect_min, pagination); item is not used.
    """

    kind = "hanweb"

    def item_elements(self, page: Page) -> tuple[list[Tag], str]:
        raw = page.text
        if "<record" not in raw.lower():
            raw = html.unescape(raw)
        fragments = RECORD.findall(raw)
        if not fragments:
            raise SelectorError(f"{self.spec.id}: no <record> blocks on {page.url}", url=page.url,
                                selector="<record>")
        return [BeautifulSoup(f, "html.parser") for f in fragments], "<record>"
