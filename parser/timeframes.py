"""Time and tense: which figures a text commits to (targets) and which it reports (facts), and for which year.

A reader decides from the words around a figure, nearest first: its own clause (突破了300亿元 is done, 有望突破
600亿元 is hoped for), then the time expressions before it in the sentence (到2027年 opens a horizon, 截至2024年
reports), then the sentence's tense, then what the paragraph and the document have said (a plan's own year
in 《2026年工作要点》, a horizon 到2027年 that later list items inherit). Pure functions over cleaned text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE = re.compile(r"《[^《》\n]{0,80}》")
YEAR = re.compile(
    r"(?=[力预截到至在从由自2])(?P<pre>力争到|力争在|预计到|预计|截至|截止到|截止|到|至|在|从|由|自)?"
    r"(?:(?P<y0>20\d{2})\s*年?\s*[—–\-~～至到]+\s*)?(?P<year>20\d{2})\s*年(?P<post>(?:底|末)?(?:前(?![一二三四两]季度|半年|几)"
    r"|以前|之前)|底|末|内)?(?!\d|月|度(?![，,]))"  # (2026年度，…: the year; 2024年度报告 names a report
)
PERIOD = re.compile(r"(?=[到至在“\"「十])(?P<pre>到|至|在)?[“\"「]?十(?P<n>[一二三四五六七八九])五[”\"」]?"
                    r"(?P<post>末|期末|期间|时期|以来)?")
COMPARISON = re.compile(r"(?:较|(?<!占)比|相比|与|同|是)$")  # (not 占比从2021年的…: a share's series)
NULL_YEAR = re.compile(r"(?=[每今明年])(?:每年度?|今年|明年"
                       r"|(?<!\d)年度(?!产值|营收|收入|营业|产量|投资|销售|利润|增速|增长)"  # (2026年度 is a year)
                       r"|每季度|每月|(?<![\d年])年底)")
class _LooksAhead:
    """Words that look ahead. 目标 does, but not as what was met (完成了规划目标, 实现既定目标), nor 计划 as a plan's
    name (行动计划实施以来); 根据规划/按照方案 introduces a plan's aims. One plain alternation, its matches then
    checked (a lookbehind in the pattern would cost a check at every character)."""

    # (the lookahead names every word's first character: the engine skips the others at once)
    _WORDS = re.compile(r"(?=[将预力目计有确争提明旨根按依建投运届强要部今下接指])"
                        r"(?:将|预计|力争|目标|计划|有望|确保|预测|力求|争取|预期|提出|明确|旨在|今后|下一步|接下来|下阶段|"
                        r"指出|"
                        r"(?:根据|按照|依据)(?:规划|方案|部署)|(?:建成|投产|投用|运营)后|届时|"
                        r"(?:强调|要求|部署)[，,：:]|要(?=推动|加快|确保|实现|力争|培育|建成|完成|新增|引进|打造))")
    _NOT_BEFORE = {"目标": ("完成", "实现", "既定", "规划", "成了", "现了", "完成年度", "完成全年", "实现年度"),
                   "计划": ("行动", "工作", "年度", "三年", "五年", "专项"), "要": ("需", "重", "主", "只")}
    _NOT_AFTER = {"计划": ("总投资",)}  # 占计划总投资的60%: the sum planned, named as a noun
    # what a plan points out is its aim (《方案》指出，…); a meeting's or a report's 指出 is no look-ahead
    _ONLY_AFTER = {"指出": ("方案", "意见", "规划", "计划", "措施", "要点", "》")}
    # 将数据标注产业作为重要抓手: 将 marks what is taken as something (把), not a time to come
    _DISPOSAL = re.compile(r"[^，,。；;将]{1,16}?(?:作为|视为|当作)")

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        for m in self._WORDS.finditer(text, pos, len(text) if endpos is None else endpos):
            word = m.group(0)
            if word in self._ONLY_AFTER and not text.endswith(self._ONLY_AFTER[word], 0, m.start()):
                continue
            if not text.endswith(self._NOT_BEFORE.get(word, ()), 0, m.start()) \
                    and not text.startswith(self._NOT_AFTER.get(word, ()), m.end()) \
                    and not (word == "将" and self._DISPOSAL.match(text, m.end())):
                return m
        return None


FUTURE = _LooksAhead()
# Words that report what is done, or what an event did (活动现场, 会议期间, 大会上). 了 only after a verb of
# attainment (突破了, 达到了), not in 为了/了解.
_DONE = r"(?<![为除])了(?!解|不起)"  # 突破了, 组织了; not 为了, 了解
STRONG_PAST = re.compile(r"(?=[正已截目当现共同首去前上如近过此日以年了显据指通总回活会大论峰招展博"
                         r"发推对仪超提本这比竞培最评决圆顺先相陆至迄运突开结举闭落眼时成势态亮稳])"
                         r"(?:"
                         r"(?:指出|通报|总结|回顾)[，,：:]|"
                         r"正[在坐忙]|已|截至|截止|目前|当前(?![和及与]今后|要|[，,]要|[，,]必须)|现阶段|现有|(?<![体表实出])现在(?![起开线])|眼下|时下|共有|同比|首次(?:突破|超过|达到|跻身|实现)|"
                         r"共(?:签约|举办|吸引|培训|认定|发放|组织|开展|完成|接待|收到|评选|评出|录取|帮扶|吸纳|促成|达成|发布|上线|上架|引进|孵化|签订|汇聚|集聚|聚集|拨付|兑现|兑付)|"
                         r"(?:活动|会议|大会|论坛|峰会|招聘会|展会|博览会|发布会|推进会|对接会)(?:现场|期间|上)|会上|仪式上|"
                         # an event that took place: 此次对接会促成…, 大赛吸引…, 最终评出…
                         r"(?:此次|本次|这次)(?:活动|会议|大会|对接会|招聘会|培训|大赛|比赛|竞赛|论坛|峰会|展会|签约)|"
                         r"(?:大赛|比赛|竞赛|活动|培训班)(?:共|累计)?吸引|(?:最终|共)?(?:评出|决出)|"
                         # 招聘会提供岗位2300余个，现场达成就业意向680人: what an event offered and settled
                         r"(?:招聘会|对接会|推介会|洽谈会|博览会|交易会)(?:共|累计)?(?:提供|促成|达成|发布)|"
                         r"现场(?:签约|达成|促成|发布|招聘|录用)|"
                         r"去年|上一?年度|同期|这一年|至今年\d{1,2}月(?![底末]?前)|前三季度|上半年|如今|近年来|近[两二三四五六七八九十几]年|过去|超额完成|提前[^，,。；;]{0,4}完成|圆满完成|顺利完成|先后|相继|陆续|至今(?!年)|迄今|"
                         r"此前|近日|日前|以来|年来|这一数字|这一数据|这个数字|"  # 2024年，这一数字增长至2.8亿元
                         # a mark passed, then the figure reached: 突破10亿元，达到10.8亿元 (a plan names one aim)
                         r"(?:突破|超过)\d+(?:\.\d+)?\s*[万亿]*[^\d，,。；;]{0,2}[，,]\s*达到?\d|"
                         r"(?:发展|运行)情况[：:]|据《[^《》\n]{0,60}》|"  # 2024年…发展情况：企业320家; 据《…报告》
                         r"正式(?:成立|揭牌|启动|上线|投运|投用|开园|开业|运营)|"  # 联盟正式成立，首批成员单位56家
                         # a verdict on a year gone by: 发展成效显著, 势头强劲 (an aim is 取得显著成效)
                         r"(?:成效|成绩|成果)(?:显著|明显|突出|斐然)(?![的地])|势头(?:强劲|良好|迅猛)|态势良好|亮点纷呈|稳中向好|"
                         # 培训班开班，60名学员参加; 决赛举行: an event reported as it took place
                         r"(?<=[班赛会式])(?:开班|结业|举行|闭幕|开幕|落幕)(?=[，,。])|"
                         rf"{_DONE}|(?<=[据告计查果测》])显示|据测算|据[^，,。]{{0,6}}统计|据介绍)")
_COMPARED = ("同比", "同期")  # words that compare with the year before: a report's, or a work plan's aim


def planned_past(doc: Document, text: str, start: int = 0, plan_made: bool = False) -> bool:
    """Whether the done-words of `text` from `start` are all ones a plan uses of its aims: 《2025年工作要点》：
    全年…同比增长10%; 2027年，产业规模首次突破100亿元; after 制定本方案, 三年共培训2万人次; 截至年底, the plan's
    year-end. A text headed by its own period (行动方案（2025—2027年）) is a plan."""
    return bool(doc.plan_year or ((doc.plan or doc.plan_start) and not doc.report)) and all(
        m.group(0) in _COMPARED or m.group(0).startswith("首次") or (plan_made and m.group(0).startswith("共"))
        or (m.group(0) in ("截至", "截止") and text.startswith(("年底", "年末"), m.end()))
        for m in STRONG_PAST.finditer(text, start))


# What a group is made of and where it sits: a state, in a report's voice even after the plan it quoted.
COMPOSITION = re.compile(
    r"(?=[的中主结占])(?:的[占有](?=[\d一二三四五六七八九])"  # 从业人员中，35岁以下的占82%; 营收超亿元的有5家
    r"|占比(?=\d+(?:\.\d+)?\s*%(?!以上|左右))"  # 图像标注占比45%: a share stated with no verb of change
    # 标注员中一大半是女性, 从业人员中35%为女性: who a group is (not 企业中50%以上实现…, an aim)
    r"|(?<![其集])中(?=(?:一大半|大半|过半|半数|[近约超]?\d+(?:\.\d+)?\s*%(?!以上)|[近约超]?[一二三四五六七八九]成(?!以上))"
    r"[^，,。；;]{0,4}?(?:是|为|来自|属于|[，,。；;]|$))"
    # 从业人员中，女性占比超过60%; 企业中，有3家 (not a floor: …占比达到50%以上)
    r"|(?<!其)中[，,](?=(?:[^，,。；;\d]{1,10}?占比?(?:超过|达到?|为|约|近)?|有)[\d一二三四五六七八九]"
    r"[^，,。；;]*(?<!以上)(?:[，,。；;]|$))"
    r"|主要(?:集中|分布)[在于]"  # 企业主要集中在高新区
    r"|(?<=[员才龄历伍])结构(?:方面|上)?[，,：:])")  # 从业人员结构方面，35岁以下青年占比超过七成
# What a place holds, counted, in a clause of its own (园区入驻数据标注企业35家, 全市有企业62家): a state, not an
# aim, unless the clause sets it as one (推动园区集聚…, 集聚企业100家以上, 将入驻).
_HOLDS = re.compile(r"(?:^|(?<=[，,：:。]))"
                    r"(?![^，,。；;]{0,12}?(?:推动|促进|加快|吸引|鼓励|支持|引导|打造|力争|争取|计划))"
                    r"[^，,。；;\d]{0,10}?(?<![将要再新可])(?:聚集|集聚|汇聚|入驻|(?<=[市省县区镇村内])有(?![望效序关力机所]))"
                    r"了?[^，,。；;\d]{0,12}(?:\d+(?:\.\d+)?|[十百千万])\s*[万亿]?\s*[余多]?\s*[家个人名户][余多]?"
                    r"[^，,。；;\d以]{0,8}(?=[，,。；;]|$)")  # (…逾千家企业。; not …100家以上)
_HOLDS_VERB = re.compile(r"聚集|集聚|汇聚|入驻|[市省县区镇村内]有")


# A place and a count with no verb between, in a clause of its own (全市数据标注企业120家, 该县从业人员2.5万人):
# a state. A verb of attainment or effort (达到, 建成, 培育, 新增, 力争 …) would make it a measure of change or an
# aim; their first characters may not appear between the place and the figure.
_PLACE_COUNT = re.compile(r"(?:^|(?<=[，,：:。]))(?=[全我该本])"
                          r"(?:全[省市区县国]|我[省市区县国]|该[省市区县]|本[省市区县])"
                          r"[^，,。；;\d达突超培建新引打实增提形完认聚集入有将力争要计预累共已年月]{1,14}?"
                          r"\d+(?:\.\d+)?\s*[万亿]?\s*[余多]?\s*[家个人名户][余多]?(?=[，,。；;]|$)")


def holds(text: str) -> bool:
    """Whether the text says what a place holds, counted in a clause of its own (the verb is looked for first:
    one sentence in twenty has one, and the clause pattern is slow to try at every character)."""
    return (_HOLDS_VERB.search(text) is not None and _HOLDS.search(text) is not None) \
        or _PLACE_COUNT.search(text) is not None

# 已 and 现有 as modifiers name what exists, in a plan as in a report (已建成的智算中心上架率超过70%,
# 现有数据中心改造比例达到80%): they report nothing. plain() blanks them, keeping every offset.
_MODIFIER = re.compile(r"已(?=(?:建成|建设|投运|投用|开通|认定|获批|入驻|落地|上线|形成|完成|有|发布|出台)的)"
                       r"|现有(?=的|[^，,。；;\d]{0,10}?(?:改造|升级|比例|占比|率|利用|整合|提升|优化|提高)"
                       r"|[^，,。；;]{0,16}?基础上)")  # (在现有120家企业的基础上)


def plain(text: str) -> str:
    return _MODIFIER.sub(lambda m: "　" * len(m.group(0)), text) if ("已" in text or "现有" in text) else text


# Done-words a clause can carry even inside a sentence that looks ahead (上半年突破了300亿元，今年有望…).
CLAUSE_PAST = re.compile(rf"(?=[已目现截去上前了显])(?:已|目前|现有|截至|截止|去年|上半年|前三季度|{_DONE}"
                         r"|(?<=[据告计查果测》])显示)")
WEAK_PAST = re.compile(r"(?=[成初持不显稳共累快取再创逐仅只位排等拥一二三四签上第作合居基年\d逾])"
                       r"(?:成效显著|初具规模|持续提升|不断加强|初步实现|显著增强|稳步提升|共建成|持续壮大|累计|快速起步|"
                       r"合计(?=达|为|超|\d)|"  # 上述企业营业收入合计达到15亿元: a sum of what was earned
                       r"取得显著成效|再创新高|创新高|逐年|取得(?:积极|明显|重要|阶段性|长足)进展|成效初显|初见成效|成效明显"
                       r"|基础(?:良好|扎实|较好|雄厚|坚实)|"  # 我省数据标注产业基础良好，…企业120家: a plan's base
                       r"仅有|只有|位居|位列|排名第|(?<![争将])居(?:全国|全省|西部|中部|东北)?(?:前列|首位|第[一二三四五六七八九十\d])|等[^，,。；;]{0,12}(?:入选|获评|获批)|(?<!将)拥有"
                       # 较上年增长27.3%, 较年初增长40%: an outcome beside a time gone by
                       r"|签订|签署|(?<=[较比])上年|(?<=[较比])年初"
                       # 企业逾百家: a reporter's word for a count
                       r"|(?<![将要争达到至])逾(?=[\d一二两三四五六七八九十百千万])"
                       r"|作为[^，,。；;]{1,20}之一[，,]"  # 合肥作为国家数据标注基地之一，聚集…: what the place is
                       r"|第?[一二三四]季度|(?<!\d)\d{1,2}月份"  # 今年第一季度, 11月份: a stretch of a year reported
                       # a stretch of months from January (1—8月, 1至10月): a year so far, reported
                       r"|(?<![\d月])[1一]\s*月?\s*[—–\-~～至到]\s*(?:1[0-2]|[2-9]|十[一二]?|[二三四五六七八九])\s*月)")
# A document that is itself a plan for a year: 《数智贵州建设2026年工作要点》, 2025年工作计划.
PLAN_YEAR = re.compile(r"(20\d{2})\s*年(?:度)?[^，,。；;：:\n《》\d]{0,16}?"
                       r"(?:工作要点|工作计划|工作安排|重点工作|行动计划|工作方案|工作任务)"
                       r"(?!完成|进展|总结|情况|落实|成效)")
# A document that reviews a year: 2024年工作总结, 2024年国民经济和社会发展统计公报.
# (a development report reviews its year when it is the text's title line, not when a plan cites it in 《》)
REPORT_YEAR = re.compile(r"(20\d{2})\s*年(?:度)?[^，,。；;：:\n《》\d]{0,16}?(?:工作总结|统计公报|年度报告"
                         r"|(?:发展报告|发展情况|运行情况)(?!》))")
PLAN_PERIOD = re.compile(r"[（(]\s*(20\d{2})\s*[—–\-~～至到]+\s*(20\d{2})\s*年?\s*[)）]")
HORIZON = re.compile(r"(?:到|至)(20\d{2})\s*年")
AS_OF = re.compile(r"(?:截至|截止到?)(20\d{2})\s*年")
# What a text reports as already there tells the reader's "now": a date of its own (2025年2月, 于2024年1月30日揭牌;
# not 至2027年12月31日, 2025年6月底前, 计划于2025年6月), a period of a year reported (2025年前三季度, 2024年以来),
# a year compared with the one before (2024年…同比增长).
_MONTHS = r"\d{1,2}(?:\s*[—–\-~～至到]\s*\d{1,2})?\s*月"  # 2月, or 1至9月: a stretch of the year reported
_DATE = re.compile(rf"(20\d{{2}})\s*年\s*{_MONTHS}(?:\s*\d{{1,2}}\s*日)?"
                   r"(?!\s*(?:底|末|中旬|下旬|上旬)?\s*(?:前|之前|以前))")
_DATE_AHEAD = re.compile(r"(?:[至到止]|将|计划|拟|预计|力争|争取|定于|计划于|将于|拟于)\s*$")
_REPORTED_YEAR = re.compile(r"(?=2)(?<![到至])(20\d{2})\s*年(?:以来|全年|上半年|前三季度|一季度|前两个月"
                            r"|[^。；;！？\n]{0,40}?(?:同比|比上年|较上年|已|这一数字|(?<=[破到长过现成立有升加得])了))")
# 2024年政府工作报告 reviews 2023 and sets 2024's aims: the years before its own are past (and its own is not)
_WORK_REPORT = re.compile(r"(20\d{2})\s*年[^，,。；;\n《》\d]{0,12}政府工作报告")
_YEAR_END = re.compile(r"\s*[底末]")  # 截至2024年底: the end of that year reported
AS_OF_MONTH = re.compile(r"(?:截至|截止到?)(20\d{2})\s*年\s*\d{1,2}\s*月(?:底|末|份)?")


@dataclass(frozen=True, slots=True)
class Time:
    start: int
    end: int
    kind: str  # target | fact | null | from (the first year of a historical series) | now (目前: no year)
    year: int | None


# What kind of text it is. A plan assigns work (责任单位), says it is one (制定本方案, 现印发给你们) and sets out
# its aims under headings (主要目标); a news report names its reporter, source or briefing (记者, 获悉, 据介绍).
# A report of a plan has both; a figure with no time word of its own reads as the genre's, where it has one.
PLAN_MADE = re.compile(r"制定本(?:方案|计划|要点|意见|措施|规划|细则|政策)")  # the plan saying it is one
_PLAN_CUES = re.compile(r"(?=[责牵配印制主发工总预重保])(?:责任单位|牵头单位|配合单位|责任部门|牵头部门|印发给你们|"
                        rf"{PLAN_MADE.pattern}|"
                        r"(?:主要|发展|工作|总体|预期)目标[:：\n]|重点任务[:：\n]|保障措施[:：\n])")
# A year a text aims at: a bare year whose clause sets a floor (2026年，建设高质量数据集300个以上) or strives.
_AIMED_YEAR = re.compile(r"(?=2)(?<![到至截止从])(20\d{2})\s*年[，,：:]?(?:力争|确保|要|将)?[^。；;，,！？\n]{0,30}?"
                         r"(?:\d+(?:\.\d+)?\s*[万亿]?\s*[个家项所座人名]?以上|不少于|不低于|力争|确保)")
# A year told in the future tense (2025年，全区将新增…; 预计2025年…): not an aim's word (力争), the tense's.
_AHEAD_YEAR = re.compile(r"(?=[预2])(?:预计)?(?<![到至截止从自])(20\d{2})\s*年[，,]?[^。；;，,\d]{0,12}?(?:将|有望)"
                         r"|预计(20\d{2})\s*年")
# (not a plan's tasks: 加强宣传报道, 定期召开…; nor its aim: 取得明显成效)
_REPORT_CUES = re.compile(r"记者|获悉|(?<!宣传)(?<!新闻)报道|日电|通讯员|据介绍|据了解|介绍|发布会|新华社|中新网|"
                          r"本报讯|人民网|央视|来源[:：]|(?<!定期)(?<!每年)(?<!适时)(?:举行|召开)|近日|日前|表示|数据显示|"
                          r"统计显示|消息|回顾|历程"
                          # a profile of one body (该公司成立于2019年, 该企业共承接…) and reported speech (他说，)
                          r"|(?:成立|创立|创办|始建)于20\d{2}"
                          r"|该(?:企业|公司|基地|园区|省|市|区|县|镇|村|项目|平台)|(?<!据)说[，,：:。]")


@dataclass(slots=True)
class Document:
    """What the whole text says about its own time and kind: read once before any sentence, and again from the
    cleaned text of each piece (Traditional characters, full-width digits) before that piece is read."""

    plan_year: int | None = None  # 《…2026年工作要点》: figures with no year of their own are for 2026
    report_year: int | None = None  # 2024年工作总结: the figures it reports with no year of their own are 2024's
    plan_start: int | None = None  # （2025—2027年）: bare years from here on are a plan's milestones
    plan_end: int | None = None  # the last year of that period: what 通过三年努力 reaches
    horizon: int | None = None  # the furthest 到YYYY年 in the text
    now: int | None = None  # the latest year the text reports (截至2024年, 2025年2月, 2024年…同比): before it is past
    ended: int | None = None  # the latest year whose end it reports (截至2024年底): a horizon of then has come
    period: int | None = None  # the end of the latest five-year plan period the text names (十五五: 2030)
    aims: frozenset[int] = frozenset()  # years the text aims at somewhere (2026年，建设…300个以上): not yet come
    ahead: frozenset[int] = frozenset()  # years it speaks of in the future tense (2025年，全区将新增…)
    plan: bool = False  # the text reads as a plan (责任单位, 制定本方案, 主要目标：)
    report: bool = False  # the text reads as a news report (记者, 获悉, 据介绍, 召开)
    # bare years written before the text first says 今年 (2023年，实现营收5.6亿元。今年，力争…): the year
    # before the one it speaks from, unless something aims at them
    before_this_year: frozenset[int] = frozenset()

    @classmethod
    def read(cls, text: str) -> Document:
        doc = cls()
        doc.absorb(text, head=True)
        return doc

    def absorb(self, text: str, head: bool = False) -> None:
        """Merge what `text` says (the whole text, or one cleaned piece of it; `head` if it is the beginning)."""
        if head:
            first = text[:4000]
            if self.plan_year is None:
                self.plan_year = _own_plan_year(first)
            if self.report_year is None:
                self.report_year = _own_plan_year(first, REPORT_YEAR)
            # A plan's own period heads it bare (行动方案（2025—2027年）); one inside 《》 is a plan a report cites.
            periods = [(int(m.group(1)), int(m.group(2))) for m in PLAN_PERIOD.finditer(TITLE.sub("《》", first))]
            if self.plan_start is None:
                self.plan_start = min(a for a, _ in periods) if periods else self.plan_year
                self.plan_end = max(b for _, b in periods) if periods else None
        years = [int(m.group(1)) for m in HORIZON.finditer(text)]
        untitled = TITLE.sub("《》", text)
        self.report = self.report or bool(_REPORT_CUES.search(untitled))
        reached = [m for m in AS_OF.finditer(text) if not as_of_ahead(self, text, m.start(), int(m.group(1)))]
        now = [int(m.group(1)) for m in reached]
        ended = [int(m.group(1)) for m in reached if _YEAR_END.match(text, m.end())]
        self.ended = max(ended + ([self.ended] if self.ended else [])) if ended else self.ended
        now += [int(m.group(1)) for m in _DATE.finditer(untitled)
                if not _DATE_AHEAD.search(untitled[max(0, m.start() - 4):m.start()])]
        now += [int(m.group(1)) for m in _REPORTED_YEAR.finditer(untitled)]
        now += [int(m.group(1)) for m in _WORK_REPORT.finditer(text)] if "政府工作报告" in text else []
        self.horizon = max(years + ([self.horizon] if self.horizon else [])) if years else self.horizon
        periods = [period_end(m.group("n")) for m in PERIOD.finditer(text)] if "五" in text else []
        self.period = max(periods + ([self.period] if self.period else [])) if periods else self.period
        self.plan = self.plan or bool(_PLAN_CUES.search(untitled))
        if not self.plan:  # (a plan's years told one by one are its milestones)
            now += _history(untitled)
        self.now = max(now + ([self.now] if self.now else [])) if now else self.now
        self.aims = self.aims | {int(m.group(1)) for m in _AIMED_YEAR.finditer(untitled)}
        self.ahead = self.ahead | {int(m.group(1) or m.group(2)) for m in _AHEAD_YEAR.finditer(untitled)}
        if (this_year := untitled.find("今年")) > 0:
            self.before_this_year |= {int(m.group(1)) for m in _BARE_YEAR.finditer(untitled, 0, this_year)}


_AS_OF_AIMED = re.compile(r"(?:力争|争取|确保|预计|计划|将|要)\s*$")


def as_of_ahead(doc: Document, text: str, start: int, year: int) -> bool:
    """截至2027年底 (at `start`) as an aim: after 力争 or 预计, or in a plan whose period began before it
    (行动计划（2025—2027年）：截至2027年底，企业达到150家), not in a report."""
    return bool(_AS_OF_AIMED.search(text, max(0, start - 4), start)) or (
        doc.plan_start is not None and year > doc.plan_start and not doc.report)


# A bare year with a figure after it: 2019年研学规模增长至480万人次
_BARE_YEAR = re.compile(r"(?=2)(?<![到至截止从自预计争在\d])(20\d{2})\s*年(?![\d月度底末前内])[^。；;！？\n\d]{0,30}\d")
_AIMS_IN_LINE = re.compile(r"以上|不少于|不低于|(?:到|至)20\d{2}\s*年")


def _history(text: str) -> list[int]:
    """The last year of a series told year by year in one paragraph (2019年…增长至480万人次，2021年达494万人次，
    2022年突破600万人次): three or more bare years rising, each with its figure, and nothing that looks ahead or
    sets a floor, is a history; a plan's milestones come with 力争, 以上 or a horizon."""
    out: list[int] = []
    if text.count("年") < 2:
        return out  # (two years need two 年: most texts are read without a scan)
    for line in text.split("\n"):
        found = list(_BARE_YEAR.finditer(line))
        years = [int(m.group(1)) for m in found]
        if (len(set(years)) >= 3 or _risen(line, found)) and years == sorted(years) and not FUTURE.search(line) \
                and not _AIMS_IN_LINE.search(line) and not _schedule(line, found):
            out.append(years[-1])
    return out


