"""The second pass on the extractor: phrasings of plans and reports that the dev set's tune split does not
hold, each from invented text. Target or fact is read from the text's own time (the latest year it reports),
its kind (a plan that assigns work, a news report), the sentence's aim, and brackets and clauses that scope a
time word; then units and counts that real text writes in more than one way."""

from __future__ import annotations

from policytrack.parser.extract import extract
from policytrack.parser.timeframes import Document


def targets(text: str) -> list[tuple]:
    return [(t.value, t.year) for t in extract(text).targets]


def facts(text: str) -> list[tuple]:
    return [(f.value, f.year) for f in extract(text).facts]


# ---- the text's own time and kind ------------------------------------------------------------------------

def test_the_latest_year_a_text_reports_is_its_now() -> None:
    assert Document.read("2025年3月，省数据局发布消息。").now == 2025
    assert Document.read("2023年，全省营收同比增长12%。").now == 2023
    assert Document.read("2024年以来，全省新增企业30家。").now == 2024
    # deadlines, validity and events still to come are no "now"
    assert Document.read("有效期至2027年12月31日。2026年6月底前完成验收。计划于2028年5月举办。").now is None


def test_kinds_of_text() -> None:
    plan = Document.read("1.建设算力设施。新建智算中心2个。（责任单位：市数据局）")
    report = Document.read("记者从市数据局获悉，全市新增企业20家。")
    assert (plan.plan, plan.report) == (True, False) and (report.plan, report.report) == (False, True)


def test_a_year_plan_named_anywhere_in_its_title() -> None:
    text = "某县2027年数字乡村工作要点\n一、目标\n全县建成数据标注车间4个；吸纳就业2000人。"
    assert targets(text) == [(4, 2027), (2000, 2027)]
    assert Document.read("2024年重点工作完成情况").plan_year is None  # a report of a year's work done


def test_bare_years_of_a_work_plan_that_assigns_work_are_its_aims() -> None:
    text = ("（三）扩大算力供给。2026年，全市智能算力规模达到8000P，数据中心机架数达到3万架。"
            "（牵头单位：市发展改革委）")
    assert targets(text) == [(8e18, 2026), (30000, 2026)] and facts(text) == []


def test_a_plans_background_before_its_period_is_a_fact() -> None:
    text = ("某区算力产业行动方案（2026—2028年）\n（一）现状基础\n2025年，全区算力规模达到2000P。\n"
            "（二）主要目标：\n2028年，全区算力规模达到6000P。")
    assert facts(text) == [(2e18, 2025)] and targets(text) == [(6e18, 2028)]


def test_a_meeting_that_asks_for_a_year_sets_a_target() -> None:
    text = ("会议通报，2025年全县数字经济增加值达到80亿元，同比增长9%。会议部署，2026年，"
            "全县数字经济增加值突破90亿元。")
    assert facts(text) == [(8e9, 2025), (9, 2025)] and targets(text) == [(9e9, 2026)]


def test_an_estimate_for_a_year_before_the_texts_date_is_a_fact() -> None:
    text = "2026年1月，市统计局发布数据。此前机构预计2025年全市算力产业规模将达到30亿元。"
    assert facts(text) == [(3e9, 2025)] and targets(text) == []


def test_a_later_year_in_a_plan_after_the_year_it_reports_is_an_aim() -> None:
    text = "2024年，全区算力规模同比增长35%。2026年，全区算力规模达到500P。（责任单位：区数据局）"
    assert facts(text) == [(35, 2024)] and targets(text) == [(5e17, 2026)]


def test_a_news_report_with_no_time_word_reports() -> None:
    assert targets("日前，区人社局公布首批数据标注实训基地，4家机构入选。") == []
    assert facts("日前，区人社局公布首批数据标注实训基地，4家机构入选。") == [(4, None)]
    text = "记者了解到，该园区集聚标注企业18家。"
    assert targets(text) == [] and facts(text) == [(18, None)]


# ---- a sentence's aim, brackets and clauses ----------------------------------------------------------------

def test_an_aim_stated_once_reaches_each_year_after_it() -> None:
    text = "《规划》提出，2026年，全市标注产业产值达到12亿元，2029年超过30亿元。"
    assert targets(text) == [(1.2e9, 2026), (3e9, 2029)]


def test_steps_of_a_plan_introduce_bare_years() -> None:
    text = "按照方案，全县分两步推进：2026年，标注从业人员达到800人；2027年，突破1500人。"
    assert targets(text) == [(800, 2026), (1500, 2027)]


