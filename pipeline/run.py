"""A fetch run: every chosen source's lists, then its candidate documents, each read (pipeline/reading.py)
and stored as new / changed / unchanged, or an error.

Like urlwatch's worker: sources run in parallel threads (the fetcher keeps each host polite); one source
failing never stops the others, one document failing never stops its source. A source's counts of new and
revised documents are read from the store once every source ran, so a document that two sources list is
counted for its owner however the threads raced.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policytrack.db.store import Store
from policytrack.parser.errors import PolicytrackError
from policytrack.pipeline.clock import now
from policytrack.pipeline.lists import Progress, walk
from policytrack.pipeline.reading import read_document
from policytrack.pipeline.storage import LockedStore, Storage
from policytrack.sources.client import SourceClient
from policytrack.sources.config import tracked
from policytrack.sources.families import family_for
from policytrack.sources.fetcher import Fetcher
from policytrack.sources.records import ListItem, Page, SourceSpec
from policytrack.sources.transport import NOT_ARCHIVED, UNRESOLVED, ReplayTransport, Transport

if TYPE_CHECKING:
    from policytrack.sources.browser import Renderer


@dataclass
class SourceReport:
    """What one source did in one run: the health counts that `policytrack sources` shows."""

    source_id: str
    list_pages: int = 0
    items: int = 0
    candidates: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0  # fetched but not about the tracked subject
    errors: int = 0
    error_messages: list[str] = field(default_factory=list)
    fatal: str | None = None  # the source as a whole failed (its list could not be read)
    selectors_failed: bool = False  # ... because its selectors matched nothing on pages that did arrive
    new_documents: list[int] = field(default_factory=list)
    changed_documents: list[int] = field(default_factory=list)
    saved_documents: list[int] = field(default_factory=list)  # every stored or confirmed document it read
    listed: list[str] = field(default_factory=list)  # relevant URLs its lists showed
    oldest_listed: str | None = None  # the oldest date on the list pages walked
    removed_documents: list[int] = field(default_factory=list)
    state: str | None = None  # the source's health after this run (ok | degraded | failing | broken)
    state_changed: bool = False
    reason: str | None = None  # why the source is not ok
    degraded: str | None = None  # its lists were read through the page's main list: the selectors, both named
    not_fetched: str | None = None  # not read at all: the wall its entry names, or the browser it needs
    browser_pages: int = 0  # pages read through the browser (sources/browser.py)
    browser_challenge: str | None = None  # the script challenge that sent a plain source to the browser
    cause: str | None = None  # the transport's cause of `fatal`: UNRESOLVED when the name did not resolve
    not_archived: list[str] = field(default_factory=list)  # documents a replay's archives lack (no error)

    @property
    def ok(self) -> bool:
        """Read (degraded included), or deliberately not read: only a failure makes a run's exit status 1."""
        return self.not_fetched is not None or (self.fatal is None and self.state in (None, "ok", "degraded"))

    def stats(self) -> dict[str, int]:
        return {"list_pages": self.list_pages, "items": self.items, "candidates": self.candidates,
                "new": self.new, "changed": self.changed, "unchanged": self.unchanged,
                "skipped": self.skipped, "errors": self.errors}

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source_id, "ok": self.ok, "state": self.state, "state_changed": self.state_changed,
                "reason": self.reason, "error": self.fatal, "degraded": self.degraded, "not_fetched": self.not_fetched,
                **self.stats(), "new_documents": self.new_documents,
                "changed_documents": self.changed_documents, "removed_documents": self.removed_documents,
                "errors_detail": self.error_messages, "browser_pages": self.browser_pages,
                "browser_challenge": self.browser_challenge, "not_in_archive": self.not_archived}


class Reports(list):
    """A run's SourceReports, in configuration order, and the killed runs before it (`aborted`: each with
    its start and how many documents it added and revised), whose news this run carries."""

    def __init__(self, reports: list[SourceReport], aborted: list[dict[str, Any]], offline: bool = False) -> None:
        super().__init__(reports)
        self.aborted = aborted
        self.offline = offline  # no host resolved: the machine's network, so no source's health was changed


