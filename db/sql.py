"""The store's one SQLite connection, as every part of db/ uses it: rows as dicts from plain sqlite3 (the
read path, which needs nothing heavier) and sqlite-utils over the same connection for writes, imported on
the first write since it costs a noticeable share of a read command's start-up."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

Params = Sequence[Any] | dict[str, Any]


def rows(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    if cur.description is None:
        return []
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


class Connection:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @cached_property
    def db(self) -> Database:
        from sqlite_utils import Database

        return Database(self.conn)

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        return rows(self.conn, sql, params)

    def one(self, sql: str, params: Params = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One write transaction (a savepoint when nested): a crash or a kill leaves the last complete state.
        BEGIN IMMEDIATE takes the write lock first, so a writer that meets another (reparse during a fetch)
        waits its turn under the busy timeout instead of failing on a lock it could not upgrade."""
        if self.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")


def where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def region_filter(region: str | None, alias: str = "d") -> tuple[list[str], list[Any]]:
    """四川 matches 四川省 and, through `province`, its cities; written as ranges so the region and province
    indexes serve them."""
    if not region:
        return [], []
    end = region + "\uffff"
    return ([f"(({alias}.region >= ? AND {alias}.region < ?) OR ({alias}.province >= ? AND {alias}.province < ?))"],
            [region, end, region, end])


def in_chunks(ids: Sequence[Any], size: int = 500) -> Iterator[tuple[list[Any], str]]:
    """`ids` in chunks with their `?, ?, …` placeholders, under SQLite's limit on bound parameters."""
    for i in range(0, len(ids), size):
        chunk = list(ids[i:i + size])
        yield chunk, ", ".join("?" * len(chunk))