# 2022年…有45家，2023年增长到78家: a figure, then the next year's as what it grew to, is a history (a plan's
# milestone is reached, 达到, 提升至; what grew to something has grown)
_GREW_TO = re.compile(r"[^，,。；;\d]{0,8}?(?:增至|增长[至到]|增加[至到]|上升[至到]|(?<!提)升至|跃升[至到]|攀升[至到])")


def _risen(line: str, years: list[re.Match[str]]) -> bool:
    """Two years, the first stating a figure, the second what it grew to (a plan's two milestones are both
    reached: 2025年增至100家，2027年增长到200家)."""
    if len(years) != 2 or years[0].group(1) >= years[1].group(1):
        return False
    first, second = years
    return _GREW_TO.match(line, line.index("年", second.start()) + 1) is not None \
        and not (_GREW_TO.search(first.group(0)) or _MILESTONE_VERB.search(first.group(0)))


_MILESTONE_VERB = re.compile(r"达到|突破|超过|建成|培育|实现")


def _schedule(line: str, years: list[re.Match[str]]) -> bool:
    """A plan's milestones, item by item: every year after the first opens an item after "；" and the items
    say what is reached (2025年，…达到60亿元；2026年，达到80亿元；2027年，突破100亿元)."""
    return all(line[:m.start()].rstrip().endswith(("；", ";")) for m in years[1:]) \
        and bool(_MILESTONE_VERB.search(line))


