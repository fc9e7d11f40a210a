"""The store as a dataset: timeline events and export tables, read from the current_* views (schema v3).

Dates are ISO strings. A target's deadline is the last day of its target year; a fact is dated at the end of
the year it describes. Every event names its document (title, 发文字号, issuer, URL); a target event also
carries the latest figure its region reported for the same quantity (metric, unit and subject: the
target_progress view's fact_* columns), so progress shows.
"""

from __future__ import annotations

from typing import Any

from policytrack.db.sql import Connection, region_filter, where

DOC_COLUMNS = ("document_id", "title", "doc_number", "issuer", "url", "region", "province", "level")
RECORD_COLUMNS = ("metric", "subject", "value", "unit", "measure", "comparator", "year", "quote")
PROGRESS_COLUMNS = ("fact_value", "fact_comparator", "fact_year", "fact_subject", "fact_document_id",
                    "percent_of_target")
EXPORT_TABLES = ("documents", "targets", "facts", "incentives", "schemes")
_KIND_ORDER = {"written": 0, "published": 1, "in_force": 2, "fact": 3, "target": 4, "expires": 5}


def timeline_events(c: Connection, *, region: str | None = None, metric: str | None = None,
                    since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    clauses, params = region_filter(region)
    if metric is None:
        for row in c.rows("SELECT d.id AS document_id, d.title, d.doc_number, d.issuer, d.url, d.region, "
                          "d.province, d.level, d.written_date, d.published_date, d.valid_from, d.expires "
                          f"FROM documents d {where(clauses)}", params):
            for kind, key in (("written", "written_date"), ("published", "published_date"),
                              ("in_force", "valid_from"), ("expires", "expires")):
                if row[key] and not (kind == "in_force" and row[key] == row["published_date"]):
                    events.append({"date": row[key][:10], "kind": kind, **{k: row[k] for k in DOC_COLUMNS}})
    clauses.append("d.year IS NOT NULL")
    if metric:
        clauses.append("d.metric = ?")
        params.append(metric)
    for row in c.rows(f"SELECT d.* FROM current_facts d {where(clauses)} ORDER BY d.document_id, d.start", params):
        events.append(_record_event("fact", row))
    for row in c.rows(f"SELECT d.* FROM target_progress d {where(clauses)} ORDER BY d.document_id, d.start",
                      params):
        events.append(_record_event("target", row) | {k: row[k] for k in PROGRESS_COLUMNS})
    events = [e for e in events if (not since or e["date"] >= since) and (not until or e["date"] <= until + "\uffff")]
    events.sort(key=lambda e: (e["date"], _KIND_ORDER[e["kind"]], e["region"] or "", e["document_id"]))
    return events


def _record_event(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    return {"date": f"{row['year']}-12-31", "kind": kind, **{k: row[k] for k in DOC_COLUMNS},
            **{k: row[k] for k in RECORD_COLUMNS}}


class Rows(list):
    """A table's rows (dicts) that also knows its columns, so an empty table still has its header."""

    def __init__(self, columns: list[str], rows: list[dict[str, Any]]) -> None:
        super().__init__(rows)
        self.columns = columns


def _table(c: Connection, sql: str) -> Rows:
    cur = c.execute(sql)
    columns = [d[0] for d in cur.description]
    return Rows(columns, [dict(zip(columns, row, strict=True)) for row in cur])


def export_tables(c: Connection) -> dict[str, list[dict[str, Any]]]:
    """Each table a list of rows (a Rows, with .columns): documents with their current version, and each
    current record kind."""
    tables: dict[str, list[dict[str, Any]]] = {
        "documents": _table(c,
            "SELECT d.id, d.title, d.doc_number, d.issuer, d.region, d.province, d.level, d.written_date, "
            "d.published_date, d.valid_from, d.expires, d.index_no, d.topic, d.url, d.source_id, d.first_seen, "
            "d.last_seen, d.removed_at, (SELECT count(*) FROM versions v WHERE v.document_id = d.id) AS versions "
            "FROM documents d ORDER BY coalesce(d.published_date, d.written_date), d.id")
    }
    for name in EXPORT_TABLES[1:]:
        tables[name] = _table(c, f"SELECT * FROM current_{name} ORDER BY region, document_id, start")
    return tables
