"""`policytrack sources`: the configured sources with their health."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli.formatting import commitment
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
                ("last_run", "last run"), ("state", "state"), ("documents", "docs"), ("reason", "reason")],
         as_json=as_json)


@sources_app.command("check")
def check(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="The source to check.")],
    replay: Annotated[
        list[Path] | None,
        typer.Option("--replay", help="Answer from this WARC archive (repeatable); no network.", exists=True,
                     dir_okay=False),
    ] = None,
    sources_file: SourcesFile = None,
    as_json: JsonOption = False,
) -> None:
    """Fetch page 1 of a source's list and its first relevant document; show what would be stored.

    Nothing is stored. A selector that matches nothing is named in a one-line error (exit 1).
    """
    from policytrack.cli.output import CliError, emit_json
    from policytrack.sources.check import check_source
    from policytrack.sources.fetcher import Fetcher
    from policytrack.sources.registry import load_sources
    from policytrack.sources.transport import LiveTransport, ReplayTransport

    specs = {s.id: s for s in load_sources(sources_file or [])}
    if source_id not in specs:
        raise CliError(f"unknown source: {source_id} (see `policytrack sources`)", code=2)
    fetcher = Fetcher(ReplayTransport(list(replay)) if replay else LiveTransport(), polite=not replay)
    result = check_source(fetcher, specs[source_id])
    if as_json:
        emit_json(result)
    else:
        _print_check(result)
    if result["error"]:
        raise CliError(result["error"])


def _print_check(r: dict) -> None:
    print(f"{r['source']}: list {r['list_url']}")
    print(f"  {r['items']} items, {len(r['candidates'])} about data annotation")
    for item in r["candidates"][:10]:
        print(f"    {item['date'] or '          '} {item['title']}  {item['url']}")
    doc = r.get("document")
    if doc:
        print(f"  document {doc['url']}")
        for key in ("title", "doc_number", "issuer", "written_date", "published_date"):
            if doc.get(key):
                print(f"    {key}: {doc[key]}")
        print(f"    text: {doc['text_length']} characters, {doc['attachments']} attachments")
        for t in doc["targets"][:5]:
            print(f"    target: {t['metric']} {commitment(t['comparator'], t['value'], t['unit'])} "
                  f"by {t['year']}  「{t['quote']}」")
