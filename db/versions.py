"""Versions of a document and what each holds: text, raw bytes, attachments, extraction records, references.

A version is written only when the normalised text changed (db/documents.py decides); `reparse` replaces a
version's records in place, with a `reparsed` event when its targets changed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from policytrack.db import events
from policytrack.db.schema import RECORD_KINDS
from policytrack.db.sql import Connection, in_chunks
from policytrack.parser.diffs import record_diff
from policytrack.parser.doc_numbers import key as doc_number_key
from policytrack.parser.documents import Attachment
from policytrack.parser.records import Extraction
from policytrack.parser.references import Reference

TARGET_FIELDS = 'metric, subject, value, unit, measure, comparator, year, quote, start, "end", parser_version'


class Versions:
    def __init__(self, c: Connection) -> None:
        self.c = c

    # ---- writing ------------------------------------------------------------------------------------

    def insert(self, doc_id: int, url: str, at: str, digest: str, text: str, raw: bytes, content_type: str,
               charset: str | None, attachments: Sequence[Attachment],
               attachment_raw: dict[str, tuple[bytes, str]]) -> int:
        cur = self.c.execute(
            "INSERT INTO versions (document_id, url, fetched_at, hash, size, text, raw, content_type, charset) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [doc_id, url, at, digest, len(text), text, zlib.compress(raw), content_type, charset])
        version_id = int(cur.lastrowid)
        for att in attachments:
            content, ctype = attachment_raw.get(att.url, (None, att.content_type))
            self.c.execute(
                "INSERT INTO attachments (version_id, url, name, content_type, raw, text, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [version_id, att.url, att.name, ctype, zlib.compress(content) if content else None, att.text,
                 att.error])
        return version_id

    def insert_extraction(self, version_id: int, doc_id: int, extraction: Extraction, parser_version: str,
                          references: Sequence[Reference]) -> None:
        for kind in RECORD_KINDS:
            for record in getattr(extraction, kind):
                self.c.db[kind].insert({"version_id": version_id, "document_id": doc_id,
                                        "parser_version": parser_version, **asdict(record)})
        for r in references:
            self.c.execute(
                'INSERT INTO doc_references (version_id, document_id, title, doc_number, doc_number_key, quote, '
                'start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                [version_id, doc_id, r.title, r.doc_number, doc_number_key(r.doc_number), r.quote, r.start, r.end])
        self.c.execute("UPDATE versions SET parser_version = ? WHERE id = ?", [parser_version, version_id])

    def replace_extraction(self, version_id: int, extraction: Extraction, parser_version: str, *,
                           references: Sequence[Reference] = (), at: str | None = None) -> bool:
        """A re-parse: the version's records replaced by the current parser's, in one transaction; a
        `reparsed` event when its targets differ, apart from changes in the documents. Whether they did."""
        with self.c.atomic():
            v = self.c.one("SELECT document_id, parser_version FROM versions WHERE id = ?", [version_id])
            before = self.targets(version_id)
            for kind in (*RECORD_KINDS, "doc_references"):
                self.c.execute(f"DELETE FROM {kind} WHERE version_id = ?", [version_id])
            self.insert_extraction(version_id, v["document_id"], extraction, parser_version, references)
            changes = record_diff(before, self.targets(version_id))
            changed = any(changes.values())
            if changed:
                events.add(self.c, at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), None, v["document_id"],
                           version_id, "reparsed", {"from": v["parser_version"], "to": parser_version,
                                                    "targets": changes})
            return changed

    # ---- reading ------------------------------------------------------------------------------------

    def of_document(self, doc_id: int) -> list[dict[str, Any]]:
        """A document's versions, oldest first, each numbered 1, 2, … within the document (`number`)."""
        found = self.c.rows("SELECT id, url, fetched_at, hash, size, parser_version FROM versions "
                            "WHERE document_id = ? ORDER BY id", [doc_id])
        for n, v in enumerate(found, start=1):
            v["number"] = n
        return found

    def row(self, version_id: int) -> dict[str, Any]:
        return self.c.one("SELECT id, document_id, url, fetched_at, hash, size, text, parser_version "
                          "FROM versions WHERE id = ?", [version_id])

    def previous(self, doc_id: int, version_id: int) -> int | None:
        return self.c.one("SELECT max(id) AS id FROM versions WHERE document_id = ? AND id < ?",
                          [doc_id, version_id])["id"]

    def targets(self, version_id: int) -> list[dict[str, Any]]:
        return self.targets_of([version_id]).get(version_id, [])

    def targets_of(self, version_ids: Sequence[int | None]) -> dict[int, list[dict[str, Any]]]:
        """The targets of many versions, in one query per 500 (the changes feed reads thousands)."""
        out: dict[int, list[dict[str, Any]]] = {}
        for chunk, marks in in_chunks(sorted({v for v in version_ids if v is not None})):
            for r in self.c.rows(f"SELECT version_id, {TARGET_FIELDS} FROM targets WHERE version_id IN ({marks}) "
                                 "ORDER BY version_id, start", chunk):
                out.setdefault(r.pop("version_id"), []).append(r)
        return out

    def count(self) -> int:
        return self.c.one("SELECT count(*) AS n FROM versions")["n"]

    def stored(self) -> Iterator[dict[str, Any]]:
        """Every version with what was fetched for it (raw page, charset, attachments) and its document's
        source, for `reparse`; one version in memory at a time."""
        ids = [r["id"] for r in self.c.rows("SELECT id FROM versions ORDER BY id")]
        for vid in ids:
            v = self.c.one("SELECT v.id, v.document_id, v.url, v.raw, v.content_type, v.charset, d.source_id "
                           "FROM versions v JOIN documents d ON d.id = v.document_id WHERE v.id = ?", [vid])
            v["raw"] = zlib.decompress(v["raw"]) if v["raw"] else b""
            v["attachments"] = {
                a["url"]: (zlib.decompress(a["raw"]), a["content_type"] or "")
                for a in self.c.rows("SELECT url, raw, content_type FROM attachments "
                                     "WHERE version_id = ? AND raw IS NOT NULL ORDER BY id", [vid])
            }
            yield v
