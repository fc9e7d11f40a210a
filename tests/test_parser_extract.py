"""The extractor on invented text, one test per phrasing real policies use (issue 3)."""

from __future__ import annotations

import pytest

from policytrack.parser.extract import extract
from policytrack.parser.numerals import cn_number


def targets(text: str) -> list[tuple]:
    return [(t.metric, t.value, t.unit, t.comparator, t.year) for t in extract(text).targets]


def facts(text: str) -> list[tuple]:
    return [(f.metric, f.value, f.unit, f.comparator, f.year) for f in extract(text).facts]


@pytest.mark.parametrize(("text", "expected"), [
    ("到2026年，全市数据标注产业规模年均增长率超过15%。", [("growth_rate", 15, "percent", ">", 2026)]),
    ("到2026年，产业增速不低于百分之二十。", [("growth_rate", 20, "percent", ">=", 2026)]),
    ("到2026年，培育数据标注企业两千家。", [("enterprises", 2000, "count", "=", 2026)]),
    ("到2026年，培训数据标注员1.2万名。", [("talent", 12000, "persons", "=", 2026)]),
    ("到2026年，引育数据标注企业3000余家。", [("enterprises", 3000, "count", ">", 2026)]),
    ("到2026年，建设十余个数据标注基地。", [("bases", 10, "count", ">", 2026)]),
    ("到2026年，数据标注产业规模突破百亿元。", [("industry_scale", 1e10, "CNY", ">", 2026)]),
    ("到2026年，核心产业规模达到2.5亿元。", [("industry_scale", 2.5e8, "CNY", ">=", 2026)]),
    ("到2026年，数据产业规模约1.2万亿元。", [("industry_scale", 1.2e12, "CNY", "~", 2026)]),
    ("到2026年，建成高质量数据集500个左右。", [("datasets", 500, "count", "~", 2026)]),
    ("到2026年，从业人员近5万人。", [("talent", 50000, "persons", "~", 2026)]),
    ("到2026年，打造200个以上典型应用场景。", [("cases", 200, "count", ">=", 2026)]),
    ("到2026年，增加值占地区生产总值比重达到12%。", [("share", 12, "percent", ">=", 2026)]),
    ("到2026年，研制数据标注国家标准5项。", [("standards", 5, "count", "=", 2026)]),
    ("到2026年，设立专项资金3亿元。", [("funding", 3e8, "CNY", "=", 2026)]),
    ("到2026年，标注数据总量超过500PB。", [("other", 5e17, "bytes", ">", 2026)]),
    ("到2026年，产业规模年均增长20%—30%。", [("growth_rate", 20, "percent", ">=", 2026)]),
    ("到2026年，培育3至5家龙头企业。", [("enterprises", 3, "count", ">=", 2026)]),
    ("到2026年，数据交易额增长2倍。", [("growth_rate", 200, "percent", "=", 2026)]),
])
def test_numbers_units_and_comparators(text: str, expected: list[tuple]) -> None:
    assert targets(text) == expected


def test_several_targets_in_one_sentence_share_its_year() -> None:
    got = targets("到2027年底，引进培育50家以上数据标注企业，集聚标注员8000人，年营收达到30亿元。")
    assert got == [("enterprises", 50, "count", ">=", 2027), ("talent", 8000, "persons", "=", 2027),
                   ("industry_scale", 3e9, "CNY", ">=", 2027)]


def test_a_year_stated_once_for_a_list() -> None:
    text = ("一、发展目标\n到2028年，全省数据标注产业体系基本形成。\n"
            "（一）建设3个数据标注基地。\n（二）培育100家数据标注企业。\n（三）建成数据集800个。")
    assert [t[-1] for t in targets(text)] == [2028, 2028, 2028]


