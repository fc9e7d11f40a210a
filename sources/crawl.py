"""The fetch pipeline for one run: list pages → candidates → detail pages → attachments → extraction → store.

Like urlwatch's worker: sources run in parallel threads (the fetcher keeps each host polite), and each
document ends as new / changed / unchanged / error. One source failing never stops the others; one
document failing never stops its source. Every store call goes through one lock, since a SQLite
connection is shared by the threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from policytrack.parser.attachments import attachment_text
from policytrack.parser.document_text import document_text
from policytrack.parser.documents import Attachment, DocPage
from policytrack.parser.errors import AttachmentError, PageError
from policytrack.parser.extract import PARSER_VERSION, extract
from policytrack.parser.references import find_references
from policytrack.parser.relevance import text_is_relevant, title_is_relevant
from policytrack.parser.validity import validity
from policytrack.sources.base import ListItem, Page, SourceSpec
from policytrack.sources.challenges import looks_like_challenge, solve_challenge
from policytrack.sources.families import family_for
from policytrack.sources.families.base import Family
from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.selectors import SelectorError

Progress = Callable[[str, str], None]  # (source id, what happened)
MAX_ATTACHMENTS = 10


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
    skipped: int = 0  # fetched but not about data annotation
    errors: int = 0
    error_messages: list[str] = field(default_factory=list)
    fatal: str | None = None  # the source as a whole failed (its list could not be read)
    selectors_failed: bool = False  # ... because its selectors matched nothing on pages that did arrive
    new_documents: list[int] = field(default_factory=list)
    changed_documents: list[int] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)  # relevant URLs its lists showed
    oldest_listed: str | None = None  # the oldest date on the list pages walked
    removed_documents: list[int] = field(default_factory=list)
    state: str | None = None  # the source's health after this run (ok | failing | broken)
    state_changed: bool = False
    reason: str | None = None  # why the source is not ok

    @property
    def ok(self) -> bool:
        return self.fatal is None and self.state in (None, "ok")

    def stats(self) -> dict[str, Any]:
        return {
            "list_pages": self.list_pages, "items": self.items, "candidates": self.candidates,
            "new": self.new, "changed": self.changed, "unchanged": self.unchanged,
            "skipped": self.skipped, "errors": self.errors,
        }

    def summary(self) -> str:
        status = self.state.upper() if self.state and self.state != "ok" else "ok"
        head = f"{self.source_id}: " + (f"{status} {self.reason}" if self.reason else status)
        return (
            f"{head} · {self.list_pages} list pages, {self.items} items, {self.candidates} candidates, "
            f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged, {self.errors} errors"
        )


class _LockedStore:
    """Serialises every call to the store; the fetcher's validator look-ups come from worker threads."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self._lock = threading.RLock()

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return getattr(self._store, name)(*args, **kwargs)

    def get(self, url: str) -> tuple[str | None, str | None]:
        with self._lock:
            return self._store.validators.get(url)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._lock:
            self._store.validators.put(url, etag, last_modified)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Crawl:
    def __init__(
        self,
        fetcher: Fetcher,
        store: Any,
        *,
        progress: Progress | None = None,
        max_workers: int = 64,  # sources mostly wait on per-host politeness: one thread each, hosts in parallel
    ) -> None:
        self.store = _LockedStore(store)
        self.fetcher = fetcher
        self.fetcher.validators = self.store
        self.progress = progress or (lambda source, what: None)
        self.max_workers = max_workers

    def run(self, specs: Iterable[SourceSpec]) -> list[SourceReport]:
        specs = list(specs)
        run_id = self.store.call("start_run")
        with ThreadPoolExecutor(max_workers=max(1, min(self.max_workers, len(specs)))) as pool:
            reports = list(pool.map(self._source_guarded, specs))
        for report in reports:
            health = self.store.call("record_source_run", run_id, report.source_id, report.stats(), report.fatal,
                                     selectors_failed=report.selectors_failed)
            report.state, report.state_changed, report.reason = health.state, health.changed, health.reason
            if report.ok and not report.errors:  # only a clean read of the lists says what is missing from them
                report.removed_documents = self.store.call("mark_unlisted", report.source_id, report.listed,
                                                           report.oldest_listed, run_id, now())
        self.store.call("finish_run", run_id, "ok" if all(r.ok for r in reports) else "partial")
        return reports

    def _source_guarded(self, spec: SourceSpec) -> SourceReport:
        report = SourceReport(spec.id)
        try:
            self.crawl_source(spec, report)
        except Exception as exc:  # a bug in one adapter must not stop the other sources
            report.fatal = f"{type(exc).__name__}: {exc}"
        self.progress(spec.id, report.summary())
        return report

    def crawl_source(self, spec: SourceSpec, report: SourceReport) -> None:
        family = family_for(spec)
        hosts = set(spec.hosts) or {urlsplit(u).hostname or "" for u in spec.start_urls}
        candidates = self._candidates(spec, family, hosts, report)
        if report.fatal:
            return
        report.candidates = len(candidates)
        for item, list_url in candidates:
            self.progress(spec.id, f"document {item.url}")
            try:
                self._document(spec, family, item, list_url, hosts, report)
            except (FetchError, PageError, SelectorError) as exc:
                report.errors += 1
                report.error_messages.append(f"{item.url}: {exc}")
                if getattr(exc, "status", None) in (404, 410):
                    self.store.call("mark_removed", item.url, now())

    def _candidates(
        self, spec: SourceSpec, family: Family, hosts: set[str], report: SourceReport
    ) -> list[tuple[ListItem, str]]:
        seen: set[str] = set()
        out: list[tuple[ListItem, str]] = []
        first_errors: list[tuple[str, bool]] = []
        sequences = 0
        for sequence in family.list_sequences():
            sequences += 1
            for n, list_url in enumerate(sequence):
                self.progress(spec.id, f"list {list_url}")
                try:
                    page = self._get(list_url, hosts, family)
                    items = family.parse_list(page)
                except (FetchError, SelectorError) as exc:
                    if n == 0:  # a start page that cannot be read is an error, not the end of a list
                        first_errors.append((str(exc), isinstance(exc, SelectorError)))
                        report.errors += 1
                        report.error_messages.append(str(exc))
                    break  # a missing later page means this list ended
                report.list_pages += 1
                report.items += len(items)
                if not items:
                    break
                for item in items:
                    if item.date and (report.oldest_listed is None or item.date < report.oldest_listed):
                        report.oldest_listed = item.date
                    if item.url in seen:
                        continue
                    seen.add(item.url)
                    if spec.title_filter and not title_is_relevant(item.title):
                        continue
                    out.append((item, list_url))
                    report.listed.append(item.url)
        if sequences and len(first_errors) == sequences:  # not one list could be read: the source failed
            report.fatal = first_errors[0][0]
            report.selectors_failed = all(selector for _, selector in first_errors)
        return out

    def _get(self, url: str, hosts: set[str], family: Family, *, conditional: bool = False,
             referer: str | None = None) -> Page:
        headers = family.request_headers(url)
        page = self.fetcher.get(url, conditional=conditional, allowed_hosts=hosts, referer=referer,
                                headers=headers)
        if page.not_modified:
            return page
        reason = looks_like_challenge(page)
        if reason:
            answer = solve_challenge(page)
            if answer:  # a light JS-cookie challenge: resend once with the cookie it computes
                page = self.fetcher.get(url, conditional=False, allowed_hosts=hosts, referer=referer,
                                        headers={**headers, **answer})
                reason = looks_like_challenge(page)
            if reason:
                raise FetchError(url, f"blocked: {reason}")
        return page

    def _document(self, spec: SourceSpec, family: Family, item: ListItem, list_url: str,
                  hosts: set[str], report: SourceReport) -> None:
        fetched_at = now()
        page = self._get(item.url, hosts, family, conditional=True, referer=list_url)
        if page.not_modified:
            if self.store.call("touch", item.url, fetched_at):
                report.unchanged += 1
            else:  # a page kept out earlier (not about data annotation), still the same
                report.skipped += 1
            return
        doc = _merge_list_item(family.parse_detail(page), item)
        attachments, raws = self._attachments(doc, hosts, family)
        doc.attachments = attachments
        text = document_text(doc)
        if not (title_is_relevant(doc.title) or title_is_relevant(item.title) or text_is_relevant(text)):
            report.skipped += 1
            self._remember(page)
            return
        extraction = extract(text)
        result = self.store.call(
            "save_document", doc, spec, text=text, raw=page.content, content_type=page.content_type,
            fetched_at=fetched_at, extraction=extraction, parser_version=PARSER_VERSION,
            attachments=attachments, attachment_raw=raws, references=find_references(text),
            validity=validity(doc.title, text, doc.written_date or doc.published_date),
        )
        self._remember(page)
        if result.status == "new":
            report.new += 1
            report.new_documents.append(result.document_id)
        elif result.status == "changed":
            report.changed += 1
            report.changed_documents.append(result.document_id)
        else:
            report.unchanged += 1

    def _remember(self, page: Page) -> None:
        """The page's validators, for a conditional GET next run; only once the page is processed."""
        etag, modified = page.headers.get("etag"), page.headers.get("last-modified")
        if etag or modified:
            self.store.put(page.url, etag, modified)

    def _attachments(self, doc: DocPage, hosts: set[str], family: Family
                     ) -> tuple[list[Attachment], dict[str, tuple[bytes, str]]]:
        out: list[Attachment] = []
        raws: dict[str, tuple[bytes, str]] = {}
        for att in doc.attachments[:MAX_ATTACHMENTS]:
            try:
                page = self._get(att.url, hosts, family, referer=doc.url)
                text = attachment_text(page.content, page.content_type, att.name)
                out.append(replace(att, text=text, content_type=page.content_type))
                raws[att.url] = (page.content, page.content_type)
            except (FetchError, AttachmentError) as exc:
                out.append(replace(att, error=str(exc)))
        return out, raws


def _merge_list_item(doc: DocPage, item: ListItem) -> DocPage:
    """The list (or a search API) sometimes knows what the detail page hides: 发文字号, issuer, date."""
    extra = item.extra
    doc.title = doc.title or item.title
    doc.doc_number = doc.doc_number or extra.get("doc_number") or None
    doc.issuer = doc.issuer or extra.get("issuer") or None
    doc.published_date = doc.published_date or item.date
    return doc


