"""`policytrack timeline`: documents, target deadlines and reported figures in date order, in the format a
paper, a briefing or a spreadsheet takes (the Markdown and HTML formats are in timeline_formats)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Annotated

import typer

from policytrack.cli.options import CsvOption, DbOption, JsonOption, RegionOption, check_choice, check_date, open_store
from policytrack.cli.output import (
    atomic_write,
    columns,
    emit_table,
    fmt_of,
    message,
    plural,
    write_csv,
    write_json_rows,
)
from policytrack.cli.timeline_formats import EVENT_COLUMNS, FORMATS, document_label, label, write
from policytrack.parser.errors import UsageError
from policytrack.parser.records import METRICS


def register(app: typer.Typer) -> None:
    app.command("timeline", epilog="Examples:  policytrack timeline --region 山西   ·   "
                "policytrack timeline --format html -o timeline.html   ·   policytrack timeline --csv > t.csv")(
        timeline)


def timeline(
    region: RegionOption = None,
    metric: Annotated[str | None, typer.Option(help="Only targets and facts of this metric.", show_default=False)]
    = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date.", show_default=False)] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date.", show_default=False)] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)} (a Markdown "
                                            "table, or one self-contained HTML page with a chart).",
                                            show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.",
                                                dir_okay=False, show_default=False)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Events in date order: documents issued, published, in force and expiring; target deadlines (the end of
    the target year) with the target; reported figures. The JSON and CSV fields are listed in docs/DATASET.md.
    """
    chosen = fmt_of(as_json, as_csv)
    if fmt is not None:
        check_choice(fmt, FORMATS, "--format")
        if chosen != "table":
            raise UsageError("--format excludes --json and --csv")
        chosen = fmt
    check_choice(metric, METRICS, "--metric")
    with open_store(db) as store:  # events stream from the store to the output: read them while it is open
        events = store.dataset.timeline(region=region, metric=metric, since=check_date(since, "--since"),
                                        until=check_date(until, "--until"))
        if chosen == "table" and output is None:
            emit_table(({**e, "what": label(e), "document": document_label(e)} for e in events),
                       columns("date", ("kind", "event"), "region", "what", "document"))
            return

        def written(fh: IO[str]) -> int:
            if chosen == "json":
                n = write_json_rows(fh, events, indent=2 if fh.isatty() else None)
                fh.write("\n")
                return n
            if chosen == "csv":
                return write_csv(fh, events, EVENT_COLUMNS)
            return write(fh, events, chosen, title=_title(region, metric))

        if output is None:
            written(sys.stdout)
            return
        n = atomic_write(output, written)
    message(f"wrote {plural(n, 'event')} to {output}")


def _title(region: str | None, metric: str | None) -> str:
    return " · ".join(["数据标注产业政策时间线"] + [p for p in (region, metric) if p])