class Run:
    def __init__(self, fetcher: Fetcher, storage: Storage, *, progress: Progress | None = None,
                 keywords: Sequence[str] | None = None, max_workers: int = 64, browser: Renderer | None = None) -> None:
        self.fetcher = fetcher  # built with the storage as its validators
        self.browser = browser  # one per run, for the sources that need one (the caller closes it)
        self.storage = storage
        self.progress = progress or (lambda source, what: None)
        self.keywords = keywords
        self.max_workers = max_workers  # sources mostly wait on per-host politeness: a thread each

    def run(self, specs: Iterable[SourceSpec]) -> Reports:
        specs = list(specs)
        self.run_id = self.storage.start_run(now())
        aborted = self.storage.aborted_before(self.run_id)
        with ThreadPoolExecutor(max_workers=max(1, min(self.max_workers, len(specs)))) as pool:
            reports = list(pool.map(self._source_guarded, specs))
        self._credit(specs, reports)
        tried = [r for r in reports if not r.not_fetched]
        offline = bool(tried) and all(r.fatal and r.cause == UNRESOLVED for r in tried)
        for report in reports:
            if report.not_fetched:  # a wall or a missing browser is the entry's state, not this run's health
                report.state, report.reason = (next((k for k in ("wall", "not in the archive")
                                                     if report.not_fetched.startswith(k)), "browser"),
                                               report.not_fetched)
                continue
            if offline:  # no name resolved at all: this machine's network, not the sources' health
                report.state, report.reason = "offline", report.fatal
                continue
            health = self.storage.record_source(self.run_id, report.source_id, report.stats(), report.fatal,
                                                selectors_failed=report.selectors_failed, degraded=report.degraded)
            report.state, report.state_changed, report.reason = health.state, health.changed, health.reason
            if report.ok and not report.errors:  # only a clean read of the lists says what is missing from them
                report.removed_documents = self.storage.mark_unlisted(report.source_id, report.listed,
                                                                      report.oldest_listed, self.run_id, now())
        self.storage.finish_run(self.run_id, "ok" if all(r.ok for r in reports) else "partial", now())
        return Reports(reports, aborted, offline)

    def _credit(self, specs: list[SourceSpec], reports: list[SourceReport]) -> None:
        """New and revised documents counted for their owner, or, when the owner did not run, for the first
        source in configuration order that read them."""
        order = {s.id: i for i, s in enumerate(specs)}
        by_id = {r.source_id: r for r in reports}
        readers: dict[int, list[str]] = {}
        for r in reports:
            for doc_id in r.saved_documents:
                readers.setdefault(doc_id, []).append(r.source_id)
        for outcome in self.storage.outcomes(self.run_id):
            owner = outcome["source_id"]
            if owner not in by_id:
                owner = min(readers.get(outcome["document_id"], []), key=order.__getitem__, default=None)
            if owner in by_id:
                report = by_id[owner]
                (report.new_documents if outcome["kind"] == "new" else report.changed_documents).append(
                    outcome["document_id"])
        for r in reports:
            r.new, r.changed = len(r.new_documents), len(r.changed_documents)
            r.unchanged = max(0, len(r.saved_documents) - r.new - r.changed)

    def _source_guarded(self, spec: SourceSpec) -> SourceReport:
        report = SourceReport(spec.id)
        try:
            self.crawl_source(spec, report)
        except Exception as exc:  # a bug in one adapter must not stop the other sources
            report.fatal = f"{type(exc).__name__}: {exc}"
        self.progress(spec.id, "done")
        return report

    def crawl_source(self, spec: SourceSpec, report: SourceReport) -> None:
        spec = tracked(spec, self.keywords)  # the source's own keywords, else the run's (--keywords, config)
        client = SourceClient(self.fetcher, family_for(spec), self.browser)
        try:
            self._crawl(client, spec, report)
        finally:
            report.browser_pages, report.browser_challenge = client.browser_pages, client.challenge

    def _crawl(self, client: SourceClient, spec: SourceSpec, report: SourceReport) -> None:
        listing = walk(client, keywords=spec.keywords, progress=self.progress)
        report.not_fetched = listing.not_fetched
        if listing.degraded:
            failed, found = listing.degraded
            report.degraded = f"selector {failed!r} found nothing; read the page's main list ({found})"
        report.list_pages, report.items = len(listing.pages), listing.items
        report.errors += len(listing.errors)
        report.error_messages += listing.errors
        report.fatal, report.selectors_failed = listing.fatal, listing.selectors_failed
        report.cause = listing.fatal_cause if listing.fatal else None
        report.listed, report.oldest_listed = listing.listed, listing.oldest
        if report.fatal and report.cause == NOT_ARCHIVED:  # a replay without this source's lists: not read
            report.not_fetched, report.fatal = f"not in the archive ({report.fatal.split(': ')[0]})", None
            report.errors, report.error_messages = 0, []
        if report.fatal or report.not_fetched:
            return
        report.candidates = len(listing.candidates)
        for item, list_url in listing.candidates:
            self.progress(spec.id, f"document {item.url}")
            try:
                self._document(client, item, list_url, report)
            except PolicytrackError as exc:  # FetchError, PageError, SelectorError: one document's failure
                if getattr(exc, "cause", None) == NOT_ARCHIVED:  # what the capture lacks says nothing of the site
                    report.not_archived.append(item.url)
                    continue
                report.errors += 1
                report.error_messages.append(f"{item.url}: {exc}")
                if getattr(exc, "status", None) in (404, 410):
                    self.storage.mark_removed(item.url, now(), self.run_id)
        blocked = [m for m in report.error_messages if ": blocked: " in m]
        if report.candidates and len(blocked) >= report.candidates:  # every page met the wall: name it
            report.fatal = blocked[0]

    def _document(self, client: SourceClient, item: ListItem, list_url: str, report: SourceReport) -> None:
        fetched_at = now()
        page = client.get(item.url, referer=list_url, conditional=True)
        if page.not_modified:
            doc_id = self.storage.touch(item.url, client.family.spec, fetched_at, self.run_id)
            if doc_id is not None:  # a stored document, confirmed unchanged
                report.saved_documents.append(doc_id)
            else:  # a page kept out earlier (not about the tracked subject), still the same
                report.skipped += 1
            return
        read = read_document(page, client.family, lambda url, referer: client.get(url, referer=referer),
                             item=item, keywords=client.family.spec.keywords)
        if not read.relevant:
            report.skipped += 1
        else:
            result = self.storage.save(read, client.family.spec, fetched_at, self.run_id)
            report.saved_documents.append(result.document_id)
        self._remember(page)

    def _remember(self, page: Page) -> None:
        """The page's validators, for a conditional GET next run; only once the page is processed."""
        etag, modified = page.headers.get("etag"), page.headers.get("last-modified")
        if etag or modified:
            self.storage.remember_validators(page.url, etag, modified)



def run_fetch(store: Store, transport: Transport, specs: Sequence[SourceSpec], *,
              configured: Sequence[SourceSpec] | None = None, progress: Progress | None = None,
              keywords: Sequence[str] | None = None, max_workers: int = 64, browser: Renderer | None = None,
              **fetcher_options: Any) -> Reports:
    """One fetch run of `specs` into `store` through `transport`: the store records the `configured` sources
    (their order decides shared documents' owners), the fetcher is built with the store's validators, and
    every store call goes through the locking adapter. `browser` reads the pages that need one."""
    if browser is None and isinstance(transport, ReplayTransport):  # a replay answers from the recorded DOMs
        from policytrack.sources.rendered import ReplayedBrowser

        browser = ReplayedBrowser(transport.paths)
    storage = LockedStore(store)
    storage.sync_sources(configured or specs)
    fetcher = Fetcher(transport, validators=storage, **fetcher_options)
    return Run(fetcher, storage, progress=progress, keywords=keywords, max_workers=max_workers,
               browser=browser).run(specs)
