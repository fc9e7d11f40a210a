"""Change over time, as data: the changes feed (what cron mails), two versions' diff, citations between
documents and the lineage tree of a national document's local implementations. The CLI only renders these.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from policytrack.db import events
from policytrack.db.documents import document_fields
from policytrack.db.queries import Queries
from policytrack.db.sql import Connection
from policytrack.db.versions import Versions
from policytrack.parser.diffs import record_diff, text_diff

_DOC = "d.title, d.doc_number, d.issuer, d.region, d.level, d.url, d.published_date, d.written_date"


class History:
    def __init__(self, c: Connection, queries: Queries, versions: Versions) -> None:
        self.c = c
        self.queries = queries
        self.versions = versions

    # ---- the changes feed -----------------------------------------------------------------------------

    def changes(self, *, since: str | None = None, from_event: int | None = None) -> list[dict[str, Any]]:
        """Each event since a date (or from an event id on) with its document and target changes; `cause` is
        `parser` for records changed by `reparse`, `document` otherwise."""
        found = events.since(self.c, at=since, from_event=from_event)
        previous = {e["version_id"]: self.versions.previous(e["document_id"], e["version_id"])
                    for e in found if e["kind"] == "revised"}
        targets = self.versions.targets_of([e["version_id"] for e in found if e["kind"] in ("new", "revised")]
                                           + list(previous.values()))
        out = []
        for e in found:
            item: dict[str, Any] = {"kind": e["kind"], "at": e["at"],
                                    "cause": "parser" if e["kind"] == "reparsed" else "document",
                                    "document": document_fields({**e, "id": e["document_id"]}),
                                    "version_id": e["version_id"], "detail": e["detail"], "targets": None}
            if e["kind"] == "new":
                item["targets"] = {"added": targets.get(e["version_id"], []), "removed": [], "changed": []}
            elif e["kind"] == "revised":
                item["targets"] = record_diff(targets.get(previous[e["version_id"]], []),
                                              targets.get(e["version_id"], []))
            elif e["kind"] == "reparsed":
                item["targets"] = (e["detail"] or {}).get("targets")
            out.append(item)
        return out

    # ---- versions -------------------------------------------------------------------------------------

    def version_at(self, doc_id: int, ref: str) -> int | None:
        """A version of the document: its number within the document (1, 2, …), or the latest one fetched
        on or before a date (YYYY, YYYY-MM or YYYY-MM-DD)."""
        if ref.isascii() and ref.isdigit():
            versions = self.versions.of_document(doc_id)
            n = int(ref)
            return versions[n - 1]["id"] if 1 <= n <= len(versions) else None
        row = self.c.one("SELECT max(id) AS id FROM versions WHERE document_id = ? AND fetched_at <= ?",
                         [doc_id, ref + "\uffff"])
        return row["id"] if row else None

    def diff(self, doc_id: int, old_id: int, new_id: int) -> dict[str, Any]:
        """The sentence diff and the target diff between two versions, each version with its number."""
        numbers = {v["id"]: v["number"] for v in self.versions.of_document(doc_id)}
        old, new = self.versions.row(old_id), self.versions.row(new_id)
        return {
            "document": document_fields(self.queries.document(doc_id) or {}),
            "from": {**{k: v for k, v in old.items() if k != "text"}, "number": numbers[old_id]},
            "to": {**{k: v for k, v in new.items() if k != "text"}, "number": numbers[new_id]},
            "text": [{"op": op, "sentence": s} for op, s in text_diff(old["text"] or "", new["text"] or "")],
            "targets": record_diff(self.versions.targets(old_id), self.versions.targets(new_id)),
        }

    # ---- citations and lineage ------------------------------------------------------------------------

    def cites(self, doc_id: int) -> list[dict[str, Any]]:
        """What the document's current version cites, each with the stored document it names, if any."""
        return self.c.rows(
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
        return self.c.rows(
            f"SELECT DISTINCT d.id, {_DOC}, d.province FROM doc_references r "
            "JOIN documents d ON d.id = r.document_id "
            "JOIN documents me ON me.id = ? "
            "WHERE r.document_id != me.id AND r.version_id = d.current_version "
            "AND ((me.doc_number_key IS NOT NULL AND r.doc_number_key = me.doc_number_key) OR r.title = me.title) "
            "ORDER BY coalesce(d.published_date, d.written_date), d.id", [doc_id])

    def lineage(self, doc_id: int, depth: int = 3) -> dict[str, Any]:
        """The tree of documents implementing (citing) this one, `depth` levels down: each node its document,
        targets and citations; each implementation its lag in days and the rates it sets beyond its parent's."""
        root = self.queries.document(doc_id)
        return self._node(root, depth, {doc_id})

    def _node(self, document: dict[str, Any], depth: int, seen: set[int]) -> dict[str, Any]:
        targets = self.queries.targets(doc_id=document["id"])
        node: dict[str, Any] = {"document": document_fields(document), "targets": targets,
                                "cites": self.cites(document["id"]), "implementations": []}
        if depth == 0:
            return node
        for child in self.cited_by(document["id"]):
            if child["id"] in seen:
                continue
            seen.add(child["id"])
            sub = self._node(child, depth - 1, seen)
            sub["lag_days"] = lag_days(document, child)
            sub["beyond"] = beyond(targets, sub["targets"])
            node["implementations"].append(sub)
        return node


def _date(d: dict[str, Any]) -> str | None:
    return d.get("published_date") or d.get("written_date")


def lag_days(parent: dict[str, Any], child: dict[str, Any]) -> int | None:
    a, b = _date(parent), _date(child)
    if not (a and b):
        return None
    return (date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days


def beyond(parent: list[dict[str, Any]], child: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rates that go beyond the parent's: same metric, both in percent (totals of a province and of the
    country are not comparable), a higher value. Each as {metric, subject, year, local, cited}, the last two
    target records (value, unit, comparator)."""
    keep = ("value", "unit", "comparator", "year", "subject")
    out = []
    for c in child:
        for p in parent:
            if c["metric"] == p["metric"] and c["unit"] == p["unit"] == "percent" and c["value"] > p["value"]:
                out.append({"metric": c["metric"], "subject": c["subject"], "year": c["year"],
                            "local": {k: c[k] for k in keep}, "cited": {k: p[k] for k in keep}})
                break
    return out
