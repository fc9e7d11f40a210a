"""`policytrack compare`: each region's current targets side by side, the national row on top as the
reference, with each target's relation to the national one and the region's latest figure for the same
quantity. The data is db/compare.py's; the formats are cli/compare_formats.py's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from policytrack.cli.compare_formats import LEGEND, MAP_BY, render_html, render_markdown, table, wide_rows
from policytrack.cli.lang import add_english, english
from policytrack.cli.options import (
    CsvOption,
    DbOption,
    JsonOption,
    LangOption,
    LevelOption,
    RegionOption,
    YearOption,
    check_choice,
    check_level,
    open_store,
)
from policytrack.cli.output import atomic_write, emit_table, fmt_of, json_text, message, write_csv
from policytrack.parser.errors import UsageError
from policytrack.parser.records import METRICS

FORMATS = ("table", "json", "csv", "md", "html")


def register(app: typer.Typer) -> None:
    app.command("compare", epilog="Examples:  policytrack compare   ·   policytrack compare --metric growth_rate "
                "--lang en --md   ·   policytrack compare --metric industry_scale --format html -o compare.html")(
        compare)


def compare(
    metric: Annotated[str | None, typer.Option(help=f"Only this metric (one of: {', '.join(METRICS)}); the map "
                                               "shows it.", show_default=False)] = None,
    year: YearOption = None,
    level: LevelOption = None,
    region: RegionOption = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="One column per metric and target year.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)} (html: the table "
                                            "and a tile map of the provinces, one self-contained file).",
                                            show_default=False)] = None,
    map_by: Annotated[str, typer.Option("--map-by", help="html: colour the map by the target's value or by its "
                                        "relation to the national target.")] = "value",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.",
                                                dir_okay=False, show_default=False)] = None,
    lang: LangOption = "zh",
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    as_md: Annotated[bool, typer.Option("--md", help="Print a Markdown table.")] = False,
) -> None:
    """Targets side by side: one row per region (the national row first, as the reference), one column per
    metric, each cell the region's current target with its year and document.

    Beside a local target: ↑ = ↓ for above, equal to or below the national target of the column (percentages
    only), and the region's latest reported figure for the same quantity as a share of the target.
    """
    chosen = _format(fmt, as_json, as_csv, as_md)
    check_choice(metric, METRICS, "--metric")
    check_choice(map_by, MAP_BY, "--map-by")
    check_level(level)
    with open_store(db) as store:
        data = store.compare.table(metric=metric, year=year, level=level, region=region, by_year=by_year)
    if chosen == "table":
        if output is not None:
            raise UsageError("-o writes json, csv, md or html: add --format")
        rows, cols = table(data, lang)
        emit_table(rows, cols)
        if rows:
            message(LEGEND)
        return

    def write(fh: IO[str]) -> None:
        if chosen == "json":
            fh.write(json_text(_json(data, lang), indent=2) + "\n")
        elif chosen == "csv":
            rows = wide_rows(data, lang)
            write_csv(fh, rows, list(rows[0]) if rows else ["region", "province", "level"])
        elif chosen == "md":
            fh.write(render_markdown(data, lang))
        else:
            fh.write(render_html(data, lang=lang, metric=metric, map_by=map_by, title=_title(metric, year, lang)))

    if output is None:
        write(sys.stdout)
        return
    atomic_write(output, write)
    message(f"wrote {len(data['rows'])} regions × {len(data['columns'])} columns to {output}")


def _format(fmt: str | None, as_json: bool, as_csv: bool, as_md: bool) -> str:
    flags = [name for name, on in (("json", as_json), ("csv", as_csv), ("md", as_md)) if on]
    if len(flags) > 1:
        raise UsageError(" and ".join(f"--{f}" for f in flags) + " exclude each other")
    if fmt is not None:
        check_choice(fmt, FORMATS, "--format")
        if flags:
            raise UsageError(f"--format excludes --{flags[0]}")
        return fmt
    return flags[0] if flags else fmt_of(False, False)


def _json(data: dict[str, Any], lang: str) -> dict[str, Any]:
    """The table as values: the columns, and each row with its cells keyed by column."""
    return add_english(data) if lang == "en" else data


def _title(metric: str | None, year: int | None, lang: str) -> str:
    base = "Data-annotation industry targets by region" if lang == "en" else "数据标注产业目标比较"
    parts = [english("metric", metric) if lang == "en" else metric, str(year) if year else None]
    return " · ".join([base, *(p for p in parts if p)])
