"""Extraction: what a policy commits to (targets), what it reports (facts), the money it offers (incentives),
its schemes, and its qualitative commitments. Pure: text in, records out.

The text is read sentence by sentence in document order, carrying the time context the way a reader does:
"到2027年" opens a target horizon that later sentences and list items inherit; "2024年，…" or "截至…"
or "已…" makes figures facts; "每年"/"今年" makes a target's year unstated. Each number with a unit is then
a target, a fact, an incentive amount or a condition ("…万元以上的企业"), and its metric, subject and
comparator come from the words around it. Indicator tables are read apart (parser/tables.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policytrack.parser.cleantext import Clean, clean
from policytrack.parser.metrics import last_keyword, money_metric, rate_metric
from policytrack.parser.numbers import Quantity, quantities
from policytrack.parser.records import Commitment, Extraction, Fact, Incentive, Target
from policytrack.parser.schemes import find_schemes
from policytrack.parser.tables import table_targets

PARSER_VERSION = "2026.11.1"

# ---- words ---------------------------------------------------------------------------------------------

# Sentences, and the bullets of news summaries ("… [1] - …"), each with its own tense and purpose.
_SENTENCES = re.compile(r"(?:[^。！？!?；;\n\[]|\[(?!\d{1,2}\]))+(?:[。！？!?；;]+|\[\d{1,2}\]-?)?")
_CLAUSE_BREAK = "，,；;：:、（）()[]【】"
_TITLE = re.compile(r"《[^《》]*》")
_YEAR = re.compile(
    r"(?P<pre>力争到|力争在|预计到|预计|截至|截止到|截止|到|至|在)?"
    r"(?:(?P<y0>20\d{2})\s*[—–\-~～至到]+\s*)?(?P<year>20\d{2})\s*年(?P<post>底|末|前(?![一二三四两]季度|半年|几)|内|以前|之前)?(?!\d|月|度)"
)
_PERIOD = re.compile(r"(?P<pre>到|至|在)?[“\"「]?十(?P<n>[一二三四五六七八九])五[”\"」]?(?P<post>末|期末|期间|时期)?")
_COMPARISON = re.compile(r"(?:较|比|相比|与|同)$")
_NULL_YEAR = re.compile(r"每年度?|今年|明年|年度|每季度|每月")
_FUTURE = re.compile(r"将|预计|力争|目标|计划|有望|确保|预测|力求|争取")
_STRONG_PAST = re.compile(r"正[在坐忙]|已|截至|截止|目前|现有|累计|共有|同比|去年|前三季度|上半年|"
                          r"如今|近年来|过去|此前|了")
_WEAK_PAST = re.compile(r"成效显著|初具规模|持续提升|不断加强|初步实现|显著增强|稳步提升|共建成|持续壮大")
_REWARD = re.compile(r"奖励|奖金|补贴|补助|资助|奖补|红包|贴息|资金支持|的支持|扶持资金|一次性支持|给予支持")
# A ceiling on money (最高500万元, 不超过1000万元) is an offer even where the reward word is elsewhere.
_MONEY_CAP = re.compile(r"(?:最高|不超过|最多|顶格)[^，,。；;]{0,6}?[\d.]+\s*[万亿]?元"
                        # a price per unit (2500元/年, 每平方米500元) is a subsidy rate, not an industry's size
                        r"|[\d.]+\s*[万亿]?元\s*/\s*[^\d\s]|每(?!年|月|季)[^，,。；;\d]{1,5}[\d.]+\s*[万亿]?元")
_CAP = re.compile(r"(?:最高|不超过|最多|顶格|上限为?|封顶)[^，,。；;]{0,6}$")
_CONDITION_AFTER = re.compile(r"^(?:\(含\)|（含）)?(?:以上|以下)?(?:\(含\)|（含）)?的")
# Money that qualifies the firms counted next (营业收入超亿元企业5家): part of that count, not a target.
_MONEY_QUALIFIER = re.compile(r"^(?:以上|级)?(?:的)?[^，,。；;、\d]{0,6}?(?:企业|公司|龙头|项目|主体)")
_CONDITION_BEFORE = re.compile(r"(?:对|凡|对于|对年|年度|首次)[^，,。；;]{0,12}$")
# The policy's own parts and structure (25条实施细则, 13项具体任务, 三个部分, 2条路径), not commitments.
_POLICY_COUNT = re.compile(
    r"^(?:条|项|个|大|步)[^，,。；;\d]{0,4}?(?:措施|细则|政策|举措|意见|任务|工作|行动|部分|方面|方向|路径|环节|步骤|"
    r"阶段|维度|层面|原则|要求|条款|章节|职业|工种|新职业|等级|级别|层级|部门)"
)
_ENUMERATION = re.compile(r"[“\"]\d+[”\"]|即|是指|就是")

_GT = ("超过", "超出", "突破", "高于", "大于", "多于", "逾", "超")
_GE = ("不低于", "不少于", "至少", "力争达到", "达到", "达")
_APPROX_BEFORE = ("大约", "接近", "约", "近")
_EQ_BEFORE = ("高达",)

_STRIP_LEAD = re.compile(
    r"^(?:力争|争取|确保|预计|计划|目标|全省|全市|全区|全国|我省|我市|我国|本市|本省|其中|同时|实现|推动|推进|"
    r"达到|形成|新增|累计|共|基本|努力|使|让|将|要|并|和|及|与|以及|到|至|[,，])+"
)
_VERB_ONLY = re.compile(
    r"^(?:着力|集中|重点|大力|加快|积极|全力|持续|新|主动|面向社会和企业|每年|已|已经)*"
    r"(?:和|及|与|有|拥有|打造|培育|建设|建成|引进|引育|集聚|聚集|遴选|推广|选树|发布|攻克|新建|新开通|建立|创建|培训|"
    r"认定|开放|吸引|带动|落地|组建|布局|招引|扶持|支持|孵化|培养|储备|完成|实施|实现|推动|形成|汇聚|汇集|"
    r"开发|制定|研制|参与制定|新认定|评选|征集|部署)+$"
)
_LEAD_VERB = re.compile(_VERB_ONLY.pattern.rstrip("$"))
_HEAD_CUT = re.compile(r"在|于|对|向|为|，|,")


# ---- the reading state ----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Context:
    target_year: int | None = None  # the horizon opened by 到YYYY年, inherited by later sentences
    mode: str | None = None  # "target" | "fact" within the current paragraph


@dataclass(frozen=True, slots=True)
class _Time:
    start: int
    end: int
    kind: str  # target | fact | null
    year: int | None


def _period_end(n: str) -> int:
    """十三五 → 2020, 十四五 → 2025, 十五五 → 2030."""
    k = "一二三四五六七八九".index(n) + 11
    return 2020 + (k - 13) * 5


def _times(sentence: str) -> list[_Time]:
    """Time expressions of a sentence, in order, with what they make of the figures after them."""
    hidden = _TITLE.sub(lambda m: "　" * len(m.group(0)), sentence)  # years inside 《…》 are titles
    future = bool(_FUTURE.search(hidden))
    out: list[_Time] = []
    for m in _YEAR.finditer(hidden):
        if _COMPARISON.search(hidden[max(0, m.start() - 2):m.start()]):
            continue
        pre, post, year = m.group("pre"), m.group("post"), int(m.group("year"))
        if pre in ("截至", "截止到", "截止"):
            kind = "fact"
        elif pre in ("力争到", "预计到", "到", "至", "力争在", "预计") or m.group("y0") or (
                post in ("前", "以前", "之前") and pre != "在"):
            kind = "target"
        else:  # a bare year: a fact, unless the words before its first figure look ahead (2025年，力争…达到)
            after = hidden[m.end():]
            first = re.search(r"\d|[一二两三四五六七八九十百千万亿]+[个家项名人所元%]", after)
            lead = after[: first.start()] if first else after
            ahead = _FUTURE.search(lead) and not _STRONG_PAST.search(lead)
            kind = "target" if ahead or _FUTURE.search(hidden[max(0, m.start() - 4):m.start()]) else "fact"
        out.append(_Time(m.start(), m.end(), kind, year))
    for m in _PERIOD.finditer(hidden):
        if _COMPARISON.search(hidden[max(0, m.start() - 2):m.start()]):
            continue  # 较"十三五"末增长117%: a base of comparison, not a horizon
        if m.group("pre") or m.group("post"):
            out.append(_Time(m.start(), m.end(), "target", _period_end(m.group("n"))))
    for m in _NULL_YEAR.finditer(hidden):
        out.append(_Time(m.start(), m.end(), "null", None))
    if future and not out:
        return []
    return sorted(out, key=lambda t: t.start)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and text[a - 1] not in _CLAUSE_BREAK and text[a - 1] not in "。！？\n":
        a -= 1
    b = end
    while b < len(text) and text[b] not in _CLAUSE_BREAK and text[b] not in "。！？\n":
        b += 1
    return a, b


def _comparator(before: str, after: str, q: Quantity, kind: str) -> str:
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
    tail = before[-6:]
    for words, comp in ((_EQ_BEFORE, "="), (_GT, ">"), (_GE, ">="), (_APPROX_BEFORE, "~")):
        for w in words:
            if tail.endswith(w) or tail.endswith(w + "将") or re.search(re.escape(w) + r"[将了至]?$", tail):
                if comp == ">=" and kind == "fact":
                    return "="  # 达/达到 of a reported figure is the figure itself
                return comp
    return "="


def _metric(q: Quantity, subject: str, following: str, before: str) -> str:
    if q.unit == "times":
        return "growth_rate"
    if q.unit == "percent":
        return rate_metric(before[-12:])
    if q.unit == "CNY":
        return money_metric(subject + following[:8])
    if q.unit == "persons":
        return "talent"
    if q.unit in ("bytes", "flops"):
        return "other"
    head = _HEAD_CUT.split(following, maxsplit=1)[0]
    head = head[head.rfind("的") + 1:] if "的" in head else head
    return last_keyword(head) or last_keyword(following) or last_keyword(subject) or "other"


def _subject(before_in_clause: str, following: str) -> str:
    subject = _STRIP_LEAD.sub("", before_in_clause)
    for words in (_EQ_BEFORE, _GT, _GE, _APPROX_BEFORE):
        for w in sorted(words, key=len, reverse=True):
            if subject.endswith(w):
                subject = subject[: -len(w)]
                break
    subject = re.sub(r"(?:将|了|至|为|是|保持在|保持|稳定在|跃升|增长到|提高到|提升到)+$", "", subject)
    subject = re.sub(r"^\d+年?(?:底|末|前)?", "", subject).strip(" “”\"")
    if not subject or _VERB_ONLY.match(subject):
        head = _HEAD_CUT.split(following, maxsplit=1)[0]
        head = re.sub(r"^(?:\(含\)|（含）)?(?:以上|左右|上下|余|多)", "", head)
        head = head[head.rfind("的") + 1:] if "的" in head else head
        subject = head.strip(" “”\"") or subject
    else:
        subject = _LEAD_VERB.sub("", subject, count=1) or subject  # 引育数据标注企业 → 数据标注企业
    return subject[:40]


_FOLLOWING_END = re.compile(r"[，,。；;：:]|\d|[一二两三四五六七八九十百千万]+[个家项名人所座]")


def _following(sentence: str, end: int) -> str:
    """What the figure counts: the words after it, up to the clause's end or the next figure; a modifier
    holding its own figure (10家以上年营收超5000万元的数据标注企业) reaches on to the noun after 的."""
    rest = sentence[end:]
    clause = re.split(r"[，,。；;：:]", rest, maxsplit=1)[0]
    m = _FOLLOWING_END.search(rest)
    head = rest[: m.start()] if m else rest
    if "的" in clause[len(head):] and "的" not in head:
        return clause
    return head


_COMPARISON_TAIL = re.compile(r"(?:较|比|相比|同比|与).*$|翻一?番.*$")


def _previous_clause_subject(sentence: str, clause_start: int) -> str:
    """产业规模较2025年翻一番，达到200亿元: the figure's subject is the clause before."""
    head = sentence[:max(0, clause_start - 1)]
    prev = re.split(r"[，,；;：:、]", head)[-1] if head else ""
    prev = _COMPARISON_TAIL.sub("", _STRIP_LEAD.sub("", prev))
    return prev.strip(" “”\"")[:40]


