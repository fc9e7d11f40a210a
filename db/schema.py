"""The schema, as forward migrations: migration N takes a database at version N-1 to version N.

The version is SQLite's `PRAGMA user_version`. Never edit a released migration; append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from policytrack.parser.errors import PolicytrackError

RECORD_COLUMNS = {
    "targets": "metric TEXT, subject TEXT, value REAL, unit TEXT, comparator TEXT, year INTEGER",
    "facts": "metric TEXT, subject TEXT, value REAL, unit TEXT, comparator TEXT, year INTEGER",
    "incentives": "amount REAL, cap INTEGER, rate REAL, rewards TEXT",
    "schemes": "kind TEXT, name TEXT",
    "commitments": "text TEXT, year INTEGER",
}
RECORD_KINDS = tuple(RECORD_COLUMNS)


def _v1() -> str:
    records = "".join(
        f"""CREATE TABLE {kind} (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES versions(id),
            document_id INTEGER NOT NULL REFERENCES documents(id),
            parser_version TEXT, {columns}, quote TEXT, start INTEGER, "end" INTEGER);
        CREATE INDEX {kind}_version ON {kind}(version_id);
        CREATE INDEX {kind}_document ON {kind}(document_id);
        """
        for kind, columns in RECORD_COLUMNS.items()
    )
    return records + """
    CREATE TABLE sources (
        id TEXT PRIMARY KEY, name TEXT, region TEXT, province TEXT, level TEXT, kind TEXT,
        start_urls TEXT,                       -- JSON array
        state TEXT NOT NULL DEFAULT 'new',     -- new | ok | failing | broken
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        last_run_at TEXT, last_ok_at TEXT, last_status TEXT, last_error TEXT
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,              -- canonical: where it was first found
        title TEXT, doc_number TEXT, doc_number_key TEXT, issuer TEXT,
        region TEXT, province TEXT, level TEXT, source_id TEXT,
        written_date TEXT, published_date TEXT, index_no TEXT, topic TEXT,
        first_seen TEXT, last_seen TEXT, removed_at TEXT
    );
    CREATE INDEX documents_doc_number_key ON documents(doc_number_key);
    CREATE INDEX documents_published ON documents(published_date);
    CREATE INDEX documents_region ON documents(region);
    CREATE TABLE document_urls (             -- a repost on another site is another URL of one document
        url TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        source_id TEXT, first_seen TEXT, last_seen TEXT
    );
    CREATE INDEX document_urls_document ON document_urls(document_id);
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        url TEXT, fetched_at TEXT NOT NULL,
        hash TEXT NOT NULL,                    -- sha256 of the normalised text
        size INTEGER, text TEXT,
        raw BLOB, content_type TEXT,           -- the response body, zlib-compressed, to re-parse later
        parser_version TEXT
    );
    CREATE INDEX versions_document ON versions(document_id, id);
    CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        url TEXT, name TEXT, content_type TEXT, raw BLOB, text TEXT, error TEXT
    );
    CREATE INDEX attachments_version ON attachments(version_id);
    CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT, finished_at TEXT, status TEXT);
    CREATE TABLE run_sources (
        run_id INTEGER NOT NULL REFERENCES runs(id), source_id TEXT NOT NULL, ok INTEGER, error TEXT,
        list_pages INTEGER, items INTEGER, candidates INTEGER, new INTEGER, changed INTEGER,
        unchanged INTEGER, skipped INTEGER, errors INTEGER,
        PRIMARY KEY (run_id, source_id)
    );
    CREATE TABLE validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, updated_at TEXT);
    CREATE VIRTUAL TABLE search_index USING fts5(title, text, tokenize='trigram');
    """


def _v2() -> str:
    """Change tracking: what happened when (the changes feed), citations between documents (lineage),
    and the period a document is in force (validity)."""
    return """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, run_id INTEGER,
        document_id INTEGER NOT NULL REFERENCES documents(id), version_id INTEGER,
        kind TEXT NOT NULL,                    -- new | revised | removed | restored | repost | reparsed
        detail TEXT                            -- JSON: e.g. the URL of a repost, the parser versions
    );
    CREATE INDEX events_at ON events(at);
    CREATE INDEX events_document ON events(document_id);
    CREATE TABLE doc_references (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        document_id INTEGER NOT NULL REFERENCES documents(id),
        title TEXT, doc_number TEXT, doc_number_key TEXT,
        quote TEXT, start INTEGER, "end" INTEGER
    );
    CREATE INDEX doc_references_version ON doc_references(version_id);
    CREATE INDEX doc_references_key ON doc_references(doc_number_key);
    CREATE INDEX doc_references_title ON doc_references(title);
    ALTER TABLE documents ADD COLUMN current_version INTEGER;  -- the latest version: what queries read
    UPDATE documents SET current_version = (SELECT max(id) FROM versions v WHERE v.document_id = documents.id);
    CREATE INDEX documents_current_version ON documents(current_version);
    ALTER TABLE documents ADD COLUMN valid_from TEXT;
    ALTER TABLE documents ADD COLUMN expires TEXT;
    """


def _v3() -> str:
    """Views for browsing the store as a dataset (sqlite-utils, Datasette, pandas): each document's current
    extraction records joined with the document they come from."""
    doc = ("d.region, d.province, d.level, d.doc_number, d.title, d.issuer, d.written_date, d.published_date, "
           "d.url")
    views = {
        "current_targets": "metric, subject, value, unit, comparator, year",
        "current_facts": "metric, subject, value, unit, comparator, year",
        "current_incentives": "amount, cap, rate, rewards",
        "current_schemes": "kind, name",
    }
    return "".join(
        f"""CREATE VIEW {view} AS SELECT r.document_id, r.version_id, {doc}, {", ".join("r." + c.strip()
            for c in columns.split(","))}, r.quote, r.start, r."end", r.parser_version
        FROM documents d JOIN {view.removeprefix("current_")} r ON r.version_id = d.current_version;
        """
        for view, columns in views.items()
    )


def _v4() -> str:
    """A run remembers where the events feed stood when it began, so `changes --since last` is exact even
    when two runs start within one second."""
    return """
    ALTER TABLE runs ADD COLUMN first_event INTEGER;
    UPDATE runs SET first_event = (SELECT coalesce(min(e.id), 0) FROM events e WHERE e.at >= runs.started_at);
    """


def _v5() -> str:
    """Indexes for the queries users run on large stores: targets by metric and year, regions by province."""
    return """
    CREATE INDEX documents_province ON documents(province);
    CREATE INDEX targets_metric_year ON targets(metric, year);
    CREATE INDEX facts_metric_year ON facts(metric, year);
    CREATE INDEX events_run ON events(run_id);
    ANALYZE;
    """


def _v6() -> str:
    """When each URL last appeared on its source's list, so a document gone from a list that still covers
    its date is marked removed after a few runs."""
    return """
    ALTER TABLE document_urls ADD COLUMN last_listed_run INTEGER;
    UPDATE document_urls SET last_listed_run = (SELECT max(id) FROM runs);
    """


def _v7() -> str:
    """Targets against reported figures, as views for the timeline and for anyone browsing the store:
    `latest_facts`, the latest figure a region reported for each metric and unit, and `target_progress`, each
    current target beside it (percent_of_target: the figure as a share of the target, but for percentages)."""
    return """
    CREATE VIEW latest_facts AS
    SELECT document_id, version_id, region, province, level, doc_number, title, issuer, url,
           metric, subject, value, unit, comparator, year, quote
    FROM (SELECT f.*, row_number() OVER (PARTITION BY f.region, f.metric, f.unit
                                         ORDER BY f.year DESC, f.published_date DESC, f.document_id DESC, f.start)
                      AS rank
          FROM current_facts f WHERE f.year IS NOT NULL)
    WHERE rank = 1;
    CREATE VIEW target_progress AS
    SELECT t.document_id, t.version_id, t.region, t.province, t.level, t.doc_number, t.title, t.issuer,
           t.written_date, t.published_date, t.url, t.metric, t.subject, t.value, t.unit, t.comparator, t.year,
           t.quote, t.start, t."end",
           f.document_id AS fact_document_id, f.doc_number AS fact_doc_number, f.subject AS fact_subject,
           f.value AS fact_value, f.comparator AS fact_comparator, f.year AS fact_year, f.quote AS fact_quote,
           CASE WHEN f.value IS NOT NULL AND t.unit IS NOT 'percent' AND t.value > 0
                THEN round(100.0 * f.value / t.value, 1) END AS percent_of_target
    FROM current_targets t
    LEFT JOIN latest_facts f ON f.region = t.region AND f.metric = t.metric AND f.unit IS t.unit;
    """


_DOC = ("d.region, d.province, d.level, d.doc_number, d.title, d.issuer, d.written_date, d.published_date, "
        "d.url")


def _record_view(view: str, columns: str) -> str:
    """A view of current records with their document; `columns` may alias a record column that shares a
    document column's name ("level AS scheme_level")."""
    return (f"CREATE VIEW {view} AS SELECT r.document_id, r.version_id, {_DOC}, "
            + ", ".join("r." + c.strip() for c in columns.split(","))
            + f', r.quote, r.start, r."end", r.parser_version FROM documents d '
            f"JOIN {view.removeprefix('current_')} r ON r.version_id = d.current_version;\n")


