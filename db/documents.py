"""Documents and their identity: one document however many URLs carry it, its owner, and when it is gone.

A document is found by URL, then by 发文字号, then by title + issuer + date (unless their numbers differ). A copy
at another URL (a province reposting a ministry's notice) is one more URL of it, and a `repost`. Its home URL
and owner are those of the best-ranked source that carries it: the highest level, then the earliest in the
configuration, so the owner is the same whichever source a run's threads saved first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from policytrack.db import events
from policytrack.db.runs import SourceLike
from policytrack.db.sql import Connection, in_chunks
from policytrack.db.versions import Versions
from policytrack.parser.doc_numbers import key as doc_number_key
from policytrack.parser.documents import DocPage, ReadDocument
from policytrack.parser.fingerprint import text_hash

LEVEL_RANK = {"national": 0, "provincial": 1, "municipal": 2}


@dataclass(frozen=True, slots=True)
class SaveResult:
    status: str  # new | changed | unchanged | repost
    document_id: int
    version_id: int | None = None


class Documents:
    def __init__(self, c: Connection, versions: Versions) -> None:
        self.c = c
        self.versions = versions

    def _rank(self, source_id: str | None, level: str | None) -> tuple[int, int]:
        row = self.c.one("SELECT position FROM sources WHERE id = ?", [source_id]) if source_id else None
        position = row["position"] if row and row["position"] is not None else 1 << 30
        return LEVEL_RANK.get(level or "", 9), position

    def save(self, read: ReadDocument, source: SourceLike, fetched_at: str, run_id: int | None = None) -> SaveResult:
        """Store one fetched document in one transaction: new, a new version (only when the normalised text
        changed), a repost (a known document at another URL), or unchanged."""
        doc = read.doc
        digest = text_hash(read.text)
        key = doc_number_key(doc.doc_number)
        with self.c.atomic():
            doc_id = self._find(doc.url, key, doc.title, doc.issuer, doc.published_date)
            if doc_id is None:
                doc_id = self._insert(doc, source, key, fetched_at, run_id)
                status = "new"
            else:
                known_url = self.c.one("SELECT 1 AS x FROM document_urls WHERE url = ?", [doc.url]) is not None
                if not known_url:
                    self._insert_url(doc.url, doc_id, source.id, fetched_at, run_id)
                row = self.c.one("SELECT url, level, source_id, removed_at FROM documents WHERE id = ?", [doc_id])
                better = self._rank(source.id, source.level) < self._rank(row["source_id"], row["level"])
                rehomed = False
                if row["url"] != doc.url and (better or row["removed_at"]):
                    self._rehome(doc_id, doc.url, source)
                    row, rehomed = {**row, "url": doc.url}, True
                elif row["url"] == doc.url and better:  # the same page, listed by a better-ranked source
                    self._rehome(doc_id, doc.url, source)
                has_versions = self.c.one("SELECT 1 AS x FROM versions WHERE document_id = ? LIMIT 1", [doc_id])
                self._seen(doc_id, doc.url, fetched_at, run_id)
                if row["url"] != doc.url and has_versions:
                    if not known_url:
                        events.add(self.c, fetched_at, run_id, doc_id, None, "repost",
                                   {"url": doc.url, "source": source.id})
                    return SaveResult("repost" if not known_url else "unchanged", doc_id)
                latest = self.c.one("SELECT hash FROM versions WHERE document_id = ? ORDER BY id DESC LIMIT 1",
                                    [doc_id])
                if rehomed and has_versions:  # the original of a repost: its text becomes current, no revision
                    events.add(self.c, fetched_at, run_id, doc_id, None, "repost",
                               {"url": doc.url, "source": source.id})
                if latest and latest["hash"] == digest:
                    return SaveResult("repost" if rehomed else "unchanged", doc_id)
                self._update(doc_id, doc, key)
                status = ("repost" if rehomed else "changed") if has_versions else "new"
            version_id = self.versions.insert(doc_id, doc.url, fetched_at, digest, read.text, read.raw,
                                              read.content_type, read.charset, read.doc.attachments,
                                              read.attachment_raw)
            self.versions.insert_extraction(version_id, doc_id, read.extraction, read.parser_version,
                                            read.references)
            self.c.execute("UPDATE documents SET valid_from = ?, expires = ?, current_version = ? WHERE id = ?",
                           [*read.validity, version_id, doc_id])
            self._index(doc_id, read.text)
            if status != "repost":
                events.add(self.c, fetched_at, run_id, doc_id, version_id, "new" if status == "new" else "revised")
            return SaveResult(status, doc_id, version_id)

    def _find(self, url: str, key: str | None, title: str, issuer: str | None, date: str | None) -> int | None:
        row = self.c.one("SELECT document_id FROM document_urls WHERE url = ?", [url])
        if row:
            return row["document_id"]
        if key:
            row = self.c.one("SELECT id FROM documents WHERE doc_number_key = ? ORDER BY id LIMIT 1", [key])
            if row:
                return row["id"]
        if title and issuer and date:  # the same title, issuer and date, unless their 发文字号 differ
            row = self.c.one("SELECT id FROM documents WHERE title = ? AND issuer = ? AND published_date = ? "
                             "AND (doc_number_key IS NULL OR ? IS NULL OR doc_number_key = ?) ORDER BY id LIMIT 1",
                             [title, issuer, date, key, key])
            if row:
                return row["id"]
        return None

    @staticmethod
    def _province(source: SourceLike) -> str | None:
        return source.province or (source.region if source.level == "provincial" else None)

    def _insert(self, doc: DocPage, source: SourceLike, key: str | None, at: str, run_id: int | None) -> int:
        cur = self.c.execute(
            "INSERT INTO documents (url, title, doc_number, doc_number_key, issuer, region, province, level, "
            "source_id, written_date, published_date, index_no, topic, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [doc.url, doc.title, doc.doc_number, key, doc.issuer, source.region, self._province(source),
             source.level, source.id, doc.written_date, doc.published_date, doc.index_no, doc.topic, at, at])
        doc_id = int(cur.lastrowid)
        self._insert_url(doc.url, doc_id, source.id, at, run_id)
        return doc_id

    def _insert_url(self, url: str, doc_id: int, source_id: str, at: str, run_id: int | None) -> None:
        self.c.execute("INSERT INTO document_urls (url, document_id, source_id, first_seen, last_seen, "
                       "last_listed_run) VALUES (?, ?, ?, ?, ?, ?)", [url, doc_id, source_id, at, at, run_id])

    def _rehome(self, doc_id: int, url: str, source: SourceLike) -> None:
        self.c.execute("UPDATE documents SET url = ?, region = ?, province = ?, level = ?, source_id = ? "
                       "WHERE id = ?", [url, source.region, self._province(source), source.level, source.id, doc_id])
        self.c.execute("UPDATE document_urls SET source_id = ? WHERE url = ?", [source.id, url])

    def _update(self, doc_id: int, doc: DocPage, key: str | None) -> None:
        """A revised page may correct its metadata; keep what the new page leaves out."""
        fields = {"title": doc.title, "doc_number": doc.doc_number, "doc_number_key": key, "issuer": doc.issuer,
                  "written_date": doc.written_date, "published_date": doc.published_date,
                  "index_no": doc.index_no, "topic": doc.topic}
        fields = {k: v for k, v in fields.items() if v}
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            self.c.execute(f"UPDATE documents SET {sets} WHERE id = ?", [*fields.values(), doc_id])

    def _seen(self, doc_id: int, url: str, at: str, run_id: int | None) -> None:
        if self.c.one("SELECT 1 AS x FROM documents WHERE id = ? AND removed_at IS NOT NULL", [doc_id]):
            events.add(self.c, at, run_id, doc_id, None, "restored")
        self.c.execute("UPDATE documents SET last_seen = ?, removed_at = NULL WHERE id = ?", [at, doc_id])
        self.c.execute("UPDATE document_urls SET last_seen = ? WHERE url = ?", [at, url])

    def _index(self, doc_id: int, text: str) -> None:
        """The current text beside the document; the schema's triggers index it (documents_fts)."""
        self.c.execute("UPDATE documents SET text = ? WHERE id = ?", [text, doc_id])

    def touch(self, url: str, source: SourceLike, at: str, run_id: int | None = None) -> int | None:
        """A 304: the document is still there and unchanged (and `source` lists it, which may make it the
        owner); its id, or None when no document has this URL."""
        with self.c.atomic():
            row = self.c.one("SELECT u.document_id, d.url, d.level, d.source_id FROM document_urls u "
                             "JOIN documents d ON d.id = u.document_id WHERE u.url = ?", [url])
            if row is None:
                return None
            if row["url"] == url and self._rank(source.id, source.level) < self._rank(row["source_id"], row["level"]):
                self._rehome(row["document_id"], url, source)
            self._seen(row["document_id"], url, at, run_id)
            return row["document_id"]

    def mark_removed(self, url: str, at: str, run_id: int | None = None) -> bool:
        """The page is gone (404/410): mark the document removed; nothing is deleted."""
        with self.c.atomic():
            row = self.c.one("SELECT document_id FROM document_urls WHERE url = ?", [url])
            if not row:
                return False
            cur = self.c.execute("UPDATE documents SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                                 [at, row["document_id"]])
            if cur.rowcount:
                events.add(self.c, at, run_id, row["document_id"], None, "removed", {"url": url})
            return True

    def mark_unlisted(self, source_id: str, listed: Sequence[str], oldest_listed: str | None, run_id: int,
                      at: str, *, after_runs: int = 3) -> list[int]:
        """Record which URLs a source's lists showed in this run; mark removed the documents whose home URL
        has been missing from those lists for `after_runs` successful runs although the lists still reach
        back to their date (a document that merely aged off the pages walked is not missing). Returns them."""
        with self.c.atomic():
            for chunk, marks in in_chunks(list(listed)):
                self.c.execute(f"UPDATE document_urls SET last_listed_run = ? WHERE url IN ({marks})",
                               [run_id, *chunk])
            if not oldest_listed:
                return []
            gone = [r["id"] for r in self.c.rows(
                "SELECT d.id FROM documents d JOIN document_urls u ON u.url = d.url "
                "WHERE u.source_id = ? AND d.removed_at IS NULL AND d.published_date >= ? "
                "AND (SELECT count(*) FROM run_sources rs WHERE rs.source_id = u.source_id AND rs.ok = 1 "
                "     AND rs.run_id > coalesce(u.last_listed_run, 0)) >= ?", [source_id, oldest_listed, after_runs])]
            for doc_id in gone:
                self.c.execute("UPDATE documents SET removed_at = ? WHERE id = ?", [at, doc_id])
                events.add(self.c, at, run_id, doc_id, None, "removed",
                           {"reason": f"absent from its list for {after_runs} runs"})
            return gone


def document_fields(row: dict[str, Any]) -> dict[str, Any]:
    """A document's identifying fields, as every feed and tree carries them."""
    return {k: row.get(k) for k in ("id", "title", "doc_number", "issuer", "region", "level", "url",
                                    "published_date", "written_date")}
