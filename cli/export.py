"""`policytrack export`: documents, targets, facts, incentives and schemes as tables that a spreadsheet or
pandas reads directly: a directory of CSV files, one JSON object, or one workbook. Every file is written
beside its destination and renamed into place, so an interrupted export leaves the previous one whole."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from policytrack.cli.options import DbOption, check_choice, open_store
from policytrack.cli.output import atomic_write, json_text, message, plural, replacing, write_csv
from policytrack.parser.errors import PolicytrackError

EXPORT_FORMATS = ("csv", "json", "xlsx")


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
    target = output or Path("policytrack-export" + ("" if fmt == "csv" else f".{fmt}"))
    if fmt == "xlsx":
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise PolicytrackError("xlsx export needs openpyxl: pip install 'policytrack[xlsx]'") from None
    if not target.parent.is_dir():
        raise PolicytrackError(f"cannot write {target}: directory {target.parent} does not exist")
    if fmt == "csv" and target.exists() and not target.is_dir():
        raise PolicytrackError(f"{target} is a file; csv export writes a directory of files")
    with open_store(db) as store:
        tables = store.dataset.export_tables()
    if fmt == "csv":
        target.mkdir(exist_ok=True)
        for name, rows in tables.items():
            atomic_write(target / f"{name}.csv", lambda fh, rows=rows: write_csv(fh, rows, _columns(rows)))
    elif fmt == "json":
        atomic_write(target, lambda fh: fh.write(json_text(tables, indent=2) + "\n"))
    else:
        _xlsx(target, tables)
    counts = ", ".join(plural(len(rows), name.rstrip("s"), name) for name, rows in tables.items())
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
    with replacing(path) as tmp:
        book.save(tmp)


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    """The header: the table's columns even when it has no rows (db.dataset.Rows), else the first row's keys."""
    return list(getattr(rows, "columns", None) or (rows[0] if rows else []))


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # never a formula: a cell from a web page is text
    return value
