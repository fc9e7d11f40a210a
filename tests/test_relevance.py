"""parser/relevance.py: the tracked keywords and how titles and texts are matched."""

from __future__ import annotations

import pytest

from policytrack.parser.relevance import (
    CORE_KEYWORDS,
    KEYWORDS,
    SEARCH_KEYWORDS,
    matched_keywords,
    normalise,
    text_is_relevant,
    title_is_relevant,
)


@pytest.mark.parametrize("title", [
    "关于促进数据标注产业高质量发展的实施意见",
    "大同市国家级数据标注基地建设实施方案",
    "关于开展人工智能训练师职业技能等级认定工作的通知",
    "“数据要素×”三年行动计划（2024—2026年）",
    "关于促进数据产业高质量发展的指导意见",
    "关于加快建设行业高质量数据集的通知",
    "关于推进中文语料库建设的若干措施",
    "大同市数据呼叫（标注）产业扶持政策",
    "關於促進數據標注產業高質量發展的實施意見",  # Traditional
    "关于促进数据 标注产业发展的通知",  # a stray space
    "关于ＡＩ数据标注的通知",  # full-width Latin
])
def test_relevant_titles(title: str) -> None:
    assert title_is_relevant(title)


@pytest.mark.parametrize("title", [
    "关于做好2025年春节期间煤电油气运保障工作的通知",
    "国务院关于印发“十四五”数字经济发展规划的通知",
    "一图读懂《关于促进数据标注产业高质量发展的实施意见》",
    "《关于促进数据标注产业高质量发展的实施意见》政策解读",
    "图解：数据要素×三年行动计划",
    "国家数据局有关负责同志就《“数据要素×”三年行动计划》答记者问",
    "国家数据局召开数据标注基地建设推进会",
    "",
])
def test_not_relevant_titles(title: str) -> None:
    assert not title_is_relevant(title)


def test_text_relevance_needs_an_annotation_keyword() -> None:
    assert text_is_relevant("支持开展数据标注、清洗、脱敏等数据处理工作")
    assert text_is_relevant("完善人工智能训练师职业技能评价")
    assert text_is_relevant("建设行业高质量数据集")
    assert text_is_relevant("數據標注員 培訓補貼")
    # context words alone are not enough
    assert not text_is_relevant("充分发挥数据要素作用，加快数据产业发展")
    assert not text_is_relevant("")


def test_keyword_lists() -> None:
    assert KEYWORDS[: len(CORE_KEYWORDS)] == CORE_KEYWORDS and len(set(KEYWORDS)) == len(KEYWORDS)
    assert set(SEARCH_KEYWORDS) <= set(KEYWORDS) | {"人工智能训练师"}
    assert "数据标注" in SEARCH_KEYWORDS
    assert matched_keywords("数据标注基地和高质量数据集") == ["数据标注", "标注基地", "高质量数据集"]
    assert normalise("數據 標注\u3000ＡＩ") == "数据标注AI"