def _value(q: Quantity) -> tuple[float, str]:
    if q.unit == "times":
        return q.value * 100, "percent"  # 增长1倍 is growth of 100 %
    if q.unit == "flops":
        return q.value, "count"
    return q.value, q.unit


# ---- the reading ----------------------------------------------------------------------------------------

def extract(text: str) -> Extraction:
    c = clean(text)
    result = Extraction()
    ctx = _Context()
    prose_keys: set[tuple[float, str, int | None]] = set()
    for paragraph in _paragraphs(c.text):
        ctx.mode = None
        for m in _SENTENCES.finditer(c.text, paragraph[0], paragraph[1]):
            _sentence(c, m.start(), m.end(), ctx, result, prose_keys)
    for t in table_targets(c):
        key = (t.value, t.unit, t.year)
        if isinstance(t, Target) and key in prose_keys:
            continue  # each commitment once: the prose already states it
        (result.targets if isinstance(t, Target) else result.facts).append(t)
    result.targets = _once(result.targets)
    result.facts = _once(result.facts)
    result.schemes = find_schemes(c)
    return result


def _once(records: list) -> list:
    """Each commitment once, in text order: a body repeated in its attachment states it twice."""
    seen: set[tuple] = set()
    out = []
    for r in sorted(records, key=lambda r: r.start):
        key = (r.metric, r.value, r.unit, r.comparator, r.year, r.subject)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _settle(result: Extraction, awaiting: list[int], year: int | None) -> list[int]:
    """力争用3年时间，…年均增长30%，到2026年…: a horizon stated after a target applies to it too."""
    for i in awaiting:
        result.targets[i] = replace(result.targets[i], year=year)
    return []


