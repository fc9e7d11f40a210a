"""A page's main list, found without a selector: the largest group of sibling blocks that each carry a link
and a date. Pure: a parsed page in, elements and a selector naming them out.

Government list pages put their documents in one repeated block, whatever the CMS calls it: table rows
(云南 `tbody tr`, 文号 and 成文日期 in cells), `div.viewList ul li` (广东), `div.serviceMainListTabCon`
blocks (人社部), `a.listpc-item` cards (重庆), `<dd>` (新疆). Navigation repeats blocks too, but its links
carry no dates; a nested 解读 box (国家数据局's popbox) repeats fewer blocks than the list around it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from bs4 import BeautifulSoup, Tag

from policytrack.parser.dates import parse_date

_SKIP = {"script", "style", "noscript", "template", "head", "select", "option"}


def item_link(el: Tag) -> Tag | None:
    """The block's document link: the block itself when it is a link (重庆's a.listpc-item), else its first
    a[href] that goes somewhere (not javascript:, #, mailto:)."""
    for a in ([el] if el.name == "a" else []) + el.find_all("a", href=True):
        href = (a.get("href") or "").strip()
        if href and not href.lower().startswith(("javascript:", "#", "mailto:")):
            return a
    return None


def text_outside(el: Tag, link: Tag) -> str:
    """The block's text without its link's (a title may hold a year: "公告 2025年第1号")."""
    if link is el:
        return " ".join(s for s in el.stripped_strings if s.strip() != (el.get("title") or "").strip())
    return " ".join(s for s in el.find_all(string=True) if link not in s.parents and s.parent.name not in _SKIP)


def has_date(el: Tag, link: Tag) -> bool:
    text = text_outside(el, link)
    return bool(parse_date(text) or parse_date(text, context_year=date.today().year))


# Layout classes that say nothing about what a block is (clearfix, cf, fl…): a selector names the others.
_GENERIC = {"clearfix", "cf", "clear", "fl", "fr", "left", "right", "lf", "rt", "active", "on", "cur", "first",
            "last", "odd", "even", "mar-t", "mt", "mb"}


def _classes(el: Tag) -> list[str]:
    return [c for c in el.get("class") or [] if c.lower() not in _GENERIC
            and c.replace("-", "").replace("_", "").isalnum()]


def _describe(el: Tag) -> str:
    """`div#list`, `ul.default_news`, `tbody`: the element as a selector step."""
    if el.get("id") and " " not in el["id"] and el["id"].replace("-", "").replace("_", "").isalnum():
        return f"{el.name}#{el['id']}"
    return el.name + "".join(f".{c}" for c in _classes(el)[:2])


def _selector(parent: Tag, members: list[Tag]) -> str:
    """A CSS selector for the group: up to two ancestors, the parent, and the members' tag with their shared
    class, or with :has(a[href]) when siblings of that tag are no members (a header row)."""
    shared = [c for c in _classes(members[0]) if all(c in (m.get("class") or []) for m in members[1:])]
    member = members[0].name + (f".{shared[0]}" if shared else "")
    siblings = parent.find_all(members[0].name, recursive=False)
    if not shared and len(siblings) > len(members):
        member += ":has(a[href])"
    steps = [_describe(parent)]
    up = parent.parent
    if isinstance(up, Tag) and up.name not in ("[document]", "html", "body") and "#" not in steps[0]:
        steps.insert(0, _describe(up))
    return " > ".join([*steps, member])


def main_list(root: BeautifulSoup | Tag, *, minimum: int = 1) -> tuple[list[Tag], str] | None:
    """The largest group of same-tag siblings that each hold a link and a date, and a selector naming it;
    None when the page holds no such block. Ties go to the group found first (the page's order)."""
    best: tuple[int, Tag, list[Tag]] | None = None
    for parent in [root, *root.find_all(True)]:
        if parent.name in _SKIP:
            continue
        groups: dict[str, list[Tag]] = defaultdict(list)
        for child in parent.find_all(True, recursive=False):
            if child.name in _SKIP:
                continue
            link = item_link(child)
            if link is not None and has_date(child, link):
                groups[child.name].append(child)
        for members in groups.values():
            if len(members) >= minimum and (best is None or len(members) > best[0]):
                best = (len(members), parent, members)
    if best is None:
        return None
    _, parent, members = best
    return members, _selector(parent, members)
