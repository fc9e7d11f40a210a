"""`policytrack timeline` and `policytrack export`: the store's work leaving the terminal.

Timeline JSON, one object per event, in date order (stable; documented in docs/DATASET.md):
  date (YYYY-MM-DD), kind (written | published | in_force | expires | target | fact), region, level,
  document_id, title, doc_number, issuer, url; for target and fact events also metric, subject, value, unit,
  comparator, year, quote.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from policytrack.cli.options import DbOption, RegionOption, check_date, open_store
from policytrack.cli.output import CliError, emit_table, message
from policytrack.cli.queries import METRICS

FORMATS = ("table", "csv", "json", "md", "html")
EXPORT_FORMATS = ("csv", "json", "xlsx")
EVENT_COLUMNS = ("date", "kind", "region", "level", "document_id", "title", "doc_number", "issuer", "url",
                 "metric", "subject", "value", "unit", "comparator", "year", "quote")


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline)
    app.command("export")(export)


def timeline(
    region: RegionOption = None,
    metric: Annotated[str | None, typer.Option(help="Only targets and facts of this metric.")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.",
                                                dir_okay=False)] = None,
    db: DbOption = None,
) -> None:
    """Events in date order: documents, target deadlines, reported figures.

    Documents issued, published, in force and expiring; target deadlines (the end of the target year) with
    the target; reported figures. CSV has a BOM for Excel; HTML is one self-contained file with an SVG chart.
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    if metric is not None and metric not in METRICS:
        raise typer.BadParameter(f"expected one of {', '.join(METRICS)}", param_hint="--metric")
    with open_store(db) as store:
        events = store.timeline(region=region, metric=metric, since=check_date(since, "--since"),
                                until=check_date(until, "--until"))
    if fmt == "table" and output is None:
        from policytrack.cli.timeline_html import label

        emit_table([{**e, "what": label(e), "document": e["doc_number"] or e["title"]} for e in events],
                   [("date", "date"), ("kind", "event"), ("region", "region"), ("what", "what"),
                    ("document", "document")])
        return
    text = render(events, fmt, title=_title(region, metric))
    if output is None:
        sys.stdout.write(text)
        return
    _write(output, text)
    message(f"wrote {len(events)} events to {output}")


def _title(region: str | None, metric: str | None) -> str:
    parts = ["数据标注产业政策时间线"] + [p for p in (region, metric) if p]
    return " · ".join(parts)


def render(events: list[dict[str, Any]], fmt: str, *, title: str = "") -> str:
    rows = [{k: e.get(k) for k in EVENT_COLUMNS} for e in events]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return "\ufeff" + _csv(rows, EVENT_COLUMNS)
    if fmt == "md":
        return _markdown(events)
    if fmt == "html":
        from policytrack.cli.timeline_html import render_html

        return render_html(events, title=title)
    from policytrack.cli.timeline_html import label

    return "".join(f"{e['date']}  {e['kind']:9} {e['region'] or '':6} {label(e)}  "
                   f"{e['doc_number'] or e['title']}\n" for e in events)


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...] | list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _markdown(events: list[dict[str, Any]]) -> str:
    from policytrack.cli.timeline_html import label

    lines = ["| date | event | region | what | 发文字号 | document |", "|---|---|---|---|---|---|"]
    for e in events:
        title = _md_cell(e["title"])
        doc = f"[{title}]({e['url']})" if e.get("url") else title
        lines.append(f"| {e['date']} | {e['kind']} | {_md_cell(e['region'])} | {_md_cell(label(e))} | "
                     f"{_md_cell(e['doc_number'])} | {doc} |")
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    if not path.parent.is_dir():
        raise CliError(f"cannot write {path}: directory {path.parent} does not exist")
    path.write_text(text, encoding="utf-8")


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
    with open_store(db) as store:
        tables = store.export_tables()
    if fmt == "csv":
        if target.exists() and not target.is_dir():
            raise CliError(f"{target} is a file; csv export writes a directory of files")
        if not target.parent.is_dir():
            raise CliError(f"cannot write {target}: directory {target.parent} does not exist")
        target.mkdir(exist_ok=True)
        for name, rows in tables.items():
            columns = list(rows[0]) if rows else []
            (target / f"{name}.csv").write_text("\ufeff" + _csv(rows, columns), encoding="utf-8")
    elif fmt == "json":
        _write(target, json.dumps(tables, ensure_ascii=False, indent=2) + "\n")
    else:
        _xlsx(target, tables)
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in tables.items())
    message(f"exported {counts} to {target}")


def _xlsx(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    from openpyxl import Workbook

    if not path.parent.is_dir():
        raise CliError(f"cannot write {path}: directory {path.parent} does not exist")
    book = Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        if rows:
            sheet.append(list(rows[0]))
            for row in rows:
                sheet.append([_xlsx_cell(v) for v in row.values()])
    book.save(path)


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # never a formula: a cell from a web page is text
    return value
