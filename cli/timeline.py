"""`policytrack timeline`: documents, target deadlines and reported figures in date order, in the format a
paper, a briefing or a spreadsheet takes (the formats are in timeline_formats)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli.options import DbOption, RegionOption, check_date, open_store
from policytrack.cli.output import CliError, emit_table, message
from policytrack.cli.queries import METRICS
from policytrack.cli.timeline_formats import FORMATS, document_label, label, render


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline)


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
    The JSON fields are listed in docs/DATASET.md.
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    if metric is not None and metric not in METRICS:
        raise typer.BadParameter(f"expected one of {', '.join(METRICS)}", param_hint="--metric")
    with open_store(db) as store:
        events = store.timeline(region=region, metric=metric, since=check_date(since, "--since"),
                                until=check_date(until, "--until"))
    if fmt == "table" and output is None:
        emit_table([{**e, "what": label(e), "document": document_label(e)} for e in events],
                   [("date", "date"), ("kind", "event"), ("region", "region"), ("what", "what"),
                    ("document", "document")])
        return
    text = render(events, fmt, title=_title(region, metric))
    if output is None:
        sys.stdout.write(text)
        return
    if not output.parent.is_dir():
        raise CliError(f"cannot write {output}: directory {output.parent} does not exist")
    output.write_text(text, encoding="utf-8")
    message(f"wrote {len(events)} events to {output}")


def _title(region: str | None, metric: str | None) -> str:
    parts = ["数据标注产业政策时间线"] + [p for p in (region, metric) if p]
    return " · ".join(parts)