_PAST_PERIOD_END = 2020  # 十三五 ended before the first texts on the industry (2019–) could plan it


def _own_plan_year(head: str, kind: re.Pattern[str] = PLAN_YEAR) -> int | None:
    """The year of a plan the text is (or of a review, `kind` REPORT_YEAR), named in its title: a title line
    (数智贵州建设2026年工作要点) or a title in 《》 near the top (现将《2025年全省数据工作要点》印发给你们); not a
    report's 部署2025年重点工作."""
    for m in kind.finditer(head, 0, 600):
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        line = head[line_start:line_end if line_end >= 0 else len(head)]
        titled = any(t.start() < m.start() and m.end() <= t.end() for t in TITLE.finditer(head, line_start))
        if titled or len(line.strip()) <= 40:
            return int(m.group(1))
    return None


def period_end(n: str) -> int:
    """十三五 → 2020, 十四五 → 2025, 十五五 → 2030."""
    return 2020 + ("一二三四五六七八九".index(n) + 11 - 13) * 5


_FIRST_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万亿]+[个家项名人所元%]")
# (第一阶段（2024年）: a plan's stage; not 现阶段)
_AIM_BEFORE = re.compile(r"目标|计划|安排|步走|步推进|分步|任务|要求|部署|[,，:：]力争|(?<!现)阶段[（(]$")
_NEXT_YEAR = re.compile(r"20\d{2}\s*年")
_ESTIMATE = re.compile(r"预计|预测|预期|估计")
# What tells a bare year reported from a bare year aimed at, where nothing else does: a state (规模为12.3亿元,
# 约为, 连续两年), later years spoken of after it (预计未来几年仍将保持, 2025年目标…), a comparison with a past base
# (较“十三五”末增长80%).
_STATE = re.compile(r"(?<![成作])为$|约为?$|仅为?|只有|合计|是$|连续[两二三四五六七八九十几\d]+年|位居|位列|排名第")
_LATER = re.compile(r"未来|今后|接下来|下一步|仍将|继续保持"
                    r"|20\d{2}\s*年(?:全年)?[^，,。；;\d]{0,6}?(?:目标|力争|预计|有望|计划|争取|将)")
