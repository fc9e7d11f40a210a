"""The store: every document, version, extraction record, run and HTTP validator, in one SQLite file.

The library behind the CLI (as sqlite-utils is behind its own): db/ speaks SQL and nothing else speaks it.
Each document's write is one transaction, so a crash or a kill leaves the last complete state. The file is in
WAL mode so queries can read while `fetch` writes.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policytrack.db.health import Health, assess
from policytrack.db.history import HistoryQueries
from policytrack.db.schema import RECORD_KINDS, migrate
from policytrack.db.search import search_documents
from policytrack.db.sql import rows
from policytrack.parser.diffs import record_diff
from policytrack.parser.doc_numbers import key as doc_number_key
from policytrack.parser.documents import Attachment, DocPage
from policytrack.parser.fingerprint import text_hash
from policytrack.parser.records import Extraction
from policytrack.sources.base import SourceSpec

LEVEL_RANK = {"national": 0, "provincial": 1, "municipal": 2}  # a repost's home is its highest-level copy


if TYPE_CHECKING:
    from sqlite_utils import Database


class StoreError(Exception):
    exit_code = 1


@dataclass(frozen=True, slots=True)
class SaveResult:
    status: str  # new | changed | unchanged | repost
    document_id: int
    version_id: int | None = None


class Validators:
    """ETag / Last-Modified per URL, for conditional GETs."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, url: str) -> tuple[str | None, str | None]:
        row = self._store.conn.execute("SELECT etag, last_modified FROM validators WHERE url = ?", [url]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if not (etag or last_modified):
            return
        db = self._store.db
        with db.atomic():
            db.execute(
                "INSERT INTO validators (url, etag, last_modified, updated_at) VALUES (?, ?, ?, datetime('now')) "
                "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
                "updated_at = excluded.updated_at",
                [url, etag, last_modified],
            )


class Store(HistoryQueries):
    def __init__(self, path: Path | str | None = None) -> None:
        from policytrack.db.location import default_path

        self.path = Path(path) if path else default_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=30)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from None
        except BaseException:
            conn.close()
            raise
        self.conn = conn
        self.validators = Validators(self)
        self.run_id: int | None = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the same connection, for the writes; imported on first use, since reading (what
        most commands do) needs only sqlite3 and sqlite-utils costs a noticeable share of start-up."""
        from sqlite_utils import Database

        return Database(self.conn)

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        return rows(self.conn, sql, params)

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    # ---- sources and runs ------------------------------------------------------------------------

    def sync_sources(self, specs: Iterable[SourceSpec]) -> None:
        """Record the configured sources, keeping their health."""
        with self.db.atomic():
            for s in specs:
                self.db.execute(
                    "INSERT INTO sources (id, name, region, province, level, kind, start_urls) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                    "region = excluded.region, province = excluded.province, level = excluded.level, "
                    "kind = excluded.kind, start_urls = excluded.start_urls",
                    [s.id, s.name, s.region, s.province, s.level, s.kind,
                     json.dumps(list(s.start_urls), ensure_ascii=False)],
                )

    def sources(self) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT s.*, (SELECT count(*) FROM documents d WHERE d.source_id = s.id) AS documents "
            "FROM sources s ORDER BY s.id"
        )
        for r in rows:
            r["start_urls"] = json.loads(r["start_urls"] or "[]")
        return rows

    def start_run(self, started_at: str | None = None) -> int:
        with self.db.atomic():
            cur = self.db.execute(
                "INSERT INTO runs (started_at, status, first_event) VALUES (coalesce(?, "
                "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), 'running', (SELECT coalesce(max(id), 0) + 1 FROM events))",
                [started_at])
            self.run_id = int(cur.lastrowid)  # events from now on belong to this run
            return self.run_id

    def record_source_run(self, run_id: int, source_id: str, stats: dict[str, int], error: str | None, *,
                          selectors_failed: bool = False) -> Health:
        """One source's result in a run, and its health (db/health.py); returns the new health."""
        at = self._one("SELECT started_at FROM runs WHERE id = ?", [run_id])["started_at"]
        keys = ("list_pages", "items", "candidates", "new", "changed", "unchanged", "skipped", "errors")
        with self.db.atomic():
            prev = self._one("SELECT state, consecutive_failures FROM sources WHERE id = ?", [source_id]) or {
                "state": None, "consecutive_failures": 0}
            best = self._one("SELECT max(items) AS n FROM run_sources WHERE source_id = ? AND ok = 1 AND run_id < ?",
                             [source_id, run_id])
            health = assess(prev["state"], prev["consecutive_failures"], (best or {}).get("n") or 0, stats, error,
                            selectors_failed=selectors_failed)
            self.db.execute(
                f"INSERT OR REPLACE INTO run_sources (run_id, source_id, ok, error, {', '.join(keys)}) "
                f"VALUES (?, ?, ?, ?, {', '.join('?' * len(keys))})",
                [run_id, source_id, int(health.state == "ok"), health.reason, *(stats.get(k, 0) for k in keys)],
            )
            self.db.execute(
                "UPDATE sources SET state = ?, consecutive_failures = ?, last_run_at = ?, "
                "last_ok_at = CASE WHEN ? = 'ok' THEN ? ELSE last_ok_at END, last_status = ?, last_error = ? "
                "WHERE id = ?",
                [health.state, health.failures, at, health.state, at, "ok" if health.state == "ok" else "failed",
                 health.reason, source_id])
        return health

    def finish_run(self, run_id: int, status: str) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), status = ? "
                            "WHERE id = ?", [status, run_id])

    # ---- writing documents -----------------------------------------------------------------------

    def save_document(
        self,
        doc: DocPage,
        spec: SourceSpec,
        *,
        text: str,
        raw: bytes,
        content_type: str,
        fetched_at: str,
        extraction: Extraction,
        parser_version: str,
        attachments: Sequence[Attachment] = (),
        attachment_raw: dict[str, tuple[bytes, str]] | None = None,
        references: Sequence[Any] = (),
        validity: tuple[str | None, str | None] = (None, None),
    ) -> SaveResult:
        """Store one fetched document in one transaction: new, a new version (only when the normalised text
        changed), a repost (a known document at another URL), or unchanged."""
        digest = text_hash(text)
        key = doc_number_key(doc.doc_number)
        with self.db.atomic():
            doc_id = self._find(doc.url, key, doc.title, doc.issuer, doc.published_date)
            if doc_id is None:
                doc_id = self._insert_document(doc, spec, key, fetched_at)
                status = "new"
            else:
                known_url = self._one("SELECT 1 AS x FROM document_urls WHERE url = ?", [doc.url]) is not None
                if not known_url:
                    self._insert_url(doc.url, doc_id, spec.id, fetched_at)
                # Revisions are tracked at the document's home URL; a copy elsewhere (a repost) is one more URL
                # of it. The home is the copy of the highest-level issuer (a ministry's page over a province's
                # repost, whichever was fetched first), or a new URL once the home page is gone.
                row = self._one("SELECT url, level, removed_at FROM documents WHERE id = ?", [doc_id])
                rehomed = False
                if row["url"] != doc.url and (LEVEL_RANK.get(spec.level, 9) < LEVEL_RANK.get(row["level"], 9)
                                              or row["removed_at"]):
                    self._rehome(doc_id, doc.url, spec)
                    row, rehomed = {**row, "url": doc.url}, True
                has_versions = self._one("SELECT 1 AS x FROM versions WHERE document_id = ? LIMIT 1", [doc_id])
                self._seen(doc_id, doc.url, fetched_at)
                if row["url"] != doc.url and has_versions:
                    if not known_url:
                        self._event(fetched_at, doc_id, None, "repost", {"url": doc.url, "source": spec.id})
                    return SaveResult("repost" if not known_url else "unchanged", doc_id)
                latest = self._one("SELECT hash FROM versions WHERE document_id = ? ORDER BY id DESC LIMIT 1",
                                   [doc_id])
                if rehomed and has_versions:  # the original of a repost: its text becomes current, no revision
                    self._event(fetched_at, doc_id, None, "repost", {"url": doc.url, "source": spec.id})
                if latest and latest["hash"] == digest:
                    return SaveResult("repost" if rehomed else "unchanged", doc_id)
                self._update_document(doc_id, doc, key)
                status = ("repost" if rehomed else "changed") if has_versions else "new"
            version_id = self._insert_version(doc_id, doc.url, fetched_at, digest, text, raw, content_type,
                                              parser_version, attachments, attachment_raw or {})
            self._insert_records(version_id, doc_id, extraction, parser_version)
            self._insert_references(version_id, doc_id, references)
            self.db.execute("UPDATE documents SET valid_from = ?, expires = ?, current_version = ? WHERE id = ?",
                            [*validity, version_id, doc_id])
            self._index(doc_id, doc.title, text)
            if status != "repost":
                self._event(fetched_at, doc_id, version_id, "new" if status == "new" else "revised")
            return SaveResult(status, doc_id, version_id)

    def _rehome(self, doc_id: int, url: str, spec: SourceSpec) -> None:
        province = spec.province or (spec.region if spec.level == "provincial" else None)
        self.db.execute("UPDATE documents SET url = ?, region = ?, province = ?, level = ?, source_id = ? "
                        "WHERE id = ?", [url, spec.region, province, spec.level, spec.id, doc_id])

    def _find(self, url: str, key: str | None, title: str, issuer: str | None, date: str | None) -> int | None:
        row = self._one("SELECT document_id FROM document_urls WHERE url = ?", [url])
        if row:
            return row["document_id"]
        if key:
            row = self._one("SELECT id FROM documents WHERE doc_number_key = ? ORDER BY id LIMIT 1", [key])
            if row:
                return row["id"]
        if title and issuer and date:  # the same title, issuer and date, unless their 发文字号 differ
            row = self._one("SELECT id FROM documents WHERE title = ? AND issuer = ? AND published_date = ? "
                            "AND (doc_number_key IS NULL OR ? IS NULL OR doc_number_key = ?) ORDER BY id LIMIT 1",
                            [title, issuer, date, key, key])
            if row:
                return row["id"]
        return None

    def _insert_document(self, doc: DocPage, spec: SourceSpec, key: str | None, at: str) -> int:
        province = spec.province or (spec.region if spec.level == "provincial" else None)
        cur = self.db.execute(
            "INSERT INTO documents (url, title, doc_number, doc_number_key, issuer, region, province, level, "
            "source_id, written_date, published_date, index_no, topic, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [doc.url, doc.title, doc.doc_number, key, doc.issuer, spec.region, province, spec.level, spec.id,
             doc.written_date, doc.published_date, doc.index_no, doc.topic, at, at],
        )
        doc_id = int(cur.lastrowid)
        self._insert_url(doc.url, doc_id, spec.id, at)
        return doc_id

    def _insert_url(self, url: str, doc_id: int, source_id: str, at: str) -> None:
        self.db.execute("INSERT INTO document_urls (url, document_id, source_id, first_seen, last_seen, "
                        "last_listed_run) VALUES (?, ?, ?, ?, ?, ?)", [url, doc_id, source_id, at, at, self.run_id])

    def _update_document(self, doc_id: int, doc: DocPage, key: str | None) -> None:
        """A revised page may correct its metadata; keep what the new page leaves out."""
        fields = {"title": doc.title, "doc_number": doc.doc_number, "doc_number_key": key, "issuer": doc.issuer,
                  "written_date": doc.written_date, "published_date": doc.published_date,
                  "index_no": doc.index_no, "topic": doc.topic}
        fields = {k: v for k, v in fields.items() if v}
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            self.db.execute(f"UPDATE documents SET {sets} WHERE id = ?", [*fields.values(), doc_id])

    def _event(self, at: str, doc_id: int, version_id: int | None, kind: str, detail: Any = None) -> None:
        self.db.execute(
            "INSERT INTO events (at, run_id, document_id, version_id, kind, detail) VALUES (?, ?, ?, ?, ?, ?)",
            [at, self.run_id, doc_id, version_id, kind, json.dumps(detail, ensure_ascii=False) if detail else None])

    def _insert_references(self, version_id: int, doc_id: int, references: Sequence[Any]) -> None:
        for r in references:
            self.db.execute(
                'INSERT INTO doc_references (version_id, document_id, title, doc_number, doc_number_key, quote, '
                'start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                [version_id, doc_id, r.title, r.doc_number, doc_number_key(r.doc_number), r.quote, r.start, r.end])

    def _seen(self, doc_id: int, url: str, at: str) -> None:
        if self._one("SELECT 1 AS x FROM documents WHERE id = ? AND removed_at IS NOT NULL", [doc_id]):
            self._event(at, doc_id, None, "restored")
        self.db.execute("UPDATE documents SET last_seen = ?, removed_at = NULL WHERE id = ?", [at, doc_id])
        self.db.execute("UPDATE document_urls SET last_seen = ? WHERE url = ?", [at, url])

    def _insert_version(self, doc_id: int, url: str, at: str, digest: str, text: str, raw: bytes,
                        content_type: str, parser_version: str, attachments: Sequence[Attachment],
                        attachment_raw: dict[str, tuple[bytes, str]]) -> int:
        cur = self.db.execute(
            "INSERT INTO versions (document_id, url, fetched_at, hash, size, text, raw, content_type, "
            "parser_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [doc_id, url, at, digest, len(text), text, zlib.compress(raw), content_type, parser_version],
        )
        version_id = int(cur.lastrowid)
        for att in attachments:
            content, ctype = attachment_raw.get(att.url, (None, att.content_type))
            self.db.execute(
                "INSERT INTO attachments (version_id, url, name, content_type, raw, text, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [version_id, att.url, att.name, ctype, zlib.compress(content) if content else None,
                 att.text, att.error],
            )
        return version_id

    def _insert_records(self, version_id: int, doc_id: int, extraction: Extraction, parser_version: str) -> None:
        for kind in RECORD_KINDS:
            for record in getattr(extraction, kind):
                row = {"version_id": version_id, "document_id": doc_id, "parser_version": parser_version,
                       **asdict(record)}
                self.db[kind].insert(row)

    def _index(self, doc_id: int, title: str, text: str) -> None:
        self.db.execute("DELETE FROM search_index WHERE rowid = ?", [doc_id])
        self.db.execute("INSERT INTO search_index (rowid, title, text) VALUES (?, ?, ?)", [doc_id, title, text])

    def touch(self, url: str, at: str) -> bool:
        """A 304: the document is still there and unchanged. False when no document has this URL."""
        with self.db.atomic():
            row = self._one("SELECT document_id FROM document_urls WHERE url = ?", [url])
            if row:
                self._seen(row["document_id"], url, at)
            return row is not None

    def mark_removed(self, url: str, at: str) -> bool:
        """The page is gone (404/410): mark the document removed; nothing is deleted."""
        with self.db.atomic():
            row = self._one("SELECT document_id FROM document_urls WHERE url = ?", [url])
            if not row:
                return False
            cur = self.db.execute("UPDATE documents SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                                  [at, row["document_id"]])
            if cur.rowcount:
                self._event(at, row["document_id"], None, "removed", {"url": url})
            return True

    def mark_unlisted(self, source_id: str, listed: Sequence[str], oldest_listed: str | None, run_id: int,
                      at: str, *, after_runs: int = 3) -> list[int]:
        """Record which URLs a source's lists showed in this run; mark removed the documents whose home URL
        has been missing from those lists for `after_runs` successful runs although the lists still reach
        back to their date (a document that merely aged off the pages walked is not missing). Returns them."""
        with self.db.atomic():
            for i in range(0, len(listed), 500):
                chunk = list(listed[i:i + 500])
                self.db.execute(f"UPDATE document_urls SET last_listed_run = ? WHERE url IN "
                                f"({', '.join('?' * len(chunk))})", [run_id, *chunk])
            if not oldest_listed:
                return []
            gone = [r["id"] for r in self._rows(
                "SELECT d.id FROM documents d JOIN document_urls u ON u.url = d.url "
                "WHERE u.source_id = ? AND d.removed_at IS NULL AND d.published_date >= ? "
                "AND (SELECT count(*) FROM run_sources rs WHERE rs.source_id = u.source_id AND rs.ok = 1 "
                "     AND rs.run_id > coalesce(u.last_listed_run, 0)) >= ?", [source_id, oldest_listed, after_runs])]
            for doc_id in gone:
                self.db.execute("UPDATE documents SET removed_at = ? WHERE id = ?", [at, doc_id])
                self._event(at, doc_id, None, "removed", {"reason": f"absent from its list for {after_runs} runs"})
            return gone

    def replace_extraction(self, version_id: int, extraction: Extraction, parser_version: str, *,
                           references: Sequence[Any] = (), at: str | None = None) -> bool:
        """A re-parse: the version's records are replaced by the current parser's, in one transaction.
        When its targets differ, a `reparsed` event says so, apart from changes in the documents.
        Returns whether the targets changed."""
        with self.db.atomic():
            v = self._one("SELECT document_id, parser_version FROM versions WHERE id = ?", [version_id])
            doc_id = v["document_id"]
            before = self.version_targets(version_id)
            for kind in RECORD_KINDS:
                self.db.execute(f"DELETE FROM {kind} WHERE version_id = ?", [version_id])
            self.db.execute("DELETE FROM doc_references WHERE version_id = ?", [version_id])
            self._insert_records(version_id, doc_id, extraction, parser_version)
            self._insert_references(version_id, doc_id, references)
            self.db.execute("UPDATE versions SET parser_version = ? WHERE id = ?", [parser_version, version_id])
            changes = record_diff(before, self.version_targets(version_id))
            changed = any(changes.values())
            if changed:
                self._event(at or _now(), doc_id, version_id, "reparsed",
                            {"from": v["parser_version"], "to": parser_version, "targets": changes})
            return changed

    # ---- reading ----------------------------------------------------------------------------------

    def documents(self, *, region: str | None = None, level: str | None = None, issuer: str | None = None,
                  since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        where, params = self._document_filters(region=region, level=level)
        if issuer:
            where.append("d.issuer LIKE ?")
            params.append(f"%{issuer}%")
        if since:
            where.append("coalesce(d.published_date, d.written_date) >= ?")
            params.append(since)
        if until:
            where.append("coalesce(d.published_date, d.written_date) <= ?")
            params.append(until + "\uffff")
        sql = ("SELECT d.id, d.title, d.doc_number, d.issuer, d.region, d.province, d.level, d.written_date, "
               "d.published_date, d.index_no, d.topic, d.url, d.source_id, d.first_seen, d.last_seen, d.removed_at, "
               "d.valid_from, d.expires "
               f"FROM documents d {_where(where)} "
               "ORDER BY coalesce(d.published_date, d.written_date) DESC, d.id DESC")
        return self._rows(sql, params)

    @staticmethod
    def _document_filters(*, region: str | None, level: str | None, alias: str = "d") -> tuple[list[str], list]:
        where: list[str] = []
        params: list[Any] = []
        if region:  # 四川 matches 四川省 and, through `province`, its cities; ranges, so indexes serve them
            where.append(f"(({alias}.region >= ? AND {alias}.region < ?) OR ({alias}.province >= ? AND "
                         f"{alias}.province < ?))")
            params += [region, region + "\uffff", region, region + "\uffff"]
        if level:
            where.append(f"{alias}.level = ?")
            params.append(level)
        return where, params

    def resolve(self, ref: str) -> int | None:
        """A document id, one of its URLs, or its 发文字号 in any bracket spelling."""
        ref = ref.strip()
        if ref.isdigit():
            row = self._one("SELECT id FROM documents WHERE id = ?", [int(ref)])
            return row["id"] if row else None
        if ref.startswith(("http://", "https://")):
            row = self._one("SELECT document_id FROM document_urls WHERE url = ?", [ref])
            return row["document_id"] if row else None
        key = doc_number_key(ref)
        if key:
            row = self._one("SELECT id FROM documents WHERE doc_number_key = ? ORDER BY id LIMIT 1", [key])
            return row["id"] if row else None
        return None

    def document(self, ref: str) -> dict[str, Any] | None:
        """One document with its URLs and current text; None when nothing matches."""
        doc_id = self.resolve(ref)
        if doc_id is None:
            return None
        doc = self._one("SELECT * FROM documents WHERE id = ?", [doc_id])
        doc.pop("doc_number_key", None)
        doc["urls"] = [r["url"] for r in self._rows(
            "SELECT url FROM document_urls WHERE document_id = ? ORDER BY first_seen, url", [doc_id])]
        latest = self._one("SELECT text FROM versions WHERE document_id = ? ORDER BY id DESC LIMIT 1", [doc_id])
        doc["text"] = latest["text"] if latest else ""
        doc["attachments"] = self._rows(
            "SELECT a.url, a.name, a.content_type, a.error FROM attachments a WHERE a.version_id = "
            "(SELECT max(id) FROM versions WHERE document_id = ?)", [doc_id])
        return doc

    def versions(self, doc_id: int) -> list[dict[str, Any]]:
        return self._rows("SELECT id, url, fetched_at, hash, size, parser_version FROM versions "
                          "WHERE document_id = ? ORDER BY id", [doc_id])

    def targets(self, *, region: str | None = None, metric: str | None = None, year: int | None = None,
                doc: str | None = None, level: str | None = None) -> list[dict[str, Any]]:
        """Targets of each document's current version, with the document they come from."""
        where, params = self._document_filters(region=region, level=level)
        if metric:
            where.append("t.metric = ?")
            params.append(metric)
        if year is not None:
            where.append("t.year = ?")
            params.append(year)
        if doc is not None:
            where.append("t.document_id = ?")
            params.append(self.resolve(doc) or -1)
        sql = ("SELECT d.region, d.province, d.level, d.doc_number, d.title, d.issuer, d.published_date, d.url, "
               "t.document_id, t.version_id, t.metric, t.subject, t.value, t.unit, t.comparator, t.year, t.quote, "
               "t.start, t.\"end\", t.parser_version "
               "FROM documents d JOIN targets t ON t.version_id = d.current_version "
               f"{_where(where)} ORDER BY d.region, coalesce(d.published_date, d.written_date), t.document_id, "
               "t.start")
        return self._rows(sql, params)

    def records(self, kind: str, doc_id: int) -> list[dict[str, Any]]:
        """Facts, incentives, schemes or commitments of a document's current version."""
        if kind not in RECORD_KINDS:
            raise ValueError(kind)
        return self._rows(
            f"SELECT * FROM {kind} WHERE version_id = (SELECT current_version FROM documents WHERE id = ?) "
            "ORDER BY start", [doc_id])

    def timeline(self, **filters: Any) -> list[dict[str, Any]]:
        from policytrack.db.dataset import timeline_events

        return timeline_events(self.conn, **filters)

    def export_tables(self) -> dict[str, list[dict[str, Any]]]:
        from policytrack.db.dataset import export_tables

        return export_tables(self.conn)

    def search(self, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
        return search_documents(self.conn, query, limit=limit)

    def count(self, table: str) -> int:
        if table not in ("documents", "versions", *RECORD_KINDS):
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def stored_versions(self) -> Iterator[dict[str, Any]]:
        """Every version with its raw bytes and attachments, for `reparse`."""
        ids = [r["id"] for r in self._rows("SELECT id FROM versions ORDER BY id")]
        for vid in ids:
            v = self._one("SELECT id, document_id, url, raw, content_type FROM versions WHERE id = ?", [vid])
            v["raw"] = zlib.decompress(v["raw"]) if v["raw"] else b""
            v["attachments"] = [
                (a["name"] or a["url"], zlib.decompress(a["raw"]), a["content_type"] or "")
                for a in self._rows("SELECT name, url, raw, content_type FROM attachments "
                                    "WHERE version_id = ? AND raw IS NOT NULL ORDER BY id", [vid])
            ]
            yield v


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""
