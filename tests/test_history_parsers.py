"""Pure pieces of change tracking: sentence diffs, target diffs, references, validity, fingerprints."""

from __future__ import annotations

import pytest

from policytrack.parser.diffs import record_diff, sentences, text_diff, unified
from policytrack.parser.doc_numbers import key as doc_number_key
from policytrack.parser.fingerprint import text_hash
from policytrack.parser.numerals import small_number
from policytrack.parser.references import find_references
from policytrack.parser.validity import validity


def t(value: float, comparator: str = ">", year: int = 2027, subject: str = "产业规模") -> dict:
    return {"metric": "industry_scale", "subject": subject, "year": year, "value": value, "unit": "CNY",
            "comparator": comparator}


def test_sentences_split_on_chinese_punctuation_and_lines() -> None:
    assert sentences("一、目标。到2027年，规模超过50亿元；企业达到100家！\n二、措施") == [
        "一、目标。", "到2027年，规模超过50亿元；", "企业达到100家！", "二、措施"]


def test_text_diff_shows_the_changed_sentence_with_context() -> None:
    old = "一、目标。到2027年，规模超过50亿元。二、措施。支持企业。三、保障。"
    new = "一、目标。到2027年，规模超过100亿元。二、措施。支持企业。三、保障。"
    d = text_diff(old, new)
    assert ("-", "到2027年，规模超过50亿元。") in d and ("+", "到2027年，规模超过100亿元。") in d
    assert (" ", "三、保障。") not in d  # beyond one sentence of context
    assert unified(d, "v1", "v2").startswith("--- v1\n+++ v2\n")
    assert text_diff(old, old) == []


def test_record_diff_pairs_targets_by_metric_subject_and_year() -> None:
    d = record_diff([t(5e9), t(10, year=2025, subject="企业")], [t(1e10), t(3e9, year=2030)])
    assert [(c["old"]["value"], c["new"]["value"]) for c in d["changed"]] == [(5e9, 1e10)]
    assert [r["year"] for r in d["added"]] == [2030] and [r["subject"] for r in d["removed"]] == ["企业"]
    assert record_diff([t(5e9)], [t(5e9)]) == {"added": [], "removed": [], "changed": []}
    assert record_diff([t(5e9, ">")], [t(5e9, ">=")])["changed"]  # a new comparator is a change


def test_references_titles_numbers_and_bare_numbers() -> None:
    text = ("为贯彻落实《关于促进数据标注产业高质量发展的实施意见》（发改数据〔2024〕1822号）精神，"
            "根据国办发〔2023〕5号文件和《某省数字经济促进条例》，制定本方案。")
    refs = find_references(text)
    assert [(r.title, r.doc_number) for r in refs] == [
        ("关于促进数据标注产业高质量发展的实施意见", "发改数据〔2024〕1822号"),
        (None, "国办发〔2023〕5号"),
        ("某省数字经济促进条例", None),
    ]
    assert all(text[r.start:r.end] == r.quote for r in refs)


@pytest.mark.parametrize(("title", "text", "issued", "expected"), [
    ("数据标注产业发展行动计划（2024—2026年）", "", "2024-03-01", ("2024-01-01", "2026-12-31")),
    ("管理办法", "本办法自印发之日起施行，有效期3年。", "2024-03-01", ("2024-03-01", "2027-02-28")),
    ("管理办法", "本办法自2025年1月1日起施行，有效期五年。", "2024-12-01", ("2025-01-01", "2029-12-31")),
    ("通知", "本通知有效期至2026年6月30日。", "2024-12-01", (None, "2026-06-30")),
    ("通知", "请认真贯彻执行。引用《规划（2021—2025年）》。", "2024-12-01", (None, None)),
])
def test_validity(title: str, text: str, issued: str, expected: tuple) -> None:
    assert validity(title, text, issued) == expected


def test_small_numbers() -> None:
    assert [small_number(s) for s in ("3", "三", "两", "十", "十二", "二十")] == [3, 3, 2, 10, 12, 20]


def test_fingerprint_ignores_chrome_but_not_words() -> None:
    base = "第一条 到2027年，产业规模超过100亿元。"
    assert text_hash(base + "\n浏览次数：12\n【字体：大 中 小】") == text_hash(base + "  浏览次数：9876")
    assert text_hash(base) == text_hash(base.replace("2027", "２０２７"))  # full-width digits
    assert text_hash(base) != text_hash(base.replace("100", "200"))


def test_doc_number_key_variants() -> None:
    keys = {doc_number_key(s) for s in ("发改数据〔2024〕1822号", "发改数据[2024]1822号", "发改数据（2024）1822號",
                                        "发改数据 ［2024］ 1822 号")}
    assert keys == {"发改数据〔2024〕1822号"}
    assert doc_number_key("〔〕号") is None and doc_number_key("无") is None
