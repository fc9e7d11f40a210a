"""`sources check`: one source's first list page and its first relevant document, read exactly as a fetch
reads them (the same client, challenge answers and attachments included, and the same read_document), and
stored nowhere. For a user writing a new TOML entry, and for a maintainer after a site redesign."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from policytrack.parser.errors import PolicytrackError
from policytrack.pipeline.lists import walk
from policytrack.pipeline.reading import read_document
from policytrack.sources.client import SourceClient
from policytrack.sources.config import tracked
from policytrack.sources.families import family_for
from policytrack.sources.fetcher import Fetcher
from policytrack.sources.records import SourceSpec

if TYPE_CHECKING:
    from policytrack.sources.browser import Renderer

def check_source(fetcher: Fetcher, spec: SourceSpec, *, keywords: Sequence[str] | None = None,
                 browser: Renderer | None = None) -> dict[str, Any]:
    spec = tracked(spec, keywords)  # the source's own keywords, else the ones given
    keywords = spec.keywords
    client = SourceClient(fetcher, family_for(spec), browser)
    listing = walk(client, first_only=True, keywords=keywords)
    list_url, page = listing.pages[0] if listing.pages else (next(client.family.start_pages()).url, None)
    result: dict[str, Any] = {
        "source": spec.id, "list_url": list_url, "items": listing.items,
        "selector": page.selector if page else None,
        # the configured selector found nothing and the page's main list was read: both named
        "degraded": {"failed": listing.degraded[0], "found": listing.degraded[1]} if listing.degraded else None,
        "not_fetched": listing.not_fetched,
        "candidates": [{"url": i.url, "title": i.title, "date": i.date} for i, _ in listing.candidates],
        "document": None, "error": f"{spec.id}: {listing.errors[0]}" if listing.errors else None,
    }
    if not listing.candidates:
        return result
    item, referer = listing.candidates[0]
    try:
        read = read_document(client.get(item.url, referer=referer), client.family,
                             lambda url, ref: client.get(url, referer=ref), item=item, keywords=keywords)
    except PolicytrackError as exc:
        result["error"] = f"{spec.id}: detail page: {exc}"
        return result
    doc = read.doc
    result["document"] = {
        "url": doc.url, "title": doc.title, "doc_number": doc.doc_number, "issuer": doc.issuer,
        "written_date": doc.written_date, "published_date": doc.published_date, "text_length": len(read.text),
        "attachments": [{"url": a.url, "name": a.name, "error": a.error} for a in doc.attachments],
        "relevant": read.relevant, "targets": [asdict(t) for t in read.extraction.targets],
    }
    if not read.text.strip():
        result["error"] = f"{spec.id}: the detail page {doc.url} yields no text (set options.body_selectors)"
    return result
