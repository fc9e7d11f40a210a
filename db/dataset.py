"""The store as a dataset: timeline events and export tables, read from the current_* views (schema v3).

Dates are ISO strings. A target's deadline is the last day of its target year; a fact is dated at the end of
the year it describes. Every event names its document (title, 发文字号, issuer, URL); a target event also
carries the latest figure its region reported for the same metric and unit (fact_*), so progress shows.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from policytrack.db.sql import rows

DOC_COLUMNS = ("document_id", "title", "doc_number", "issuer", "url", "region", "province", "level")
RECORD_COLUMNS = ("metric", "subject", "value", "unit", "comparator", "year", "quote")
PROGRESS_COLUMNS = ("fact_value", "fact_comparator", "fact_year", "fact_subject", "fact_document_id",
                    "percent_of_target")
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
            "SELECT d.id AS document_id, d.title, d.doc_number, d.issuer, d.url, d.region, d.province, d.level, "
            "d.written_date, "
            f"d.published_date, d.valid_from, d.expires FROM documents d WHERE 1 = 1{where}", params):
            for kind, key in (("written", "written_date"), ("published", "published_date"),
                              ("in_force", "valid_from"), ("expires", "expires")):
                if row[key] and not (kind == "in_force" and row[key] == row["published_date"]):
                    events.append({"date": row[key][:10], "kind": kind, **{k: row[k] for k in DOC_COLUMNS}})
    filters = where + (" AND d.metric = ?" if metric else "")
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}  # as the latest_facts view picks: see progress()
    for row in rows(db, f"SELECT d.* FROM current_facts d WHERE d.year IS NOT NULL{filters} "
                        "ORDER BY d.document_id, d.start", params + ([metric] if metric else [])):
        events.append(_record_event("fact", row))
        key = (row["region"], row["metric"], row["unit"])
        if key not in latest or _recency(row) > _recency(latest[key]):
            latest[key] = row
    for row in rows(db, f"SELECT d.* FROM current_targets d WHERE d.year IS NOT NULL{filters} "
                        "ORDER BY d.document_id, d.start", params + ([metric] if metric else [])):
        events.append(_record_event("target", row) | progress(row, latest.get((row["region"], row["metric"],
                                                                                row["unit"]))))
    events = [e for e in events if (not since or e["date"] >= since) and (not until or e["date"] <= until)]
    events.sort(key=lambda e: (e["date"], _KIND_ORDER[e["kind"]], e["region"] or "", e["document_id"]))
    return events


def _record_event(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    return {"date": f"{row['year']}-12-31", "kind": kind, **{k: row[k] for k in DOC_COLUMNS},
            **{k: row[k] for k in RECORD_COLUMNS}}


def _recency(fact: dict[str, Any]) -> tuple[Any, ...]:
    return fact["year"], fact["published_date"] or "", fact["document_id"], -(fact["start"] or 0)


def progress(target: dict[str, Any], fact: dict[str, Any] | None) -> dict[str, Any]:
    """A target's fact_* fields from the latest figure of its region, metric and unit: what the
    target_progress view (schema v7) holds, computed here from facts the timeline has already read, because
    the view's window over every fact costs 100 ms on a large store."""
    if fact is None:
        return dict.fromkeys(PROGRESS_COLUMNS)
    share = (round(100.0 * fact["value"] / target["value"], 1)
             if target["unit"] != "percent" and target["value"] and target["value"] > 0 else None)
    return {"fact_value": fact["value"], "fact_comparator": fact["comparator"], "fact_year": fact["year"],
            "fact_subject": fact["subject"], "fact_document_id": fact["document_id"], "percent_of_target": share}


class Rows(list):
    """A table's rows (dicts) that also knows its columns, so an empty table still has its header."""

    def __init__(self, columns: list[str], rows: list[dict[str, Any]]) -> None:
        super().__init__(rows)
        self.columns = columns


def _table(db: sqlite3.Connection, sql: str) -> Rows:
    cur = db.execute(sql)
    columns = [d[0] for d in cur.description]
    return Rows(columns, [dict(zip(columns, row, strict=True)) for row in cur])


def export_tables(db: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Each table a list of rows (a Rows, with .columns): documents with their current version, and each
    current record kind."""
    tables: dict[str, list[dict[str, Any]]] = {
        "documents": _table(db,
            "SELECT d.id, d.title, d.doc_number, d.issuer, d.region, d.province, d.level, d.written_date, "
            "d.published_date, d.valid_from, d.expires, d.index_no, d.topic, d.url, d.source_id, d.first_seen, "
            "d.last_seen, d.removed_at, (SELECT count(*) FROM versions v WHERE v.document_id = d.id) AS versions "
            "FROM documents d ORDER BY coalesce(d.published_date, d.written_date), d.id")
    }
    for name in EXPORT_TABLES[1:]:
        tables[name] = _table(db, f"SELECT * FROM current_{name} ORDER BY region, document_id, start")
    return tables
