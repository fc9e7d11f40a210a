"""What a detail page says about its document, and its attachments: the records the page parser produces
and everything downstream (the pipeline, the store) consumes."""

from __future__ import annotations

from dataclasses import dataclass, field


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
