"""Queries over time: the events feed, versions to diff, citations between documents, validity.

A mixin of Store (it uses `self.db` and `self._rows`), kept apart so store.py holds the writes and the
plain look-ups, and this file what `changes`, `diff`, `lineage` and `docs --active` ask.
"""

from __future__ import annotations

import json
from typing import Any

_DOC = "d.title, d.doc_number, d.issuer, d.region, d.level, d.url, d.published_date, d.written_date"


class HistoryQueries:
    db: Any

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:  # provided by Store
        raise NotImplementedError

    def last_run(self) -> dict[str, Any] | None:
        """The latest run: `changes --since last` reports what it found, and any reparse since."""
        rows = self._rows("SELECT id, started_at, first_event FROM runs ORDER BY id DESC LIMIT 1")
        return rows[0] if rows else None

    def events(self, since: str | None = None, *, from_event: int | None = None) -> list[dict[str, Any]]:
        """Events on or after a date, or from an event id on (a run's first)."""
        where, params = ("e.id >= ?", [from_event]) if from_event is not None else ("e.at >= ?", [since])
        rows = self._rows(
            f"SELECT e.id, e.at, e.kind, e.document_id, e.version_id, e.detail, {_DOC} "
            f"FROM events e JOIN documents d ON d.id = e.document_id WHERE {where} ORDER BY e.id", params)
        for r in rows:
            r["detail"] = json.loads(r["detail"]) if r["detail"] else None
        return rows

    def version_targets(self, version_id: int) -> list[dict[str, Any]]:
        return self.targets_of_versions([version_id]).get(version_id, [])

    def targets_of_versions(self, version_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        """The targets of many versions in one query each 500 (the changes feed reads thousands)."""
        out: dict[int, list[dict[str, Any]]] = {}
        ids = sorted({v for v in version_ids if v is not None})
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ", ".join("?" * len(chunk))
            for r in self._rows('SELECT version_id, metric, subject, value, unit, comparator, year, quote, start, '
                                f'"end", parser_version FROM targets WHERE version_id IN ({marks}) '
                                "ORDER BY version_id, start", chunk):
                out.setdefault(r.pop("version_id"), []).append(r)
        return out

    def previous_version(self, doc_id: int, version_id: int) -> int | None:
        rows = self._rows("SELECT max(id) AS id FROM versions WHERE document_id = ? AND id < ?", [doc_id, version_id])
        return rows[0]["id"]

    def version_ref(self, doc_id: int, ref: str) -> int | None:
        """A version of the document: its id, or the latest one fetched on or before a date."""
        if ref.isdigit():
            rows = self._rows("SELECT id FROM versions WHERE document_id = ? AND id = ?", [doc_id, int(ref)])
        else:
            rows = self._rows("SELECT max(id) AS id FROM versions WHERE document_id = ? AND fetched_at <= ?",
                              [doc_id, ref + "T99"])
        return rows[0]["id"] if rows else None

    def version_row(self, version_id: int) -> dict[str, Any]:
        return self._rows("SELECT id, document_id, url, fetched_at, hash, size, text, parser_version "
                          "FROM versions WHERE id = ?", [version_id])[0]

    def cites(self, doc_id: int) -> list[dict[str, Any]]:
        """What the document's current version cites, each with the stored document it names, if any."""
        return self._rows(
            "SELECT r.title AS cited_title, r.doc_number AS cited_doc_number, r.quote, "
            "(SELECT d.id FROM documents d WHERE d.id != r.document_id AND ("
            "   (r.doc_number_key IS NOT NULL AND d.doc_number_key = r.doc_number_key) OR d.title = r.title) "
            " ORDER BY d.id LIMIT 1) AS document_id "
            "FROM doc_references r JOIN documents me ON me.id = r.document_id "
            "WHERE r.version_id = me.current_version AND me.id = ? "
            "AND (r.doc_number_key IS NULL OR me.doc_number_key IS NULL OR r.doc_number_key != me.doc_number_key) "
            "ORDER BY r.start", [doc_id])

    def cited_by(self, doc_id: int) -> list[dict[str, Any]]:
        """Documents whose current version cites this one, by 发文字号 or by title."""
        return self._rows(
            f"SELECT DISTINCT d.id, {_DOC}, d.province FROM doc_references r "
            "JOIN documents d ON d.id = r.document_id "
            "JOIN documents me ON me.id = ? "
            "WHERE r.document_id != me.id "
            "AND r.version_id = d.current_version "
            "AND ((me.doc_number_key IS NOT NULL AND r.doc_number_key = me.doc_number_key) OR r.title = me.title) "
            "ORDER BY coalesce(d.published_date, d.written_date), d.id", [doc_id])

    def active(self, on: str, **filters: Any) -> list[dict[str, Any]]:
        """Documents in force on a date: issued by then, not expired, not removed."""
        return [
            d for d in self.documents(**filters)  # type: ignore[attr-defined]
            if (d.get("valid_from") or d.get("published_date") or d.get("written_date") or "") <= on
            and (d.get("expires") is None or d["expires"] >= on) and d.get("removed_at") is None
        ]
