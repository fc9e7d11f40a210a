"""One rendering layer for every command: a table on a terminal, or `--json` / `--csv` on stdout.

Data goes to stdout and nothing else does; messages, progress and errors go to stderr, so
`policytrack targets --json | jq` always receives clean JSON.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

Column = tuple[str, str]  # (key in the row, header shown in the table)


class CliError(Exception):
    """An expected failure: printed as one line on stderr, exit code `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def message(text: str) -> None:
    """A line for the human, on stderr."""
    print(text, file=sys.stderr)


def progress(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    """A progress bar on stderr for long work, when stderr is a terminal; the items unchanged otherwise."""
    if not sys.stderr.isatty():
        return items
    from rich.console import Console
    from rich.progress import track

    return track(items, total=total, description=label, console=Console(stderr=True), transient=True)


def emit_json(obj: Any) -> None:
    """Indented for a person at a terminal; compact (and several times faster: Python's C encoder does not
    indent) for a pipe, where jq or a program reads it."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=indent, default=str))
    sys.stdout.write("\n")


def emit_csv(rows: Iterable[dict[str, Any]], keys: Sequence[str], *, bom: bool = False) -> None:
    if bom:
        sys.stdout.write("\ufeff")
    writer = csv.DictWriter(sys.stdout, fieldnames=list(keys), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(row.get(k)) for k in keys})


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def emit_table(rows: Sequence[dict[str, Any]], columns: Sequence[Column], *, title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    # On a terminal the table fits the window; piped or redirected, rows are never folded.
    console = Console(soft_wrap=False) if sys.stdout.isatty() else Console(width=100_000)
    if not rows:
        message("(no rows)")
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(key)) for key, _ in columns))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def emit(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    as_json: bool = False,
    as_csv: bool = False,
    title: str | None = None,
) -> None:
    """Render rows the way the user asked; JSON and CSV carry every field, the table the chosen columns."""
    if as_json:
        emit_json(list(rows))
    elif as_csv:
        keys = list(rows[0].keys()) if rows else [k for k, _ in columns]
        emit_csv(rows, keys)
    else:
        emit_table(rows, columns, title=title)

