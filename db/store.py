"""The store: every document, version, extraction record, run and HTTP validator, in one SQLite file.

The library behind the CLI (as sqlite-utils is behind its own): db/ speaks SQL and nothing else speaks it.
`Store` opens the file and joins the parts, one per concern:

    store.documents   identity, reposts, owners, removal          (db/documents.py)
    store.versions    versions, their records and references      (db/versions.py)
    store.runs        runs and source health                      (db/runs.py)
    store.validators  ETag / Last-Modified for conditional GETs   (db/validators.py)
    store.queries     documents, targets, records, search         (db/queries.py)
    store.history     the changes feed, diffs, lineage            (db/history.py)
    store.dataset     timeline events and export tables           (db/dataset.py)
    store.compare     targets side by side, region by metric      (db/compare.py)

A writer opens the file in WAL mode (queries read while `fetch` writes) and migrates it; each document's
write is one transaction, so a crash or a kill leaves the last complete state. A reader opens it read-only and
never changes it: a shared store, a file with mode 444, a mistyped path (which is refused, never created).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from policytrack.db import dataset
from policytrack.db.compare import Compare
from policytrack.db.documents import Documents
from policytrack.db.history import History
from policytrack.db.queries import Queries
from policytrack.db.runs import Runs
from policytrack.db.schema import SCHEMA_VERSION, SchemaError, check_ours, migrate
from policytrack.db.sql import Connection
from policytrack.db.validators import Validators
from policytrack.db.versions import Versions
from policytrack.parser.errors import PolicytrackError


class StoreError(PolicytrackError):
    """The database cannot be opened or used."""


class Dataset:
    """The store as a dataset: timeline events and export tables (db/dataset.py)."""

    def __init__(self, c: Connection) -> None:
        self.c = c

    def timeline(self, **filters: str | None) -> Iterator[dict]:
        return dataset.timeline_events(self.c, **filters)

    def export_tables(self) -> Iterator[dataset.Table]:
        return dataset.export_tables(self.c)

    def export_table(self, name: str) -> dataset.Table:
        return dataset.export_table(self.c, name)


class Store:
    def __init__(self, path: Path | str | None = None, *, readonly: bool = False) -> None:
        from policytrack.db.location import default_path

        self.path = Path(path) if path else default_path()
        self.readonly = readonly
        conn = self._open_readonly() if readonly else self._open_for_writing()
        self.c = Connection(conn)
        self.conn = conn
        self.runs = Runs(self.c)
        self.validators = Validators(self.c)
        self.versions = Versions(self.c)
        self.documents = Documents(self.c, self.versions)
        self.queries = Queries(self.c)
        self.history = History(self.c, self.queries, self.versions)
        self.dataset = Dataset(self.c)
        self.compare = Compare(self.c)

    def _open_for_writing(self) -> sqlite3.Connection:
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=30)
        try:
            check_ours(conn, self.path)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except SchemaError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_readonly(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise StoreError(f"no store at {self.path} (run `policytrack fetch` first)")
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None, timeout=30)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from None
        try:
            check_ours(conn, self.path)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except SchemaError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{self.path}: cannot read the database: {exc}") from None
        if version != SCHEMA_VERSION:
            conn.close()
            if version > SCHEMA_VERSION:
                raise SchemaError(f"{self.path} has schema version {version}, newer than this policytrack "
                                  f"understands ({SCHEMA_VERSION}); upgrade policytrack")
            raise SchemaError(f"{self.path} has schema version {version} of {SCHEMA_VERSION}: run "
                              "`policytrack reparse` (or the next `policytrack fetch`) to upgrade it")
        return conn

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()