def test_a_year_in_brackets_does_not_reach_the_items_after_it() -> None:
    text = "到2028年，全区标注企业达到40家（2025年为12家）；标注从业人员超过6000人；建成实训基地2个。"
    assert targets(text) == [(40, 2028), (6000, 2028), (2, 2028)] and facts(text) == [(12, 2025)]


def test_every_year_inside_a_figures_clause_is_that_clauses_own() -> None:
    text = "到2028年，全市数据产业规模达到300亿元，每年新增标注企业15家，建成公共标注平台2个。"
    assert targets(text) == [(3e10, 2028), (15, None), (2, 2028)]
    assert targets("今年，全市将新增标注企业15家，建成标注平台2个。") == [(15, None), (2, None)]


def test_items_after_a_semicolon_go_on_with_a_report() -> None:
    text = "据介绍，到2018年底，全市已有数据中心8个；到2022年底，全市数据中心机架达到4万架。"
    assert targets(text) == [] and facts(text) == [(8, 2018), (40000, 2022)]


def test_a_period_before_the_industry_had_texts_is_past() -> None:
    text = "“十二五”期间，全市软件业收入年均增长18%；“十三五”期间，年均增长14%。"
    assert targets(text) == [] and facts(text) == [(18, 2015), (14, 2020)]


def test_a_series_over_years_gone_by_and_a_goal_met() -> None:
    assert targets("三年来，全县标注产值由2亿元增长到6亿元。") == []
    assert facts("三年来，全县标注产值由2亿元增长到6亿元。") == [(2e8, None), (6e8, None)]
    text = "行动计划实施以来，全市标注企业从2021年的9家增至2024年的37家，提前完成了规划目标。"
    assert targets(text) == [] and facts(text) == [(9, 2021), (37, 2024)]


# ---- units and counts ---------------------------------------------------------------------------------------

def test_shares_of_firms_and_a_threshold_for_firms() -> None:
    text = "到2028年，一半以上的规上企业开展数据标注业务，研发投入占比3%以上的企业达到50家。"
    assert targets(text) == [(50, 2028), (50, 2028)]  # 一半以上 a share; 50家 the count, not 3%
    assert [t.unit for t in extract(text).targets] == ["percent", "count"]


def test_shares_written_in_tenths_after_a_verb() -> None:
    assert facts("调查显示，本地标注员约三成来自周边县区。") == [(30, None)]
    assert facts("目前全市标注企业中有两成设在园区。") == [(20, None)]
    assert facts("该企业建成投产以来发展迅速。") == []  # 建成 is no share


def test_doubling_with_le_and_persons_counted_with_wei() -> None:
    assert [(f.value, f.unit) for f in extract("与2022年相比，全市标注产值翻了一番。").facts] == [(100, "percent")]
    assert [(t.value, t.unit) for t in extract("到2027年，培养不少于200位数据标注讲师。").targets] == [(200, "persons")]


def test_a_rank_is_no_head_count() -> None:
    assert extract("成绩排名前十名的选手获得证书，获得前三名的团队给予表彰。").targets == []


def test_records_are_other_and_compute_power_per_second_keeps_its_comparator() -> None:
    r = extract("到2027年，全市汇聚训练语料超过8亿条，超算计算能力达到每秒50亿亿次。")
    assert [(t.metric, t.comparator, t.measure) for t in r.targets] == [("other", ">", "records"),
                                                                      ("other", ">=", "flops")]


# ---- round two: events, days, periods left behind, offers that aim, names of a plan's parts -----------------

def test_an_event_and_the_day_it_took_place() -> None:
    text = "2025年10月12日，全省标注产业论坛在太原举办，来自各地的80余家企业、260多名代表与会。"
    assert targets(text) == [] and facts(text) == [(80, 2025), (260, 2025)]
    assert targets("9月3日，园区举行开园仪式，首批入驻企业16家。") == []
    assert targets("2026年9月底前，建成标注实训基地2个。") == [(2, 2026)]  # a deadline


def test_an_estimate_for_the_year_the_text_reports_on_is_a_fact() -> None:
    text = "2025年12月，市统计局发布数据显示，预计2025年全市标注产业营收将达到26亿元。"
    assert facts(text) == [(2.6e9, 2025)] and targets(text) == []


