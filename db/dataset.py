"""The store as a dataset: timeline events and export tables, read from the current_* views (schema v3).

Dates are ISO strings. A target's deadline is the last day of its target year; a fact is dated at the end of
the year it describes. Every event names its document (title, 发文字号, issuer, URL).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from policytrack.db.sql import rows

DOC_COLUMNS = ("document_id", "title", "doc_number", "issuer", "url", "region", "level")
EXPORT_TABLES = ("documents", "targets", "facts", "incentives", "schemes")
_KIND_ORDER = {"written": 0, "published": 1, "in_force": 2, "fact": 3, "target": 4, "expires": 5}


def _region_filter(region: str | None, alias: str = "d") -> tuple[str, list[Any]]:
    if not region:
        return "", []
    end = region + "\uffff"  # a prefix as a range, so the region and province indexes serve it
    return (f" AND (({alias}.region >= ? AND {alias}.region < ?) OR ({alias}.province >= ? AND {alias}.province < ?))",
            [region, end, region, end])


def timeline_events(db: sqlite3.Connection, *, region: str | None = None, metric: str | None = None,
                    since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    where, params = _region_filter(region)
    if metric is None:
        for row in rows(
            db,
            "SELECT d.id AS document_id, d.title, d.doc_number, d.issuer, d.url, d.region, d.level, d.written_date, "
            f"d.published_date, d.valid_from, d.expires FROM documents d WHERE 1 = 1{where}", params):
            for kind, key in (("written", "written_date"), ("published", "published_date"),
                              ("in_force", "valid_from"), ("expires", "expires")):
                if row[key] and not (kind == "in_force" and row[key] == row["published_date"]):
                    events.append({"date": row[key][:10], "kind": kind, **{k: row[k] for k in DOC_COLUMNS}})
    for kind, view in (("target", "current_targets"), ("fact", "current_facts")):
        sql = (f"SELECT d.* FROM {view} d WHERE d.year IS NOT NULL{where}"
               + (" AND d.metric = ?" if metric else ""))
        for row in rows(db, sql, params + ([metric] if metric else [])):
            events.append({
                "date": f"{row['year']}-12-31", "kind": kind, **{k: row[k] for k in DOC_COLUMNS},
                **{k: row[k] for k in ("metric", "subject", "value", "unit", "comparator", "year", "quote")},
            })
    events = [e for e in events if (not since or e["date"] >= since) and (not until or e["date"] <= until)]
    events.sort(key=lambda e: (e["date"], _KIND_ORDER[e["kind"]], e["region"] or "", e["document_id"]))
    return events


def export_tables(db: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Each table a list of rows: documents with their current version, and each current record kind."""
    tables: dict[str, list[dict[str, Any]]] = {
        "documents": rows(db,
            "SELECT d.id, d.title, d.doc_number, d.issuer, d.region, d.province, d.level, d.written_date, "
            "d.published_date, d.valid_from, d.expires, d.index_no, d.topic, d.url, d.source_id, d.first_seen, "
            "d.last_seen, d.removed_at, (SELECT count(*) FROM versions v WHERE v.document_id = d.id) AS versions "
            "FROM documents d ORDER BY coalesce(d.published_date, d.written_date), d.id")
    }
    for name in EXPORT_TABLES[1:]:
        tables[name] = rows(db, f"SELECT * FROM current_{name} ORDER BY region, document_id, start")
    return tables