_BASE_COMPARED = re.compile(r"(?:较|比|相比)[“\"]?(?:十[二三四]五|20\d{2}\s*年|上年|去年)")
# Words alone, no lookahead: the engine then skips on their first characters by itself.
# 去年 as a time of its own (2025年3月…，去年营收12亿元: not 2025's; not 较去年, 去年同期) looks behind it only
# once it has matched, so the pattern still opens on words.
_NOW = re.compile(r"截至目前|截止目前|目前|当前|现阶段|如今|眼下|时下|(?<![体表实出])现在(?![起开线])"
                  r"|[去上]年(?<![较比与同][去上]年)(?!同期|底|末|[的\d])")
FROM_NOW = re.compile(r"[由从](目前|当前|现在|现阶段)的")  # 由目前的60家增加到2026年的120家


def hide_from_now(text: str) -> str:
    """由目前的80家增加到200家: the 目前 that starts a series today reports nothing; blanked, offsets kept."""
    return FROM_NOW.sub(lambda m: m.group(0)[0] + "　" * len(m.group(1)) + "的", text) if "的" in text else text

# What counts what is there (据统计, 数据显示): a report's figures, whatever year they are told to.
STATISTICS = re.compile(r"据[^，,。]{0,6}统计")
_COUNTED = re.compile(rf"{STATISTICS.pattern}|(?:数据|统计)显示|统计数据|截至|截止")
# the year a body (or an industry: 起步于2021年, 始于2020年) began: not its figures' year
_FOUNDED = re.compile(r"(?:成立|创立|创办|创建|始建|注册|落户|起步)于?$|始于$")
_YEARS_OF_EFFORT = re.compile(r"(?:用|通过|经过)[一二三四五两\d]年(?:左右)?(?:时间|的?努力)")
_SINCE = re.compile(r"[^，,。；;]{0,12}以来|至今(?!年)")  # 自2023年投运以来, 2023年至今: to date
# Words only a commitment uses: 不少于, 不低于, or building something to a floor (建成…20个以上).
_AIM_WORDS = re.compile(r"不少于|不低于|(?:建成|培育|打造|建设|新增|引进|培养)[^，,。；;]{0,20}\d+[^，,。；;\d]{0,2}"
                        r"以上")


