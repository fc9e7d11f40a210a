"""The `policytrack` command: a thin layer that parses options and renders what the library returns."""

from __future__ import annotations

import os
import sqlite3
import sys

import typer

from policytrack import __version__
from policytrack.cli.output import CliError

app = typer.Typer(
    name="policytrack",
    help="Track Chinese national and provincial policy documents on the data-annotation industry "
    "(数据标注产业): fetch them, extract their targets, and query and diff them over time.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"policytrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    pass


def _register() -> None:
    from policytrack.cli import export, extract, fetch, history, queries, sources, timeline

    for module in (fetch, sources, queries, history, timeline, export, extract):
        module.register(app)


_register()


def _known_error(exc: BaseException) -> tuple[str, int] | None:
    """The one-line message and exit code for failures a user can meet; None for a bug."""
    if isinstance(exc, CliError):
        return str(exc), exc.code
    if isinstance(exc, sqlite3.DatabaseError):
        return f"database error: {exc} (is this a policytrack database?)", 1
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc), 1
    name = type(exc).__name__
    if name in {"SourceConfigError", "FetchError", "StoreError", "AttachmentError", "PageError",
                "SelectorError", "LockError", "ArchiveError", "SchemaError"}:
        return str(exc), getattr(exc, "exit_code", 1)
    return None


def main(argv: list[str] | None = None) -> None:
    """Entry point: usage errors exit 2 (click), expected failures 1 with one line, never a traceback."""
    try:
        app(args=argv, prog_name="policytrack", standalone_mode=True)
    except KeyboardInterrupt:
        print("policytrack: interrupted", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("POLICYTRACK_DEBUG"):
            raise
        known = _known_error(exc)
        if known is None:
            print(f"policytrack: internal error: {type(exc).__name__}: {exc} "
                  "(run with POLICYTRACK_DEBUG=1 for the traceback)", file=sys.stderr)
            sys.exit(1)
        text, code = known
        print(f"policytrack: {text}", file=sys.stderr)
        sys.exit(code)
