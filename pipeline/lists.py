"""A source's list pages → its candidate documents.

Each sequence (a start URL, or a start URL and keyword) is walked through `parse_list(...).next` up to the
source's `max_pages`. A start page that cannot be read is an error; a later page that cannot be read, or that
holds no items, ends its own sequence only. A source whose every sequence failed has failed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from policytrack.parser.relevance import title_is_relevant
from policytrack.sources.client import SourceClient
from policytrack.sources.fetcher import FetchError
from policytrack.sources.records import ListItem, ListPage
from policytrack.sources.selectors import SelectorError

Progress = Callable[[str, str], None]  # (source id, what happened)


@dataclass
class Listing:
    """What a source's lists showed in one run."""

    candidates: list[tuple[ListItem, str]] = field(default_factory=list)  # (item, the list page's URL)
    pages: list[tuple[str, ListPage]] = field(default_factory=list)  # every list page read, with its URL
    items: int = 0
    errors: list[str] = field(default_factory=list)
    fatal: str | None = None  # not one list could be read
    selectors_failed: bool = False  # ... because the pages came but the selectors found nothing on them
    oldest: str | None = None  # the oldest date on the pages walked

    @property
    def listed(self) -> list[str]:
        return [item.url for item, _ in self.candidates]


def walk(client: SourceClient, *, max_pages: int | None = None, first_only: bool = False,
         keywords: Sequence[str] | None = None, progress: Progress | None = None) -> Listing:
    """Read the source's lists; `first_only` reads the first page of the first sequence (`sources check`)."""
    family, spec = client.family, client.family.spec
    limit = 1 if first_only else (max_pages or spec.max_pages)
    out = Listing()
    seen: set[str] = set()
    failed_starts: list[tuple[str, bool]] = []
    sequences = 0
    for start in family.start_pages():
        sequences += 1
        at = start
        while at is not None and at.n <= limit:
            if progress:
                progress(spec.id, f"list {at.url}")
            try:
                page = family.parse_list(client.get(at.url, list_page=True), at)
            except (FetchError, SelectorError) as exc:
                if at.n == 1:  # a start page that cannot be read is an error, not the end of a list
                    failed_starts.append((str(exc), isinstance(exc, SelectorError)))
                    out.errors.append(str(exc))
                break
            out.pages.append((at.url, page))
            out.items += len(page.items)
            for item in page.items:
                if item.date and (out.oldest is None or item.date < out.oldest):
                    out.oldest = item.date
                if item.url in seen:
                    continue
                seen.add(item.url)
                if not spec.title_filter or title_is_relevant(item.title, keywords):
                    out.candidates.append((item, at.url))
            at = page.next if page.items else None
        if first_only:
            break
    if sequences and len(failed_starts) == sequences:
        out.fatal = failed_starts[0][0]
        out.selectors_failed = all(selector for _, selector in failed_starts)
    return out
