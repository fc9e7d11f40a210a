"""Money a policy offers: rewards, subsidies, vouchers, with the cap (最高) and the rate stated with them. Pure.

给予最高500万元奖励 (500万, cap); 发放6亿元算力券 (the pool) and 每家每年最高500万元算力券 (the cap per firm);
分别给予800、1200、1600元 (three amounts); 从100万至1000万元/项 (both bounds); 一次性给予500万元的经费支持 (support
with no reward word). Not offers: thresholds a firm must reach (营业收入达到1亿元以上的), salaries (月薪最高可达
8000元), a percent with no amount (最高30%: a rate, kept with the amount it goes with, never alone).
"""

from __future__ import annotations

import re

from policytrack.parser.cleantext import Clean
from policytrack.parser.numbers import MULTIPLIERS, Quantity, core_value, quantities
from policytrack.parser.records import Incentive

_SALARY = re.compile(r"月收入|月均收入|月平均收入|年收入|月薪|年薪|时薪|日薪|工资|薪酬|薪资|底薪|收入可达|人均收入|"
                     r"平均收入|待遇")
_REWARD_WORD = (r"奖励|奖金|补贴|补助|资助|奖补|红包|贴息|资金支持|的支持|扶持资金|一次性支持|给予支持|经费支持|"
                r"(?:算力|语料|模型|数据|数智|创新|科技|人才|消费|服务|训练)券|给予[^，,。；;]{0,12}元[^，,。；;]{0,6}支持")
# A ceiling on money (最高500万元, 不超过1000万元) is an offer even where the reward word is elsewhere;
# so is a price per unit (2500元/年, 每平方米500元).
_MONEY_CAP = (r"(?:最高|不超过|最多|顶格)[^，,。；;]{0,6}?[\d.]+\s*[万亿]?元"
              r"|[\d.]+\s*[万亿]?元\s*/\s*[^\d\s]|每(?!年|月|季|增加|提高|新增|增长|减少)[^，,。；;\d]{1,5}[\d.]+\s*[万亿]?元")
REWARD = re.compile(rf"{_REWARD_WORD}|{_MONEY_CAP}")
# Each with a lookahead on the first characters its words can start with, so that the engine skips the others
# at once instead of trying every alternative at every character.
_MONEY_CAP_RE = re.compile(rf"(?=[最不顶每.\d])(?:{_MONEY_CAP})")
_EARNS = re.compile(r"最高(?:可达|能达|可以达到|达到)")  # 最高可达8000元 with no reward word: earnings, not an offer
_REWARD_ONLY = re.compile(rf"(?=[奖补资红贴的扶一给经算语模数创科人消服训])(?:{_REWARD_WORD})")
_CAP = re.compile(r"(?:最高|不超过|最多|顶格|上限为?|封顶)[^，,。；;]{0,6}$")
# 营业收入1亿元以上的, 投资额5000万元的企业: what a firm must reach; 300万元的经费支持 is the offer itself.
_CONDITION_AFTER = re.compile(r"^(?:\(含\)|（含）)?(?:以上|以下)(?:\(含\)|（含）)?的"
                              r"|^的[^，,。；;]{0,8}?(?:企业|公司|项目|主体|单位|机构)")
_THRESHOLD = re.compile(r"(?<!不)(?:达到|达|超过|突破|满)$")
_RATE_BEFORE = re.compile(r"(?:按|按照|给予|的|有)[^，,。]{0,12}$")
_CHAIN = ("、", "或", "和", "及")
_QUOTE_STOP = "，,；;：:、（）()。！？\n"
# 分别给予800、1200、1600元: amounts listed before one unit.
_LISTED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([万亿]?)(?=(?:[、和或及]\d+(?:\.\d+)?[万亿]?)+[万亿]?元)")


# 每年安排5000万元专项资金: a budget set aside, a funding commitment; 给予…500万元专项资金支持 offers it to someone.
_BUDGET_BEFORE = re.compile(r"(?:安排|设立|统筹|筹集|整合|投入)[^，,。；;]{0,4}$")
_BUDGET_AFTER = re.compile(r"(?:的)?(?:专项资金|资金|基金|专项经费)")
_TO_SOMEONE = re.compile(r"给予|最高|不超过|每[家户个人]|对[^，,。；;]{1,20}的")


def is_budget(sentence: str, q: Quantity) -> bool:
    """A sum set aside as a budget in a clause that gives it to no one: a figure of funding, not an offer."""
    if q.unit != "CNY" or not _BUDGET_AFTER.match(sentence, q.end):
        return False
    start = max(sentence.rfind(ch, 0, q.start) for ch in "，,；;。") + 1
    return bool(_BUDGET_BEFORE.search(sentence, start, q.start)) and not _TO_SOMEONE.search(sentence, start, q.start)


