"""The `policytrack` command: a thin layer that parses options and renders what the library returns.

Every failure a user can meet is a PolicytrackError carrying its exit code, caught here once and printed as
one line; anything else is a bug, printed as one line too (POLICYTRACK_DEBUG=1 shows the traceback).

Commands load lazily: COMMANDS names each command's module, which is imported only when that command runs
(or completes in a shell), and `policytrack --help` lists them from COMMANDS without importing any, so that a
command pays for its own imports and no other's. A new command is one line in COMMANDS and a `register`
function in its module (tests/test_startup.py checks the two agree).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from policytrack import __version__
from policytrack.cli.options import DbOption, set_root_db
from policytrack.parser.errors import PolicytrackError

# command → (module in policytrack.cli that registers it, its one-line help as `--help` lists it)
COMMANDS: dict[str, tuple[str, str]] = {
    "fetch": ("fetch", "Fetch the sources and store new and changed documents."),
    "docs": ("queries", "List stored documents, newest first."),
    "show": ("queries", "Show one document: its metadata, versions, targets and other extracted records."),
    "search": ("queries", "Full-text search over titles and texts, with highlighted snippets."),
    "targets": ("queries", "Numeric targets the documents commit to, with their year, comparator and quote."),
    "schemes": ("queries", "Certification and skill schemes (人工智能训练师 / 数据标注员 职业技能等级认定), "
                           "training, contests, base designations, standards, pilots and talent programmes, with "
                           "their document."),
    "changes": ("history", "New, revised, reposted and removed documents, with their target changes, since a date "
                           "or the last run."),
    "diff": ("history", "The text diff (by sentence) and the target diff between two versions of a document."),
    "lineage": ("history", "The documents that implement or cite a document, with their lags."),
    "timeline": ("timeline", "Events in date order: documents issued, published, in force and expiring; target "
                             "deadlines (the end of the target year) with the target; reported figures. The JSON and "
                             "CSV fields are listed in docs/DATASET.md."),
    "export": ("export", "Documents, targets, facts, incentives and schemes as tables a spreadsheet or pandas "
                         "reads directly."),
    "extract": ("extract", "Run the parser on a local file and print its targets, facts, incentives and schemes."),
    "reparse": ("extract", "Re-run the current parser over every stored version, from the raw bytes stored at "
                           "fetch time."),
    "compare": ("compare", "Targets side by side: one row per region (the national row first, as the reference), "
                           "one column per metric, each cell the region's current target with its year and "
                           "document."),
    "cite": ("cite", "Citations of documents: GB/T 7714-2015 ([EB/OL], as Chinese journals require), BibTeX, RIS "
                     "or CSL-JSON."),
    "sources": ("sources", "List the sources and their health; check one source."),
}


class LazyCommands(TyperGroup):
    """The root group: a command is built from its module when it is first asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in self.commands and name in COMMANDS:
            self.commands.update(_commands_of(COMMANDS[name][0]))
        return self.commands.get(name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands from COMMANDS, importing none of them."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        with formatter.section("Commands"):
            formatter.write_dl([(name, _short(text, limit)) for name, (_, text) in COMMANDS.items()])


def _commands_of(module: str) -> dict[str, Any]:
    """The click commands that a command module registers, built by typer as the root's own would be."""
    sub = typer.Typer(rich_markup_mode=None, add_completion=False)
    importlib.import_module(f"policytrack.cli.{module}").register(sub)
    group = typer.main.get_group(sub)
    return {name: group.get_command(None, name) for name in group.list_commands(None)}  # type: ignore[arg-type]


def _short(text: str, limit: int) -> str:
    """The first sentence, cut at a word to `limit` characters with "...", as click shortens a command's help."""
    text = text.split(". ")[0]
    if len(text) <= limit:
        return text
    return text[:limit - 3].rsplit(" ", 1)[0].rstrip(",.;:") + "..."

app = typer.Typer(
    name="policytrack",
    cls=LazyCommands,
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


def _known_error(exc: BaseException) -> tuple[str, int] | None:
    """The one-line message and exit code for failures a user can meet; None for a bug."""
    if isinstance(exc, PolicytrackError):
        return str(exc), exc.exit_code
    sqlite3 = sys.modules.get("sqlite3")  # not imported: no database was opened, so no database error
    if sqlite3 is not None and isinstance(exc, sqlite3.DatabaseError):
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

