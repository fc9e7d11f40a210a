"""`policytrack sources`: the configured sources with their health; `sources check ID`: one source read as a
fetch would read it, stored nowhere."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from policytrack.cli.fetch import ProxyOption, ReplayOption, SourcesFileOption, legacy_tls_hosts
from policytrack.cli.formatting import target_line
from policytrack.cli.lang import localize
from policytrack.cli.options import CsvOption, DbOption, JsonOption, LangOption, store_path
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
    lang: LangOption = "zh",
    db: DbOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Each source with its id, region, level, name, how sure its entry is, last run, state and reason.

    A source behind a wall its entry names is listed with the wall as its state and reason (it is not
    fetched); one that only a browser can read says so while the browser extra is absent. --json carries
    each entry's evidence (where its list URL and markup were seen) and confidence too.
    """
    if ctx.invoked_subcommand is not None:
        return
    from policytrack.db.store import Store, StoreError
    from policytrack.sources.browser import missing
    from policytrack.sources.registry import load_sources

    fmt = fmt_of(as_json, as_csv)
    specs = load_sources(sources_file or [])
    try:  # health comes from the store; sources are listed before any fetch too
        with Store(store_path(db), readonly=True) as store:
            health = {row["id"]: row for row in store.runs.sources()}
    except StoreError:
        health = {}
    lacking = missing()  # what a browser source would need here (Playwright, a Chromium), if anything
    rows = []
    for s in specs:
        h = health.get(s.id, {})
        state, reason = h.get("state") or "new", h.get("last_error")
        if s.wall:  # named in the entry: never fetched, whatever an earlier run recorded
            state, reason = "wall", f"wall: {s.wall}"
        elif s.transport == "browser" and lacking:
            state, reason = "browser", f"needs a browser (transport = \"browser\"): {lacking}"
        rows.append({
            "id": s.id, "name": s.name, "region": s.region, "province": s.province, "level": s.level,
            "kind": s.kind, "start_urls": list(s.start_urls), "confidence": s.confidence, "evidence": s.evidence,
            "transport": s.transport, "wait_for": s.wait_for, "wall": s.wall,
            "last_run": h.get("last_run_at"), "last_ok": h.get("last_ok_at"), "result": h.get("last_status"),
            "state": state, "documents": h.get("documents", 0),
            "consecutive_failures": h.get("consecutive_failures", 0), "reason": reason,
        })
    emit(*localize(rows, columns("id", "region", "level", "name", "confidence", ("transport", "via"),
                                 ("last_run", "last run"), "state", ("documents", "docs"), "reason"), fmt, lang), fmt)


@sources_app.command("check", epilog="Example:  policytrack sources check ndrc-tz --replay "
                     "tests/fixtures/national.warc.gz")
def check(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="The source to check.")],
    replay: ReplayOption = None,
    sources_file: SourcesFileOption = None,
    proxy: ProxyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read page 1 of a source's list and its first relevant document; show what would be stored.

    Nothing is stored. A selector that matches nothing is named in a one-line error (exit 1); one whose
    page still holds a list is read through that list and both selectors are printed (degraded).
    """
    from policytrack.parser.errors import PolicytrackError
    from policytrack.pipeline.check import check_source
    from policytrack.sources.browser import Browser
    from policytrack.sources.config import load_config
    from policytrack.sources.fetcher import Fetcher
    from policytrack.sources.registry import load_sources, select
    from policytrack.sources.rendered import ReplayedBrowser
    from policytrack.sources.transport import LiveTransport, ReplayTransport

    spec = select(load_sources(sources_file or []), ids=[source_id])[0]
    transport = ReplayTransport(list(replay)) if replay else LiveTransport(
        proxy=proxy, legacy_tls_hosts=legacy_tls_hosts([spec]))
    fetcher = Fetcher(transport, polite=not replay)
    with ReplayedBrowser(replay) if replay else Browser() as browser:
        result = check_source(fetcher, spec, keywords=load_config().keywords, browser=browser)
    if as_json:
        emit_json(result)
    else:
        _print_check(result)
    if result["error"]:
        raise PolicytrackError(result["error"])


def _print_check(r: dict[str, Any]) -> None:
    if r.get("not_fetched"):
        print(f"{r['source']}: not fetched: {r['not_fetched']}")
        return
    print(f"{r['source']}: list {r['list_url']}")
    found = f" (found by {r['selector']})" if r.get("selector") else ""
    print(f"  {r['items']} items{found}, {len(r['candidates'])} about the tracked subject")
    if r.get("degraded"):
        print(f"  degraded: selector {r['degraded']['failed']!r} found nothing; found {r['degraded']['found']}")
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
