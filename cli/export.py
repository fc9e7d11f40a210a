"""`policytrack export`: documents, targets, facts, incentives and schemes as tables that a spreadsheet or
pandas reads directly: a directory of CSV files, one JSON object, or one workbook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from policytrack.cli.options import DbOption, open_store
from policytrack.cli.output import CliError, message
from policytrack.cli.timeline_formats import csv_text

EXPORT_FORMATS = ("csv", "json", "xlsx")


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}.")] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="csv: a directory (one file per table); "
                                                "json, xlsx: a file. Default: policytrack-export[.json|.xlsx].")]
    = None,
    db: DbOption = None,
) -> None:
    """Documents, targets, facts, incentives and schemes as tables a spreadsheet or pandas reads directly."""
    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    target = output or Path("policytrack-export" + ("" if fmt == "csv" else f".{fmt}"))
    if fmt == "xlsx":
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise CliError("xlsx export needs openpyxl: pip install 'policytrack[xlsx]'") from None
    if not target.parent.is_dir():
        raise CliError(f"cannot write {target}: directory {target.parent} does not exist")
    if fmt == "csv" and target.exists() and not target.is_dir():
        raise CliError(f"{target} is a file; csv export writes a directory of files")
    with open_store(db) as store:
        tables = store.export_tables()
    if fmt == "csv":
        target.mkdir(exist_ok=True)
        for name, rows in tables.items():
            (target / f"{name}.csv").write_text(csv_text(rows, _columns(rows)), encoding="utf-8")
    elif fmt == "json":
        target.write_text(json.dumps(tables, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        _xlsx(target, tables)
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in tables.items())
    message(f"exported {counts} to {target}")


def _xlsx(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        sheet.append(_columns(rows))
        for row in rows:
            sheet.append([_xlsx_cell(v) for v in row.values()])
    book.save(path)


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    """The header: the table's columns even when it has no rows (db.dataset.Rows), else the first row's keys."""
    return list(getattr(rows, "columns", None) or (rows[0] if rows else []))


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # never a formula: a cell from a web page is text
    return value
