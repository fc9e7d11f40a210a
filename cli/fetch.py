"""`policytrack fetch`: run the pipeline over the chosen sources and store what changed."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli.options import DbOption, JsonOption, check_level, region_value, store_path
from policytrack.cli.output import emit_json, message, plural

ReplayOption = Annotated[
    list[Path] | None,
    typer.Option("--replay", help="Answer every request from this WARC archive (repeatable); no network.",
                 exists=True, dir_okay=False, show_default=False),
]
SourcesFileOption = Annotated[
    list[Path] | None,
    typer.Option("--sources", help="Extra sources TOML file (repeatable).", exists=True, dir_okay=False,
                 show_default=False),
]
ProxyOption = Annotated[
    str | None,
    typer.Option("--proxy", help="Send live requests through this HTTP(S) proxy, e.g. http://127.0.0.1:7890 "
                 "(default: $HTTPS_PROXY). The proxy is trusted; targets are still checked.", show_default=False),
]


def legacy_tls_hosts(specs) -> set[str]:  # specs: Iterable[SourceSpec]
    """The hosts of sources whose entry says tls = "legacy" (old ciphers, legacy renegotiation)."""
    from urllib.parse import urlsplit

    return {h for s in specs if s.tls == "legacy"
            for h in (s.hosts or tuple(urlsplit(u).hostname or "" for u in s.start_urls)) if h}


def register(app: typer.Typer) -> None:
    app.command("fetch", epilog="Examples:  policytrack fetch --quiet --log-file ~/policytrack.log   ·   "
                "policytrack fetch --replay capture.warc.gz --region 四川")(fetch)


def fetch(
    source: Annotated[list[str] | None, typer.Option("--source", "-s", help="Only this source id (repeatable).",
                                                     show_default=False)] = None,
    replay: ReplayOption = None,
    record: Annotated[Path | None, typer.Option("--record", help="Write every live response into this WARC.",
                                                dir_okay=False, show_default=False)] = None,
    sources_file: SourcesFileOption = None,
    level: Annotated[str | None, typer.Option("--level", help="Only sources of this level: national, provincial, "
                                              "municipal.", show_default=False)] = None,
    region: Annotated[str | None, typer.Option("--region", help="Only sources whose region (or province) starts "
                                               "with this: 四川 is 四川省 and its cities; English names (Sichuan) too.",
                                               show_default=False, callback=region_value)] = None,
    delay: Annotated[float, typer.Option(help="Seconds between two requests to one host.", min=0, max=600)] = 1.0,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Sources fetched at once (each host stays polite "
                                      "whatever this is; 1 runs them in configuration order).", min=1, max=64)] = 64,
    user_agent: Annotated[str | None, typer.Option("--user-agent", help="User-Agent header to send.",
                                                   show_default=False)] = None,
    keywords: Annotated[list[str] | None, typer.Option("--keywords", "-k", help="Track these words instead of the "
                                                       "configured ones (comma-separated or repeated); a source's "
                                                       "own keywords still win.", show_default=False)] = None,
    proxy: ProxyOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only news: new, changed and removed documents, "
                                        "and sources whose health changed (for cron).")] = False,
    wait: Annotated[bool, typer.Option("--wait", help="If another fetch is running, wait for it to finish.")] = False,
    log_file: Annotated[Path | None, typer.Option("--log-file", help="Append a timestamped log of the run.",
                                                  dir_okay=False, show_default=False)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Fetch the sources and store new and changed documents.

    Exit status: 0 when every source succeeded, 1 when some failed (the others are still stored), 2 on usage
    errors or when another fetch holds the database (see --wait).
    """
    from policytrack.db.location import default_path
    from policytrack.db.lock import FetchLock
    from policytrack.db.store import Store
    from policytrack.pipeline.run import run_fetch
    from policytrack.sources.browser import Browser
    from policytrack.sources.config import load_config, split_keywords
    from policytrack.sources.fetcher import DEFAULT_USER_AGENT
    from policytrack.sources.registry import in_archive, load_sources, select
    from policytrack.sources.rendered import ReplayedBrowser
    from policytrack.sources.transport import ArchiveError, LiveTransport, RecordingTransport, ReplayTransport

    check_level(level)
    if record is not None and not os.access(record.parent, os.W_OK):
        raise typer.BadParameter(f"cannot write into {record.parent}", param_hint="--record")
    if user_agent is not None and (not user_agent.strip() or any(c in user_agent for c in "\r\n\0")):
        raise typer.BadParameter("a User-Agent is one line of text", param_hint="--user-agent")
    tracked = split_keywords(keywords or []) or load_config().keywords  # --keywords, else [track] keywords
    specs = load_sources(sources_file or [])
    chosen = select(specs, ids=source or (), level=level, region=region)
    transport = ReplayTransport(list(replay)) if replay else LiveTransport(
        proxy=proxy, legacy_tls_hosts=legacy_tls_hosts(chosen))
    if replay and not source:  # a partial capture (a `wget --warc-file` of one site) replays what it holds
        chosen, skipped = in_archive(chosen, transport)
        if not chosen:
            raise ArchiveError(f"{', '.join(map(str, replay))} holds no page of the {plural(len(skipped), 'source')} "
                              "chosen; nothing replayed (name one with --source to try it anyway)")
        if skipped and not quiet:
            message(f"policytrack: {plural(len(skipped), 'source')} with no record in the archive skipped: "
                    + ", ".join(s.id for s in skipped))
    if record:
        transport = RecordingTransport(transport, record)
    # one browser for the run, started only if a page needs it; a replay answers from the recorded DOMs
    browser = ReplayedBrowser(replay) if replay else Browser(
        recorder=transport if isinstance(transport, RecordingTransport) else None)
    path = store_path(db) or default_path()
    log = _log(log_file)
    log(f"fetch started: {plural(len(chosen), 'source')}" + (f", replaying {', '.join(map(str, replay))}"
                                                               if replay else ""))
    with FetchLock(path, wait=wait), Store(path) as store:
        progress = _Progress(enabled=sys.stderr.isatty() and not quiet and not as_json)
        try:
            with progress, browser:
                reports = run_fetch(store, transport, chosen, configured=specs, progress=progress.update,
                                    keywords=tracked, max_workers=jobs, user_agent=user_agent or DEFAULT_USER_AGENT,
                                    delay=delay, polite=not replay, browser=browser)
        finally:
            if isinstance(transport, RecordingTransport):
                transport.close()
    for r in reports:
        log(summary(r))
        for line in r.error_messages:
            log(f"  {line}")
    for run in reports.aborted:  # news no earlier `fetch --quiet` announced: printed under --quiet too
        line = (f"an interrupted run (started {run['started_at']}) had stored {run['new']} new and "
                f"{run['revised']} revised documents: see `policytrack changes --since last`")
        log(line)
        if not as_json:
            message(line)
    failed = [r for r in reports if not r.ok]
    if reports.offline and not as_json:  # first, and once: the 63 lines below all say the same
        message(f"policytrack: no host resolved ({plural(len(failed), 'source')} tried): this machine "
                "has no network or no DNS; the sources' states were left as they were")
    if as_json:
        emit_json([r.to_dict() for r in reports])
    else:
        for r in reports:
            # --quiet: news, and a source's health only when it changes (cron mails output, not exit codes)
            if quiet and not (r.new or r.changed or r.removed_documents or r.state_changed):
                continue
            print(summary(r))
            for line in r.error_messages:
                if line != r.reason:
                    message(f"  {line}")
            for url in r.not_archived:
                message(f"  {url}: not in the archive")
    if reports.offline:
        raise typer.Exit(1)
    if failed:
        if not quiet or any(r.state_changed for r in failed):  # quiet: the same failure is not mailed daily
            message(f"policytrack: sources failed: {', '.join(r.source_id for r in failed)}")
        raise typer.Exit(1)


