"""Schemes as records, on invented text of each kind real documents have: kind, subject, level, issuer, year."""

from __future__ import annotations

import pytest

from policytrack.parser.extract import extract


def schemes(text: str) -> list[tuple]:
    return [(s.kind, s.subject, s.level) for s in extract(text).schemes]


@pytest.mark.parametrize(("text", "expected"), [
    ("市人社局开展人工智能训练师职业技能等级认定，设五级至一级。",
     ("skill_certification", "人工智能训练师", "五级至一级")),
    ("对取得中级数据标注师证书的，给予补贴。", ("skill_certification", "数据标注师", "中级")),
    ("推行“一试双证”，学员考核合格取得两本证书。", ("skill_certification", None, None)),
    ("组织返乡青年参加数据标注员免费定向培训。", ("training", "数据标注员", None)),
    ("采用理论培训+项目实训的方式培养人才。", ("training", None, None)),
    ("举办全省数据标注职业技能竞赛。", ("contest", None, None)),
    ("开展省级数据标注基地认定工作。", ("base_designation", "数据标注基地", None)),
    ("对遴选为省级特色产业园的园区给予支持。", ("base_designation", "特色产业园", None)),
    ("鼓励企业牵头制定数据标注地方标准。", ("standard", "地方标准", None)),
    ("加快构建数据标注标准体系。", ("standard", "标准体系", None)),
    ("支持有条件的县开展数据标注试点。", ("pilot", None, None)),
    ("开展“数据标注+乡村振兴”试点。", ("pilot", None, None)),
    ("组织开展省级数据标注基地申报工作。", ("base_designation", "数据标注基地", None)),
    ("国家数据局批复同意在沈阳开展数据标注基地建设。", ("base_designation", "数据标注基地", None)),
    ("组织返乡青年参加人工智能训练师培训。", ("training", "人工智能训练师", None)),
    ("对新招用的员工开展以工代训。", ("training", None, None)),
    ("建设数据标注产业学院。", ("training", None, None)),
    ("对高技能人才给予购房补贴。", ("talent_program", None, None)),
    ("学员考试合格取得初级工证书。", ("skill_certification", None, "初级")),
    ("对符合条件的标注人才，在积分落户方面给予加分。", ("talent_program", None, None)),
])
def test_scheme_kinds(text: str, expected: tuple) -> None:
    assert schemes(text) == [expected]


def test_a_certificate_with_its_issuer_and_year() -> None:
    [s] = extract("2025年，省人力资源和社会保障厅开展数据标注员职业技能等级认定。").schemes
    assert (s.issuer, s.year) == ("省人力资源和社会保障厅", 2025)


def test_one_scheme_per_document_and_subject_and_counts_of_standards_are_figures() -> None:
    text = "开展数据标注员岗前培训。组织数据标注员集中培训。全市参与制定行业标准3项。"
    assert [s.kind for s in extract(text).schemes] == ["training"]


def test_quotes_are_the_original_text() -> None:
    text = "開展人工智能訓練師職業技能等級認定，設初級、中級、高級。"
    [s] = extract(text).schemes
    assert text[s.start:s.end] == s.quote and s.level == "初级至高级"


def test_mentions_a_reader_lists_as_one_are_one_scheme() -> None:
    text = "对入选的省级数据标注基地给予奖励，对入选的省级数据要素产业园给予支持。"
    [s] = extract(text).schemes
    assert s.kind == "base_designation" and "数据标注基地" in s.quote and "数据要素产业园" in s.quote
    [s] = extract("实行“一试双证”，合格者同时取得职业技能等级证书。").schemes
    assert s.kind == "skill_certification" and s.quote.startswith("实行")
    # a training and a standard in one sentence are two schemes
    assert [s.kind for s in extract("开展数据标注免费定向培训，制定数据标注地方标准。").schemes] == ["training",
                                                                                                 "standard"]


def test_levels_listed_before_their_count_and_skill_evaluation() -> None:
    [s] = extract("数据标注员职业技能等级分为初级、中级、高级三个等级。").schemes
    assert (s.kind, s.level) == ("skill_certification", "初级至高级")
    assert [s.kind for s in extract("支持企业开展数据标注员职业技能等级评价。").schemes] == ["skill_certification"]


