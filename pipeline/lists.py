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
    degraded: tuple[str, str] | None = None  # (the configured selector that failed, the main list's selector)
    not_fetched: str | None = None  # why the source was not read at all: a wall, or a browser it needs
    fatal_cause: str | None = None  # the transport's cause shared by every failed start (sources/transport.py)

    @property
    def listed(self) -> list[str]:
        return [item.url for item, _ in self.candidates]


def walk(client: SourceClient, *, max_pages: int | None = None, first_only: bool = False,
         keywords: Sequence[str] | None = None, progress: Progress | None = None) -> Listing:
    """Read the source's lists; `first_only` reads the first page of the first sequence (`sources check`).
    A source behind a declared wall, or one that needs a browser this run has not, is not read: its Listing
    says why (`not_fetched`). A page read through its main list because the configured selector found
    nothing marks the listing `degraded`, naming both selectors."""
    family, spec = client.family, client.family.spec
    limit = 1 if first_only else (max_pages or spec.max_pages)
    out = Listing(not_fetched=client.not_fetched())
    if out.not_fetched:
        return out
    seen: set[str] = set()
    failed_starts: list[tuple[str, bool, str | None]] = []
    sequences = 0
    for start in family.start_pages():
        sequences += 1
        at = start
        directed = False  # a directory page (gkmlpt's index) is followed once, to the list it names
        while at is not None and at.n <= limit:
            if progress:
                progress(spec.id, f"list {at.url}")
            try:
                page = family.parse_list(client.read(at), at)
            except (FetchError, SelectorError) as exc:
                if at.n == 1:  # a start page that cannot be read is an error, not the end of a list
                    failed_starts.append((str(exc), isinstance(exc, SelectorError), getattr(exc, "cause", None)))
                    out.errors.append(str(exc))
                break
            out.pages.append((at.url, page))
            out.items += len(page.items)
            if page.failed and out.degraded is None:
                out.degraded = (page.failed, page.selector)
            for item in page.items:
                if item.date and (out.oldest is None or item.date < out.oldest):
                    out.oldest = item.date
                if item.url in seen:
                    continue
                seen.add(item.url)
                if not spec.title_filter or title_is_relevant(item.title, keywords):
                    out.candidates.append((item, at.url))
            if page.directory and not directed and page.next is not None:
                directed, at = True, page.next
                continue
            at = page.next if page.items else None
        if first_only:
            break
    if sequences and len(failed_starts) == sequences:
        out.fatal = failed_starts[0][0]
        out.selectors_failed = all(selector for _, selector, _ in failed_starts)
        causes = {cause for _, _, cause in failed_starts}
        out.fatal_cause = causes.pop() if len(causes) == 1 else None
    return out
