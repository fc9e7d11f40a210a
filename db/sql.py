"""Rows as dicts from a plain sqlite3 connection: the read path, which needs nothing heavier."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any


def rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    if cur.description is None:
        return []
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]