def test_two_horizons_and_five_year_plan_periods() -> None:
    text = "到2025年，产业规模达到20亿元。到2030年，产业规模达到80亿元。到“十五五”末，企业超过300家。"
    assert [(t[1], t[-1]) for t in targets(text)] == [(2e9, 2025), (8e9, 2030), (300, 2030)]
    assert targets("“十四五”时期，建设数据标注基地5个。")[0][-1] == 2025
    assert targets("行动计划（2024—2026年）：建设标注基地4个。") == [("bases", 4, "count", "=", 2026)]


def test_facts_are_never_targets() -> None:
    text = ("截至2024年底，全市已有数据标注企业41家。2023年，全省数据标注产业规模达60.8亿元，同比增长18%。"
            "目前累计培训标注员1.5万人次。到2027年，企业数量超过100家。")
    assert targets(text) == [("enterprises", 100, "count", ">", 2027)]
    assert facts(text) == [("enterprises", 41, "count", "=", 2024), ("industry_scale", 6.08e9, "CNY", "=", 2023),
                           ("growth_rate", 18, "percent", "=", 2023), ("talent", 15000, "persons", "=", None)]


def test_a_forecast_for_a_year_is_a_target_and_a_comparison_base_is_not_a_horizon() -> None:
    assert targets("2023年产业规模已达10亿元，预计2030年将突破50亿元。") == [
        ("industry_scale", 5e9, "CNY", ">", 2030)]
    assert facts("2024年，企业数量较“十三五”末增长80%。") == [("growth_rate", 80, "percent", "=", 2024)]


def test_every_year_or_this_year_leaves_the_year_unstated() -> None:
    assert targets("到2027年，每年新增数据标注岗位2000个。")[0][-1] is None


def test_numbers_that_are_not_targets() -> None:
    text = ("根据《关于促进数据标注产业高质量发展的实施意见》（发改数据〔2024〕1822号）第三条，"
            "2025年1月13日起施行。联系电话：010-68501234。构建“1+N”体系，“1”即1个产业链。"
            "本方案共有18项任务、25条措施。详见附件2。聚焦制造、医疗、交通等12个行业领域。"
            "新增人工智能训练师、数据标注员两个职业。全文共6大部分13项具体任务，分三个部分。"
            "文件校验码1c1021f5eb。")
    assert targets(text) == []


def test_traditional_characters_and_full_width_digits_keep_original_quotes() -> None:
    text = "到２０２７年，數據標注產業規模年均複合增長率超過２０％。"
    [t] = extract(text).targets
    assert (t.value, t.comparator, t.year) == (20, ">", 2027)
    assert text[t.start:t.end] == t.quote and "２０％" in t.quote


def test_pinyin_glosses_and_pdf_line_breaks() -> None:
    text = "力爭到2027年，全省數字經濟增加值增長(cháng)55%以上，數據標注產業\n規模達到5.5萬億元。"
    got = extract(text).targets
    assert [(t.value, t.comparator) for t in got] == [(55, ">="), (5.5e12, ">=")]
    assert all(text[t.start:t.end] == t.quote for t in got)
    broken = "到2027年，数据标注产业规模年均复合增长率超\n过20%，培育数据标注企业100家。"
    assert targets(broken)[0][1:] == (20, "percent", ">", 2027)
    # a word glossed whole, in full-width brackets: 企業（qǐ yè）
    worded = "數據標註基地已入駐企業（qǐ yè）52家，帶動就業（jiù yè）3000餘人。"
    assert [(f.metric, f.subject, f.value) for f in extract(worded).facts] == [
        ("enterprises", "数据标注基地已入驻企业", 52), ("other", "就业", 3000)]