def _not_a_commitment(sentence: str, q: Quantity, before: str, after: str) -> bool:
    """Numbers with units that still state no commitment: titles, a policy's own parts, articles,
    enumerations, list sizes, thresholds for support."""
    if _inside_title(sentence, q.start):
        return True
    if q.unit == "count" and _POLICY_COUNT.match(sentence[q.end - 1:q.end + 8]):
        return True  # 25条实施细则, 18项子任务
    if q.unit == "count" and q.value == 1 and not q.is_range and (
            not sentence[q.start].isdigit() or _ENUMERATION.search(sentence[max(0, q.start - 8):q.start])):
        return True  # 一个 (an article), “1”即1个产业链 (an enumeration)
    if q.unit == "count" and sentence[q.start - 1:q.start] == "等":
        return True  # 制造、医疗、交通等12个领域: the size of a list just given
    if q.unit == "unknown" and last_keyword(before) != "talent":
        return True  # a bare 100万 about something we cannot name
    if q.unit == "CNY" and _MONEY_QUALIFIER.match(sentence[q.end:]):
        return True  # 营业收入超亿元企业5家: the size of the firms counted
    return bool(_CONDITION_AFTER.match(after) or _CONDITION_BEFORE.search(before))  # …万元以上的企业


def _sentence(c: Clean, s: int, e: int, ctx: _Context, result: Extraction,
              prose_keys: set[tuple[float, str, int | None]]) -> None:
    sentence = c.text[s:e]
    if "|" in sentence:
        return  # table rows are read by parser/tables.py
    times = _times(sentence)
    reward = bool(_REWARD.search(sentence) or _MONEY_CAP.search(sentence))
    strong_past = bool(_STRONG_PAST.search(_TITLE.sub("", sentence)))
    future = bool(_FUTURE.search(sentence))
    weak_past = bool(_WEAK_PAST.search(sentence))
    # The sentence's own tense, before any time expression in it speaks.
    if strong_past and not future:
        mode = "fact"
    elif future:
        mode = "target"
    elif weak_past and ctx.target_year is None:
        mode = "fact"
    else:
        mode = ctx.mode or "target"
    year: int | None = ctx.target_year if mode == "target" else None
    fact_year: int | None = None
    found_any = False
    last_subject = ""
    unstated = False  # 每年/今年 said: the year is deliberately open
    awaiting: list[int] = []  # targets with no horizon yet; one stated later in the sentence applies
    ti = 0
    for q in quantities(sentence):
        while ti < len(times) and times[ti].start < q.start:
            t = times[ti]
            if t.kind == "target":
                mode, year = "target", t.year
                ctx.target_year = t.year
                awaiting = _settle(result, awaiting, year)
            elif t.kind == "fact":
                mode, fact_year = "fact", t.year
            else:
                year, unstated = None, True
            ti += 1
        if reward:
            continue  # money offered, and the conditions for it: read by _incentives
        a, b = _clause_bounds(sentence, q.start, q.end)
        before, after = sentence[a:q.start], sentence[q.end:b]
        if _not_a_commitment(sentence, q, before, after):
            continue
        if q.unit == "unknown":  # 岗位缺口100万: a count of people when the words before say so
            q = Quantity(q.value, "persons", q.approx, q.is_range, q.start, q.end, q.word)
        following = _following(sentence, q.end)
        kind = mode
        comparator = _comparator(before, after, q, kind)
        subject = _subject(before, following) or last_subject or _previous_clause_subject(sentence, a)
        last_subject = subject
        metric = _metric(q, subject, following, sentence[:q.start])
        value, unit = _value(q)
        q_start, q_end = _quote_bounds(sentence, a, q, after)
        quote, o_start, o_end = c.quote(s + q_start, s + q_end)
        if kind == "fact":
            result.facts.append(Fact(metric, subject, value, unit, comparator, fact_year, quote, o_start, o_end))
        else:
            result.targets.append(Target(metric, subject, value, unit, comparator, year, quote, o_start, o_end))
            if year is None and not unstated:
                awaiting.append(len(result.targets) - 1)
            prose_keys.add((value, unit, year))
        found_any = True
    if reward:
        _incentives(c, s, sentence, result)
    while ti < len(times):  # a time expression after the last number still sets the horizon
        if times[ti].kind == "target":
            mode, year = "target", times[ti].year
            ctx.target_year = year
            awaiting = _settle(result, awaiting, year)
        ti += 1
    if mode == "target" and not reward:
        _commitment(c, s, sentence, year, result)
    ctx.mode = mode if strong_past or future or found_any else ctx.mode


