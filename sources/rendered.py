"""Browser pages in a WARC: how a rendered page is recorded, and how a replay answers it with no browser.

Under --record, every response a browser page receives (the shell, its scripts, the JSON its list came from)
is a plain `response` record, written by RecordingTransport like any fetch. What the family parsed, the DOM
after the scripts ran, is added as a `conversion` record for the page's URL (WARC 1.1: "an alternative
version of another record's content"), and a render that failed as a `metadata` record saying why. Both
carry `WARC-Policytrack-Browser: rendered | failed`. ReplayTransport skips them, so a plain replay still
answers the URL with the raw shell; ReplayedBrowser answers a browser page with its DOM, or the same failure,
and never starts Chromium nor imports Playwright.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policytrack.sources.fetcher import FetchError, decoded_page
from policytrack.sources.records import Page

# the URL matching of ReplayTransport, so a rendered page is found under the same spellings as its shell
from policytrack.sources.transport import ArchiveError, _other_scheme, _url_key

if TYPE_CHECKING:
    from policytrack.sources.fetcher import Fetcher
    from policytrack.sources.transport import RecordingTransport

MARK = "WARC-Policytrack-Browser"
FINAL_URI = "WARC-Policytrack-Final-URI"  # where the page ended up (a script's redirect), when not its URL
RENDERED, FAILED = "rendered", "failed"
DOM_TYPE = "text/html; charset=utf-8"


def rendered_page(url: str, final_url: str, dom: bytes) -> Page:
    """The DOM after scripts ran, as the families read it (and as `reparse` rebuilds it from the store)."""
    return decoded_page(url, final_url, 200, {"content-type": DOM_TYPE}, dom)


def record_rendered(recorder: RecordingTransport, page: Page) -> None:
    headers = {MARK: RENDERED} | ({FINAL_URI: page.final_url} if page.final_url != page.url else {})
    recorder.write_note("conversion", page.url, page.content, DOM_TYPE, headers)


def record_failure(recorder: RecordingTransport, exc: FetchError) -> None:
    note = {"error": str(exc).removeprefix(f"{exc.url}: "), "status": exc.status}
    recorder.write_note("metadata", exc.url, json.dumps(note, ensure_ascii=False).encode(), "application/json",
                        {MARK: FAILED})


@dataclass(frozen=True, slots=True)
class _Outcome:
    url: str
    final_url: str
    dom: bytes | None  # None: the render failed
    error: str = ""
    status: int | None = None


class ReplayedBrowser:
    """The browser of a replayed run: a page is answered with the DOM the recording browser rendered (a URL
    rendered several times with its renders in order, then the last again), or fails as it failed then. A URL
    with no render recorded (a PDF the browser passed through as it came, or a run recorded without the
    browser) is fetched from the archives as a plain page."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = [Path(p) for p in paths]
        self._index: dict[str, list[_Outcome]] | None = None  # read on first use: most runs render nothing
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()

    def unavailable(self) -> str | None:
        return None

    def render(self, url: str, fetcher: Fetcher, *, source: str, hosts: set[str], headers: dict[str, str],
               referer: str | None = None, wait_for: str | None = None) -> Page:
        with self._lock:
            index = self._load() if self._index is None else self._index
            key = _url_key(url)
            key = key if key in index else _other_scheme(key)
            outcomes = index.get(key)
            if outcomes:
                n = self._served.get(key, 0)
                self._served[key] = n + 1
                outcome = outcomes[min(n, len(outcomes) - 1)]
        if not outcomes:
            return fetcher.get(url, allowed_hosts=hosts, referer=referer, headers=headers)
        if outcome.dom is None:
            raise FetchError(url, outcome.error, status=outcome.status)
        return rendered_page(url, outcome.final_url, outcome.dom)

    def close(self) -> None:
        pass

    def __enter__(self) -> ReplayedBrowser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _load(self) -> dict[str, list[_Outcome]]:
        from warcio.archiveiterator import ArchiveIterator

        index: dict[str, list[_Outcome]] = {}
        for path in self.paths:
            try:
                with open(path, "rb") as fh:
                    for record in ArchiveIterator(fh):
                        mark = record.rec_headers.get_header(MARK)
                        if mark not in (RENDERED, FAILED):
                            continue
                        url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
                        body = record.content_stream().read()
                        if mark == RENDERED:
                            final = record.rec_headers.get_header(FINAL_URI) or url
                            outcome = _Outcome(url, final, body)
                        else:
                            note = json.loads(body.decode("utf-8"))
                            outcome = _Outcome(url, url, None, str(note.get("error") or "browser: failed"),
                                               note.get("status"))
                        index.setdefault(_url_key(url), []).append(outcome)
            except (OSError, ValueError) as exc:  # ReplayTransport has read these files already; a torn end
                raise ArchiveError(f"{path}: cannot read the browser's records ({exc})") from None
        self._index = index
        return index
