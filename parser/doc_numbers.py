"""The 发文字号 grammar: 发改数据〔2024〕1822号 and the ways pages and citations spell it. Pure.

Brackets vary (〔〕 [] ［］ （） () 【】), 號 appears in Traditional mirrors, spaces creep in. `normalise` gives
the official spelling; `key` gives one spelling for matching, under which all variants agree.
"""

from __future__ import annotations

import re
import unicodedata

# 发改数据〔2024〕1822号, with [2024] / （2024） / 【2024】 variants and traditional 號.
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,10}\s*[〔\[［（(【]\s*((?:19|20)\d{2})\s*[〕\]］）)】]\s*(\d{1,5})\s*[号號]"
)
_SPACE = re.compile(r"\s+")


def normalise(found: str) -> str:
    """The official spelling: 〔〕 brackets, 号, no spaces; a string without a number is returned folded."""
    m = DOC_NUMBER.search(found)
    if not m:
        return " ".join(found.split())
    prefix = _SPACE.sub("", found[m.start(): m.start(1)]).rstrip("〔[［（(【")
    return f"{prefix}〔{m.group(1)}〕{m.group(2)}号"


def find(text: str | None) -> str | None:
    """The first 发文字号 in `text`, normalised."""
    m = DOC_NUMBER.search(text or "")
    return normalise(m.group(0)) if m else None


def key(doc_number: str | None) -> str | None:
    """One spelling for matching (leading zeros of the serial dropped); None for no number at all, such as
    the empty placeholder 〔〕号."""
    if not doc_number:
        return None
    m = DOC_NUMBER.search(_SPACE.sub("", unicodedata.normalize("NFKC", doc_number)))
    if not m:
        return None
    prefix = m.group(0)[: m.start(1) - m.start()].rstrip("〔[［（(【")
    return f"{prefix}〔{m.group(1)}〕{int(m.group(2))}号"
