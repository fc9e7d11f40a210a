"""`reparse`: every stored version read again by the current parser, from the bytes stored at fetch time,
through the same read_document as a fetch: the page rebuilt with the charset it was served with, read by its
source's family (its body selectors), its attachments answered from the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from policytrack.db.store import Store
from policytrack.parser.attachments import attachment_text
from policytrack.parser.errors import PolicytrackError
from policytrack.parser.extract import PARSER_VERSION
from policytrack.pipeline.clock import now
from policytrack.pipeline.reading import read_document
from policytrack.sources.families import family_for
from policytrack.sources.families.base import Family
from policytrack.sources.fetcher import FetchError, decoded_page
from policytrack.sources.records import Page, SourceSpec

# A document whose source is no longer configured is read with the plain family and no site selectors.
_UNKNOWN_SOURCE = SourceSpec(id="(unknown)", name="", region="", level="national", kind="html_list",
                             start_urls=("https://invalid.invalid/",))


@dataclass
class ReparseSummary:
    parser_version: str = PARSER_VERSION
    versions: int = 0
    targets_changed: int = 0
    failed: int = 0


def reparse(store: Store, specs: Iterable[SourceSpec], *, on_error: Callable[[int, str], None] | None = None,
            wrap: Callable[[Iterator[dict], int], Iterable[dict]] = lambda it, n: it) -> ReparseSummary:
    """Replace every version's records with the current parser's; `wrap` may show progress over the
    versions, `on_error(version_id, message)` hears of versions that cannot be read (the others go on)."""
    families: dict[str, Family] = {s.id: family_for(s) for s in specs}
    fallback = family_for(_UNKNOWN_SOURCE)
    summary = ReparseSummary()
    for v in wrap(store.versions.stored(), store.versions.count()):
        content_type = v["content_type"] or ""
        header = f"{content_type}; charset={v['charset']}" if v["charset"] else content_type
        page = decoded_page(v["url"], v["url"], 200, {"content-type": header}, v["raw"])
        try:
            # in this process: stored attachments were read within the budget when they were fetched
            read = read_document(page, families.get(v["source_id"], fallback), _from_store(v["attachments"]),
                                 read_attachment=attachment_text)
        except PolicytrackError as exc:  # one unreadable version must not stop the others
            summary.failed += 1
            if on_error:
                on_error(v["id"], str(exc))
            continue
        summary.targets_changed += store.versions.replace_extraction(v["id"], read.extraction, read.parser_version,
                                                                     references=read.references, at=now())
        summary.versions += 1
    return summary


def _from_store(attachments: dict[str, tuple[bytes, str]]) -> Callable[[str, str], Page]:
    def fetch(url: str, referer: str) -> Page:
        if url not in attachments:
            raise FetchError(url, "not stored at fetch time")
        content, content_type = attachments[url]
        return decoded_page(url, url, 200, {"content-type": content_type}, content)

    return fetch
