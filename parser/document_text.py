"""The text a document version is made of, from a page, a file, or stored raw bytes. Pure functions."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from policytrack.parser.attachments import attachment_text
from policytrack.parser.charset import decode
from policytrack.parser.documents import Attachment, DocPage
from policytrack.parser.gov_page import parse_detail

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
BINARY_SUFFIXES = {".pdf", ".docx"}


def document_text(doc: DocPage) -> str:
    """The body, then each attachment's text under its name: what a version stores and extraction reads."""
    parts = [doc.body_text.strip()]
    for att in doc.attachments:
        if att.text.strip():
            parts.append(f"附件：{att.name}\n{att.text.strip()}")
    return "\n\n".join(p for p in parts if p)


def decode_text(content: bytes) -> str:
    """Plain text files: UTF-8 (with or without BOM), else GB18030, the superset of GBK that
    Chinese offices save in."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("utf-8", errors="replace")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<meta", "<body", "<div", "<table", "<p"))


def text_from_file(content: bytes, name: str) -> str:
    """A local .txt/.html/.pdf/.docx (or stdin, name "-") as the text extraction runs on."""
    suffix = PurePath(name).suffix.lower()
    if suffix in BINARY_SUFFIXES or content[:4] in (b"%PDF", b"PK\x03\x04"):
        return attachment_text(content, "", name)
    text = decode_text(content)
    if suffix in HTML_SUFFIXES or (suffix not in {".txt", ".text"} and _looks_like_html(text)):
        return document_text(parse_detail(text, f"file:///{PurePath(name).name}"))
    return text


def text_from_stored(
    raw: bytes,
    content_type: str,
    url: str,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    *,
    body_selectors: list[str] | None = None,
) -> str:
    """Rebuild a version's text from what was fetched (page bytes, then (name, bytes, type) attachments),
    so a newer parser can re-read old fetches without fetching again."""
    if content_type in ("application/pdf",) or raw[:4] in (b"%PDF", b"PK\x03\x04"):
        doc = DocPage(url=url, title="", body_text=attachment_text(raw, content_type, url))
    else:
        doc = parse_detail(decode_html(raw), url, body_selectors=body_selectors)
        doc.attachments = []
    for name, content, ctype in attachments:
        try:
            text = attachment_text(content, ctype, name)
        except Exception:  # a corrupt attachment stays out of the text, as it did at fetch time
            continue
        doc.attachments.append(Attachment(url="", name=name, text=text, content_type=ctype))
    return document_text(doc)


def decode_html(raw: bytes) -> str:
    """Stored pages are decoded the way the fetcher decoded them: header charset is gone, so use
    the <meta> charset and detection."""
    return decode(raw, None)[0]