def test_indicator_tables_give_one_target_per_cell() -> None:
    text = ("表1 主要指标\n指标 | 单位 | 2024年 | 2026年 | 属性\n数据标注产业规模 | 亿元 | 30 | 60 | 预期性\n"
            "数据标注企业 | 家 | 20 | 50 | 预期性\n高质量数据集 | 个 | / | 300 | 预期性")
    assert targets(text) == [("industry_scale", 6e9, "CNY", "=", 2026), ("enterprises", 50, "count", "=", 2026),
                             ("datasets", 300, "count", "=", 2026)]
    assert facts(text) == [("industry_scale", 3e9, "CNY", "=", 2024), ("enterprises", 20, "count", "=", 2024)]
    by_name = "指标 | 2025年 | 2027年\n数据标注产业规模（亿元） | 40 | 100\n持证标注员（人） | 5000 | 10000"
    assert [t[1:] for t in targets(by_name)] == [(1e10, "CNY", "=", 2027), (10000, "persons", "=", 2027)]
    # flattened to one cell a line, the unit in the name, a value of 2000 that is no year column
    flat = "指标 |\n2023年 |\n2025年 |\n2027年 |\n属性 |\n数据产业规模（亿元） |\n800 |\n1200 |\n2000 |\n预期性 |"
    assert [t[1:] for t in targets(flat)] == [(1.2e11, "CNY", "=", 2025), (2e11, "CNY", "=", 2027)]
    assert [f[1:] for f in facts(flat)] == [(8e10, "CNY", "=", 2023)]


def test_a_table_repeating_the_prose_is_counted_once() -> None:
    text = "到2026年，数据标注企业超过50家。\n指标 | 单位 | 2026年\n数据标注企业 | 家 | 50"
    assert targets(text) == [("enterprises", 50, "count", ">", 2026)]


def test_incentives_caps_rates_and_thresholds() -> None:
    text = ("对年营业收入首次达到1亿元以上的数据标注企业，按其研发投入的20%给予奖励，最高不超过500万元。"
            "对新认定的数据标注基地，给予一次性补贴200万元。")
    got = [(i.amount, i.cap, i.rate) for i in extract(text).incentives]
    assert got == [(5e6, True, 20), (2e6, False, None)]
    assert targets(text) == []


def test_qualitative_commitments_are_kept_apart_and_never_given_a_number() -> None:
    r = extract("到2027年，培育一批具有影响力的数据标注企业，产业创新能力显著提升，产业规模翻一番。")
    assert targets("到2027年，产业规模翻一番。") == [("growth_rate", 100, "percent", "=", 2027)]  # the convention
    assert len(r.targets) == 1 and len(r.commitments) >= 2
    assert all(c.year == 2027 for c in r.commitments)


def test_schemes() -> None:
    text = ("开展人工智能训练师、数据标注员职业技能等级认定。建立数据标注标准体系。"
            "保定入选国家数据标注基地试点名单。建立数据标注人才库。")
    assert {s.kind for s in extract(text).schemes} == {"skill_certification", "standard", "base_designation",
                                                       "talent_program"}


def test_every_quote_is_the_original_text_at_its_offsets() -> None:
    text = "到２０２７年，數據標注企業超過100家，\n年營收達到30億元；2024年已有企業41家。每個基地最高獎勵500萬元。"
    r = extract(text)
    records = r.targets + r.facts + r.incentives + r.schemes + r.commitments
    assert records and all(text[x.start:x.end] == x.quote for x in records)


@pytest.mark.parametrize(("s", "n"), [("一千二百", 1200), ("两千", 2000), ("百", 100), ("万", 1e4), ("百亿", 1e10),
                                      ("十二", 12), ("二十", 20), ("三万五千", 35000), ("一二", None)])
def test_chinese_numerals(s: str, n: float | None) -> None:
    assert cn_number(s) == n


def test_no_text_no_records() -> None:
    assert extract("").to_dict() == {k: [] for k in ("targets", "facts", "incentives", "schemes", "commitments")}


def test_a_money_ceiling_is_an_offer_even_without_a_reward_word() -> None:
    r = extract("场景揭榜项目：不超过场景开发投入的20%，单个项目最高500万元。")
    assert r.targets == [] and [(i.amount, i.cap, i.rate) for i in r.incentives] == [(5e6, True, 20)]


def test_one_is_a_target_after_a_verb_of_building_but_not_as_an_article_or_enumeration() -> None:
    assert [t[1] for t in targets("到2026年，建成国家级数据标注基地1个、省级数据标注基地5个。")] == [1, 5]
    assert [t[1] for t in targets("到2026年，打造一个数据标注公共服务平台。")] == [1]
    assert targets("到2026年，数据标注将是一个重要的新兴产业，构建“1+N”体系，“1”即1个产业链。") == []