def is_offer(sentence: str) -> bool:
    """Whether the sentence offers money: a reward word, or a cap or price on money that is not a wage."""
    if _REWARD_ONLY.search(sentence):
        return True
    if "元" not in sentence:
        return False  # every cap or price names 元 (a test cheaper than the scans below)
    if _SALARY.search(sentence):
        return False  # 月均收入4500元，最高可达8000元: what a job pays
    return any(not _EARNS.match(sentence, m.start()) for m in _MONEY_CAP_RE.finditer(sentence))


def incentives(c: Clean, s: int, sentence: str, found: list[Quantity] | None = None) -> list[Incentive]:
    """Each amount the sentence offers, with its cap and the rate stated before it. `found`: the sentence's
    quantities() when the caller has them already."""
    out: list[Incentive] = []
    rates: list[Quantity] = []
    threshold_end: int | None = None  # where the last threshold ended: 突破1000万元、5000万元、1亿元的 are all one
    for q in _amounts(sentence, quantities(sentence) if found is None else found):
        before, after = sentence[max(0, q.start - 30):q.start], sentence[q.end:q.end + 20]
        if q.unit == "percent":
            if _RATE_BEFORE.search(before):
                rates.append(q)
            continue
        if q.unit != "CNY" or _SALARY.search(before[-10:]) or is_budget(sentence, q):
            continue
        cap = bool(_CAP.search(before))
        chained = threshold_end is not None and sentence[threshold_end:q.start] in _CHAIN
        if not cap and (chained or _CONDITION_AFTER.match(after) or _THRESHOLD.search(before[-3:])):
            threshold_end = q.end
            continue
        threshold_end = None
        rate = rates.pop().value if rates else None
        rates.clear()
        rewards = _REWARD_ONLY.search(after) or _REWARD_ONLY.search(sentence)
        word = rewards.group(0) if rewards else ""
        a = _back_in_clause(sentence, q.start, 16)
        if a > 0 and sentence[a - 1] not in _QUOTE_STOP:
            # cut inside the clause: start on the word the offer opens with (对新落户…, not 确对…), looking further
            # back for it in a long clause (对年营收首次突破1000万元的数据标注企业给予50万元奖励)
            floor = _back_in_clause(sentence, a, 24)
            if opens := _OFFER_OPENS.search(sentence, a, q.start) or _OFFER_OPENS.search(sentence, floor, a):
                a = opens.start()
        bounds = [(q.value, q.start, q.end)]
        if q.is_range and q.high is not None:
            split = _range_split(sentence, q)
            bounds = [(q.value, q.start, split), (q.high, split, q.end)]  # 从100万至1000万元: both bounds
        for amount, qa, qb in bounds:
            start = a if qa == q.start else qa
            quote, o_start, o_end = c.quote(s + start, s + qb + (_tail(after) if qb == q.end else 0))
            out.append(Incentive(amount, cap, rate, word, quote, o_start, o_end))
    return out


_OFFER_OPENS = re.compile(r"对|凡|按")


def _back_in_clause(sentence: str, pos: int, most: int) -> int:
    """Where a quote ending at `pos` starts: up to `most` characters back, not past a clause mark."""
    start = pos
    while start > 0 and pos - start < most and sentence[start - 1] not in _QUOTE_STOP:
        start -= 1
    return start


def _tail(after: str) -> int:
    """How much of the words after an amount its quote takes (…500万元奖励): through the reward word within
    twelve characters (2000元/人的技能提升补贴), else six; not past a clause mark or a citation ([3])."""
    tail = after[:12]
    tail = tail[:next((i for i, ch in enumerate(tail) if ch in _QUOTE_STOP or ch in " [【"), len(tail))]
    word = _REWARD_ONLY.search(tail)
    if word is None:
        return min(len(tail), 6)
    return word.end() + (tail[word.end():word.end() + 1] in ("”", "\"", "》", "」"))  # “数智券”


_RANGE_MARK = re.compile(r"[至到\-—–~～]")
_YUAN = re.compile(r"[万亿]?元")


def _range_split(sentence: str, q: Quantity) -> int:
    m = _RANGE_MARK.search(sentence[q.start:q.end])
    return q.start + m.start() if m else q.end


def _amounts(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """The sentence's quantities (`found`), with amounts listed before their unit (800、1200、1600元) read as
    money."""
    listed: list[Quantity] = []
    for m in _LISTED.finditer(sentence):
        unit_m = _YUAN.search(sentence, m.end())
        mult = m.group(2) or (unit_m.group(0)[:-1] if unit_m else "")
        value = core_value(m.group(1), mult if all(ch in MULTIPLIERS for ch in mult) else "")
        if value is not None:
            listed.append(Quantity(value, "CNY", None, False, m.start(), m.end(), mult + "元"))
    return sorted(found + listed, key=lambda q: q.start)
