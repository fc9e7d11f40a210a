"""One figure in its sentence: whether it states anything, what it counts (subject, metric, measure), how
(comparator), and the quote that shows it. Pure functions over cleaned text.
"""

from __future__ import annotations

import re

from policytrack.parser.metrics import KEYWORDS, last_keyword, money_metric, rate_metric
from policytrack.parser.numbers import MULTIPLIERS, Quantity, core_value, scaled

TITLE = re.compile(r"《[^《》\n]{0,80}》")
# The policy's own parts (25条实施细则, 13项具体任务, 三大专项行动, “三项工程”, 两件大事), not commitments.
_POLICY_COUNT = re.compile(
    r"^(?:条|项|个|大|步|件|类)[^，,。；;\d]{0,4}?(?:措施|细则|政策|举措|意见|任务|工作|行动|部分|方面|方向|路径|环节|"
    r"步骤|阶段|维度|层面|原则|要求|条款|章节|工种|等级|级别|层级|部门|大事|清单)"
)
_POLICY_PARTS_BEFORE = re.compile(r"(?:任务|措施|举措|条款|政策|细则|意见|部分|》)(?:共计|合计|总计|共)[有为]?$")
# Written in Chinese numerals, a count of a plan's programmes is its structure (实施三项工程, 五大专项行动);
# in digits it can be a commitment (实施100项重点工程).
_STRUCTURE_CN = re.compile(r"^(?:项|个|大|类)[^，,。；;\d]{0,4}?(?:工程|专项|计划|方案|目标|机制|体系|战略|板块|赛道|"
                           r"定位)")
# 三大优势, 四大板块: qualities and parts named in a count, not things counted.
_ABSTRACT_BIG = re.compile(r"^大[^，,。；;\d]{0,2}?(?:优势|亮点|特点|特色|板块|方向|领域|工程|行动|任务|产业|战略|赛道|"
                           r"主题|部分|环节|功能|作用|机遇|挑战|变化|突破|成果|成效|理念|模式|举措|目标)")
_ENUMERATION = re.compile(r"[“\"]\d+[”\"]|即|是指|就是")
# The size of a list just given: 制造、医疗、交通等12个行业领域; 人工智能训练师、数据标注员两个职业.
_LIST_NOUN = re.compile(r"^[个项大类][^，,。；;\d]{0,3}(?:领域|行业|方面|环节|部门|重点|职业|工种|方向|赛项|组别)")
_CONDITION_AFTER = re.compile(r"^(?:\(含\)|（含）)?(?:以上|以下)(?:\(含\)|（含）)?的"
                              r"|^的[^，,。；;]{0,8}?(?:企业|公司|项目|主体|单位|机构)")
_ENTITY_CONDITION = re.compile(r"^(?:\(含\)|（含）)?(?:以上|以下)(?:\(含\)|（含）)?的[^，,。；;]{0,6}?"
                               r"(?:企业|公司|单位|机构|主体)")
# Money that qualifies the firms counted next (营业收入超亿元企业5家): part of that count, not a target.
_MONEY_QUALIFIER = re.compile(r"^(?:以上|级)?(?:的)?[^，,。；;、\d]{0,6}?(?:企业|公司|龙头|项目|主体)"
                              r"|^(?:以上)?的有[\d一二两三四五六七八九十]")  # 年营收超过1000万元的有35家
