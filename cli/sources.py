"""`policytrack sources`: the configured sources with their health; `sources check ID`: one source read as a
fetch would read it, stored nowhere."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from policytrack.cli.fetch import ReplayOption, SourcesFileOption
from policytrack.cli.formatting import target_line
from policytrack.cli.options import CsvOption, DbOption, JsonOption, store_path
from policytrack.cli.output import columns, emit, emit_json, fmt_of

sources_app = typer.Typer(help="List the sources and their health; check one source.", no_args_is_help=False,
                          rich_markup_mode=None)


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")


@sources_app.callback(invoke_without_command=True, epilog="Examples:  policytrack sources   ·   "
                      "policytrack sources --json | jq '.[] | select(.state != \"ok\")'")
def sources(
    ctx: typer.Context,
    sources_file: SourcesFileOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Each source with its id, region, level, name, last run, state and reason."""
    if ctx.invoked_subcommand is not None:
        return
    from policytrack.db.store import Store, StoreError
    from policytrack.sources.registry import load_sources

    fmt = fmt_of(as_json, as_csv)
    specs = load_sources(sources_file or [])
    try:  # health comes from the store; sources are listed before any fetch too
        with Store(store_path(db), readonly=True) as store:
            health = {row["id"]: row for row in store.runs.sources()}
    except StoreError:
        health = {}
    rows = []
    for s in specs:
        h = health.get(s.id, {})
        rows.append({
            "id": s.id, "name": s.name, "region": s.region, "province": s.province, "level": s.level,
            "kind": s.kind, "start_urls": list(s.start_urls), "transport": s.transport, "wait_for": s.wait_for,
            "last_run": h.get("last_run_at"), "last_ok": h.get("last_ok_at"), "result": h.get("last_status"),
            "state": h.get("state") or "new", "documents": h.get("documents", 0),
            "consecutive_failures": h.get("consecutive_failures", 0), "reason": h.get("last_error"),
        })
    emit(rows, columns("id", "region", "level", "name", ("transport", "via"), ("last_run", "last run"), "state",
                       ("documents", "docs"), "reason"), fmt)


@sources_app.command("check", epilog="Example:  policytrack sources check ndrc-tz --replay "
                     "tests/fixtures/national.warc.gz")
def check(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="The source to check.")],
    replay: ReplayOption = None,
    sources_file: SourcesFileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read page 1 of a source's list and its first relevant document; show what would be stored.

    Nothing is stored. A selector that matches nothing is named in a one-line error (exit 1).
    """
    from policytrack.parser.errors import PolicytrackError
    from policytrack.pipeline.check import check_source
    from policytrack.sources.browser import Browser
    from policytrack.sources.fetcher import Fetcher
    from policytrack.sources.registry import load_sources, select
    from policytrack.sources.rendered import ReplayedBrowser
    from policytrack.sources.transport import LiveTransport, ReplayTransport

    spec = select(load_sources(sources_file or []), ids=[source_id])[0]
    fetcher = Fetcher(ReplayTransport(list(replay)) if replay else LiveTransport(), polite=not replay)
    with ReplayedBrowser(replay) if replay else Browser() as browser:
        result = check_source(fetcher, spec, browser=browser)
    if as_json:
        emit_json(result)
    else:
        _print_check(result)
    if result["error"]:
        raise PolicytrackError(result["error"])


def _print_check(r: dict[str, Any]) -> None:
    print(f"{r['source']}: list {r['list_url']}")
    found = f" (found by {r['selector']})" if r.get("selector") else ""
    print(f"  {r['items']} items{found}, {len(r['candidates'])} about the tracked subject")
    for item in r["candidates"][:10]:
        print(f"    {item['date'] or '          '} {item['title']}  {item['url']}")
    doc = r.get("document")
    if doc:
        print(f"  document {doc['url']}")
        for key in ("title", "doc_number", "issuer", "written_date", "published_date"):
            if doc.get(key):
                print(f"    {key}: {doc[key]}")
        failed = sum(1 for a in doc["attachments"] if a["error"])
        print(f"    text: {doc['text_length']} characters, {len(doc['attachments'])} attachments"
              + (f" ({failed} unreadable)" if failed else ""))
        for t in doc["targets"][:5]:
            print(f"    target: {target_line(t)}  「{t['quote']}」")
