"""What a fetch run needs of the store, as a typed protocol, and the adapter that serialises it over one
db.Store: the run's threads share one SQLite connection, so every call takes one lock.

    run ──Storage──▶ LockedStore ──▶ db.Store (documents, runs, validators)
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from policytrack.db.documents import SaveResult
from policytrack.db.health import Health
from policytrack.db.store import Store
from policytrack.parser.documents import ReadDocument
from policytrack.sources.records import SourceSpec


class Storage(Protocol):
    def start_run(self, at: str) -> int: ...

    def save(self, read: ReadDocument, source: SourceSpec, fetched_at: str, run_id: int) -> SaveResult: ...

    def touch(self, url: str, source: SourceSpec, at: str, run_id: int) -> int | None: ...

    def mark_removed(self, url: str, at: str, run_id: int) -> bool: ...

    def remember_validators(self, url: str, etag: str | None, last_modified: str | None) -> None: ...

    def record_source(self, run_id: int, source_id: str, stats: dict[str, int], error: str | None, *,
                      selectors_failed: bool, degraded: str | None = None) -> Health: ...

    def mark_unlisted(self, source_id: str, listed: Sequence[str], oldest: str | None, run_id: int,
                      at: str) -> list[int]: ...

    def outcomes(self, run_id: int) -> list[dict[str, Any]]: ...

    def aborted_before(self, run_id: int) -> list[dict[str, Any]]: ...

    def finish_run(self, run_id: int, status: str, at: str) -> None: ...


class LockedStore:
    """Storage over a db.Store, one lock around every call; also the fetcher's validators (`get`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.RLock()

    def sync_sources(self, specs: Iterable[SourceSpec]) -> None:
        with self._lock:
            self.store.runs.sync_sources(specs)

    def start_run(self, at: str) -> int:
        with self._lock:
            return self.store.runs.start(at)

    def save(self, read: ReadDocument, source: SourceSpec, fetched_at: str, run_id: int) -> SaveResult:
        with self._lock:
            return self.store.documents.save(read, source, fetched_at, run_id)

    def touch(self, url: str, source: SourceSpec, at: str, run_id: int) -> int | None:
        with self._lock:
            return self.store.documents.touch(url, source, at, run_id)

    def mark_removed(self, url: str, at: str, run_id: int) -> bool:
        with self._lock:
            return self.store.documents.mark_removed(url, at, run_id)

    def get(self, url: str) -> tuple[str | None, str | None]:
        with self._lock:
            return self.store.validators.get(url)

    def remember_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._lock:
            self.store.validators.put(url, etag, last_modified)

    def record_source(self, run_id: int, source_id: str, stats: dict[str, int], error: str | None, *,
                      selectors_failed: bool, degraded: str | None = None) -> Health:
        with self._lock:
            return self.store.runs.record_source(run_id, source_id, stats, error, selectors_failed=selectors_failed,
                                                 degraded=degraded)

    def mark_unlisted(self, source_id: str, listed: Sequence[str], oldest: str | None, run_id: int,
                      at: str) -> list[int]:
        with self._lock:
            return self.store.documents.mark_unlisted(source_id, listed, oldest, run_id, at)

    def outcomes(self, run_id: int) -> list[dict[str, Any]]:
        with self._lock:
            return self.store.runs.outcomes(run_id)

    def aborted_before(self, run_id: int) -> list[dict[str, Any]]:
        with self._lock:
            return self.store.runs.aborted_before(run_id)

    def finish_run(self, run_id: int, status: str, at: str) -> None:
        with self._lock:
            self.store.runs.finish(run_id, status, at)