def _inside_title(sentence: str, pos: int) -> bool:
    return any(m.start() < pos < m.end() for m in _TITLE.finditer(sentence))


def _quote_bounds(sentence: str, clause_start: int, q: Quantity, after: str) -> tuple[int, int]:
    start = clause_start
    end = q.end
    for suffix in ("(含)以上", "（含）以上", "以上", "左右", "上下"):
        if after.startswith(suffix):
            end += len(suffix)
            break
    if q.start - start > 40:
        start = q.start - 40
    return start, end


_THRESHOLD = re.compile(r"(?<!不)(?:达到|达|超过|突破|满)$")
_RATE_BEFORE = re.compile(r"(?:按|按照|给予|的|有)[^，,。]{0,12}$")


def _incentives(c: Clean, s: int, sentence: str, result: Extraction) -> None:
    """Money a sentence offers: each amount (with its cap and the rate stated before it), or the rates
    alone. Thresholds a firm must reach ("年度总额达到30万元以上的") are conditions, not offers."""
    rates: list[Quantity] = []
    threshold_end: int | None = None  # where the last threshold ended: 突破1000万元、5000万元、1亿元的 are all one
    for q in quantities(sentence):
        a, _ = _clause_bounds(sentence, q.start, q.end)
        before, after = sentence[:q.start], sentence[q.end:]
        if q.unit == "percent" and _RATE_BEFORE.search(before):
            rates.append(q)
            continue
        if q.unit != "CNY":
            continue
        cap = bool(_CAP.search(before))
        chained = threshold_end is not None and sentence[threshold_end:q.start] in ("、", "或", "和", "及")
        if not cap and (chained or _CONDITION_AFTER.match(after) or _THRESHOLD.search(before[-3:])):
            threshold_end = q.end
            continue
        threshold_end = None
        rate = rates.pop().value if rates else None
        rates.clear()
        rewards = _REWARD.search(after) or _REWARD.search(sentence)
        quote, o_start, o_end = c.quote(s + max(a, q.start - 16), s + q.end + min(6, len(after)))
        result.incentives.append(Incentive(q.value, cap, rate, rewards.group(0) if rewards else "",
                                           quote, o_start, o_end))
    for q in rates:  # rates offered with no amount: 按实际支出费用给予30%奖励
        after = sentence[q.end:]
        rewards = _REWARD.search(after)
        if rewards and rewards.start() < 12:
            quote, o_start, o_end = c.quote(s + max(0, q.start - 12), s + q.end + rewards.end())
            result.incentives.append(Incentive(None, False, q.value, rewards.group(0), quote, o_start, o_end))


_COMMIT = re.compile(r"(?:培育|打造|建设|形成|建成|涌现)一批[^，,。；;]{2,30}"
                     r"|[^，,。；;]{2,20}(?:显著提升|大幅跃升|大幅提升|明显提升|翻一番|翻番)")


def _commitment(c: Clean, s: int, sentence: str, year: int | None, result: Extraction) -> None:
    for m in _COMMIT.finditer(sentence):
        quote, o_start, o_end = c.quote(s + m.start(), s + m.end())
        result.commitments.append(Commitment(m.group(0), year, quote, o_start, o_end))
