"""`policytrack export`: documents, targets, facts, incentives and schemes as tables that a spreadsheet or
pandas reads directly: a directory of CSV files, one JSON object, or one workbook (cli/workbook.py). Every
file is written beside its destination and renamed into place, so an interrupted export leaves the previous
one whole. Rows stream from the store's cursors to the file: memory does not grow with the store."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Annotated

import typer

from policytrack.cli.options import DbOption, check_choice, open_store
from policytrack.cli.output import atomic_write, json_text, message, plural, write_csv_rows, write_json_rows
from policytrack.parser.errors import PolicytrackError

EXPORT_FORMATS = ("csv", "json", "xlsx", "csl-json")


def register(app: typer.Typer) -> None:
    app.command("export", epilog="Examples:  policytrack export -o export/   ·   "
                "policytrack export --format xlsx -o policies.xlsx")(export)


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}.")] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="csv: a directory (one file per table); "
                                                "json, xlsx: a file. Default: policytrack-export[.json|.xlsx].",
                                                show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Documents, targets, facts, incentives and schemes as tables a spreadsheet or pandas reads directly."""
    check_choice(fmt, EXPORT_FORMATS, "--format")
    target = output or Path("policytrack-export" + ("" if fmt == "csv" else ".json" if fmt == "csl-json"
                                                     else f".{fmt}"))
    if fmt == "xlsx":
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise PolicytrackError("xlsx export needs openpyxl: pip install 'policytrack[xlsx]'") from None
    if not target.parent.is_dir():
        raise PolicytrackError(f"cannot write {target}: directory {target.parent} does not exist")
    if fmt == "csv" and target.exists() and not target.is_dir():
        raise PolicytrackError(f"{target} is a file; csv export writes a directory of files")
    # the tables' generator is closed while the store is open, also when writing fails (/dev/full)
    with open_store(db) as store, contextlib.closing(store.dataset.export_tables()) as tables:
        if fmt == "csl-json":  # the documents as citations, for Zotero and other reference managers
            from policytrack.cli.citation_formats import write_csl_json

            docs = store.dataset.export_table("documents")
            rows = (dict(zip(docs.columns, row, strict=True)) for row in docs.rows)
            counts: dict[str, int] = {}
            atomic_write(target, lambda fh: counts.setdefault("documents", write_csl_json(fh, rows)))
        elif fmt == "csv":
            target.mkdir(exist_ok=True)
            counts = {t.name: atomic_write(target / f"{t.name}.csv",
                                           lambda fh, t=t: write_csv_rows(fh, t.rows, t.columns)) for t in tables}
        elif fmt == "json":
            counts = {}
            atomic_write(target, lambda fh: _json(fh, tables, counts))
        else:
            from policytrack.cli.workbook import EXCEL_ROWS, write_workbook

            counts = write_workbook(target, tables)
    split = [name for name, n in counts.items() if n > EXCEL_ROWS - 1] if fmt == "xlsx" else []
    message(f"exported {', '.join(plural(n, name.rstrip('s'), name) for name, n in counts.items())} to {target}"
            + (f" ({', '.join(split)} over several sheets: Excel holds {EXCEL_ROWS:,} rows a sheet)" if split else ""))


def _json(fh: IO[str], tables: Iterable, counts: dict[str, int]) -> None:
    """{"documents": [...], "targets": [...], ...}, a row a line."""
    for i, t in enumerate(tables):
        fh.write(("{" if i == 0 else ",\n") + json_text(t.name) + ": ")
        counts[t.name] = write_json_rows(fh, (dict(zip(t.columns, row, strict=True)) for row in t.rows))
    fh.write("{}\n" if not counts else "}\n")