def _v8() -> str:
    """Deterministic owners (a source's place in the configuration), the charset a page was served with (so
    `reparse` decodes it as the fetch did), the finer measure of a figure (flops, tokens, person-times …),
    schemes as records with subject, level, issuer and year; and a target paired with a reported figure only
    when both measure the same quantity (metric, unit and subject)."""
    figure = "metric, subject, value, unit, measure, comparator, year"
    return f"""
    ALTER TABLE sources ADD COLUMN position INTEGER;
    ALTER TABLE versions ADD COLUMN charset TEXT;
    ALTER TABLE targets ADD COLUMN measure TEXT;
    ALTER TABLE facts ADD COLUMN measure TEXT;
    UPDATE targets SET measure = unit;
    UPDATE facts SET measure = unit;
    ALTER TABLE schemes ADD COLUMN subject TEXT;
    ALTER TABLE schemes ADD COLUMN level TEXT;
    ALTER TABLE schemes ADD COLUMN issuer TEXT;
    ALTER TABLE schemes ADD COLUMN year INTEGER;
    DROP VIEW target_progress;
    DROP VIEW latest_facts;
    DROP VIEW current_targets;
    DROP VIEW current_facts;
    DROP VIEW current_schemes;
    {_record_view("current_targets", figure)}
    {_record_view("current_facts", figure)}
    {_record_view("current_schemes", "kind, subject, level AS scheme_level, issuer AS scheme_issuer, year, name")}
    CREATE INDEX facts_metric_unit_year ON facts(metric, unit, year);
    CREATE VIEW latest_facts AS
    SELECT document_id, version_id, region, province, level, doc_number, title, issuer, url,
           metric, subject, value, unit, measure, comparator, year, quote
    FROM (SELECT f.*, row_number() OVER (PARTITION BY f.region, f.metric, f.unit, f.subject
                                         ORDER BY f.year DESC, f.published_date DESC, f.document_id DESC, f.start)
                      AS rank
          FROM current_facts f WHERE f.year IS NOT NULL)
    WHERE rank = 1;
    CREATE VIEW target_progress AS
    SELECT t.document_id, t.version_id, t.region, t.province, t.level, t.doc_number, t.title, t.issuer,
           t.written_date, t.published_date, t.url, t.metric, t.subject, t.value, t.unit, t.measure, t.comparator,
           t.year, t.quote, t.start, t."end",
           f.document_id AS fact_document_id, f.doc_number AS fact_doc_number, f.subject AS fact_subject,
           f.value AS fact_value, f.comparator AS fact_comparator, f.year AS fact_year, f.quote AS fact_quote,
           CASE WHEN f.value IS NOT NULL AND t.unit IS NOT 'percent' AND t.value > 0
                THEN round(100.0 * f.value / t.value, 1) END AS percent_of_target
    FROM current_targets t
    LEFT JOIN latest_facts f ON f.region = t.region AND f.metric = t.metric AND f.unit IS t.unit
                            AND f.subject = t.subject;
    """