# Firms counted just before a sum (已有3家企业年营收超亿元): the sum is what each of them earns.
_FIRMS_COUNTED = re.compile(r"[\d一二两三四五六七八九十百千]+(?:余|多)?家[^，,。；;\d]{0,10}$")
# A percent is a threshold for firms (研发投入占比5%以上的企业) only where a measure of the firm comes before it.
_RATE_SUBJECT = re.compile(r"占比|比重|比例|投入|收入|营收|增速|增长|利润|率")
_CONDITION_BEFORE = re.compile(r"(?:对|凡|对于|对年)[^，,。；;]{0,12}$")  # (首次突破, 年度产值 are figures)
_GROWTH_VERB = re.compile(r"(?:增长|提高|提升|扩大|增加|翻|增)(?:了|到|至)?(?:约|近|超过|超|逾)?$")
_ARTICLE_ONE = re.compile(r"(?:建成|建设|打造|培育|形成|组建|设立|成立|创建|新建|引进|落地|布局)$")
_TOKENS = re.compile(r"token|词元|tokens", re.I)
_PERSON_NOUN = re.compile(r"^(?!、)[^，,。；;\d]{0,16}?"  # (基地8个、认定训练师…: the next item's noun)
                          r"(?:人才|人员|工匠|训练师|标注员|工程师|技师|从业者|毕业生|学员|青年)")
_JOBS = re.compile(r"岗位")
_RECORDS_OF = re.compile(r"数据|记录|语料|信息")
_PLACES = re.compile(r"基地|园区|中心|平台|企业|机构|项目")
_JOBS_BEFORE = re.compile(r"(?:带动|新增|吸纳|创造)就业$")
SALARY = re.compile(r"月收入|月均收入|月平均收入|年收入|月薪|年薪|时薪|日薪|工资|薪酬|薪资|人均收入|平均收入|底薪|增收"
                    r"|月入|挣|赚")  # 一个月挣3000元: what a job pays

_GT = ("超过", "超出", "突破", "高于", "大于", "多于", "逾", "超", "破")
_GE = ("不低于", "不少于", "至少", "力争达到", "达到", "达")
_APPROX_BEFORE = ("大约", "接近", "约", "近")
_EQ_BEFORE = ("高达",)

