"""`policytrack extract` (a file, no store) and `policytrack reparse` (every stored version)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli.formatting import figure
from policytrack.cli.options import DbOption, JsonOption, check_date, open_store
from policytrack.cli.output import columns, emit, emit_json, message, plural, progress
from policytrack.parser.errors import PolicytrackError, UsageError


def register(app: typer.Typer) -> None:
    app.command("extract", epilog="Examples:  policytrack extract plan.pdf   ·   "
                "echo '到2027年，数据标注产业规模突破100亿元。' | policytrack extract - --json")(extract)
    app.command("reparse", epilog="Example:  policytrack reparse && policytrack changes --since last")(reparse)


def extract(
    path: Annotated[str, typer.Argument(help="A .txt, .html, .pdf or .docx file, or - for stdin.")],
    title: Annotated[str, typer.Option("--title", help="The document's title, when the file lacks it "
                                       "(某县2024年工作总结 makes it a review of 2024).")] = "",
    date: Annotated[str | None, typer.Option("--date", help="The document's date (成文 or 发布), YYYY-MM-DD, "
                                             "YYYY-MM or YYYY: the years before it are past.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Run the parser on a local file and print its targets, facts, incentives and schemes.

    Nothing is stored. With --json: {"targets": [...], "facts": [...], "incentives": [...], "schemes": [...],
    "commitments": [...]}. A fetched document is read with the title and date its page gives; --title and
    --date give them to a local file.
    """
    from functools import partial

    from policytrack.parser.document_text import text_from_file
    from policytrack.parser.extract import extract

    date = check_date(date, "--date")
    run_extract = partial(extract, title=title, dated=date)

    if path == "-":
        content = sys.stdin.buffer.read()
    else:
        file = Path(path)
        if file.is_dir():
            raise UsageError(f"{path} is a directory, not a file")
        if not file.exists():
            raise UsageError(f"no such file: {path}")
        content = file.read_bytes()
    try:
        text = text_from_file(content, path)
    except PolicytrackError as exc:
        said = str(exc)
        raise PolicytrackError(said if said.startswith(f"{path}: ") else f"cannot read {path}: {said}") from None
    result = _extract(text, run_extract).to_dict()
    if as_json:
        emit_json(result)
        return
    emit([{**t, "target": figure(t)} for t in result["targets"]],
         columns("metric", "subject", "target", "year", "quote"), "table", title="targets")
    if result["facts"]:  # a fact's figure and year, as a target's: the year is what tells them apart
        emit([{**f, "figure": figure(f)} for f in result["facts"]],
             columns("metric", "subject", "figure", "year", "quote"), "table", title="facts")
    for kind in ("incentives", "schemes"):
        if result[kind]:
            emit(result[kind], columns("quote"), "table", title=kind)


LONG_TEXT = 1_000_000  # characters: past this, a terminal is shown how far the reading is


def _extract(text: str, run_extract):  # -> parser.records.Extraction
    """The extraction, with a progress bar on stderr for a long text when stderr is a terminal."""
    if len(text) <= LONG_TEXT or not sys.stderr.isatty():
        return run_extract(text)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("extracting"), BarColumn(), TextColumn("{task.percentage:>3.0f} %"),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("extracting", total=len(text))
        return run_extract(text, progress=lambda done, total: bar.update(task, completed=done))


def reparse(
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Re-run the current parser over every stored version, from the raw bytes stored at fetch time."""
    from policytrack.pipeline.reparse import reparse as run_reparse
    from policytrack.sources.registry import load_sources

    with open_store(db, write=True) as store:
        summary = run_reparse(store, load_sources(), wrap=lambda it, n: progress(it, n, "reparsing"),
                              on_error=lambda vid, why: message(f"version {vid}: {why}"))
    if as_json:
        emit_json(vars(summary))
    else:
        print(f"reparsed {plural(summary.versions, 'version')} with parser {summary.parser_version}: targets "
              f"changed in {summary.targets_changed}" + (f", {summary.failed} failed" if summary.failed else ""))