def times(sentence: str, doc: Document, horizon: int | None, schedule: int | None, past: bool,
          future: bool | None = None, aims_open: bool = False) -> list[Time]:
    """Time expressions of a sentence, in order, with what they make of the figures after them.
    `horizon` is the one already open, `schedule` the last milestone year of the paragraph, `past` whether
    the sentence reports (its own done-words); `future`, whether FUTURE finds a word outside its titles,
    when the caller knows it already; `aims_open`, whether a plan has said it is one and opened its horizon
    (its bare years from then on are milestones, however far before the horizon)."""
    hidden = TITLE.sub(lambda m: "　" * len(m.group(0)), sentence) if "《" in sentence else sentence  # 《…》 titles
    if future is None:
        future = bool(FUTURE.search(hidden))
    # Each scan below needs a character most sentences lack (a period its 五, a year its 年; 70 % of the
    # corpus sentences have no 年): testing for it is cheaper than the scan.
    dated = "年" in hidden
    periods: list[Time] = []
    for m in PERIOD.finditer(hidden) if "五" in hidden else ():
        if COMPARISON.search(hidden[max(0, m.start() - 2):m.start()]):
            continue  # 较"十三五"末增长117%
        end = period_end(m.group("n"))
        done = past or WEAK_PAST.search(hidden)
        # A period the text has left behind: it reports a later year, or the period ended before there were
        # texts on the data-annotation industry (十三五 and before), or a later period is named, and nothing
        # looks ahead (a report of 十四五期间 in a text that names 十五五 as well).
        looking_back = not future and not _AIM_WORDS.search(hidden) and m.group("pre") is None
        behind = (doc.now and end < doc.now) or looking_back and (
            end <= _PAST_PERIOD_END or (doc.period and end < doc.period and m.group("post") in ("期间", "时期")))
        if m.group("post") == "以来":
            periods.append(Time(m.start(), m.end(), "fact", None))  # “十四五”以来，累计…: to date, no one year
        elif behind or (
                doc.horizon and end < doc.horizon and m.group("pre") is None and done):
            periods.append(Time(m.start(), m.end(), "fact", end))  # “十三五”时期 in a plan to 2025: done
        elif m.group("pre") or m.group("post"):
            periods.append(Time(m.start(), m.end(), "target", end))
    out: list[Time] = list(periods)
    # a series from today: its start is what there is now, its end a year ahead
    from_now = [Time(m.start(1), m.end(), "from", None) for m in FROM_NOW.finditer(hidden)] if dated else []
    out += from_now
    for m in YEAR.finditer(hidden) if dated else ():
        if COMPARISON.search(hidden[max(0, m.start() - 2):m.start()]) or _BASE_AFTER.match(hidden, m.end()):
            continue  # 较2020年增长, 在2023年基础上翻两番: a base of comparison, not a horizon
        if _FOUNDED.search(hidden, max(0, m.start() - 4), m.start()):
            out.append(Time(m.start(), m.end(), "null", None))  # 成立于2019年，现有员工800余人: today's staff
            continue
        if out and out[-1].kind == "from" and out[-1].start < m.start() and m.group("pre") in ("至", "到"):
            if out[-1].year is None:
                out.append(Time(m.start(), m.end(), "target", int(m.group("year"))))
                continue
            # 从2016年的…提升至2021年的… (an aim looks ahead before its end: 力争由…增长到2027年的…; 预计今年…
            # after it is another clause's)
            if not ((future and not past and FUTURE.search(hidden, 0, m.start()))
                    or (not past and _AIM_SERIES.search(hidden, 0, out[-1].start)
                        and not (doc.now and int(m.group("year")) < doc.now))):
                out.append(Time(m.start(), m.end(), "fact", int(m.group("year"))))
                continue
        # “十三五”期间，…年均增长22%，2020年达到1800亿元: a year after a period gone by is reported too
        after_past = any(p.kind == "fact" and p.start < m.start() for p in periods)
        found = _year(hidden, m, doc, horizon, schedule, past or after_past, future, aims_open)
        out += found
        if found and found[-1].kind == "target":  # 《方案》明确，2026年…，2028年…: a schedule within the sentence
            schedule = max(schedule or 0, found[-1].year or 0) or None
    for m in AS_OF_MONTH.finditer(hidden) if dated else ():
        out.append(Time(m.start(), m.end(), "fact", int(m.group(1))))  # 截至2024年6月
    for m in _DAY.finditer(hidden) if dated else ():
        if (t := _day(hidden, m)) is not None:
            out.append(t)
    if doc.plan_end and dated:
        for m in _YEARS_OF_EFFORT.finditer(hidden):  # 力争通过三年努力 in a plan for 2024—2026: to 2026
            out.append(Time(m.start(), m.end(), "target", doc.plan_end))
    for m in NULL_YEAR.finditer(hidden) if dated or "每" in hidden else ():  # (每季度, 每月: the others name 年)
        out.append(Time(m.start(), m.end(), "null", None))
    for m in _NOW.finditer(hidden):
        if any(t.start == m.start() for t in from_now):
            continue
        out.append(Time(m.start(), m.end(), "now", None))  # 2023年投入运营，目前已入驻46家: today's, not 2023's
    if future and not out:
        return []
    return sorted(out, key=lambda t: t.start)