def test_a_sections_heading_gives_way_to_the_scheme_its_body_states() -> None:
    text = "（五）健全标准体系。支持企业牵头制定数据标注地方标准、团体标准。"
    [s] = extract(text).schemes
    assert s.kind == "standard" and s.quote.startswith("支持企业")
    [s] = extract("1.开展数据标注员职业技能等级认定。").schemes
    assert s.quote == "开展数据标注员职业技能等级认定"  # without its list mark
    assert extract("1.8 培训参考学时").schemes[0].quote == "培训参考学时"


@pytest.mark.parametrize("text, kind", [
    ("推动人工智能训练师纳入国家职业资格目录。", "skill_certification"),
    ("推进数据标注职业技能等级“新八级”制度。", "skill_certification"),
    ("组织开展“数据标注工匠”评选活动。", "talent_program"),
    ("实施“数据标注人才安居工程”，给予租房补贴。", "talent_program"),
    ("创建省级数据标注产业示范园区。", "base_designation"),
    ("鼓励高校开设数据标注相关专业。", "training"),
    ("开展订单式培养。", "training"),
])
def test_more_phrasings_of_each_kind(text: str, kind: str) -> None:
    assert [s.kind for s in extract(text).schemes] == [kind]


def test_a_park_named_without_designation_is_no_scheme() -> None:
    assert extract("园区现有数据标注企业20家。").schemes == []


def test_levels_named_by_grade_and_a_grades_certification() -> None:
    text = "人工智能训练师职业技能等级分为五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师。"
    [s] = extract(text).schemes
    assert (s.kind, s.subject, s.level) == ("skill_certification", "人工智能训练师", "五级至一级")
    [s] = extract("省人社厅2025年起开展人工智能训练师三级认定。").schemes
    assert (s.kind, s.level, s.issuer, s.year) == ("skill_certification", "三级", "省人社厅", 2025)
    assert extract("全省共有三级医院20家。").schemes == []  # a grade, certified by no one
    # the grade's other name in brackets, and the last grade named by a 工 level (一级（高级技师）): grades still
    text = ("开展人工智能训练师职业技能等级认定，分为五级（初级工）、四级（中级工）、三级（高级工）、"
            "二级（技师）、一级（高级技师）。")
    assert [s.level for s in extract(text).schemes] == ["五级至一级"]


def test_a_long_name_before_shidian_is_no_pilot_of_ours() -> None:
    assert schemes("全省数据要素市场化配置改革试点取得积极进展。") == []


def test_a_count_of_training_bases_is_a_figure_not_a_training() -> None:
    assert schemes("全省已建成人工智能训练师培训基地15个。") == []


def test_a_firms_own_assessment_and_a_special_ability_test_certify_skills() -> None:
    [s] = extract("支持企业开展人工智能训练师企业自主评价，评价结果纳入人才统计。").schemes
    assert (s.kind, s.subject) == ("skill_certification", "人工智能训练师")
    [s] = extract("开展“数据标注员”专项职业能力考核。").schemes
    assert s.kind == "skill_certification"


@pytest.mark.parametrize(("text", "kind"), [
    ("建立健全数据标注人才评价体系，支持企业开展数据标注员职业技能等级自主评价。", "skill_certification"),
    ("将数据标注员纳入职业技能提升行动补贴范围。", "training"),
    ("实施“数据标注+”人才培养计划。", "talent_program"),
    ("开展“金牌标注师”评选活动。", "talent_program"),
    ("实施数据标注“千人”人才培育工程。", "talent_program"),
])
def test_evaluation_systems_upskilling_and_talent_plans(text: str, kind: str) -> None:
    assert [s.kind for s in extract(text).schemes] == [kind]


def test_a_certificate_named_once_is_one_scheme_whose_levels_come_later() -> None:
    text = ("关于开展人工智能训练师职业技能等级认定工作的通知\n"
            "取得五级证书的补贴1000元，四级1500元。")
    [s] = extract(text).schemes
    assert (s.subject, s.level) == ("人工智能训练师", "五级至四级")
    # another occupation's certificate is a scheme of its own
    text = "开展人工智能训练师职业技能等级认定。\n开展数据标注员专项职业能力考核。"
    assert [s.subject for s in extract(text).schemes] == ["人工智能训练师", "数据标注员"]


def test_designating_bases_is_a_scheme_but_a_designated_base_rewarded_is_not() -> None:
    assert schemes("每年再认定一批市级数据标注基地。") == [("base_designation", "数据标注基地", None)]
    # 新认定的基地 names those an offer rewards: the offer is an incentive
    assert extract("对新认定的省级数据标注基地，给予一次性奖励100万元。").schemes == []
