"""Which metric a figure measures, from the words around it. Pure."""

from __future__ import annotations

import re

GROWTH = re.compile(r"增长|增速|增幅|增长率|复合增长|提高|提升|翻")
FUNDING = re.compile(r"资金|基金|投资|投入|融资|预算|补贴|补助|奖补|减免")  # (money raised, spent or given)
# what changed hands or was paid, or what a firm is worth (注册资本, 估值), not what it earned
TRADE = re.compile(r"交易|成交|签约|合同|订单|采购|意向金额|纳税|税收|注册资本|估值|市值")
KEYWORDS: list[tuple[str, str]] = [
    (w, "datasets") for w in ("数据集", "语料库", "语料")
] + [
    (w, "cases") for w in ("案例", "场景", "示范项目", "应用", "标杆项目", "解决方案", "示范")
] + [
    (w, "bases") for w in ("基地", "园区", "产业园", "集聚区", "孵化器")
] + [
    (w, "enterprises")
    for w in ("企业", "龙头", "冠军", "服务商", "数据商", "公司", "独角兽", "瞪羚", "经营主体", "市场主体")
] + [
    (w, "standards") for w in ("标准",)
] + [
    (w, "talent") for w in ("人才", "人员", "工程师", "技师", "训练师", "标注员", "从业者", "岗位", "就业")
] + [
    (w, "other") for w in ("领域", "大模型", "模型", "基站", "集群", "技术", "平台", "机架", "城市", "工厂", "大脑",
                           "项目", "产品", "课程", "中心", "实验室", "专利", "著作权", "高校", "院校", "学校", "院所",
                           "标注量", "数据量", "车间")
]


# The keywords reversed, in KEYWORDS order, as one alternation: searched in the reversed phrase, the first match
# is the keyword that ends last in the phrase, and of those ending there the first in KEYWORDS (one scan in C
# instead of an rfind for each of the fifty keywords).
_REVERSED_KEYWORDS = re.compile("|".join(re.escape(w[::-1]) for w, _ in KEYWORDS))
_METRIC_OF = {w[::-1]: metric for w, metric in reversed(KEYWORDS)}  # the first metric of a word listed twice


def last_keyword(phrase: str) -> str | None:
    """The metric named by the phrase's head noun: the keyword that ends last (Chinese heads come last)."""
    m = _REVERSED_KEYWORDS.search(phrase[::-1])
    return _METRIC_OF[m.group(0)] if m else None


def money_metric(context: str) -> str:
    if FUNDING.search(context):
        return "funding"
    if TRADE.search(context):
        return "other"
    return "industry_scale"


# 比例提高到一半以上, 普及率提升至80%: a share raised to a level, not a growth (but 增长率提高到, 增速提升至 are)
_SHARE_RAISED = re.compile(r"(?:比例|占比|比重|(?<!增长)率)[^，,；;增]{0,4}(?:提高|提升|增加|扩大)(?:到|至)"
                           r"[^，,；;]{0,2}$")


# 占比从2021年的1.2%提升至2024年的3.5%: a level reached in a year, a share unless a growth rate is what rose
_LEVEL_REACHED = re.compile(r"(?:提高|提升|上升|扩大)(?:到|至)20\d{2}年(?:底|末)?的$")
_GROWTH_NOUN = re.compile(r"增速|增长率|增幅|增长速度")


def rate_metric(context: str, clause: str = "") -> str:
    """`context`: the words just before the percent; `clause`: its clause before it, where the noun that rose is."""
    if _SHARE_RAISED.search(context) or (
            _LEVEL_REACHED.search(context) and not _GROWTH_NOUN.search(clause or context)):
        return "share"
    return "growth_rate" if GROWTH.search(context) else "share"
