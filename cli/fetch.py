"""`policytrack fetch`: run the crawl over the chosen sources and store what changed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policytrack.cli.options import DbOption, JsonOption, check_level, open_store
from policytrack.cli.output import CliError, emit_json, message


def register(app: typer.Typer) -> None:
    app.command("fetch")(fetch)


def fetch(
    source: Annotated[
        list[str] | None, typer.Option("--source", "-s", help="Only this source id (repeatable).")
    ] = None,
    replay: Annotated[
        list[Path] | None,
        typer.Option("--replay", help="Answer every request from this WARC archive (repeatable); no network.",
                     exists=True, dir_okay=False),
    ] = None,
    record: Annotated[Path | None, typer.Option("--record", help="Write every live response into this WARC.",
                                                dir_okay=False)] = None,
    sources_file: Annotated[
        list[Path] | None, typer.Option("--sources", help="Extra sources TOML file (repeatable).",
                                        exists=True, dir_okay=False)
    ] = None,
    level: Annotated[str | None, typer.Option("--level", help="Only sources of this level: national, provincial, "
                                              "municipal.")] = None,
    region: Annotated[str | None, typer.Option("--region", help="Only sources whose region (or province) starts "
                                               "with this: 四川 is 四川省 and its cities.")] = None,
    delay: Annotated[float, typer.Option(help="Seconds between two requests to one host.", min=0)] = 1.0,
    user_agent: Annotated[str | None, typer.Option("--user-agent", help="User-Agent header to send.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only news: new, changed and removed documents, "
                                        "and sources whose health changed (for cron).")] = False,
    wait: Annotated[bool, typer.Option("--wait", help="If another fetch is running, wait for it to finish.")] = False,
    log_file: Annotated[Path | None, typer.Option("--log-file", help="Append a timestamped log of the run.",
                                                  dir_okay=False)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Fetch the sources and store new and changed documents.

    Exit status: 0 when every source succeeded, 1 when some failed (the others are still stored),
    2 on usage errors or when another fetch holds the database (see --wait).
    """
    from policytrack.db.location import default_path
    from policytrack.db.lock import FetchLock
    from policytrack.sources.crawl import Crawl
    from policytrack.sources.fetcher import DEFAULT_USER_AGENT, Fetcher
    from policytrack.sources.registry import load_sources
    from policytrack.sources.transport import LiveTransport, RecordingTransport, ReplayTransport

    check_level(level)
    specs = load_sources(sources_file or [])
    if source:
        known = {s.id for s in specs}
        unknown = [s for s in source if s not in known]
        if unknown:
            raise CliError(f"unknown source: {', '.join(unknown)} (see `policytrack sources`)", code=2)
        chosen = [s for s in specs if s.id in set(source)]
    else:
        chosen = specs
    chosen = [s for s in chosen if (level is None or s.level == level) and (
        region is None or s.region.startswith(region) or (s.province or "").startswith(region))]
    if not chosen:
        raise CliError("no source matches --level/--region (see `policytrack sources`)", code=2)

    transport = ReplayTransport(list(replay)) if replay else LiveTransport()
    if record:
        transport = RecordingTransport(transport, record)
    fetcher = Fetcher(transport, user_agent=user_agent or DEFAULT_USER_AGENT, delay=delay, polite=not replay)

    log = _log(log_file)
    log(f"fetch started: {len(chosen)} sources" + (f", replaying {', '.join(map(str, replay))}" if replay else ""))
    with FetchLock(db or default_path(), wait=wait), open_store(db) as store:
        store.sync_sources(specs)
        progress = _Progress(enabled=sys.stderr.isatty() and not quiet and not as_json)
        try:
            with progress:
                reports = Crawl(fetcher, store, progress=progress.update).run(chosen)
        finally:
            if isinstance(transport, RecordingTransport):
                transport.close()
    for r in reports:
        log(r.summary())
        for line in r.error_messages:
            log(f"  {line}")

    if as_json:
        emit_json([
            {"source": r.source_id, "ok": r.ok, "state": r.state, "state_changed": r.state_changed,
             "reason": r.reason, "error": r.fatal, **r.stats(),
             "new_documents": r.new_documents, "changed_documents": r.changed_documents,
             "removed_documents": r.removed_documents,
             "errors_detail": r.error_messages}
            for r in reports
        ])
    else:
        for r in reports:
            # --quiet: news, and a source's health only when it changes (cron mails output, not exit codes)
            if quiet and not (r.new or r.changed or r.removed_documents or r.state_changed):
                continue
            print(r.summary() + (f", {len(r.removed_documents)} removed" if r.removed_documents else ""))
            for line in r.error_messages:
                if line != r.reason:
                    message(f"  {line}")
    failed = [r for r in reports if not r.ok]
    if failed:
        if not quiet or any(r.state_changed for r in failed):  # quiet: the same failure is not mailed daily
            message(f"policytrack: sources failed: {', '.join(r.source_id for r in failed)}")
        raise typer.Exit(1)


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
    """A live line on stderr saying what the crawl is doing; silent when stderr is not a terminal."""

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