def summary(r) -> str:  # r: pipeline.run.SourceReport
    if r.not_fetched:  # a wall, or a browser this run has not: one line, not a failure
        return f"{r.source_id}: not fetched · {r.not_fetched}"
    status = r.state.upper() if r.state and r.state != "ok" else "ok"
    head = f"{r.source_id}: " + (f"{status} {r.reason}" if r.reason else status)
    removed = f", {len(r.removed_documents)} removed" if r.removed_documents else ""
    browser = ""
    if r.browser_pages or r.browser_challenge:
        browser = f" · {plural(r.browser_pages, 'page')} through the browser" + (
            f" after a script challenge ({r.browser_challenge})" if r.browser_challenge else "")
    missing = f", {len(r.not_archived)} not in the archive" if r.not_archived else ""
    return (f"{head} · {plural(r.list_pages, 'list page')}, {plural(r.items, 'item')}, "
            f"{plural(r.candidates, 'candidate')}, {r.new} new, {r.changed} changed, {r.unchanged} unchanged, "
            f"{plural(r.errors, 'error')}{missing}{removed}{browser}")


def _log(path: Path | None):
    """A function appending timestamped lines to the log file (a no-op without one)."""
    if path is None:
        return lambda line: None
    from datetime import datetime

    def log(line: str) -> None:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"{datetime.now().astimezone().isoformat(timespec='seconds')} {line}\n")

    return log


class _Progress:
    """A live line on stderr saying what the run is doing; silent when stderr is not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._status = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console

            self._status = Console(stderr=True).status("starting…")
            self._status.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._status is not None:
            self._status.__exit__(*exc)

    def update(self, source: str, what: str) -> None:
        if self._status is not None:
            self._status.update(f"{source}: {what}"[:120])
