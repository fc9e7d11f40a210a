"""What a detail page says about its document, and its attachments: the records the page parser produces
and everything downstream (the pipeline, the store) consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from policytrack.parser.records import Extraction
from policytrack.parser.references import Reference

Level = Literal["national", "provincial", "municipal"]
LEVELS: tuple[str, ...] = get_args(Level)


@dataclass(slots=True)
class Attachment:
    url: str
    name: str
    text: str = ""
    content_type: str = ""
    error: str | None = None


@dataclass(slots=True)
class DocPage:
    """A document as its page shows it; produced by parser/gov_page.py (pure)."""

    url: str
    title: str
    body_text: str
    doc_number: str | None = None  # 发文字号
    issuer: str | None = None  # 发文机关
    written_date: str | None = None  # 成文日期, ISO
    published_date: str | None = None  # 发布日期, ISO
    index_no: str | None = None  # 索引号
    topic: str | None = None  # 主题分类
    source_name: str | None = None  # ContentSource / 来源
    attachments: list[Attachment] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # HTML tables flattened to "cell | cell" lines


@dataclass(slots=True)
class ReadDocument:
    """One fetched document as the pipeline read it (pipeline/reading.py): everything a version is made of,
    for the store to save, `sources check` to show, and `reparse` to compare."""

    doc: DocPage  # its attachments carry their text or error
    text: str  # the body, then each attachment's text: what a version stores and extraction reads
    relevant: bool  # about the tracked subject (title or text names a keyword)
    extraction: Extraction
    parser_version: str
    references: list[Reference]
    validity: tuple[str | None, str | None]  # (in force from, expires), ISO
    raw: bytes  # the page as received, to re-read later
    content_type: str
    charset: str | None  # declared by the response's Content-Type, if any
    attachment_raw: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # url → (bytes, media type)