def test_the_subject_of_a_bare_figure_is_the_clause_before() -> None:
    doubled, t = extract("到2030年，数据标注产业规模较2025年翻一番，达到200亿元左右。").targets
    assert (t.subject, t.value, t.comparator) == ("数据标注产业规模", 2e10, "~")
    assert (doubled.metric, doubled.value, doubled.year) == ("growth_rate", 100, 2030)


def test_chained_thresholds_are_conditions_and_each_reward_an_offer() -> None:
    r = extract("对年度营业收入首次突破1000万元、5000万元、1亿元的数据标注企业，分别给予10万元、30万元、50万元奖励。")
    assert [i.amount for i in r.incentives] == [1e5, 3e5, 5e5] and r.targets == []


def test_prices_per_unit_are_offers_and_zhichi_is_no_classifier() -> None:
    r = extract("场地补贴：前3年2500元/年；购买自用办公用房每平方米500元。措施2支持企业上云。")
    assert r.targets == [] and [i.amount for i in r.incentives] == [2500, 500]
    assert targets("到2027年，每年安排专项资金4.8亿元。") == [("funding", 4.8e8, "CNY", "=", None)]


def test_a_bare_year_followed_by_an_aim_is_a_horizon() -> None:
    assert targets("2026年，力争全市数据标注产业规模达到30亿元。") == [("industry_scale", 3e9, "CNY", ">=", 2026)]
    assert facts("2024年，全国数据企业超过40万家，预计未来几年仍将保持较快增长。") == [
        ("enterprises", 4e5, "count", ">", 2024)]


def test_a_horizon_stated_after_the_figure_applies_to_it() -> None:
    got = targets("力争用3年时间，全省数据标注产业规模年均增长30%，到2026年达到200亿元。")
    assert [t[-1] for t in got] == [2026, 2026]


def test_money_qualifying_the_firms_counted_is_no_target() -> None:
    assert targets("到2025年，其中营业收入超亿元企业5家以上。") == [("enterprises", 5, "count", ">=", 2025)]


def test_person_times() -> None:
    assert targets("到2026年，培养持证数据标注员2万人次以上。") == [("talent", 20000, "persons", ">=", 2026)]


def test_a_table_with_a_marked_base_year_and_two_horizons() -> None:
    text = ("序号 | 指标名称 | 单位 | 2023年（基期） | 2025年 | 2027年 | 属性\n"
            "1 | 数据标注产业规模 | 亿元 | 18.6 | 40 | 80 | 预期性\n2 | 高质量数据集 | 个 | — | 200 | 500 | 约束性")
    assert [(t[1], t[-1]) for t in targets(text)] == [(4e9, 2025), (8e9, 2027), (200, 2025), (500, 2027)]
    assert facts(text) == [("industry_scale", 1.86e9, "CNY", "=", 2023)]  # exactly, not 1860000000.0000002


def test_orders_of_magnitude_subjects_and_modifiers_with_figures() -> None:
    assert targets("到“十四五”末，数据标注产业规模达到百亿级。") == [("industry_scale", 1e10, "CNY", ">=", 2025)]
    got = extract("到2026年，培育10家以上年营收超5000万元的数据标注企业。").targets
    assert [(t.metric, t.value, t.subject) for t in got] == [("enterprises", 10, "数据标注企业")]
    assert extract("2024年全省数据标注产业规模为12.3亿元。").facts[0].subject == "全省数据标注产业规模"


def test_a_year_in_chinese_numerals() -> None:
    text = "到二〇二七年，全省数据标注产业规模突破100亿元。"
    [t] = extract(text).targets
    assert (t.year, t.quote) == (2027, text[t.start:t.end])
    assert targets("到二零二六年，培育数据标注企业50家。")[0][-1] == 2026