def test_a_period_before_a_later_one_the_text_names_is_past() -> None:
    text = "“十四五”时期，全区标注产业年均增长21%。“十五五”时期，全区将力争标注产业规模突破80亿元。"
    assert facts(text) == [(21, 2025)] and targets(text) == [(8e9, 2030)]


def test_a_share_an_offer_aims_at_is_a_target_but_its_rate_is_not() -> None:
    text = "到2027年，对企业上云给予最高20%的补贴，推动中小企业上云率提高到60%以上。"
    assert targets(text) == [(60, 2027)] and extract(text).incentives == []


def test_a_count_inside_a_quoted_name_is_the_plans_structure() -> None:
    assert extract("构建“一中心两平台三体系”，落实“两个确保、三项提升”。").targets == []
    assert targets("到2030年，建设“百个”标注示范场景。") == [(100, 2030)]


def test_sessions_counted_with_chang() -> None:
    assert targets("2026年，全市计划举办标注技能培训20场。") == [(20, 2026)]
    assert facts("园区已有标注场地3处。") == [(3, None)]  # 场地 is no count of sessions


def test_wages_in_a_sentence_are_no_offer() -> None:
    r = extract("标注员月均收入5200元，熟练工最高可达9000元。")
    assert r.incentives == [] and [(f.value, f.metric) for f in r.facts][0] == (5200, "other")
    assert [i.amount for i in extract("补贴最高可达30万元。").incentives] == [300000]


def test_a_share_raised_to_a_level_and_the_same_thing_counted_again() -> None:
    [t] = extract("到2027年，本地标注服务比例提高到七成以上。").targets
    assert (t.metric, t.value) == ("share", 70)
    r = extract("目前，园区已入驻标注企业31家，预计明年将突破50家。")
    assert [(x.metric, x.value) for x in r.facts + r.targets] == [("enterprises", 31), ("enterprises", 50)]


# ---- round three: years a text aims at, years since, speech that sets aims, what is counted ------------------

def test_a_year_the_text_aims_at_somewhere_is_ahead_everywhere() -> None:
    text = ("——规模壮大。2027年，全县标注产业产值达到9亿元。\n"
            "——主体集聚。2027年，引育标注企业40家以上。")
    assert targets(text) == [(9e8, 2027), (40, 2027)]


def test_since_a_year_counts_to_date() -> None:
    text = "园区自2022年开园以来，已累计引进标注企业58家，带动就业2400余人。"
    assert targets(text) == [] and facts(text) == [(58, None), (2400, None)]


def test_once_built_and_what_a_meeting_asks_for_look_ahead() -> None:
    assert targets("园区正在建设三期厂房，建成后可新增标注工位1500个。") == [(1500, None)]
    text = "会议回顾了过去一年的工作，全县标注产值增长21%。会议强调，今年要确保标注产值增长15%以上。"
    assert facts(text) == [(21, None)] and targets(text) == [(15, None)]


def test_a_bracketed_base_year_inside_an_aim() -> None:
    text = "到2028年，全区标注企业力争超过90家（2024年为35家），标注人员达到8000人（2024年为3100人）。"
    assert targets(text) == [(90, 2028), (8000, 2028)] and facts(text) == [(35, 2024), (3100, 2024)]


def test_what_a_count_of_bases_counts_and_meetings_in_numerals() -> None:
    r = extract("全市5个标注基地累计培训标注人员1.1万人次。")
    assert [(f.value, f.unit) for f in r.facts] == [(5, "count"), (11000, "persons")]
    assert extract("市数据局召开两场座谈会。").facts == []


def test_a_counted_scheme_is_a_figure_but_a_training_with_a_head_count_is_a_scheme() -> None:
    assert extract("到2027年，建成标注实训基地6个。").schemes == []
    assert [s.kind for s in extract("2026年，开展数据标注技能培训1.5万人次。").schemes] == ["training"]
    assert [s.kind for s in extract("该园区获评省级数据标注特色产业园。").schemes] == ["base_designation"]


def test_a_headline_without_the_year_its_body_gives_is_the_same_figure() -> None:
    text = "全市标注企业突破200家\n记者获悉，2025年，全市标注企业突破200家，同比增长25%。"
    assert facts(text) == [(200, 2025), (25, 2025)]


def test_certificates_counted_with_ben_and_the_unit_of_a_ratio() -> None:
    assert facts("全县累计发放标注员证书860余本。") == [(860, None)]
    r = extract("据测算，标注产业每新增1亿元营收，可带动就业约600人。")
    assert [(f.value, f.unit) for f in r.facts] == [(600, "persons")] and r.incentives == []