_BASE_AFTER = re.compile(r"(?:底|末)?(?:的)?基础上")
# 推动…从2024年的20亿元提升至2027年的60亿元: a plan's verb of effort before a series makes its end an aim.
_AIM_SERIES = re.compile(r"(?:推动|促进|推进|确保|争取|力促)(?!了)[^，,。；;]{0,20}$")


# A day or a month of a year: 2024年9月，全市举办… (the day an event took place: its figures are that year's);
# 2026年6月底前完成 or 将于2026年9月 (a deadline, an event to come); not 截至 (read above), nor 自…起 (in force).
_DAY = re.compile(rf"(?=[到至截自于2])(?P<pre>到|至|截至|截止到?|自|于)?(?P<year>20\d{{2}})\s*年\s*{_MONTHS}"
                  r"(?:\s*\d{1,2}\s*日)?"
                  r"(?P<post>\s*(?:底|末|中旬|下旬|上旬)?\s*(?:前|之前|以前)|起)?")


def _day(hidden: str, m: re.Match[str]) -> Time | None:
    pre, post, year = m.group("pre"), m.group("post"), int(m.group("year"))
    if pre in ("截至", "截止", "截止到", "自") or (post and post.endswith("起")):
        return None
    if pre in ("到", "至") or post or FUTURE.search(hidden, max(0, m.start() - 6), m.start()):
        return Time(m.start(), m.end(), "target", year)
    return Time(m.start(), m.end(), "fact", year)


