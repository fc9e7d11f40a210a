"""Options shared by every command, declared once so they read and behave the same everywhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="POLICYTRACK_DB", help="SQLite database (default: the user data dir).",
                 dir_okay=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout, nothing else.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV on stdout.")]
RegionOption = Annotated[
    str | None, typer.Option("--region", help="Region prefix: 四川 matches 四川省 and its cities.")
]
DocArgument = Annotated[str, typer.Argument(metavar="DOC", help="Document id, URL or 发文字号.")]
LevelOption = Annotated[str | None, typer.Option("--level", help="national, provincial or municipal.")]

LEVELS = ("national", "provincial", "municipal")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None, name: str) -> str | None:
    if value is not None and not _DATE.match(value):
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name)
    return value


def check_level(value: str | None) -> str | None:
    if value is not None and value not in LEVELS:
        raise typer.BadParameter(f"expected one of {', '.join(LEVELS)}, got {value!r}", param_hint="--level")
    return value


def open_store(db: Path | None):  # -> Store; imported lazily to keep --help fast
    from policytrack.db.store import Store

    return Store(db)
