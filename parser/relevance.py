"""THE tracked keyword list, and whether a title or a text is about the data-annotation industry. Pure.

Matching runs on a normalised form: full-width ASCII folded (NFKC), Traditional folded to Simplified
(OpenCC t2s, loaded on first use), whitespace removed, so 「數據標注」 and 「数据 标注」 both match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from policytrack.parser.simplified import to_simplified

# Annotation labour and industry: a document naming one of these is on topic by itself.
CORE_KEYWORDS: tuple[str, ...] = (
    "数据标注",  # also covers 数据标注员, 数据标注基地, 数据标注产业
    "标注基地",
    "标注产业",
    "标注员",
    "人工智能训练师",  # the occupation (4-04-05-05) whose 工种 is 数据标注员
    "智能训练师",
    "数据呼叫",  # 大同's 数据呼叫（标注）产业
    "数据众包",
)
# The industry around it: where annotation targets and subsidies are usually written down.
RELATED_KEYWORDS: tuple[str, ...] = (
    "高质量数据集",
    "语料",  # 语料库, 训练语料
    "训练数据",
    "数据要素",
    "数据产业",
    "数据资源开发",
)
KEYWORDS: tuple[str, ...] = CORE_KEYWORDS + RELATED_KEYWORDS
# What the policy-library search asks for by default: one query per keyword.
SEARCH_KEYWORDS: tuple[str, ...] = ("数据标注", "人工智能训练师", "数据要素", "数据产业", "高质量数据集")

# Titles of pages about a policy that are not the policy itself: 解读, 图解, news of meetings.
NON_POLICY_MARKERS: tuple[str, ...] = (
    "解读", "图解", "一图读懂", "图说", "答记者问", "新闻发布会", "发布会", "座谈会", "召开", "调研",
    "视频", "专访", "访谈", "综述", "侧记",
)

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Full-width folded, Simplified, no whitespace: the form keywords are matched in."""
    text = unicodedata.normalize("NFKC", text)
    text = _SPACE.sub("", text)
    return to_simplified(text)


# A text is on topic when it names the annotation industry itself: the related words alone (数据要素) are
# mentioned by too many unrelated documents.
TEXT_KEYWORDS: tuple[str, ...] = CORE_KEYWORDS + ("高质量数据集",)


def matched_keywords(text: str, keywords: Sequence[str] = KEYWORDS) -> list[str]:
    norm = normalise(text or "")
    return [k for k in keywords if normalise(k) in norm]


def title_is_relevant(title: str, keywords: Sequence[str] | None = None) -> bool:
    """A list or page title names a tracked keyword (the default list, or the user's) and is not a
    解读/图解/news item about one."""
    norm = normalise(title or "")
    if not any(normalise(k) in norm for k in keywords or KEYWORDS):
        return False
    return not any(marker in norm for marker in NON_POLICY_MARKERS)


def text_is_relevant(text: str, keywords: Sequence[str] | None = None) -> bool:
    """A document's text names a tracked keyword: the user's list when given, else TEXT_KEYWORDS."""
    return bool(matched_keywords(text, keywords or TEXT_KEYWORDS))
