"""The events feed: what happened to which document when (new, revised, removed, restored, repost,
reparsed). Written by the parts that change documents; read by `changes`, `timeline` and the run's report."""

from __future__ import annotations

import json
from typing import Any

from policytrack.db.sql import Connection

DOC_FIELDS = "d.title, d.doc_number, d.issuer, d.region, d.province, d.level, d.url, d.published_date, d.written_date"


def add(c: Connection, at: str, run_id: int | None, doc_id: int, version_id: int | None, kind: str,
        detail: Any = None) -> None:
    c.execute("INSERT INTO events (at, run_id, document_id, version_id, kind, detail) VALUES (?, ?, ?, ?, ?, ?)",
              [at, run_id, doc_id, version_id, kind, json.dumps(detail, ensure_ascii=False) if detail else None])


def since(c: Connection, *, at: str | None = None, from_event: int | None = None) -> list[dict[str, Any]]:
    """Events on or after a date, or from an event id on (a run's first), with their documents."""
    clause, params = ("e.id >= ?", [from_event]) if from_event is not None else ("e.at >= ?", [at])
    found = c.rows(f"SELECT e.id, e.at, e.kind, e.document_id, e.version_id, e.detail, {DOC_FIELDS} "
                   f"FROM events e JOIN documents d ON d.id = e.document_id WHERE {clause} ORDER BY e.id", params)
    for r in found:
        r["detail"] = json.loads(r["detail"]) if r["detail"] else None
    return found
