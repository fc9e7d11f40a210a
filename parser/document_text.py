"""The text a document version is made of, and the text of a local file given to `extract`. Pure functions."""

from __future__ import annotations

from pathlib import PurePath

from policytrack.parser.documents import DocPage
from policytrack.parser.errors import PolicytrackError

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


_CONTROLS = {c for c in range(32) if chr(c) not in "\t\n\r\f\v"} | {0x7F, 0xFFFD}


def looks_like_text(content: bytes, text: str, sample: int = 1 << 16) -> bool:
    """Whether bytes are text: no NUL (unless UTF-16/32, which decode_text does not read anyway) and no more
    than 1 % control or undecodable characters in the first `sample` characters."""
    head = text[:sample]
    if not head:
        return True
    if b"\x00" in content[:sample]:
        return False
    bad = sum(1 for ch in head if ord(ch) in _CONTROLS)
    return bad <= len(head) // 100


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<meta", "<body", "<div", "<table", "<p"))


def text_from_file(content: bytes, name: str) -> str:
    """A local .txt/.html/.pdf/.docx (or stdin, name "-") as the text extraction runs on."""
    suffix = PurePath(name).suffix.lower()
    if suffix in BINARY_SUFFIXES or content[:4] in (b"%PDF", b"PK\x03\x04"):
        from policytrack.parser.attachments import attachment_text  # pypdf and python-docx only when needed

        return attachment_text(content, "", name)
    text = decode_text(content)
    if not looks_like_text(content, text):
        raise PolicytrackError(f"{name}: not text (binary data; extract reads .txt, .html, .pdf and .docx)")
    if suffix in HTML_SUFFIXES or (suffix not in {".txt", ".text"} and _looks_like_html(text)):
        from policytrack.parser.gov_page import parse_detail  # bs4 only for HTML: a .txt starts faster

        return document_text(parse_detail(text, f"file:///{PurePath(name).name}"))
    return text
