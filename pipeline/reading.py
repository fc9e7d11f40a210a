"""One fetched page → one read document: the single path from a page to what a version stores.

fetch (and so the demo store, a replayed fetch), `sources check` and `reparse` call `read_document`, so they
read the same text and the same records from the same page: the family parses the detail page, the attachments
are read through the caller's `fetch_attachment` (live, replayed, or from the store), and the parser extracts
from the whole text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from policytrack.parser.charset import garbled, header_charset
from policytrack.parser.document_text import document_text
from policytrack.parser.documents import DocPage, ReadDocument
from policytrack.parser.errors import AttachmentError, PageError
from policytrack.parser.extract import PARSER_VERSION, extract
from policytrack.parser.references import find_references
from policytrack.parser.relevance import text_is_relevant, title_is_relevant
from policytrack.parser.validity import validity
from policytrack.pipeline.attachments import read_attachment as read_attachment_budgeted
from policytrack.sources.families.base import Family
from policytrack.sources.fetcher import FetchError
from policytrack.sources.records import ListItem, Page

MAX_ATTACHMENTS = 10
AttachmentFetcher = Callable[[str, str], Page]  # (attachment URL, the page linking it) → the attachment
AttachmentReader = Callable[[bytes, str, str], str]  # (bytes, media type, name) → text, or AttachmentError
_BINARY_TYPES = ("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def is_binary(page: Page) -> bool:
    """A PDF or DOCX itself (a list may link straight to one), not an HTML page about it."""
    return page.content[:4] in (b"%PDF", b"PK\x03\x04") or page.content_type in _BINARY_TYPES


def read_document(page: Page, family: Family, fetch_attachment: AttachmentFetcher, *,
                  item: ListItem | None = None, keywords: Sequence[str] | None = None,
                  read_attachment: AttachmentReader | None = None) -> ReadDocument:
    """Parse the page with its source's family, read up to MAX_ATTACHMENTS attachments (a failed one keeps
    its error and the document its page text), and extract what the whole text commits to; `keywords` (the
    user's tracked words) decide relevance instead of the default lists. Attachments are read in a child
    process under a time and memory budget (pipeline/attachments.py) unless `read_attachment` says otherwise.
    Raises PageError (or SelectorError, AttachmentError for a document that is itself an unreadable file)
    when the page is no document."""
    read_attachment = read_attachment or read_attachment_budgeted
    if is_binary(page):  # the document is the file: its text is the body
        doc = DocPage(url=page.url, title="", body_text=read_attachment(page.content, page.content_type, page.url))
    elif garbled(page.text):  # a page that decodes to nothing readable is refused, never stored as garbage
        raise PageError(f"{page.url}: the text does not decode as {page.encoding} or any Chinese charset")
    else:
        doc = _parsed(page, family)
    if item is not None:
        doc = merge_list_item(doc, item)
    raw: dict[str, tuple[bytes, str]] = {}
    read = []
    for att in doc.attachments[:MAX_ATTACHMENTS]:
        try:
            got = fetch_attachment(att.url, doc.url)
            read.append(replace(att, text=read_attachment(got.content, got.content_type, att.name),
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
        extraction=extract(text, title=doc.title, dated=doc.written_date or doc.published_date),
        parser_version=PARSER_VERSION, references=find_references(text),
        validity=validity(doc.title, text, doc.written_date or doc.published_date),
        raw=page.content, content_type=page.content_type,
        charset=header_charset(page.headers.get("content-type")), attachment_raw=raw,
    )


def _parsed(page: Page, family: Family) -> DocPage:
    """The family's reading of a detail page; a page that drives bs4 or a reader past Python's recursion
    limit (the tree is kept shallow by parser/markup.py, this is the last line) is one named PageError, so the
    source goes on to its next item."""
    try:
        return family.parse_detail(page)
    except RecursionError:
        raise PageError(f"{page.url}: the page is nested too deep to read") from None


def merge_list_item(doc: DocPage, item: ListItem) -> DocPage:
    """The list (or a search API) sometimes knows what the detail page hides: 发文字号, issuer, date."""
    extra = item.extra
    doc.title = doc.title or item.title
    doc.doc_number = doc.doc_number or extra.get("doc_number") or None
    doc.issuer = doc.issuer or extra.get("issuer") or None
    doc.published_date = doc.published_date or item.date
    return doc
