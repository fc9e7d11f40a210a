"""Large and hostile input: cleaning and extraction stay linear, memory stays bounded, values stay finite.
Ratios are loose (8× for 4× the input) so that a slow or busy machine does not make them flaky."""

from __future__ import annotations

import time
import tracemalloc

from policytrack.parser.cleantext import clean, pieces
from policytrack.parser.extract import extract

PARAGRAPH = ("到2027年，全市数据标注产业规模达到120亿元，培育数据标注企业50家以上。"
             "截至2024年底，已有标注基地3个，从业人员1.2万人。对新认定的基地给予最高200万元奖励。\n")


def _seconds(fn, arg) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - started)
    return best


def test_clean_is_linear_in_newlines_whatever_the_line_length() -> None:
    pdf_lines = "数据标注产业发展迅速，各地纷纷出台支持政策推动产业集聚发展壮大\n"  # 32 characters, joined
    for unit in (pdf_lines, PARAGRAPH):
        small, large = unit * (1_000_000 // len(unit.encode())), unit * (4_000_000 // len(unit.encode()))
        assert _seconds(clean, large) < 8 * _seconds(clean, small) + 0.05


def test_extraction_is_linear_on_text_without_clause_punctuation() -> None:
    run = "数据标注产业规模达到100亿元企业50家基地3个"
    small, large = run * (7_000 // len(run)), run * (28_000 // len(run))
    assert _seconds(extract, large) < 8 * _seconds(extract, small) + 0.05


def test_pieces_cut_only_where_clean_keeps_a_break_and_cover_the_text() -> None:
    table = "表1 | 指标 | 2027年\n产业规模 | 亿元 | 100\n"
    text = (table + "这一行很长但没有句号所以会和下一行连在一起读\n下一行。\n") * 500
    got = list(pieces(text, size=200))
    assert "".join(p for _, p in got) == text and len(got) > 10
    for offset, _ in got[1:]:
        before = text[:offset].rstrip("\n").rsplit("\n", 1)[-1]
        assert before.endswith(("。", "100")), before  # never inside a broken sentence or a table


def test_a_long_text_gives_the_records_of_its_parts_with_offsets_into_the_whole() -> None:
    text = PARAGRAPH * 2000  # ~220,000 characters: several pieces
    r = extract(text)
    assert [(t.value, t.year) for t in r.targets] == [(1.2e10, 2027), (50, 2027)]  # each figure once
    assert all(text[x.start:x.end] == x.quote for x in r.targets + r.facts + r.incentives)
    assert r.incentives[-1].start > len(text) - len(PARAGRAPH)  # offsets run to the end of the whole text


def test_memory_stays_bounded_per_megabyte() -> None:
    text = PARAGRAPH * (500_000 // len(PARAGRAPH.encode()))
    extract("到2027年，企业50家。")  # converters loaded before measuring
    tracemalloc.start()
    try:
        extract(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 15 * len(text.encode())  # 300 MB for 20 MB: what the issue allows
