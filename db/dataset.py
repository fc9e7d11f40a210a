"""The store as a dataset: timeline events and export tables, read from the current_* views (schema v3).

Both stream: rows come from an SQLite cursor in their final order (SQLite sorts, spilling to a temporary
file when it must), so a timeline of a million events or an export of a million targets holds one row at a
time, not the store. Read them while the store is open.

Dates are ISO strings. A target's deadline is the last day of its target year; a fact is dated at the end of
the year it describes. Every event names its document (title, 发文字号, issuer, URL); a target event also
carries the latest figure its region reported for the same quantity (metric, unit and subject: the
target_progress view's fact_* columns), so progress shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from policytrack.db.sql import Connection, region_filter, where

DOC_COLUMNS = ("document_id", "title", "doc_number", "issuer", "url", "region", "province", "level")
RECORD_COLUMNS = ("metric", "subject", "value", "unit", "measure", "comparator", "year", "quote")
PROGRESS_COLUMNS = ("fact_value", "fact_comparator", "fact_year", "fact_subject", "fact_document_id",
                    "percent_of_target")
# The fields of every timeline event, in this order (docs/DATASET.md); a document's own events have no record.
EVENT_COLUMNS = ("date", "kind", "region", "province", "level", "document_id", "title", "doc_number", "issuer",
                 "url", *RECORD_COLUMNS, *PROGRESS_COLUMNS)
EXPORT_TABLES = ("documents", "targets", "facts", "incentives", "schemes")
_KIND_ORDER = {"written": 0, "published": 1, "in_force": 2, "fact": 3, "target": 4, "expires": 5}
# A document's dates as events: (kind, column); in force only when that differs from publication.
_DOCUMENT_DATES = (("written", "written_date"), ("published", "published_date"), ("in_force", "valid_from"),
                   ("expires", "expires"))


def _select(date: str, kind: str, source: str, *, record: bool, progress: bool, clauses: list[str]) -> str:
    """One kind of event as EVENT_COLUMNS, then its sort keys (rank, start)."""
    exprs = {"date": date, "kind": f"'{kind}'", "document_id": "d.document_id" if record else "d.id"}
    exprs |= {c: f"d.{c}" for c in DOC_COLUMNS if c != "document_id"}
    exprs |= {c: f"d.{c}" if record else "NULL" for c in RECORD_COLUMNS}
    exprs |= {c: f"d.{c}" if progress else "NULL" for c in PROGRESS_COLUMNS}
    exprs |= {"rank": str(_KIND_ORDER[kind]), "start": "d.start" if record else "NULL"}
    columns = ", ".join(f"{exprs[c]} AS {c}" for c in (*EVENT_COLUMNS, "rank", "start"))
    return f"SELECT {columns} FROM {source} d {where(clauses)}"


def _progress(clauses: str) -> str:
    """The target_progress view (schema v8) for the regions and metric asked about: a target pairs only with a
    figure of its own region and metric, so the latest figures are ranked among those alone, not across the
    store as the view ranks them (which cost a city's timeline 50-70 ms at 100,000 documents)."""
    return f"""(SELECT t.*, f.document_id AS fact_document_id, f.subject AS fact_subject, f.value AS fact_value,
           f.comparator AS fact_comparator, f.year AS fact_year,
           CASE WHEN f.value IS NOT NULL AND t.unit IS NOT 'percent' AND t.value > 0
                THEN round(100.0 * f.value / t.value, 1) END AS percent_of_target
    FROM (SELECT d.* FROM current_targets d {clauses}) t
    LEFT JOIN (SELECT * FROM (SELECT d.*, row_number() OVER (PARTITION BY d.region, d.metric, d.unit, d.subject
                              ORDER BY d.year DESC, d.published_date DESC, d.document_id DESC, d.start) AS rank
                              FROM current_facts d {clauses}) WHERE rank = 1) f
    ON f.region = t.region AND f.metric = t.metric AND f.unit IS t.unit AND f.subject = t.subject)"""


def timeline_events(c: Connection, *, region: str | None = None, metric: str | None = None,
                    since: str | None = None, until: str | None = None) -> Iterator[dict[str, Any]]:
    """Events in date order (then kind, region, document, place in the text), each a dict of EVENT_COLUMNS."""
    region_clauses, region_params = region_filter(region)
    parts: list[str] = []
    params: list[Any] = []
    if metric is None:  # a metric asks for targets and facts only
        for kind, column in _DOCUMENT_DATES:
            clauses = [*region_clauses, f"d.{column} <> ''"]
            if kind == "in_force":
                clauses.append("d.valid_from IS NOT d.published_date")
            parts.append(_select(f"substr(d.{column}, 1, 10)", kind, "documents", record=False, progress=False,
                                 clauses=clauses))
            params += region_params
    record_clauses = [*region_clauses, "d.year IS NOT NULL"] + (["d.metric = ?"] if metric else [])
    record_params = region_params + ([metric] if metric else [])
    for kind, source in (("fact", "current_facts"), ("target", _progress(where(record_clauses)))):
        parts.append(_select("printf('%d-12-31', d.year)", kind, source, record=True, progress=kind == "target",
                             clauses=record_clauses))
        params += record_params * (3 if kind == "target" else 1)
    bounds = []
    if since:
        bounds.append("date >= ?")
        params.append(since)
    if until:
        bounds.append("date <= ?")
        params.append(until + "\uffff")  # 2025-06 covers all of June
    n = len(EVENT_COLUMNS)
    cur = c.execute(f"SELECT * FROM ({' UNION ALL '.join(parts)}) {where(bounds)} "
                    "ORDER BY date, rank, coalesce(region, ''), document_id, start", params)
    for row in cur:
        yield dict(zip(EVENT_COLUMNS, row[:n], strict=True))


@dataclass(frozen=True)
class Table:
    """An export table: its name, its columns (an empty table still has its header) and its rows, tuples in
    column order, streamed from the cursor (iterate once, while the store is open)."""

    name: str
    columns: list[str]
    rows: Iterator[tuple[Any, ...]]


# The SELECT of each export table, in its order (bench/export.py runs the same through sqlite-utils).
EXPORT_SQL = {
    "documents": "SELECT d.id, d.title, d.doc_number, d.issuer, d.region, d.province, d.level, d.written_date, "
                 "d.published_date, d.valid_from, d.expires, d.index_no, d.topic, d.url, d.source_id, d.first_seen, "
                 "d.last_seen, d.removed_at, (SELECT count(*) FROM versions v WHERE v.document_id = d.id) AS versions "
                 "FROM documents d ORDER BY coalesce(d.published_date, d.written_date), d.id",
    **{name: f"SELECT * FROM current_{name} ORDER BY region, document_id, start" for name in EXPORT_TABLES[1:]},
}


def export_table(c: Connection, name: str) -> Table:
    """Documents with their current version, or one current record kind (targets, facts, incentives,
    schemes)."""
    cur = c.execute(EXPORT_SQL[name])
    return Table(name, [d[0] for d in cur.description], iter(cur))


def export_tables(c: Connection) -> Iterator[Table]:
    """Every export table in EXPORT_TABLES order, all read in one transaction: the same state of the store
    throughout, though a fetch may be writing meanwhile (WAL). Read each table's rows before the next."""
    began = not c.conn.in_transaction
    if began:
        c.execute("BEGIN")
    try:
        for name in EXPORT_TABLES:
            yield export_table(c, name)
    finally:
        if began and c.conn.in_transaction:
            c.execute("COMMIT")
