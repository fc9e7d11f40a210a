"""`sources check`: one source's list page 1 and its first relevant document, read as a fetch would read
them, stored nowhere. For a user writing a new TOML entry, and for a maintainer after a site redesign."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from policytrack.parser.document_text import document_text
from policytrack.parser.errors import PageError
from policytrack.parser.extract import extract
from policytrack.parser.relevance import title_is_relevant
from policytrack.sources.base import SourceSpec
from policytrack.sources.challenges import looks_like_challenge
from policytrack.sources.families import family_for
from policytrack.sources.fetcher import Fetcher, FetchError
from policytrack.sources.selectors import SelectorError


def check_source(fetcher: Fetcher, spec: SourceSpec) -> dict[str, Any]:
    family = family_for(spec)
    hosts = set(spec.hosts) or {urlsplit(u).hostname or "" for u in spec.start_urls}
    list_url = next(iter(family.list_urls()))
    result: dict[str, Any] = {"source": spec.id, "list_url": list_url, "items": 0, "candidates": [],
                              "document": None, "error": None}
    try:
        page = fetcher.get(list_url, allowed_hosts=hosts, headers=family.request_headers(list_url))
        if reason := looks_like_challenge(page):
            raise FetchError(list_url, f"blocked: {reason}")
        items = family.parse_list(page)
    except (FetchError, SelectorError) as exc:
        result["error"] = f"{spec.id}: {exc}"
        return result
    result["items"] = len(items)
    candidates = [i for i in items if not spec.title_filter or title_is_relevant(i.title)]
    result["candidates"] = [{"url": i.url, "title": i.title, "date": i.date} for i in candidates]
    if not candidates:
        return result
    item = candidates[0]
    try:
        page = fetcher.get(item.url, allowed_hosts=hosts, referer=list_url,
                           headers=family.request_headers(item.url))
        if reason := looks_like_challenge(page):
            raise FetchError(item.url, f"blocked: {reason}")
        doc = family.parse_detail(page)
    except (FetchError, PageError, SelectorError) as exc:
        result["error"] = f"{spec.id}: detail page: {exc}"
        return result
    text = document_text(doc)
    result["document"] = {
        "url": doc.url, "title": doc.title or item.title, "doc_number": doc.doc_number, "issuer": doc.issuer,
        "written_date": doc.written_date, "published_date": doc.published_date or item.date,
        "text_length": len(text), "attachments": len(doc.attachments),
        "targets": extract(text).to_dict()["targets"],
    }
    if not text.strip():
        result["error"] = f"{spec.id}: the detail page {doc.url} yields no text (set options.body_selectors)"
    return result