def _v9() -> str:
    """Full-text search the tools that browse the store can see: `documents` carries each document's current
    text, and `documents_fts` (FTS5, trigram) indexes its title and text as an external-content table
    (content="documents"), the declaration sqlite-utils and Datasette look for, so `sqlite-utils search` and
    Datasette's `_search` search the documents as they are. Triggers keep the index in step with every write
    to a title or a text, whoever writes it; the old `search_index`, which held a second copy of every text,
    goes. The last two characters of each title and text are indexed too: a one- or two-character term is
    found through the trigram vocabulary (db/search.py), and these catch it where it ends a column."""
    return """
    ALTER TABLE documents ADD COLUMN text TEXT;
    UPDATE documents SET text = (SELECT s.text FROM search_index s WHERE s.rowid = documents.id);
    DROP TABLE search_index;
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content="documents", content_rowid="id",
                                                  tokenize="trigram");
    INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE INDEX documents_title_tail ON documents(lower(substr(title, -2)));
    CREATE INDEX documents_text_tail ON documents(lower(substr(text, -2)));
    """


# Each migration is an SQL script; it runs in one transaction with the version bump.
MIGRATIONS: list[Callable[[], str]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(PolicytrackError):
    """The database's schema is one this policytrack cannot use."""


APPLICATION_ID = 0x50544B31  # "PTK1" in SQLite's header field for the program that owns a file
OUR_TABLES = {"documents", "versions", "runs", "validators", "sources"}


def check_ours(conn: sqlite3.Connection, path: object) -> None:
    """Refuse a SQLite file that is not a policytrack store, before anything writes to it: only an empty file
    (or a new one) becomes a store. Stores from before the marker are known by their tables."""
    if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
        return
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if not names or (names >= OUR_TABLES and conn.execute("PRAGMA user_version").fetchone()[0] >= 1):
        return
    shown = ", ".join(sorted(names)[:5]) + (" …" if len(names) > 5 else "")
    raise SchemaError(f"{path} is not a policytrack store (it holds {shown}); it was left as it is: "
                      "choose another --db")


def statements(script: str) -> list[str]:
    """An SQL script as statements, split where SQLite says a statement is complete."""
    out, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to SCHEMA_VERSION in one write transaction. The version is read inside it, so
    two processes opening a new database at once (a fetch and a query) never both migrate."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current == SCHEMA_VERSION:
        return current  # the common case: no write lock taken
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise SchemaError(f"the database has schema version {current}, newer than this policytrack "
                              f"understands ({SCHEMA_VERSION}); upgrade policytrack")
        for n in range(current, SCHEMA_VERSION):
            for statement in statements(MIGRATIONS[n]()):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {n + 1}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION
