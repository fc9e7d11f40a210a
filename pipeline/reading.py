"""One fetched page → one read document: the single path from a page to what a version stores.

fetch, `sources check`, `reparse` and the demo store all call `read_document`, so they read the same text and
the same records from the same page: the family parses the detail page, the attachments are read through the
caller's `fetch_attachment` (live, replayed, or from the store), and the parser extracts from the whole text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from policytrack.parser.attachments import attachment_text
from policytrack.parser.charset import header_charset
from policytrack.parser.document_text import document_text
from policytrack.parser.documents import DocPage, ReadDocument
from policytrack.parser.errors import AttachmentError
from policytrack.parser.extract import PARSER_VERSION, extract
from policytrack.parser.references import find_references
from policytrack.parser.relevance import text_is_relevant, title_is_relevant
from policytrack.parser.validity import validity
from policytrack.sources.families.base import Family
from policytrack.sources.fetcher import FetchError
from policytrack.sources.records import ListItem, Page

MAX_ATTACHMENTS = 10
AttachmentFetcher = Callable[[str, str], Page]  # (attachment URL, the page linking it) → the attachment


def read_document(page: Page, family: Family, fetch_attachment: AttachmentFetcher, *,
                  item: ListItem | None = None, keywords: Sequence[str] | None = None) -> ReadDocument:
    """Parse the page with its source's family, read up to MAX_ATTACHMENTS attachments (a failed one keeps
    its error and the document its page text), and extract what the whole text commits to; `keywords` (the
    user's tracked words) decide relevance instead of the default lists. Raises PageError (or SelectorError)
    when the page is no document page."""
    doc = family.parse_detail(page)
    if item is not None:
        doc = merge_list_item(doc, item)
    raw: dict[str, tuple[bytes, str]] = {}
    read = []
    for att in doc.attachments[:MAX_ATTACHMENTS]:
        try:
            got = fetch_attachment(att.url, doc.url)
            read.append(replace(att, text=attachment_text(got.content, got.content_type, att.name),
                                content_type=got.content_type))
            raw[att.url] = (got.content, got.content_type)
        except (FetchError, AttachmentError) as exc:
            read.append(replace(att, error=str(exc)))
    doc.attachments = read
    text = document_text(doc)
    titles = [doc.title] + ([item.title] if item else [])
    relevant = any(title_is_relevant(t, keywords) for t in titles) or text_is_relevant(text, keywords)
    return ReadDocument(
        doc=doc, text=text, relevant=relevant,
        extraction=extract(text), parser_version=PARSER_VERSION, references=find_references(text),
        validity=validity(doc.title, text, doc.written_date or doc.published_date),
        raw=page.content, content_type=page.content_type,
        charset=header_charset(page.headers.get("content-type")), attachment_raw=raw,
    )


def merge_list_item(doc: DocPage, item: ListItem) -> DocPage:
    """The list (or a search API) sometimes knows what the detail page hides: 发文字号, issuer, date."""
    extra = item.extra
    doc.title = doc.title or item.title
    doc.doc_number = doc.doc_number or extra.get("doc_number") or None
    doc.issuer = doc.issuer or extra.get("issuer") or None
    doc.published_date = doc.published_date or item.date
    return doc
