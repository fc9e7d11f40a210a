"""Full-text search for Chinese: FTS5 with the trigram tokenizer, LIKE for one- and two-character terms.

The default FTS5 tokenizer takes a run of Han characters as one token, so 数据标注 would never match
inside a sentence; trigrams match any substring of three or more characters. A query in Traditional
characters is also searched in Simplified (OpenCC), so 數據標注 finds 数据标注.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from policytrack.db.sql import rows as query_rows
from policytrack.parser.simplified import to_simplified

SNIPPET_CHARS = 36


def variants(term: str) -> list[str]:
    simplified = to_simplified(term)
    return [term] if simplified == term else [term, simplified]


def search_documents(db: sqlite3.Connection, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
    terms = [t for t in re.split(r"\s+", query.strip()) if t]
    if not terms:
        return []
    if all(len(t) >= 3 for t in terms):
        return _fts(db, terms, limit)
    return _like(db, terms, limit)


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


RANK_LIMIT = 2000  # more matches than this: newest first, since ranking them all costs more than it tells


def _fts(db: sqlite3.Connection, terms: list[str], limit: int) -> list[dict[str, Any]]:
    match = " AND ".join("(" + " OR ".join(_phrase(v) for v in variants(t)) + ")" for t in terms)
    many = db.execute("SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?)",
                      [match, RANK_LIMIT + 1]).fetchone()[0] > RANK_LIMIT
    order = "search_index.rowid DESC" if many else "rank"
    sql = (
        "SELECT d.id, d.title, d.doc_number, d.issuer, d.region, d.published_date, d.url, "
        f"snippet(search_index, 1, '[', ']', '…', {SNIPPET_CHARS // 2}) AS snippet "
        "FROM search_index JOIN documents d ON d.id = search_index.rowid "
        f"WHERE search_index MATCH ? ORDER BY {order} LIMIT ?"
    )
    rows = query_rows(db, sql, [match, limit])
    for r in rows:
        r["snippet"] = " ".join((r["snippet"] or "").split())
    return rows


def _like(db: sqlite3.Connection, terms: list[str], limit: int) -> list[dict[str, Any]]:
    clauses, params = [], []
    for t in terms:
        ors = []
        for v in variants(t):
            ors.append("(s.title LIKE ? ESCAPE '\\' OR s.text LIKE ? ESCAPE '\\')")
            pattern = "%" + re.sub(r"([%_\\])", r"\\\1", v) + "%"
            params += [pattern, pattern]
        clauses.append("(" + " OR ".join(ors) + ")")
    sql = (
        "SELECT d.id, d.title, d.doc_number, d.issuer, d.region, d.published_date, d.url, s.text AS _text "
        "FROM search_index s JOIN documents d ON d.id = s.rowid "
        f"WHERE {' AND '.join(clauses)} ORDER BY s.rowid DESC LIMIT ?"  # newest stored first; stops early
    )
    rows = query_rows(db, sql, [*params, limit])
    needles = [v for t in terms for v in variants(t)]
    for r in rows:
        r["snippet"] = make_snippet(r.pop("_text") or "", needles)
    return rows


def make_snippet(text: str, needles: list[str], width: int = SNIPPET_CHARS) -> str:
    """A window of `text` around the first match, each match marked [..] as FTS5's snippet() does."""
    hits = [(text.find(n), n) for n in needles if n and text.find(n) >= 0]
    if not hits:
        return text[:width] + ("…" if len(text) > width else "")
    pos, _ = min(hits)
    start, end = max(0, pos - width // 2), min(len(text), pos + width)
    window = text[start:end]
    pattern = "|".join(re.escape(n) for n in sorted(set(needles), key=len, reverse=True))
    window = re.sub(pattern, lambda m: f"[{m.group(0)}]", window)
    return ("…" if start else "") + " ".join(window.split()) + ("…" if end < len(text) else "")
