"""Full-text search for Chinese: FTS5 with the trigram tokenizer, LIKE for one- and two-character terms.

The default FTS5 tokenizer takes a run of Han characters as one token, so 数据标注 would never match
inside a sentence; trigrams match any substring of three or more characters. A query in Traditional
characters is also searched in Simplified (OpenCC), so 數據標注 finds 数据标注.

The index is `documents_fts`, over `documents.title` and `documents.text` (db/schema.py, v9): the one
sqlite-utils and Datasette search too. A two-character term is looked up first in the index's vocabulary
(the trigrams it begins) and in the indexes of each title's and text's last two characters: a term that
occurs nowhere answers at once instead of after a LIKE over every text, and a rare one reads only the
documents that hold it.
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
    many = db.execute("SELECT count(*) FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?)",
                      [match, RANK_LIMIT + 1]).fetchone()[0] > RANK_LIMIT
    order = "documents_fts.rowid DESC" if many else "rank"
    sql = (
        "SELECT d.id, d.title, d.doc_number, d.issuer, d.region, d.published_date, d.url, "
        f"snippet(documents_fts, 1, '[', ']', '…', {SNIPPET_CHARS // 2}) AS snippet "
        "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
        f"WHERE documents_fts MATCH ? ORDER BY {order} LIMIT ?"
    )
    rows = query_rows(db, sql, [match, limit])
    for r in rows:
        r["snippet"] = " ".join((r["snippet"] or "").split())
    return rows


CANDIDATE_LIMIT = 1000  # a two-character term more often than this: LIKE, newest first, which stops early


def _successor(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _holders(db: sqlite3.Connection, term: str) -> set[int] | None:
    """The documents holding a two-character term, or None when it occurs more than CANDIDATE_LIMIT times.
    An occurrence followed by a character begins a trigram of the index, read from its vocabulary (one row a
    place, so a common term stops early); one that ends a title or a text is in the tail indexes."""
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_fts_places "
               "USING fts5vocab(main, documents_fts, instance)")
    ids: set[int] = set()
    for v in variants(term.lower()):
        places = db.execute("SELECT doc FROM temp.documents_fts_places WHERE term >= ? AND term < ? LIMIT ?",
                            [v, _successor(v), CANDIDATE_LIMIT + 1]).fetchall()
        if len(places) > CANDIDATE_LIMIT:
            return None
        ids.update(r[0] for r in places)
        for column in ("title", "text"):
            ids.update(r[0] for r in db.execute(  # the index, whatever ANALYZE says of a store whose tails agree
                f"SELECT id FROM documents INDEXED BY documents_{column}_tail WHERE lower(substr({column}, -2)) = ? "
                "LIMIT ?", [v, CANDIDATE_LIMIT + 1]))
    return ids if len(ids) <= CANDIDATE_LIMIT else None


def _like(db: sqlite3.Connection, terms: list[str], limit: int) -> list[dict[str, Any]]:
    candidates: set[int] | None = None
    for t in terms:
        if len(t) == 2:
            held = _holders(db, t)
            if held is not None:
                candidates = held if candidates is None else candidates & held
                if not candidates:
                    return []  # a term no document holds: nothing to scan for
    clauses, params = [], []
    if candidates is not None:
        clauses.append(f"d.id IN ({', '.join('?' * len(candidates))})")
        params += sorted(candidates)
    for t in terms:
        ors = []
        for v in variants(t):
            ors.append("(d.title LIKE ? ESCAPE '\\' OR d.text LIKE ? ESCAPE '\\')")
            pattern = "%" + re.sub(r"([%_\\])", r"\\\1", v) + "%"
            params += [pattern, pattern]
        clauses.append("(" + " OR ".join(ors) + ")")
    sql = (
        "SELECT d.id, d.title, d.doc_number, d.issuer, d.region, d.published_date, d.url, d.text AS _text "
        f"FROM documents d WHERE {' AND '.join(clauses)} ORDER BY d.id DESC LIMIT ?"  # newest stored first
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
