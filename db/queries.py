"""What the query commands ask of the store: documents, one document, targets and the other records of the
current versions, documents in force, search. Reads only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from policytrack.db.schema import RECORD_KINDS
from policytrack.db.search import search_documents
from policytrack.db.sql import Connection, region_filter, where
from policytrack.parser.doc_numbers import key as doc_number_key

DOCUMENT_COLUMNS = ("d.id, d.title, d.doc_number, d.issuer, d.region, d.province, d.level, d.written_date, "
                    "d.published_date, d.index_no, d.topic, d.url, d.source_id, d.first_seen, d.last_seen, "
                    "d.removed_at, d.valid_from, d.expires")


def _filters(region: str | None, level: str | None, alias: str = "d") -> tuple[list[str], list[Any]]:
    clauses, params = region_filter(region, alias)
    if level:
        clauses.append(f"{alias}.level = ?")
        params.append(level)
    return clauses, params


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` literally anywhere (% and _ escaped with \\)."""
    return "%" + re.sub(r"([%_\\])", r"\\\1", text) + "%"


class Queries:
    def __init__(self, c: Connection) -> None:
        self.c = c

    def places(self) -> list[str]:
        """Every region and province the store's documents and sources name (a custom source's 某县 too)."""
        return [r[0] for r in self.c.execute(
            "SELECT region FROM documents UNION SELECT province FROM documents UNION SELECT region FROM sources "
            "UNION SELECT province FROM sources") if r[0]]

    def documents(self, *, region: str | None = None, level: str | None = None, issuer: str | None = None,
                  since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Documents newest first; dates compare as ISO prefixes (`until` 2025 covers all of 2025)."""
        clauses, params = _filters(region, level)
        if issuer:
            clauses.append("d.issuer LIKE ? ESCAPE '\\'")
            params.append(like_pattern(issuer))
        # on the date a document bears: its publication, else its writing; spelt out so that the index on
        # published_date serves the range (a coalesce() would scan every document)
        if since:
            clauses.append("(d.published_date >= ? OR (d.published_date IS NULL AND d.written_date >= ?))")
            params += [since, since]
        if until:
            clauses.append("(d.published_date <= ? OR (d.published_date IS NULL AND d.written_date <= ?))")
            params += [until + "\uffff"] * 2
        return self.c.rows(f"SELECT {DOCUMENT_COLUMNS} FROM documents d {where(clauses)} "
                           "ORDER BY coalesce(d.published_date, d.written_date) DESC, d.id DESC", params)

    def active(self, on: str, **filters: Any) -> list[dict[str, Any]]:
        """Documents in force on a date: issued by then, not expired, not removed."""
        return [
            d for d in self.documents(**filters)
            if (d.get("valid_from") or d.get("published_date") or d.get("written_date") or "") <= on
            and (d.get("expires") is None or d["expires"] >= on) and d.get("removed_at") is None
        ]

    def resolve(self, ref: str) -> int | None:
        """A document id, one of its URLs, or its 发文字号 in any bracket spelling."""
        ref = ref.strip()
        if ref.isascii() and ref.isdigit():
            if len(ref) > 18:  # beyond SQLite's integers: no such id
                return None
            row = self.c.one("SELECT id FROM documents WHERE id = ?", [int(ref)])
            return row["id"] if row else None
        if ref.startswith(("http://", "https://")):
            row = self.c.one("SELECT document_id FROM document_urls WHERE url = ?", [ref])
            return row["document_id"] if row else None
        key = doc_number_key(ref)
        if key:
            row = self.c.one("SELECT id FROM documents WHERE doc_number_key = ? ORDER BY id LIMIT 1", [key])
            return row["id"] if row else None
        return None

    def document(self, ref: str | int) -> dict[str, Any] | None:
        """One document with its URLs, current text and attachments; None when nothing matches."""
        doc_id = ref if isinstance(ref, int) else self.resolve(ref)
        if doc_id is None:
            return None
        doc = self.c.one("SELECT * FROM documents WHERE id = ?", [doc_id])
        if doc is None:
            return None
        doc.pop("doc_number_key", None)
        doc["urls"] = [r["url"] for r in self.c.rows(
            "SELECT url FROM document_urls WHERE document_id = ? ORDER BY first_seen, url", [doc_id])]
        latest = self.c.one("SELECT text FROM versions WHERE id = ?", [doc["current_version"]])
        doc["text"] = latest["text"] if latest else ""
        doc["attachments"] = self.c.rows("SELECT url, name, content_type, error FROM attachments "
                                         "WHERE version_id = ? ORDER BY id", [doc["current_version"]])
        return doc

    def targets(self, *, region: str | None = None, metric: str | None = None, year: int | None = None,
                doc_id: int | None = None, level: str | None = None) -> list[dict[str, Any]]:
        """Targets of each document's current version, with the document they come from."""
        return list(self.each_target(region=region, metric=metric, year=year, doc_id=doc_id, level=level))

    def each_target(self, *, region: str | None = None, metric: str | None = None, year: int | None = None,
                    doc_id: int | None = None, level: str | None = None) -> Iterator[dict[str, Any]]:
        """The same targets streamed from the cursor, for output of any size: read them while the store is open."""
        clauses, params = _filters(region, level, "t")
        for column, value in (("metric", metric), ("year", year), ("document_id", doc_id)):
            if value is not None:
                clauses.append(f"t.{column} = ?")
                params.append(value)
        cur = self.c.execute(f"SELECT * FROM current_targets t {where(clauses)} "
                             "ORDER BY t.region, coalesce(t.published_date, t.written_date), t.document_id, t.start",
                             params)
        names = [d[0] for d in cur.description]
        for row in cur:
            yield dict(zip(names, row, strict=True))

    def records(self, kind: str, doc_id: int) -> list[dict[str, Any]]:
        """Facts, incentives, schemes or commitments of a document's current version."""
        if kind not in RECORD_KINDS:
            raise ValueError(kind)
        return self.c.rows(f"SELECT * FROM {kind} WHERE version_id = "
                           "(SELECT current_version FROM documents WHERE id = ?) ORDER BY start", [doc_id])

    def schemes(self, *, kind: str | None = None, region: str | None = None,
                level: str | None = None) -> list[dict[str, Any]]:
        """Certification, training, contest, designation, standard and talent schemes of current versions."""
        clauses, params = _filters(region, level, "s")
        if kind:
            clauses.append("s.kind = ?")
            params.append(kind)
        return self.c.rows(f"SELECT * FROM current_schemes s {where(clauses)} "
                           "ORDER BY s.region, coalesce(s.published_date, s.written_date), s.document_id, s.start",
                           params)

    def search(self, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
        return search_documents(self.c.conn, query, limit=limit)

    def count(self, table: str) -> int:
        if table not in ("documents", "versions", *RECORD_KINDS):
            raise ValueError(table)
        return self.c.one(f"SELECT count(*) AS n FROM {table}")["n"]
