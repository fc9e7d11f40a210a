"""Selectors that say what they expect (spatula style): a redesigned page fails loudly and precisely.

``CSS("ul.u-list > li", min_items=1).match(soup, url=..., where="ndrc-tz")`` returns the elements, or
raises SelectorError naming the selector, the page and the counts, instead of yielding an empty list.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from policytrack.parser.errors import PolicytrackError


class SelectorError(PolicytrackError):
    """A page no longer has the shape its source expects."""

    def __init__(self, message: str, *, url: str = "", selector: str = "") -> None:
        super().__init__(message)
        self.url = url
        self.selector = selector


class ListError(SelectorError):
    """A JSON list response is not the expected shape (names what was missing)."""


@dataclass(frozen=True)
class CSS:
    selector: str
    min_items: int = 1
    max_items: int | None = None

    def match(self, root: BeautifulSoup | Tag, *, url: str = "", where: str = "") -> list[Tag]:
        try:
            found = root.select(self.selector)
        except Exception as exc:  # soupsieve's own error is long; keep ours one line
            raise SelectorError(f"{where + ': ' if where else ''}invalid selector {self.selector!r}: "
                                f"{str(exc).splitlines()[0]}", url=url, selector=self.selector) from None
        n = len(found)
        if n < self.min_items or (self.max_items is not None and n > self.max_items):
            expected = (f"at least {self.min_items}" if self.max_items is None
                        else f"{self.min_items}..{self.max_items}")
            raise SelectorError(
                f"{where + ': ' if where else ''}selector {self.selector!r} matched {n} element(s), "
                f"expected {expected}" + (f" on {url}" if url else ""),
                url=url, selector=self.selector,
            )
        return found

    def match_one(self, root: BeautifulSoup | Tag, *, url: str = "", where: str = "") -> Tag:
        return CSS(self.selector, 1, 1).match(root, url=url, where=where)[0]