# The words before a figure that say how it compares, strongest first: 高达 (=), 超过 (>), 不低于 (>=), 约 (~),
# each also with 将/了/至 after it (突破了, 达到将).
_COMPARATOR_WORDS = [
    (re.compile("(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")[将了至]?$"), comp)
    for words, comp in ((_EQ_BEFORE, "="), (_GT, ">"), (_GE, ">="), (_APPROX_BEFORE, "~"))
]

_APPROX_WORDS = re.compile(r"(?:约占|约为|大约|约有)")
_AT_LEAST_VERB = re.compile(r"(?:至少|最少|不少于)[^\d，,。；;、]{1,4}$")
_PER_SECOND_TAIL = re.compile(r"每秒$")
_OPERATIONS = re.compile(r"每秒|算力|运算|浮点|计算能力")
_GROWTH_AFTER = re.compile(r"^(?:以上|左右)?的?(?:年均|年)?(?:增速|增长|增幅|复合增长)")
_NOT_TALENT = re.compile(r"网民|用户|人口|游客")

_STRIP_LEAD = re.compile(
    r"^(?:截至目前|截止目前|目前|当前|如今|力争|争取|确保|预计|计划|目标|"
    r"全省|全市|全区|全县|全国|我省|我市|我区|我县|我国|本市|本省|本区|本县|其中|同时|实现|推动|推进|"
    r"达到|形成|新增|累计|共|基本|努力|使|让|将|要|可(?=[带达容实提吸新增])|并|和|及|与|以及|到|至|[,，])+"
)
_VERB_ONLY = re.compile(
    r"^(?:着力|集中|重点|大力|加快|积极|全力|持续|新|主动|面向社会和企业|每年|已|已经)*"
    r"(?:和|及|与|有|拥有|打造|培育|建设|建成|引进|引育|集聚|聚集|遴选|推广|选树|发布|攻克|新建|新开通|建立|创建|培训|"
    r"认定|开放|吸引|带动|落地|组建|布局|招引|扶持|支持|孵化|培养|储备|完成|实施|实现|推动|形成|汇聚|汇集|"
    r"开发|制定|研制|参与制定|新认定|评选|征集|部署|选拔|覆盖)+$"
)
_LEAD_VERB = re.compile(_VERB_ONLY.pattern.rstrip("$"))
_HEAD_CUT = re.compile(r"在|于|对|向|为|，|,")
# Compiled once here rather than looked up in re's cache on every figure.
# (设一等奖3名 sets a contest's prizes; 评出一等奖3名 reports its winners)
# What a bare 500亿 is a sum of, named just before it (产业规模突破500亿, 营收超过10亿): money, its 元 unsaid.
_SUM_NAMED = re.compile(r"(?:规模|营收|收入|产值|增加值|总投资|投资额|资金|基金|交易额|订单额|销售额)"
                        r"(?:达到|突破|超过|约为|达|超|逾|近|约|为|了|将|已)*$")
_PRIZE_BEFORE = re.compile(r"设置?[^，,。；;]*?(?:[一二三特]等奖|优秀奖|优胜奖|金奖|银奖|铜奖|奖项)(?:各)?$")
_RANK_BEFORE = re.compile(r"(?:排名|位列|名列|居)前$")
_PER_UNIT_BEFORE = re.compile(r"每(?:增加|提高|新增|增长|投入|减少)$")
_ONE_OF = re.compile(r"^[^，,。；;]{0,20}之一")
# 来自全省12个县区的300名学员: where the people counted came from (来自全国的320支队伍 counts the teams)
_ORIGIN_BEFORE = re.compile(r"来自[^，,。；;\d的]{0,6}$")
_ORIGIN_AFTER = re.compile(r"^[^，,。；;\d]{0,8}的[^，,。；;]{0,6}\d")
# 突破10亿元，达到10.8亿元: a report names the mark passed, then the figure itself
_PASSED_BEFORE = re.compile(r"(?:突破|超过|超|逾)$")
_THEN_REACHED = re.compile(r"[，,]\s*(?:达到?|为|至)\s*(\d+(?:\.\d+)?)\s*")
_MAGNITUDE_AFTER = re.compile(r"^(?:以上|左右)?(?:[，,。；;、]|$|规模)")
_RATE_CAP_BEFORE = re.compile(r"(?:最高|不超过|最多|不高于)[^，,。；;\d]{0,3}$")
_SUPPORT_WORDS = re.compile(r"经费|费用|投入|资金|补贴|补助|奖励|支持|比例|租金")
_CLAUSE_MARK = re.compile(r"[，,；;：:、]")


def not_a_figure(sentence: str, q: Quantity, kind: str) -> bool:
    """Numbers with units that still state no figure: titles, a policy's own parts, articles, enumerations,
    list sizes, thresholds for support, ratios, orders of magnitude used as adjectives."""
    before = sentence[max(0, q.start - 30):q.start]
    after = sentence[q.end:q.end + 30]
    if "《" in sentence and any(m.start() < q.start < m.end()
                               for m in TITLE.finditer(sentence, max(0, q.start - 80), q.end + 80)):
        return True
    if q.unit == "persons" and before.endswith(("前", "第")) and not sentence[q.start].isdigit() or (
            q.unit == "persons" and _RANK_BEFORE.search(before)):
        return True  # 获得前三名, 排名前10位: a rank, not a head-count
    if q.word.endswith("大") and (before.endswith(("的", "党")) or q.value > 20):
        return True  # 党的二十大: a congress; 6/2022 大同市…: a page header's year before a name
    if q.unit in ("persons", "count") and _PRIZE_BEFORE.search(before):
        return True  # 设一等奖3名、二等奖6名: the prizes a contest sets, not people counted
    if _PER_UNIT_BEFORE.search(before):
        return True  # 每增加1亿元产值，可带动就业约800人: the unit of a ratio
    if q.word.endswith(("类", "场")) and not sentence[q.start].isdigit():
        return True  # 三类企业: kinds, not a count of anything; 召开三场会议: the meetings of a report
    if q.unit in ("count", "records") and _POLICY_COUNT.match(sentence[q.end - 1:q.end + 8]):
        return True  # 25条实施细则, 13项具体任务
    if q.unit in ("count", "records") and _POLICY_PARTS_BEFORE.search(before[-10:]):
        return True  # 主要任务共计13条: the count of a policy's parts, named before it
    if q.unit == "count" and not sentence[q.start].isdigit() and _STRUCTURE_CN.match(sentence[q.end - 1:q.end + 8]):
        return True  # 三大专项行动
    if q.unit == "count" and (q.word.endswith("大") or not sentence[q.start].isdigit()) and (
            (before[-1:] in "“\"「" and after[:1] not in "”\"」") or _ENUMERATION.search(before[-8:])):
        return True  # “十大重点企业” names a programme; “3”是实施“三项工程” an enumeration (“百个” is a figure)
    if q.unit in ("count", "persons") and not sentence[q.start].isdigit() and _inside_a_name(sentence, q):
        return True  # “一个目标、两大任务、三项保障”, “百企千人”工程: a plan names its parts (but “百个” is a figure)
    if q.word.endswith("大") and _ABSTRACT_BIG.match(sentence[q.end - 1:q.end + 6]):
        return True
    if q.word.endswith("大") and (kind == "target" or _ONE_OF.match(after)):
        return True  # 建设四大资源库, 八大枢纽节点之一: the named set of a plan; 建成七大职场 reports a count
    if q.unit == "count" and _ONE_OF.match(after):
        return True  # 成为全国7个基地城市之一: the group the place belongs to, not what it counts
    if q.unit == "count" and _ORIGIN_BEFORE.search(before) and _ORIGIN_AFTER.match(after):
        return True  # 来自12个县区的300名学员: the places the people counted came from
    if q.unit in ("count", "records") and q.value == 1 and not q.is_range and (
            _ENUMERATION.search(before[-8:]) or (not sentence[q.start].isdigit()
                                                 and not _ARTICLE_ONE.search(before))):
        return True  # 有一个…, 是一个… (an article), “1”即1个产业链; but 建成一个平台 is one platform
    if q.unit == "count" and _LIST_NOUN.match(sentence[q.end - 1:q.end + 6]) and (
            before.endswith("等") or ("、" in before and not sentence[q.start].isdigit())):
        return True
    if q.unit == "times" and q.word == "倍" and not _GROWTH_VERB.search(before):
        return True  # 相当于…的6倍: a ratio, not a growth
    if passed_mark(sentence, q):
        return True  # the figure reached follows and says it
    if q.approx == "级" and not _MAGNITUDE_AFTER.match(after):
        return True  # 千亿级产业集群: the size of what is built, not a figure
    if q.unit == "unknown" and not (last_keyword(before) == "talent" or _TOKENS.search(before[-14:] + after[:8])
                                    or _SUM_NAMED.search(before)):
        return True  # a bare 100万 about something we cannot name
    if q.unit == "percent" and _RATE_CAP_BEFORE.search(before) and _SUPPORT_WORDS.search(sentence):
        return True  # 不超过研发投入的20%: a rate of support, never a target
    if q.unit == "CNY" and sentence[q.start] == "亿" and _FIRMS_COUNTED.search(before):
        return True  # 已有3家企业年营收超亿元: what the firms counted earn, not a figure of its own
    if q.unit == "CNY" and _MONEY_QUALIFIER.match(after):
        return True  # 营业收入超亿元企业5家: the size of the firms counted
    if q.unit == "CNY":
        return bool(_CONDITION_AFTER.match(after) or _CONDITION_BEFORE.search(before[-14:]))  # …万元以上的企业
    if q.unit == "percent" and not _RATE_SUBJECT.search(_CLAUSE_MARK.split(before)[-1][-12:]):
        return False  # 一半以上的中小企业实现上云: the share of the firms, not a threshold they must reach
    return bool(_ENTITY_CONDITION.match(after))  # 员工100人以上的企业; but 90%以上的从业人员 is a share


def passed_mark(sentence: str, q: Quantity) -> bool:
    """突破10亿元，达到10.8亿元: the round mark a figure passed, followed at once by the figure, in the same unit
    and above it (within twice the mark)."""
    if not _PASSED_BEFORE.search(sentence, max(0, q.start - 2), q.start):
        return False
    m = _THEN_REACHED.match(sentence, q.end)
    if m is None or not sentence.startswith(q.word, m.end()):
        return False
    reached = core_value(m.group(1), "".join(ch for ch in q.word if ch in MULTIPLIERS))
    return reached is not None and q.value < reached <= 2 * q.value


_QUOTED = re.compile(r"[“\"「][^“”\"「」\n]{1,30}[”\"」]")


def _inside_a_name(sentence: str, q: Quantity) -> bool:
    """Whether the count sits inside a quoted name with more words than the count itself."""
    for m in _QUOTED.finditer(sentence, max(0, q.start - 30), min(len(sentence), q.end + 30)):
        if m.start() < q.start and q.end < m.end() and (q.start - m.start() > 1 or m.end() - q.end > 1):
            return True
    return False


# Shortest first: at any position the match is the keyword that ends soonest there.
_KEYWORD = re.compile("|".join(re.escape(w) for w in sorted((w for w, _ in KEYWORDS), key=len)))


def counted_noun(follow: str) -> str:
    """The noun a figure counts, up to its first metric word: 数据标注基地 in 数据标注基地分别位于…"""
    m = _KEYWORD.search(follow)
    if m is None:
        return follow[:6]
    end = m.end()
    for pos in range(m.start() + 1, end):  # a keyword starting inside the first one may end before it
        if (inner := _KEYWORD.match(follow, pos)) and inner.end() < end:
            end = inner.end()
    return follow[:end]


def value_of(q: Quantity, sentence: str, follow: str) -> tuple[float, str, str] | None:
    """(value, unit, measure): the unit the store matches on, the measure a researcher counts in."""
    before = sentence[max(0, q.start - 14):q.start]
    if q.unit == "times":
        return scaled(q.value, 100), "percent", "percent"  # 增长1倍, 翻一番: growth of 100 %
    if q.unit == "flops":  # (日均调用量1亿次 counts calls: 次 is an operation per second only after 每秒 or 算力)
        per_second = not q.word.endswith("次") or _OPERATIONS.search(before)
        return q.value, "count", "flops" if per_second else "count"
    if q.unit == "person_times":
        return q.value, "persons", "person_times"
    if q.unit == "records":
        return q.value, "count", "records" if _RECORDS_OF.search(before + follow[:4]) else "count"
    if q.unit == "unknown":
        if _TOKENS.search(before + sentence[q.end:q.end + 8]):
            return q.value, "count", "tokens"  # 日均Token消耗量突破40万亿
        if last_keyword(before) != "talent" and _SUM_NAMED.search(before):
            return q.value, "CNY", "CNY"  # 产业规模突破500亿: a sum of money, its 元 unsaid
        return q.value, "persons", "persons"  # 岗位缺口100万
    # 新增就业岗位2万个, 提供1865个就业岗位; not 30家企业提供岗位1200个 (the firms, before their verb)
    if q.unit == "count" and _JOBS.search(_VERB_AFTER.split(follow[:8], maxsplit=1)[0] + before[-6:]):
        return q.value, "count", "jobs"
    if q.unit == "count" and q.word.endswith("个") and _PERSON_NOUN.match(follow) \
            and not _PLACES.search(counted_noun(follow)):  # 7个数据标注基地…培训人员
        return q.value, "persons", "persons"  # 培养5000个职业技能型人才
    if q.unit == "persons" and _JOBS_BEFORE.search(before):
        return q.value, "persons", "jobs"  # 带动就业2万人
    return q.value, q.unit, q.unit


def comparator(before: str, after: str, q: Quantity, kind: str) -> str:
    if q.approx == "级":
        return ">="  # 百亿级: of that order, at least
    if q.approx:
        return ">"
    if after.startswith(("以上", "(含)以上", "（含）以上")):
        return ">="
    if after.startswith(("左右", "上下")) or after.startswith("规模"):
        return "~"
    if q.is_range:
        return ">="
    if _APPROX_WORDS.search(before):
        return "~"  # 约占全省GDP的45%
    if _AT_LEAST_VERB.search(before):
        return ">="  # 每年至少培育1家: the floor stated before the verb
    tail = _PER_SECOND_TAIL.sub("", before)[-6:]  # 达到每秒200亿亿次
    for pattern, comp in _COMPARATOR_WORDS:
        if pattern.search(tail):
            return "=" if comp == ">=" and kind == "fact" else comp  # 达到 of a reported figure is the figure
    return "="


_WAGE_SCALE = 5e4  # a sum below it, said just after a wage (月收入…，熟练工可达6000元以上), is a wage too


def metric(q: Quantity, subject: str, follow: str, before: str, measure: str, near: str = "") -> str:
    """`before`: the figure's clause up to it; `near`: the sentence's words just before it, past clause marks."""
    if q.unit == "times":
        return "growth_rate"
    if q.unit == "percent":
        if _GROWTH_AFTER.match(follow):
            return "growth_rate"  # 超过18%的年均增速: the value before its metric
        return rate_metric(before[-12:], before)
    if measure in ("persons", "person_times"):
        return "talent" if not _NOT_TALENT.search(subject + follow[:6]) else "other"
    if q.unit == "CNY" or measure == "CNY":
        if SALARY.search(subject + follow[:8] + before[-30:]) or (q.value < _WAGE_SCALE and SALARY.search(near)):
            return "other"
        # 设立规模10亿元的数据标注产业发展基金: the sum a modifier of the noun after 的
        return money_metric(subject + (follow if follow.startswith("的") else follow[:8]))
    if q.unit in ("bytes", "flops", "unknown") or measure in ("jobs", "tokens", "flops", "records"):
        return "other"
    head, *verb = _VERB_AFTER.split(_HEAD_CUT.split(follow, maxsplit=1)[0], maxsplit=1)
    head = head[head.rfind("的") + 1:] if "的" in head else head
    # 该基地拥有标注工位3000个, 该企业累计完成图像标注3亿张: what is counted follows the verb, not who has or did it
    owned = next((part for part in reversed(_OWNER_VERB.split(subject)) if part.strip()), subject)
    if _PLACES_COUNTED.match(follow):
        return "other"  # 在10个县建设…车间: places counted, whatever is built in them
    if _NEXT_ITEM.match(follow):  # 培育企业100家、培训人才1000人: the next item's noun is not what this one counts
        found = last_keyword(owned) or last_keyword(follow)
    elif verb and _NOUN_HEAD.match(head):
        # 12家企业获批人工智能训练师…资质: the noun before the verb is what is counted, not what the verb names
        found = last_keyword(head)
    else:
        found = last_keyword(head) or last_keyword(follow) or last_keyword(owned)
    if found is None and q.word.endswith("家") and not _NOT_FIRMS.search(subject + follow):
        return "enterprises"  # 年营收超过1000万元的有35家: 家 counts firms, unless it names what else it counts
    return found or "other"


_NEXT_ITEM = re.compile(r"(?:以上|左右|余|多)?、")  # (基地5个以上、数据集200个以上)
_PLACES_COUNTED = re.compile(r"(?:县|市(?!场)|区(?!域|块)|乡镇|镇|村|省|地市|城市)"
                             r"(?:[（(、和]|[^，,。；;]{0,2}(?:建设|开展|布局|实施|推广|试点))")
_NOT_FIRMS = re.compile(r"高校|院校|学校|医院|机构|协会|学会|联盟|单位|部门|政府|社区|村|银行|商户|门店|网点|客户|用户")


# 7个国家数据标注基地累计建成数据集…: what is counted ends where its verb begins.
_VERB_AFTER = re.compile(r"累计|已经?|共有|共计|实现|完成|建成|提供|吸纳|带动|获得|入选|参加|参与|落户|入驻|设立"
                         r"|获批|获评|开展|申报|开设|申请|签订|签署|处理")
_NOUN_HEAD = re.compile(r"[\u4e00-\u9fff]{2}")
_OWNER_VERB = re.compile(rf"拥有|建有|设有|配备|配有|现有|{_VERB_AFTER.pattern}")


# The comparator words, longest first: a subject ends on at most one of each group (超过 before 超).
_COMPARATOR_SUFFIXES = tuple(tuple(sorted(words, key=len, reverse=True))
                             for words in (_EQ_BEFORE, _GT, _GE, _APPROX_BEFORE))
_VERB_TAIL = re.compile(r"(?:将|了|至|为|是|保持在|保持|稳定在|跃升|增长到|提高到|提升到"
                        r"|力争|争取|确保|预计|有望|力求|可)+$")  # (产业规模力争突破50亿元: an aim word, no subject)
_YEAR_HEAD = re.compile(r"^\d+年?(?:底|末|前)?")
_BOUND_HEAD = re.compile(r"^(?:\(含\)|（含）)?(?:以上|左右|上下|余|多)")


def subject_of(before_in_clause: str, follow: str) -> str:
    subject = _STRIP_LEAD.sub("", before_in_clause)
    for words in _COMPARATOR_SUFFIXES:
        if subject.endswith(words):  # one test for the group; most subjects end on none of its words
            subject = subject[: -len(next(w for w in words if subject.endswith(w)))]
    subject = _VERB_TAIL.sub("", subject)
    subject = _YEAR_HEAD.sub("", _COMPARISON_TAIL.sub("", subject)).strip(" “”\"")
    if not subject or _VERB_ONLY.match(subject):
        head = _HEAD_CUT.split(follow, maxsplit=1)[0]
        head = _BOUND_HEAD.sub("", head)
        head = head[head.rfind("的") + 1:] if "的" in head else head
        subject = head.strip(" “”\"") or subject
    else:
        subject = _LEAD_VERB.sub("", subject, count=1) or subject  # 引育数据标注企业 → 数据标注企业
    return subject[:40]


_CLAUSE_END = re.compile(r"[，,。；;：:\[【]")  # (a news summary's bullet mark [1] ends what a figure counts)
_FOLLOWING_END = re.compile(r"[，,。；;：:\[【]|\d|[一二两三四五六七八九十百千万]+[个家项名人所座]")


def following(sentence: str, end: int) -> str:
    """What the figure counts: the words after it, up to the clause's end or the next figure; a modifier
    holding its own figure (10家以上年营收超5000万元的数据标注企业) reaches on to the noun after 的."""
    rest = sentence[end:end + 60]
    clause = _CLAUSE_END.split(rest, maxsplit=1)[0]
    m = _FOLLOWING_END.search(rest)
    head = rest[: m.start()] if m else rest
    if "的" in clause[len(head):] and "的" not in head:
        return clause
    return head


_COMPARISON_TAIL = re.compile(r"(?:较|比|相比|同比|(?<![参给授赋])与).*$|翻一?番.*$")  # (not 参与制定)


def previous_clause_subject(sentence: str, clause_start: int) -> str:
    """产业规模较2025年翻一番，达到200亿元: the figure's subject is the clause before."""
    head = sentence[max(0, clause_start - 61):max(0, clause_start - 1)]
    prev = _CLAUSE_MARK.split(head)[-1] if head else ""
    prev = _COMPARISON_TAIL.sub("", _STRIP_LEAD.sub("", prev))
    return prev.strip(" “”\"")[:40]


def quote_bounds(clause_start: int, q: Quantity, after: str) -> tuple[int, int]:
    start, end = clause_start, q.end
    for suffix in ("(含)以上", "（含）以上", "以上", "左右", "上下"):
        if after.startswith(suffix):
            end += len(suffix)
            break
    return max(start, q.start - 40), end
