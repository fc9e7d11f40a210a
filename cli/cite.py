"""`policytrack cite`: a citation of each document, in the format a paper's bibliography takes (the formats are
cli/citation_formats.py's)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli.citation_formats import FORMATS, render
from policytrack.cli.options import (
    DbOption,
    LangOption,
    LevelOption,
    RegionOption,
    check_choice,
    check_date,
    check_level,
    open_store,
)
from policytrack.cli.output import atomic_write, message, plural
from policytrack.parser.errors import PolicytrackError


def register(app: typer.Typer) -> None:
    app.command("cite", epilog="Examples:  policytrack cite 发改数据〔2024〕1822号   ·   "
                "policytrack cite --region 四川 --format bibtex > sichuan.bib   ·   "
                "policytrack cite 3 --format csl-json --lang en")(cite)


def cite(
    docs: Annotated[list[str] | None, typer.Argument(metavar="[DOC]...", help="Documents (id, URL or 发文字号); "
                                                    "none: every document --region and --level choose.",
                                                    show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "gbt7714",
    accessed: Annotated[str | None, typer.Option(help="The accessed date (YYYY-MM-DD; default: the day the "
                                                 "document was last seen online).", show_default=False)] = None,
    region: RegionOption = None,
    level: LevelOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.",
                                                dir_okay=False, show_default=False)] = None,
    lang: LangOption = "zh",
    db: DbOption = None,
) -> None:
    """Citations of documents: GB/T 7714-2015 ([EB/OL], as Chinese journals require), BibTeX, RIS or CSL-JSON.

    The issuing bodies are the authors (in English with --lang en, where their English names are known); the
    title stays as the document gives it.
    """
    check_choice(fmt, FORMATS, "--format")
    check_level(level)
    if accessed is not None and len(check_date(accessed, "--accessed")) != 10:
        raise typer.BadParameter("give a whole date, YYYY-MM-DD", param_hint="--accessed")
    with open_store(db) as store:
        if docs:
            if region or level:
                raise PolicytrackError("give documents or --region/--level, not both", exit_code=2)
            chosen = []
            for ref in docs:
                found = store.queries.document(ref)
                if found is None:
                    raise PolicytrackError(f"no document matches {ref!r} (try `policytrack docs` or `search`)")
                chosen.append(found)
        else:
            chosen = list(reversed(store.queries.documents(region=region, level=level)))  # oldest first
    text = render(chosen, fmt, lang=lang, accessed_on=accessed)
    if output is None:
        sys.stdout.write(text)
        return
    atomic_write(output, lambda fh: fh.write(text))
    message(f"wrote {plural(len(chosen), 'citation')} to {output}")
