"""ETag / Last-Modified per URL, for conditional GETs: the fetcher reads them, the pipeline stores them once
a page has been processed."""

from __future__ import annotations

from policytrack.db.sql import Connection


class Validators:
    def __init__(self, c: Connection) -> None:
        self.c = c

    def get(self, url: str) -> tuple[str | None, str | None]:
        row = self.c.one("SELECT etag, last_modified FROM validators WHERE url = ?", [url])
        return (row["etag"], row["last_modified"]) if row else (None, None)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if not (etag or last_modified):
            return
        with self.c.atomic():
            self.c.execute(
                "INSERT INTO validators (url, etag, last_modified, updated_at) VALUES (?, ?, ?, datetime('now')) "
                "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
                "updated_at = excluded.updated_at", [url, etag, last_modified])
