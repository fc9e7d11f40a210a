"""What makes two fetches "the same text": pure functions, no I/O (the same document: doc_numbers.key).

A version is stored only when the fingerprint of the normalised text changes, so page chrome that
survives the body extraction (visit counters, generation times, font-size widgets, whitespace,
full-width vs half-width forms) never produces a false revision.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_CHROME = re.compile(
    r"(?:浏览次数|浏览量|访问量|访问次数|点击数|点击量|阅读次数|阅读量|生成时间|发布时间|更新时间|来源|字号)"
    r"\s*[:：]\s*[\d\-/:年月日 .]*"
    r"|【?\s*字[体号]\s*[:：]?\s*[大中小\s]+】?"
    r"|【?(?:打印本页|关闭窗口|打印|关闭|返回顶部|分享到)】?"
)
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The text as compared between fetches: NFKC forms, chrome removed, no whitespace at all
    (Chinese needs no spaces, and re-wrapping must not count as a change)."""
    text = unicodedata.normalize("NFKC", text)
    text = _CHROME.sub("", text)
    return _SPACE.sub("", text)


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
