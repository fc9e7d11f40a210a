"""Runs and sources: what each fetch did, and each source's health (the rules are db/health.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from policytrack.db.health import Health, assess
from policytrack.db.sql import Connection

STAT_KEYS = ("list_pages", "items", "candidates", "new", "changed", "unchanged", "skipped", "errors")


class SourceLike(Protocol):
    """What the store needs of a source (sources.records.SourceSpec has it)."""

    id: str
    name: str
    region: str
    province: str | None
    level: str
    kind: str
    start_urls: tuple[str, ...]


class Runs:
    def __init__(self, c: Connection) -> None:
        self.c = c

    def sync_sources(self, specs: Iterable[SourceLike]) -> None:
        """Record the configured sources in their order (which decides a shared document's owner), keeping
        their health."""
        with self.c.atomic():
            for position, s in enumerate(specs):
                self.c.execute(
                    "INSERT INTO sources (id, name, region, province, level, kind, start_urls, position) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                    "region = excluded.region, province = excluded.province, level = excluded.level, "
                    "kind = excluded.kind, start_urls = excluded.start_urls, position = excluded.position",
                    [s.id, s.name, s.region, s.province, s.level, s.kind,
                     json.dumps(list(s.start_urls), ensure_ascii=False), position],
                )

    def sources(self) -> list[dict[str, Any]]:
        found = self.c.rows("SELECT s.*, (SELECT count(*) FROM documents d WHERE d.source_id = s.id) AS documents "
                            "FROM sources s ORDER BY s.position, s.id")
        for r in found:
            r["start_urls"] = json.loads(r["start_urls"] or "[]")
        return found

    def start(self, started_at: str | None = None) -> int:
        """A new run. Runs still marked running are runs that were killed (a fetch holds the lock while it
        runs, so none is alive now): they are marked aborted, and what they stored is this run's to report."""
        with self.c.atomic():
            self.c.execute("UPDATE runs SET status = 'aborted', finished_at = coalesce(finished_at, ?) "
                           "WHERE status = 'running'", [started_at])
            cur = self.c.execute(
                "INSERT INTO runs (started_at, status, first_event) VALUES (coalesce(?, "
                "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), 'running', (SELECT coalesce(max(id), 0) + 1 FROM events))",
                [started_at])
            return int(cur.lastrowid)

    def record_source(self, run_id: int, source_id: str, stats: dict[str, int], error: str | None, *,
                      selectors_failed: bool = False, degraded: str | None = None) -> Health:
        """One source's result in a run, and its new health."""
        at = self.c.one("SELECT started_at FROM runs WHERE id = ?", [run_id])["started_at"]
        with self.c.atomic():
            prev = self.c.one("SELECT state, consecutive_failures FROM sources WHERE id = ?", [source_id]) or {
                "state": None, "consecutive_failures": 0}
            best = self.c.one("SELECT max(items) AS n FROM run_sources WHERE source_id = ? AND ok = 1 AND run_id < ?",
                              [source_id, run_id])
            health = assess(prev["state"], prev["consecutive_failures"], (best or {}).get("n") or 0, stats, error,
                            selectors_failed=selectors_failed, degraded=degraded)
            read = health.state in ("ok", "degraded")  # a degraded run read its lists: its counts stand
            self.c.execute(
                f"INSERT OR REPLACE INTO run_sources (run_id, source_id, ok, error, {', '.join(STAT_KEYS)}) "
                f"VALUES (?, ?, ?, ?, {', '.join('?' * len(STAT_KEYS))})",
                [run_id, source_id, int(read), health.reason, *(stats.get(k, 0) for k in STAT_KEYS)],
            )
            self.c.execute(
                "UPDATE sources SET state = ?, consecutive_failures = ?, last_run_at = ?, "
                "last_ok_at = CASE WHEN ? = 'ok' THEN ? ELSE last_ok_at END, last_status = ?, last_error = ? "
                "WHERE id = ?",
                [health.state, health.failures, at, "ok" if read else health.state, at, "ok" if read else "failed",
                 health.reason, source_id])
        return health

    def outcomes(self, run_id: int) -> list[dict[str, Any]]:
        """The documents this run added and revised (kind, document_id) with their owner (source_id), read
        from the events once the sources ran, so counts do not depend on which thread saved first."""
        return self.c.rows("SELECT e.kind, e.document_id, d.source_id FROM events e JOIN documents d "
                           "ON d.id = e.document_id WHERE e.run_id = ? AND e.kind IN ('new', 'revised') "
                           "ORDER BY e.id", [run_id])

    def aborted_before(self, run_id: int) -> list[dict[str, Any]]:
        """The killed runs since the last run that finished before this one, each with how many documents it
        added and revised: news that no `fetch --quiet` announced."""
        return self.c.rows(
            "SELECT r.id, r.started_at, "
            "(SELECT count(*) FROM events e WHERE e.run_id = r.id AND e.kind = 'new') AS new, "
            "(SELECT count(*) FROM events e WHERE e.run_id = r.id AND e.kind = 'revised') AS revised "
            "FROM runs r WHERE r.id < ? AND r.status = 'aborted' AND r.id > coalesce((SELECT max(id) FROM runs "
            "WHERE id < ? AND status IN ('ok', 'partial')), 0) ORDER BY r.id", [run_id, run_id])

    def finish(self, run_id: int, status: str, at: str | None = None) -> None:
        with self.c.atomic():
            self.c.execute("UPDATE runs SET finished_at = coalesce(?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), "
                           "status = ? WHERE id = ?", [at, status, run_id])

    def last(self) -> dict[str, Any] | None:
        """The latest run: `changes --since last` reports what it found, what the killed runs just before it
        stored, and any reparse since."""
        row = self.c.one("SELECT id, started_at, first_event FROM runs ORDER BY id DESC LIMIT 1")
        if row is None:
            return None
        killed = self.aborted_before(row["id"])
        if killed:
            first = self.c.one("SELECT started_at, first_event FROM runs WHERE id = ?", [killed[0]["id"]])
            row = {**row, **first}
        return row