_SERIES_AFTER = re.compile(r"[^。；;]{0,30}?(?:由|从)[^，,。；;]{0,20}?(?:增加|增长|提高|提升|扩大|跃升|发展)(?:到|至)")


def _before_the_horizon(doc: Document, year: int, hidden: str) -> bool:
    """A plan's background: a year well before its horizon (a milestone sits a year or two before it), or one
    before it in a sentence that says what the place has (基础良好，拥有企业300余家，2023年实现营收45亿元)."""
    return bool(doc.horizon and (year < doc.horizon - 2 or (year < doc.horizon and WEAK_PAST.search(hidden))))


def _lead(hidden: str, end: int) -> str:
    """The words after a time expression up to its first figure (within 40 characters), a series' start
    today blanked (到2027年，企业由目前的80家增加到200家: no done-word)."""
    after = hidden[end:end + 40]
    first = _FIRST_FIGURE.search(after)
    return hide_from_now(after[: first.start()] if first else after)


def _year(hidden: str, m: re.Match[str], doc: Document, horizon: int | None, schedule: int | None,
          past: bool, future: bool, aims_open: bool = False) -> list[Time]:
    pre, post, year = m.group("pre"), m.group("post"), int(m.group("year"))
    y0 = int(m.group("y0")) if m.group("y0") else None
    if pre in ("截至", "截止到", "截止"):
        if as_of_ahead(doc, hidden, m.start(), year) and not CLAUSE_PAST.search(_lead(hidden, m.end())):
            return [Time(m.start(), m.end(), "target", year)]  # 力争截至2026年底，…: an aim's year-end
        return [Time(m.start(), m.end(), "fact", year)]
    if y0 is not None:
        # 2016年至2021年，规模从…增长到…: a series already run (an aim's would look ahead: 力争, 将)
        if (past or pre in ("从", "由") or _SERIES_AFTER.match(hidden, m.end())) and not future:
            return [Time(m.start(), m.end(), "from", y0), Time(m.end() - 1, m.end(), "fact", year)]
        return [Time(m.start(), m.end(), "target", year)]
    if pre in ("从", "由") and hidden.startswith(("起", "开始"), m.end()):
        return []  # 从2024年起，每年…: a rule in force from then on, no year of a figure
    if pre in ("从", "由"):  # 由2020年的5亿元增长到…; an aim's start too (力争由2024年的30亿元增长到2027年的…)
        start = past or not future or hidden.startswith(("的", "底的", "末的"), m.end())
        return [Time(m.start(), m.end(), "from" if start else "target", year)]
    if pre == "自" or _SINCE.match(hidden, m.end()):
        return [Time(m.start(), m.end(), "fact", None)]  # 自2023年投运以来，已累计…: to date, no one year
    if pre in ("力争到", "预计到", "到", "至", "力争在") or (post and post.endswith("前") and pre != "在"):
        # 据统计，…；到2023年底，…达到12万架: a year-end or a statistic counted in a report; but 方案指出，到2027年，…,
        # 近日，…印发《方案》，到2027年，… say who speaks or when a plan came out: in a text with no date of its own,
        # the horizon after them is ahead
        # (提出到2024年引进企业20家 in a text reporting 截至2024年底: that horizon has come, its aim is history)
        if (doc.now and year < doc.now) or (doc.ended and year <= doc.ended) \
                or CLAUSE_PAST.search(_lead(hidden, m.end())) or (
                past and (year <= doc.now if doc.now else post in ("底", "末") or bool(_COUNTED.search(hidden)))):
            return [Time(m.start(), m.end(), "fact", year)]  # 到2017年底，已建成…: a year gone by
        return [Time(m.start(), m.end(), "target", year)]
    # A bare year: a milestone of a plan, an estimate, or the year a report describes. What follows it, up to
    # the next year, is what it is the year of.
    after = hidden[m.end():m.end() + 60]
    while nxt := _NEXT_YEAR.match(rest := after.lstrip("、和及与 ")):  # 2023年、2024年，…: years listed together
        after = rest[nxt.end():]  # share what follows them
    if nxt := _NEXT_YEAR.search(after):
        after = after[:nxt.start()]
    first = _FIRST_FIGURE.search(after)
    lead = after[: first.start()] if first else after
    ahead = bool(FUTURE.search(lead)) and not STRONG_PAST.search(lead)
    if pre == "预计" or ahead:
        # 预计 for a year already gone, or for the year the text reports on (2025年11月…预计2025年…): an estimate
        estimate = pre == "预计" or bool(_ESTIMATE.search(hidden[max(0, m.start() - 8):m.start()] + lead))
        behind = (horizon and year < horizon) or (doc.now and (year < doc.now or (estimate and year == doc.now)))
        return [Time(m.start(), m.end(), "fact" if behind else "target", year)]  # 2020年，预计将达到…
    # 2024年，…同比增长18%: reported, but not a milestone of the plan's own period (行动方案（2025—2027年）：2026年，
    # …同比增长25%)
    reported = bool(STRONG_PAST.search(after)) and not (
        ((doc.plan_start is not None and year >= doc.plan_start) or year == doc.plan_year) and planned_past(doc, after))
    if (doc.now and year < doc.now) or (doc.report_year and year <= doc.report_year):
        # a year before the latest the text reports, or up to the year a review reviews, is past
        return [Time(m.start(), m.end(), "fact", year)]
    if FUTURE.search(hidden[max(0, m.start() - 4):m.start()]) or _AIM_BEFORE.search(
            hidden[max(0, m.start() - 8):m.start()]) or (_AIM_WORDS.search(after) and not reported):
        return [Time(m.start(), m.end(), "target", year)]
    if past or reported:  # (lead is the start of after)
        return [Time(m.start(), m.end(), "fact", year)]
    # 力争…（2023年为62亿元）: inside brackets (full-width ones are folded to ASCII by cleaning)
    aside = max(hidden.rfind("（", 0, m.start()), hidden.rfind("(", 0, m.start())) > max(
        hidden.rfind("）", 0, m.start()), hidden.rfind(")", 0, m.start()))
    if FUTURE.search(hidden[:m.start()]) and not aside:
        return [Time(m.start(), m.end(), "target", year)]  # 《方案》明确，…，2028年突破60亿元: the aim reaches it
    if year in doc.aims and not aside and not (doc.report and not doc.plan):
        return [Time(m.start(), m.end(), "target", year)]  # a year the text aims at elsewhere is ahead of it
    if (schedule and year > schedule) or (doc.plan_start and year >= doc.plan_start) or (horizon and year >= horizon):
        return [Time(m.start(), m.end(), "target", year)]  # 2027年，建成…20个以上: a plan's milestone
    if doc.plan and not doc.report and (doc.now is None or year >= doc.now) and year >= (doc.plan_start or year) \
            and (not _before_the_horizon(doc, year, hidden)
                 or (aims_open and not _STATE.search(lead) and not WEAK_PAST.search(hidden))):
        return [Time(m.start(), m.end(), "target", year)]  # 2025年，全省算力规模达到…（责任单位：…）: a work plan's
    if doc.now and year > doc.now and not doc.report:
        return [Time(m.start(), m.end(), "target", year)]  # a year after the latest one reported: not done yet
    if (reach := horizon or doc.horizon) and year < reach and not _STATE.search(lead) and any(
            int(later.group(1)) >= reach for later in _BARE_YEAR.finditer(hidden, m.end())):
        return [Time(m.start(), m.end(), "target", year)]  # 其中，2025年达到60亿元，…，2027年达到100亿元: its steps
    if not doc.report and year not in doc.before_this_year and doc.now is None and not aside \
            and not (doc.plan_start and year < doc.plan_start) \
            and post not in ("底", "末") and not any(later > year for later in doc.ahead) \
            and not (doc.horizon and year < doc.horizon) \
            and not _STATE.search(lead) and not _LATER.search(hidden, m.end()) \
            and not _BASE_COMPARED.search(hidden, m.end()):
        # 2027年，全市数据标注产业规模达到30亿元，…: no done-word, no report in sight, nothing reported as done
        # (2024年末 with no 到 is a year-end count),
        # no horizon it falls short of — a plan's milestone (a plan's body, excerpted, names neither its kind nor
        # its date); but 到2027年…。2024年，规模约25.9亿元 states where the plan starts
        return [Time(m.start(), m.end(), "target", year)]
    return [Time(m.start(), m.end(), "fact", year)]
