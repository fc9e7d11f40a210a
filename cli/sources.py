"""`policytrack sources`: the configured sources with their health."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli.options import DbOption, JsonOption, open_store
from policytrack.cli.output import emit

SourcesFile = Annotated[
    list[Path] | None,
    typer.Option("--sources", help="Extra sources TOML file (repeatable).", exists=True, dir_okay=False),
]

sources_app = typer.Typer(help="List the sources and their health; check one source.", no_args_is_help=False)


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")


@sources_app.callback(invoke_without_command=True)
def sources(
    ctx: typer.Context,
    sources_file: SourcesFile = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Each source with its id, name, region, level, start URLs, last run and result."""
    if ctx.invoked_subcommand is not None:
        return
    from policytrack.sources.registry import load_sources

    specs = load_sources(sources_file or [])
    with open_store(db) as store:
        store.sync_sources(specs)
        health = {row["id"]: row for row in store.sources()}
    rows = []
    for s in specs:
        h = health.get(s.id, {})
        rows.append({
            "id": s.id, "name": s.name, "region": s.region, "province": s.province, "level": s.level,
            "kind": s.kind, "start_urls": list(s.start_urls),
            "last_run": h.get("last_run_at"), "last_ok": h.get("last_ok_at"), "result": h.get("last_status"),
            "state": h.get("state"), "documents": h.get("documents", 0),
            "consecutive_failures": h.get("consecutive_failures", 0), "reason": h.get("last_error"),
        })
    emit(rows, [("id", "id"), ("region", "region"), ("level", "level"), ("name", "name"),
                ("last_run", "last run"), ("result", "result"), ("documents", "docs")], as_json=as_json)
