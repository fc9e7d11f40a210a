"""The `policytrack` command: a thin layer that parses options and renders what the library returns.

Every failure a user can meet is a PolicytrackError carrying its exit code, caught here once and printed as
one line; anything else is a bug, printed as one line too (POLICYTRACK_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import os
import sqlite3
import sys

import typer

from policytrack import __version__
from policytrack.cli.options import DbOption, set_root_db
from policytrack.parser.errors import PolicytrackError

app = typer.Typer(
    name="policytrack",
    help="Track Chinese national and provincial policy documents on the data-annotation industry "
    "(数据标注产业): fetch them, extract their targets, and query and diff them over time.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"policytrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    db: DbOption = None,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    set_root_db(db)


def _register() -> None:
    from policytrack.cli import cite, compare, export, extract, fetch, history, queries, sources, timeline

    for module in (fetch, sources, queries, history, timeline, export, extract, compare, cite):
        module.register(app)


_register()


def _known_error(exc: BaseException) -> tuple[str, int] | None:
    """The one-line message and exit code for failures a user can meet; None for a bug."""
    if isinstance(exc, PolicytrackError):
        return str(exc), exc.exit_code
    if isinstance(exc, sqlite3.DatabaseError):
        return f"database error: {exc} (is this a policytrack database?)", 1
    if isinstance(exc, UnicodeError):
        return "an argument or file holds bytes that are not valid text", 2
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}", 1
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