# ---- round four: items after ； under a horizon, what existing things are, years of effort ---------------------

def test_existing_things_named_in_items_keep_the_horizon() -> None:
    text = ("到2028年，全市标注产业产值达到40亿元；现有数据中心改造升级比例达到90%；"
            "已建成的标注基地满负荷率超过75%；新引进标注企业30家。")
    assert targets(text) == [(4e9, 2028), (90, 2028), (75, 2028), (30, 2028)] and facts(text) == []
    assert facts("目前，全县现有标注企业42家，已建成的标注车间6个。") == [(42, None), (6, None)]


def test_years_of_effort_in_a_plan_reach_its_last_year() -> None:
    text = "某县数据标注产业三年行动方案（2025—2027年）\n\n力争用三年时间，全县标注从业人员达到5000人，引进企业20家。"
    assert targets(text) == [(5000, 2027), (20, 2027)]


def test_a_plans_period_in_brackets_reaches_what_follows_but_a_bracketed_figure_does_not() -> None:
    assert targets("实施方案（2025—2027年）：建成标注基地3个，培育企业30家。") == [(3, 2027), (30, 2027)]
    text = "到2027年，全县标注人员达到6000人（2024年约2100人），建成实训基地2个。"
    assert targets(text) == [(6000, 2027), (2, 2027)] and facts(text) == [(2100, 2024)]


# ---- round five: series over a span, forecasts the text itself checks, what 首次 and 年度 qualify ----------

def test_a_span_of_years_with_from_and_you_is_a_series() -> None:
    text = "从2021年到2025年，全县标注企业由6家增加到41家。"
    assert targets(text) == [] and facts(text) == [(6, 2021), (41, 2025)]


def test_a_forecast_for_a_year_the_text_reports_is_a_fact() -> None:
    text = "有机构曾预测，2024年全省标注市场规模将达到30亿元；2024年，实际规模达到了36亿元。"
    assert targets(text) == [] and facts(text) == [(3e9, 2024), (3.6e9, 2024)]


def test_since_a_plan_period_began_counts_to_date() -> None:
    assert facts("“十四五”以来，全区累计引进标注企业52家。") == [(52, None)]


def test_first_time_and_annual_qualify_a_figure_without_making_it_a_condition() -> None:
    assert facts("今年上半年，全县标注产值首次突破了3亿元。") == [(3e8, None)]
    assert targets("到2028年，全县标注产业年度产值达到12亿元。") == [(1.2e9, 2028)]
    assert extract("对年度营业收入首次突破2000万元的标注企业给予奖励。").targets == []


def test_a_year_plan_is_the_texts_own_only_in_its_title() -> None:
    assert Document.read("现将《2026年全区数据工作要点》印发给你们。").plan_year == 2026
    text = "区数据局召开全区数据工作会议，总结2025年工作，部署2026年重点工作，强调要抓好落实。"
    assert Document.read(text).plan_year is None


def test_what_a_meeting_points_out_is_a_report() -> None:
    text = "全区数据工作会议召开，部署2026年重点工作。会议指出，全区标注企业已超过60家。"
    assert targets(text) == [] and facts(text) == [(60, None)]


# ---- round six: a bare year in a text that reports nothing, and what came before the next step ---------------

def test_a_bare_year_in_a_text_that_reports_nothing_is_a_milestone() -> None:
    assert targets("2028年，全县标注产业产值达到6亿元，标注从业人员超过4000人。") == [(6e8, 2028), (4000, 2028)]
    assert facts("记者了解到，2024年，全县标注产业产值达到3亿元。") == [(3e8, 2024)]
    assert facts("2024年，全县标注产业产值为3亿元，预计未来两年仍将保持快速增长。") == [(3e8, 2024)]


def test_what_came_before_the_next_step_is_done() -> None:
    text = "全镇建成标注车间5个，吸纳就业300余人。\n下一步，全镇计划新建标注车间3个。"
    assert facts(text) == [(5, None), (300, None)] and targets(text) == [(3, None)]


def test_a_bare_year_short_of_the_horizon_is_where_the_plan_starts() -> None:
    text = "到2028年，全县标注产业产值突破10亿元。2025年，全县标注产业产值约3.2亿元。"
    assert targets(text) == [(1e9, 2028)] and facts(text) == [(3.2e8, 2025)]
