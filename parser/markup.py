"""HTML into a tree of bounded depth. Pure: no HTTP, no SQL.

html.parser nests what a page leaves open: 5,000 unclosed <td>, <p> or <div> become a tree 5,000 deep, on
which bs4 and our own walkers recurse (RecursionError) or go quadratic (every cell's text holds all the cells
after it). A real page is rarely more than 40 deep, so tags opened past MAX_DEPTH are dropped, with their
matching end tags, before parsing: the text stays, the tree stays shallow, and every later pass is bounded by
the page's size times MAX_DEPTH. A page within the depth is parsed exactly as it was written.
"""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup

MAX_DEPTH = 100
# Elements that never hold children (html.parser does not push them).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "basefont", "bgsound", "frame", "keygen", "isindex", "spacer"})
# Comments, declarations and raw-text elements are skipped whole; a tag is `<name …>` or `</name …>`.
_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<![^>]*>|<\?[^>]*>|<(script|style|textarea|title)\b[^>]*>.*?(?:</\1\s*>|\Z)"
                    r"|<(/?)([a-zA-Z][^\s/>]*)([^>]*)>", re.S | re.I)


def shallow(html: str, max_depth: int = MAX_DEPTH) -> str:
    """`html` with every tag opened past `max_depth` (and its end tag) removed; unchanged when none is."""
    stack: list[str] = []
    dropped: Counter[str] = Counter()
    cuts: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(html):
        name = m.group(3)
        if name is None:  # a comment, a declaration, or a raw-text element: nothing to nest
            continue
        name = name.lower()
        if m.group(2):  # an end tag
            if dropped[name]:
                dropped[name] -= 1
                cuts.append(m.span())
            elif name in stack:  # html.parser closes up to the matching open tag; an unmatched one is ignored
                del stack[len(stack) - 1 - stack[::-1].index(name):]
            continue
        if name in _VOID or m.group(4).rstrip().endswith("/"):
            continue
        if len(stack) >= max_depth:
            dropped[name] += 1
            cuts.append(m.span())
        else:
            stack.append(name)
    if not cuts:
        return html
    out, at = [], 0
    for start, end in cuts:
        out.append(html[at:start])
        at = end
    out.append(html[at:])
    return "".join(out)


def soup_of(html: str) -> BeautifulSoup:
    """The page as bs4 reads it (html.parser: lxml truncates gov.cn pages), at most MAX_DEPTH deep."""
    return BeautifulSoup(shallow(html or ""), "html.parser")


def joined(base: str, href: str) -> str | None:
    """`href` resolved against `base`, or None when either is no URL at all: an unbalanced IPv6 bracket
    (`http://[::1/x`) or a bad port raises ValueError in urllib, and one such link must cost only itself."""
    from urllib.parse import urljoin, urlsplit

    try:
        url = urljoin(base, href)
        urlsplit(url).port  # noqa: B018 - raises on a port that is no number
    except ValueError:
        return None
    return url
