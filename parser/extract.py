"""Extraction: what a policy commits to (targets), what it reports (facts), the money it offers (incentives),
its schemes, and its qualitative commitments. Pure: text in, records out.

The text is read piece by piece and sentence by sentence in document order, carrying the time context the way
a reader does (parser/timeframes.py): "到2027年" opens a horizon that later sentences and list items inherit;
"截至…", "已…" or a year gone by makes figures facts; "每年"/"今年" leaves a target's year unstated. Each
number with a unit is then a target, a fact, an incentive amount (parser/incentives.py) or a condition
("…万元以上的企业"); its metric, subject and comparator come from the words around it (parser/figures.py).
Indicator tables are read apart (parser/tables.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from policytrack.parser.cleantext import Clean, clean, pieces
from policytrack.parser.figures import (
    SALARY,
    comparator,
    counted_noun,
    following,
    metric,
    not_a_figure,
    previous_clause_subject,
    quote_bounds,
    subject_of,
    value_of,
)
from policytrack.parser.incentives import REWARD, incentives, is_budget, is_offer
from policytrack.parser.metrics import last_keyword
from policytrack.parser.numbers import Quantity, quantities
from policytrack.parser.records import Commitment, Extraction, Fact, Figure, Target
from policytrack.parser.schemes import find_schemes
from policytrack.parser.tables import table_targets, task_cells
from policytrack.parser.timeframes import (
    COMPOSITION,
    FROM_NOW,
    FUTURE,
    NULL_YEAR,
    PLAN_MADE,
    STATISTICS,
    STRONG_PAST,
    TITLE,
    WEAK_PAST,
    Document,
    hide_from_now,
    holds,
    plain,
    planned_past,
    times,
)

PARSER_VERSION = "2026.12.19"

# Sentences, and the bullets of news summaries ("… [1] - …"), each with its own tense and purpose.
# (runs of plain characters taken whole: one alternative a character is slow in the engine)
_SENTENCES = re.compile(r"(?:[^。！？!?；;\n\[]+|\[(?!\d{1,2}\]))+(?:[。！？!?；;]+|\[\d{1,2}\]-?)?")
PIECE = 1 << 14  # characters: the text is cleaned and read in pieces of about this size (parser/cleantext.py)
_MAX_SENTENCE = 600  # longer runs without a full stop are read in windows: reading stays linear
_COMMA_CLAUSE = re.compile(r"[，,；;：:]")
_LAST_COMMA_CLAUSE = re.compile(r"(?s:.*)[，,；;：:]")
_ASIDE = re.compile(r"[（(][^（）()\n]{1,60}[）)]")
_FROM = re.compile(r"[从由]$")
_RISES_TO = re.compile(r"[^，,。；;\d]{0,6}?(?:增加|增长|提高|提升|扩大|跃升|发展|上升)(?:到|至)")
_SINCE_LIST = re.compile(r"^其中")
_BRACKETED = r"[（(][一二三四五六七八九十]+[)）]"  # （二）: a subheading's number
_HEADING = re.compile(rf"\s*(?:[一二三四五六七八九十]+[、.．]|{_BRACKETED}|第[一二三四五六七八九十]+[章节部分])")
_SUBHEADING = re.compile(rf"\s*{_BRACKETED}")
_BACKGROUND = re.compile(r"发展基础|发展现状|基础条件|现实基础|发展成效|工作成效|取得成效|主要成效|基本情况|产业现状"
                         r"|发展回顾|工作回顾|面临形势|现状与形势|发展形势")
# What applicants must meet, under a heading (二、申报条件) or said of them (申报企业应…拥有从业人员50人以上):
# its figures are thresholds, not what the place has or aims at.
_AIMS_LINE = re.compile(rf"\s*(?:[一二三四五六七八九十]+[、.．]|{_BRACKETED})?\s*"
                        r"(?:主要|发展|总体|工作|预期|具体|近期|阶段性?)?目标(?:任务)?\s*[：:]?\s*")
_CONDITIONS = re.compile(r"(?:申报|申请|参评|遴选|认定|评选)(?:条件|要求)|基本条件|资格条件")
_APPLICANT_MUST = re.compile(r"(?:申报|申请|参评|参选)(?:企业|单位|主体|机构|人员?|项目|基地)?"
                             r"(?:应当?|须|需|必须|原则上)")
_A_YEAR = re.compile(r"(20\d{2})\s*年")
_LIST_MARK = re.compile(r"\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]"
                        r"|第[一二三四五六七八九十]|其中|同时)")
# A paragraph that opens on what a plan sets out to do (培育龙头企业20家…) goes on with the plan a report quoted.
_PLAN_VERB = re.compile(r"\s*(?:培育|建设|建成|打造|引进|引育|新增|推动|实现|形成|力争|争取|培养|开展|支持|鼓励)")
_EVENT_COUNT = re.compile(r"[^，,。；;]{0,4}(?:参加|参赛|出席|到场|观看|参训|参会|参展|与会|报名|签约)")
# A sentence that opens on a day (5月20日，…; 2024年9月，…) reports what happened that day.
_DATELINE = re.compile(r"(?:20\d{2}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:上午|下午|晚上?)?[，,]")
# The done-words that speak for their own clause (突破了300亿元, 已汇集), unless a horizon follows them
# (明确了到2027年…).
# (截至年底 in an aim's sentence is its year-end: 2025年工作要点 …截至年底从业人员突破2万人)
_VERB_DONE = re.compile(r"(?=[已目现截去上前了显])(?:已|目前|现有|(?:截至|截止)(?!年底|年末)|去年|上半年|前三季度"
                        r"|(?<=[破到长过现成立有升加得织])了|(?<=[据告计查果测》])显示)")
_HORIZON_IN = re.compile(r"(?:到|至)20\d{2}年")
# 在现有120家企业的基础上, 在2024年35亿元的基础上: the base an aim builds on is what there is (or was that year)
_ON_THE_BASE = re.compile(r"[^，,。；;\d]{0,12}?基础上")


@dataclass(slots=True)
class _Context:
    doc: Document
    target_year: int | None = None  # the horizon opened by 到YYYY年, inherited by later sentences
    mode: str | None = None  # "target" | "fact" within the current paragraph
    schedule: int | None = None  # the last milestone year of the paragraph (2025年，…；2026年，…)
    fact_year: int | None = None  # the year a report describes, kept over the items of one sentence (；)
    topic_year: int | None = None  # the year a paragraph's opening report names (2024年，…成效显著。)
    closed: bool = True  # the previous piece ended a full sentence (。), not a list item (；)
    reporting: bool = False  # the sentence the current list item continues reports (据统计，…；…)
    counted: tuple[str, str] = ("", "")  # the classifier and metric of the paragraph's last figure
    # under a heading such as 二、发展基础: what the place has, reported; the horizon to resume at the next heading
    background: bool = False
    resume_year: int | None = None
    background_year: int | None = None  # the year the background heading names (一、2024年工作回顾)
    conditions: str | None = None  # under a heading of what applicants must meet (二、申报条件): "top" or "sub"
    background_sub: bool = False  # the background heading is a subheading (（一）发展基础): the next one ends it
    plan_made: bool = False  # a plan has said it is one (制定本方案): what follows sets out its aims
    year_before: bool = False  # the paragraph reports the year before (过去一年，…): its 今年，… sets out aims
    aims_named: bool = False  # under a line naming aims (主要目标, 二、发展目标): a state there is an aim
    unsaid: bool = False  # the sentence the current list item continues opened on 今年/明年: no year stated
    unmarked: list[int] = field(default_factory=list)  # targets read so by default alone, since the last horizon
    nouns: dict[int, str] = field(default_factory=dict)  # what each figure counts, to state it once


def extract(text: str, *, title: str = "", dated: str | None = None,
            progress: Callable[[int, int], None] | None = None) -> Extraction:
    """The text is read piece by piece (cut at paragraph breaks), so memory stays bounded on a long file;
    the horizon a paragraph opens still reaches the paragraphs after it. `progress(done, total)` is told the
    characters read after each piece.

    `title` and `dated` (an ISO date: 成文 or 发布) are what a page says of the text outside it. They are read
    as a heading above it would be: 某县2024年工作总结 makes it a review of 2024, 2025年工作要点 a plan for 2025,
    and a date makes the years before it past. No record comes from them."""
    result = Extraction()
    # A text of one piece is read from its cleaned piece alone; a longer one first as a whole, so that a
    # horizon or a date further on is known from the start.
    ctx = _Context(Document())
    if head := _head(title, dated):
        ctx.doc.absorb(clean(head).text, head=True)
    if len(text) > PIECE:
        ctx.doc.absorb(text, head=True)
    ctx.target_year = ctx.doc.plan_year
    prose_keys: set[tuple[float, str, int | None]] = set()
    table_records: list[Target | Fact] = []
    for base, piece in pieces(text, PIECE):
        c = clean(piece, base)
        ctx.doc.absorb(c.text, head=base == 0)
        if ctx.target_year is None and base == 0:
            ctx.target_year = ctx.doc.plan_year
        last_end = None
        for start, end in _paragraphs(c.text):
            _new_paragraph(c.text, start, end, last_end, ctx)
            last_end = end
            for s, e in _sentence_spans(c.text, start, end):
                _sentence(c, s, e, ctx, result, prose_keys)
        for a, b, due in task_cells(c):
            _task(c, a, b, due, ctx, result, prose_keys)
        table_records += table_targets(c, ctx.doc.plan_start, ctx.doc.plan_end or ctx.doc.horizon)
        result.schemes += find_schemes(c)
        if progress is not None:
            progress(base + len(piece), len(text))
    for t in table_records:
        if isinstance(t, Target) and (t.value, t.unit, t.year) in prose_keys:
            continue  # each commitment once: the prose already states it
        (result.targets if isinstance(t, Target) else result.facts).append(t)
    result.targets = _once(result.targets, ctx.nouns)
    result.facts = _once(result.facts, ctx.nouns)
    result.targets = _not_reported(result.targets, result.facts, ctx.nouns)
    result.facts = _not_aimed(result.facts, result.targets, _headline_end(text))
    return result


_ISO_DATE = re.compile(r"((?:19|20)\d{2})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _head(title: str, dated: str | None) -> str:
    """The title and the date as the lines that would head the text (2025年3月20日; a year alone as its
    January, which says as much: the years before it are past)."""
    date = _ISO_DATE.match(dated or "")
    line = f"{date.group(1)}年{int(date.group(2) or 1)}月" + (f"{int(date.group(3))}日" if date.group(3) else "") \
        if date else ""
    return "\n".join(part for part in (title.strip(), line) if part)


def _headline_end(text: str) -> int:
    """Where a headline ends: a short first line with no full stop (“3年培训2万人！我市启动…”), or 0."""
    first = text[:text.find("\n")] if "\n" in text[:80] else ""
    return len(first) if first and len(first.strip()) <= 40 and not first.rstrip().endswith("。") else 0


def _not_aimed(facts: list[Fact], targets: list[Target], headline_end: int) -> list[Fact]:
    """A headline's figure with no year (3年培训2万人！) that the body states as an aim (将用3年时间培训…2万人) is
    that aim, stated once: a headline sums up its body, the same measure and value is the same figure."""
    if not headline_end:
        return facts
    aimed = {(t.metric, t.value, t.unit) for t in targets if t.start >= headline_end}
    return [f for f in facts if f.year is not None or f.start >= headline_end
            or (f.metric, f.value, f.unit) not in aimed]


def _task(c: Clean, a: int, b: int, due: int | None, ctx: _Context, result: Extraction,
          prose_keys: set[tuple[float, str, int | None]]) -> None:
    """A task table's cell (新增数据标注企业20家以上 | 市数据局 | 2025年底前) read as a sentence of the plan on its own:
    an aim by its deadline's year, or else by the horizon the plan has opened."""
    horizon = ctx.target_year
    _fresh_paragraph(ctx)
    ctx.target_year = due or horizon or ctx.doc.plan_year
    _sentence(c, a, b, ctx, result, prose_keys)
    ctx.target_year = horizon


def _fresh_paragraph(ctx: _Context) -> None:
    """What a paragraph's sentences carry from one to the next, cleared."""
    ctx.mode, ctx.schedule, ctx.fact_year, ctx.closed, ctx.reporting = None, None, None, True, False
    ctx.year_before, ctx.counted, ctx.topic_year = False, ("", ""), None


def _new_paragraph(text: str, start: int, end: int, last_end: int | None, ctx: _Context) -> None:
    """What a paragraph takes from the ones before it: the horizon, unless it is a news report's own paragraph
    after a full stop (not the plan it quoted) or it heads a plan's background."""
    _fresh_paragraph(ctx)
    if ctx.doc.report and not ctx.doc.plan and last_end is not None and text[last_end - 1] in "。！？!?" \
            and not _LIST_MARK.match(text, start) and not _PLAN_VERB.match(text, start):
        ctx.target_year = ctx.doc.plan_year
    aims = _AIMS_LINE.fullmatch(text, start, end) is not None
    heading = _HEADING.match(text, start, end) is not None and end - start <= 30
    if aims or heading:
        ctx.aims_named = aims
    if heading:
        _heading(text[start:end], ctx)


def _heading(heading: str, ctx: _Context) -> None:
    """A plan's section heading: its background sections report, the others go on with the horizon."""
    sub = bool(_SUBHEADING.match(heading))
    if _CONDITIONS.search(heading):
        ctx.conditions = "sub" if sub else "top"
    elif ctx.conditions and (ctx.conditions == "sub" or not sub):
        ctx.conditions = None
    if _BACKGROUND.search(heading):
        if not ctx.background:
            ctx.background, ctx.resume_year, ctx.background_sub = True, ctx.target_year, sub
        ctx.target_year = None
        named = _A_YEAR.search(heading)
        ctx.background_year = int(named.group(1)) if named else None
    elif ctx.background and (ctx.background_sub or not sub):  # 一、主要成效 …（二）企业集聚加快: still its part
        ctx.background, ctx.target_year = False, ctx.resume_year


def _not_reported(targets: list[Target], facts: list[Fact], nouns: dict[int, str]) -> list[Target]:
    """A headline's figure with no time word (“长沙样本”：3年培训2万人) that the body after it reports as done is
    that fact, not a target beside it; a target with a year is a commitment of its own whatever was reported."""
    reported: dict[tuple, list[tuple[int, str, str]]] = {}
    for f in facts:
        reported.setdefault((f.metric, f.value, f.unit), []).append((f.start, f.subject, nouns.get(id(f), "")))
    return [t for t in targets if t.year is not None or not any(
        start > t.start and _same_thing((t.subject, nouns.get(id(t), "")), (subject, noun))
        for start, subject, noun in reported.get((t.metric, t.value, t.unit), []))]


def _once(records: list, nouns: dict[int, str]) -> list:
    """Each figure once, in text order: a headline and its body, or a body and its attachment, state the same
    figure of the same thing twice (subjects where one holds the other, or counting the same noun)."""
    out: list[Figure] = []
    seen: dict[tuple, list[tuple[str, str]]] = {}
    for r in sorted(records, key=lambda r: r.start):
        key = (r.metric, r.value, r.unit, r.year)
        names = (r.subject, nouns.get(id(r), ""))
        if any(_same_thing(names, other) for other in seen.get(key, [])):
            continue
        seen.setdefault(key, []).append(names)
        out.append(r)
    # A headline states a figure without the year its body gives it (数据标注产业营收突破50亿元 / 2024年，…突破50亿元).
    dated: dict[tuple, list[tuple[str, str]]] = {}
    for r in out:
        if r.year is not None:
            dated.setdefault((r.metric, r.value, r.unit), []).append((r.subject, nouns.get(id(r), "")))
    return [r for r in out if r.year is not None or not any(
        _same_thing((r.subject, nouns.get(id(r), "")), other) for other in dated.get((r.metric, r.value, r.unit), []))]


def _same_thing(a: tuple[str, str], b: tuple[str, str]) -> bool:
    (sa, na), (sb, nb) = a, b
    if sa and sb and (sa in sb or sb in sa):
        return True
    return bool(na and nb and (na in nb or nb in na) and min(len(na), len(nb)) >= 2)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        if line:
            yield start, start + len(line)
        start += len(line) + 1


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of a paragraph; one longer than _MAX_SENTENCE is cut after its last clause mark (，、)
    inside the window, or at the window's end when it has none."""
    for m in _SENTENCES.finditer(text, start, end):
        s, e = m.span()
        while e - s > _MAX_SENTENCE:
            window = text[s:s + _MAX_SENTENCE]
            cut = max(window.rfind("，"), window.rfind(","), window.rfind("、"))
            cut = s + cut + 1 if cut > _MAX_SENTENCE // 2 else s + _MAX_SENTENCE
            yield s, cut
            s = cut
        if e > s:
            yield s, e


def _respective(sentence: str, found: list, figures: list[Quantity]) -> dict[int, int]:
    """2023年和2024年，规模分别为18亿元和26亿元: years listed and then 分别 give the figures listed after it
    one each, in order, when there are as many of them in 分别's clause (where each figure starts -> its year)."""
    at = sentence.find("分别")
    if at < 0:
        return {}
    before = [t for t in found if t.end <= at and t.year is not None]
    years = before[-1:]
    for t in reversed(before[:-1]):  # back through the list while only 、/和 joins its years
        if t.kind != years[0].kind or not _AND.fullmatch(sentence, t.end, years[0].start):
            break
        years.insert(0, t)
    cut = _COMMA_CLAUSE.search(sentence, at + 2)
    listed = [q for q in figures if q.start >= at + 2 and (cut is None or q.start < cut.start())]
    if len(years) < 2 or len(listed) != len(years):
        return {}
    return {q.start: t.year for q, t in zip(listed, years, strict=True)}


def _settle(result: Extraction, awaiting: list[int], year: int | None, nouns: dict[int, str]) -> list[int]:
    """力争用3年时间，…年均增长30%，到2026年…: a horizon stated after a target applies to it too."""
    for i in awaiting:
        old = result.targets[i]
        result.targets[i] = replace(old, year=year)
        nouns[id(result.targets[i])] = nouns.pop(id(old), "")
    return []


def _clause_before(sentence: str, pos: int) -> str:
    """The words of a figure's own clause before it (back to the last ，；：), at most 30 characters."""
    window = sentence[max(0, pos - 30):pos]
    last = _LAST_COMMA_CLAUSE.match(window)  # through the window's last mark, if it has one
    return window[last.end():] if last else window


def _sentence(c: Clean, s: int, e: int, ctx: _Context, result: Extraction,
              prose_keys: set[tuple[float, str, int | None]]) -> None:
    sentence = c.text[s:e]
    tense = plain(sentence)  # the words tense is read from (已建成的 and 现有 as modifiers blanked)
    closed, ctx.closed = ctx.closed, sentence[-1:] in "。！？!?"
    if not closed:
        pass  # an item after "；" keeps the report year of the sentence it continues
    else:
        ctx.fact_year = ctx.topic_year
    if "|" in sentence:
        return  # table rows are read by parser/tables.py
    # An aside in brackets with a figure of its own (2024年为25亿元) speaks for itself: neither its tense nor its
    # year reaches the figures outside it (a plan's period in brackets, 行动计划（2024—2026年）, does).
    asides = [m.span() for m in _ASIDE.finditer(sentence)]
    untitled = _ASIDE.sub("（）", TITLE.sub("《》", tense)) if asides else TITLE.sub("《》", tense)
    untitled = hide_from_now(untitled)  # (由目前的80家增加到200家 reports nothing of the sentence)
    done = STRONG_PAST.search(untitled)
    strong_past = bool(done or STATISTICS.search(untitled) or _DATELINE.match(untitled))
    # (but a plan's statistics and a dateline report)
    if done and planned_past(ctx.doc, untitled, done.start(), ctx.plan_made) \
            and not STATISTICS.search(untitled) and not _DATELINE.match(untitled):
        strong_past = False
    ahead = FUTURE.search(untitled)
    future = ahead is not None
    # 今年前三季度，…实现营收9.8亿元，同比增长41%，预计全年可突破14亿元: what the sentence reports before it
    # looks ahead is reported
    reported_until = ahead.start() if ahead and done and done.end() <= ahead.start() \
        and _COMMA_CLAUSE.search(untitled, done.end(), ahead.start()) else -1
    state = holds(untitled) or COMPOSITION.search(untitled) is not None
    weak_past = state or bool(WEAK_PAST.search(untitled))
    carried_fact = ctx.mode == "fact" and bool(_SINCE_LIST.match(sentence))  # 其中，到2017年底，…: more of a report
    # An item after "；" with no tense of its own goes on with the report its sentence began.
    strong_past = strong_past or (not closed and ctx.reporting and not future)
    # (not where a horizon is open and the sentence names no year of its own: 现有…比例达到80%)
    ctx.reporting = strong_past and not future
    # Without asides, untitled differs from what times() reads only inside titles, where FUTURE finds nothing:
    # its answer is the same.
    found = times(tense, ctx.doc, ctx.target_year, ctx.schedule, (strong_past and not future) or carried_fact,
                  None if asides else future, ctx.plan_made and ctx.target_year is not None and not ctx.background)
    if ctx.target_year is not None and not any(t.kind in ("fact", "from") for t in found):
        ctx.reporting = False
    if carried_fact:
        found = [replace(t, kind="fact") if t.kind == "target" else t for t in found]
    reward = is_offer(sentence)
    paid_out = reward and strong_past and _PAID_OUT.search(untitled) is not None  # 已兑现扶持资金2.3亿元，支持项目86个
    # The sentence's own tense, before any time expression in it speaks.
    if strong_past and not future:
        mode = "fact"
    elif future:
        mode = "target"
    elif weak_past and not ctx.aims_named and ((ctx.target_year is None and not ctx.plan_made)
                        or (state and closed and ctx.doc.report and not ctx.doc.plan)):
        # (not in a plan after it says it is one: 制定本方案。累计培育…100家 is an aim; a state in a report's own
        # sentence after the plan it quoted is reported: 企业主要分布在…)
        mode = "fact"
    elif ctx.background:
        mode = "fact"  # 二、发展基础 …全市数据标注企业68家
    elif ctx.doc.plan_year:
        mode = "target"  # a year's work plan: what it names with no done-word is what it sets out to do
    elif not ctx.mode and ctx.target_year is None and ((ctx.doc.report and not ctx.doc.plan) or ctx.doc.report_year):
        # a news report's figure with no time word and no plan in sight, or a review's (2024年工作总结): reported
        mode = "fact"
    elif ctx.year_before and _THIS_YEAR.match(untitled):
        mode = "target"  # 过去一年，…增长12%。今年，…增长10%以上: a work report turns from the year done to its aims
    else:
        mode = ctx.mode or "target"
    ctx.year_before = (ctx.year_before and mode == "fact") or bool(_YEAR_BEFORE.match(untitled))
    # 全县建成工坊12个，…。下一步，全县计划再建工坊8个: what came before the next step is done
    # 全省数据标注企业120家，…。为加快发展，制定本方案: what a plan states before it says it is one is its base
    plan_made = ctx.doc.plan and not ctx.doc.report and bool(PLAN_MADE.search(untitled))
    if ctx.unmarked and (_NEXT_STEP.match(untitled) or plan_made):
        _now_facts(result, ctx)
    ctx.plan_made = ctx.plan_made or plan_made
    unmarked = (not strong_past and not future and not weak_past and not found and ctx.target_year is None
                and not ctx.doc.plan_year and not ctx.mode)
    year: int | None = ctx.target_year if mode == "target" else None
    fact_year = ctx.fact_year or (ctx.background_year if ctx.background else None) or ctx.doc.report_year
    from_year = None
    found_any, last_subject, unstated = False, "", False
    # 今年主要预期目标是：生产总值增长5.5%左右；…增长12%: the items after "；" go on in the year left unsaid
    if not closed and ctx.unsaid and not found:
        year, unstated = None, True
    opens_unsaid = bool(found) and found[0].kind == "null" and found[0].start <= 2 \
        and tense.startswith(("今年", "明年"), found[0].start)
    ctx.unsaid = (not closed and ctx.unsaid and not found) or opens_unsaid
    # the classifier and metric of the paragraph's last figure: 企业达到100家；2027年，达到150家 counts the same firms
    last_counted = ctx.counted
    listed: tuple[int, str] | None = None  # where the sentence's last figure ends, and how it compares
    awaiting: list[int] = []  # targets with no horizon yet; one stated later in the sentence applies
    ti, aimed = 0, False  # aimed: a time expression of this sentence opened a horizon
    # 从2022年的300人增长到1500人: the year of a series' start is its first figure's alone; the year before it
    # returns for the figures after (the report's year, 该公司2024年…), unless another time is named first.
    before_from: tuple[int | None] | None = None
    saved: tuple | None = None  # the state before an aside's own time expression, and where the aside ends
    every: tuple | None = None  # the year before 每年 inside a clause of its own figure, and where that clause ends
    figures = quantities(sentence)
    # a figure measured to the last digit, in no plan's voice and under no 到/至 horizon, marks a report: its
    # sentence's figures are facts, whether a bare year (2023年，…) or no time word at all comes before them
    measured = not future and not ctx.doc.plan_year and not ctx.plan_made and not _HORIZON_IN.search(untitled) \
        and any(_measured(sentence, q) for q in figures)
    if measured and mode == "target" and not found and ctx.target_year is None and ctx.mode != "target":
        mode, unmarked = "fact", False  # 全市数据标注产业营收达到15.37亿元 with no time word and no aim in sight
    respective = _respective(tense, found, figures)
    thresholds = ctx.conditions is not None or bool(figures and _APPLICANT_MUST.search(sentence))
    for q in figures:
        if saved and q.start >= saved[-1]:
            (mode, year, fact_year, from_year, unstated, _), saved = saved, None
        if every and q.start >= every[-1]:
            (year, unstated, _), every = every, None
        while ti < len(found) and found[ti].start < q.start:
            t = found[ti]
            if saved and t.start >= saved[-1]:
                (mode, year, fact_year, from_year, unstated, _), saved = saved, None
            before_from = (fact_year,) if t.kind == "from" else None
            if saved is None and (aside := next(((a, b) for a, b in asides if a <= t.start < b), None)) \
                    and any(aside[0] <= f.start < aside[1] for f in figures):  # （2024年为25亿元）, not （2024—2026年）
                saved = (mode, year, fact_year, from_year, unstated, aside[1])
            if t.kind == "target":
                mode, year, aimed = "target", t.year, True
                ctx.target_year = ctx.schedule = t.year
                ctx.unmarked = []
                awaiting = _settle(result, awaiting, year, ctx.nouns)
            elif t.kind == "fact":
                mode, fact_year = "fact", t.year
            elif t.kind == "from":
                if not (t.year is None and mode == "target"):
                    # (到2027年，…由目前的80家增加到200家: today's start is today's in _tense; the aim goes on)
                    mode, from_year, fact_year = "fact", t.year, t.year
            elif t.kind == "now":
                fact_year = None
            else:
                # 每年培育人才1万人，建成平台3个: 每年 inside a figure's clause is that clause's; 今年，… the sentence's
                cut = _COMMA_CLAUSE.search(sentence, t.end)
                if cut and every is None and any(t.end <= f.start < cut.start() for f in figures):
                    every = (year, unstated, cut.start())
                year, unstated = None, True
                if tense.startswith(("今年", "明年"), t.start):
                    fact_year = None  # 2024年的18亿元，预计今年将突破25亿元: the report's year is over
            ti += 1
        if saved and q.start >= saved[-1]:  # the aside's time came and went before this figure
            (mode, year, fact_year, from_year, unstated, _), saved = saved, None
        kind, figure_year = _tense(tense, q, mode, year, fact_year, from_year)
        if q.start in respective and figure_year is not None:
            figure_year = respective[q.start]
        if kind == "target" and q.start < reported_until and not aimed:
            kind, figure_year = "fact", fact_year
        elif kind == "target" and aimed and measured:
            kind = "fact"  # 2023年，全国数据生产总量达32.85ZB，…: a bare year's figures, measured to the last digit
        if reward and not _aim_in_an_offer(sentence, q) and not is_budget(sentence, q) \
                and not (kind == "fact" and _beside_the_offer(sentence, q, paid_out)):
            continue  # money offered, and the conditions for it: read by parser/incentives.py
        if before_from is not None:
            (fact_year,), before_from = before_from, None
        if thresholds or not_a_figure(sentence, q, kind):
            continue
        for subject in _subjects(sentence, q):
            fig = _figure(c, s, sentence, q, kind, figure_year, subject or last_subject, last_counted, listed)
            if fig is None:
                continue
            record, noun = fig
            last_subject, listed = record.subject, (q.end, record.comparator)
            last_counted = (q.word[-1:], record.metric)
            ctx.nouns[id(record)] = noun
            if isinstance(record, Fact):
                result.facts.append(record)
            else:
                result.targets.append(record)
                if unmarked:
                    ctx.unmarked.append(len(result.targets) - 1)
                if figure_year is None and not unstated:
                    awaiting.append(len(result.targets) - 1)
                prose_keys.add((record.value, record.unit, record.year))
            found_any = True
    if saved:
        mode, year, fact_year, from_year, unstated, _ = saved
    if every:
        year, unstated, _ = every
    if reward:
        result.incentives += incentives(c, s, sentence, figures)
    while ti < len(found):  # a time expression after the last number still sets the horizon
        t = found[ti]
        if t.kind == "target":
            mode, year = "target", t.year
            ctx.target_year = ctx.schedule = year
            awaiting = _settle(result, awaiting, year, ctx.nouns)
        ti += 1
    ctx.fact_year, ctx.counted = fact_year, last_counted
    if not figures and closed and mode == "fact" and found and found[0].kind == "fact" and found[0].start <= 2:
        ctx.topic_year = found[0].year  # 2024年，我省数据产业发展成效显著。全省数据企业…: the year of what follows
    if mode == "target" and not reward:
        _commitment(c, s, sentence, year, result)
    ctx.mode = mode if strong_past or future or found_any else ctx.mode


_OFFER_CLAUSE = re.compile(r"对|凡|按|给予|补贴|奖励|补助|资助|最高|不超过|最多|支持|申领|券|费用|投资|投入")
_AIM_VERB = re.compile(r"(?:带动|提升|提高|达到|增长|突破|超过)(?:至|到)?[^，,；;]{0,3}$")


_YEAR_BEFORE = re.compile(r"(?:过去的?一年|去年|上一?年)[，,]")
_THIS_YEAR = re.compile(r"今年[，,]")
_NEXT_STEP = re.compile(r"(?:下一步|接下来|下阶段|今后)")


def _now_facts(result: Extraction, ctx: _Context) -> None:
    """The paragraph's figures read as targets by default alone become facts (their year unstated)."""
    for i in sorted(ctx.unmarked, reverse=True):
        if i < len(result.targets):
            t = result.targets.pop(i)
            fact = Fact(**{f: getattr(t, f) for f in t.__dataclass_fields__})
            ctx.nouns[id(fact)] = ctx.nouns.pop(id(t), "")
            result.facts.append(fact)
    ctx.unmarked = []


def _clause_of(sentence: str, q: Quantity) -> tuple[str, int]:
    """The figure's clause (from the mark before it to the mark after it) and where it starts."""
    a = max(sentence.rfind(ch, 0, q.start) for ch in "，,；;：:") + 1
    b = min((i for i in (sentence.find(ch, q.end) for ch in "，,；;。") if i >= 0), default=len(sentence))
    return sentence[a:b], a


def _beside_the_offer(sentence: str, q: Quantity, paid_out: bool = False) -> bool:
    """截至10月底，平台注册用户达到4.5万人，累计发放算力券2亿元: a figure reported in a clause of its own beside
    an offer, neither money nor a condition for it (…10人以上的，按每人2000元给予补贴), is read as any other.
    (Only a reported one: beside a policy's offer, such a figure is a condition however it is worded.)
    Beside money reported as paid out (`paid_out`: 已兑现扶持资金2.3亿元，支持项目86个; 已有36家企业享受奖励政策),
    there is no offer to set conditions: every figure but the sums paid is reported."""
    clause, _ = _clause_of(sentence, q)
    if paid_out:
        return not _PAID_OUT.search(clause) and not (q.unit == "CNY" and REWARD.search(clause))
    if q.unit in ("CNY", "percent", "unknown"):
        return False
    return not (_OFFER_CLAUSE.search(clause) or REWARD.search(clause) or _CONDITION_CLAUSE.search(clause))


_PAID_OUT = re.compile(r"发放|兑现|兑付|拨付|下达|获得|争取到")


_CONDITION_CLAUSE = re.compile(r"的$|以上|以下|以内|满|每|一过|首次|当年|新[招认获]|获评|获得|入选|评为|认定|符合|通过")


# Where an offer's own clauses begin: 对/凡 opening a clause (…，对取得证书的，给予500元补贴).
_OFFER_OPENS = re.compile(r"(?:^|[，,；;：:])(?:对|凡)")


def _aim_in_an_offer(sentence: str, q: Quantity) -> bool:
    """给予最高30%的补贴，带动算力使用率提升至70%以上: a share the offer aims at, in a clause of its own; and
    每年培训人才5000人次以上，对取得证书的给予500元补贴: an aim stated before the offer's 对 opens it."""
    clause, a = _clause_of(sentence, q)
    if q.unit != "percent":
        opens = _OFFER_OPENS.search(sentence, q.end)
        return opens is not None and a + len(clause) <= opens.start() + 1 and not clause.endswith("的") \
            and not _OFFER_CLAUSE.search(sentence, 0, opens.start() + 1) and q.unit != "CNY"
    if clause.endswith("的"):
        return False  # 企业连续3年营收增长超过20%的，给予…: what a firm must show, not an aim
    return not _OFFER_CLAUSE.search(clause) and bool(_AIM_VERB.search(sentence, a, q.start))


_DIGITS = re.compile(r"\d+(?:\.(\d+))?")


def _measured(sentence: str, q: Quantity) -> bool:
    """A figure written to four significant digits or two decimals (1673.9亿元, 22.44%, 1656个): a statistic;
    an aim is a round number (1000家, 12.5%)."""
    m = _DIGITS.search(sentence, q.start, q.end)
    if m is None:
        return False
    return len(m.group(1) or "") >= 2 or len(m.group(0).replace(".", "").strip("0")) >= 4


def _tense(sentence: str, q: Quantity, mode: str, year: int | None, fact_year: int | None,
           from_year: int | None) -> tuple[str, int | None]:
    """The figure's own clause speaks first: 上半年突破了300亿元，今年有望突破600亿元."""
    own = _clause_before(sentence, q.start)
    if (at := own.rfind("在")) >= 0 and _ON_THE_BASE.match(sentence, q.end):
        return "fact", int(y.group(1)) if (y := _A_YEAR.search(own, at)) else None
    if _EVENT_COUNT.match(sentence, q.end) and not FUTURE.search(own):
        return "fact", fact_year  # 共有学员150人参加: the head-count of an event that took place
    if from_year is not None and _FROM.search(sentence[max(0, q.start - 1):q.start]):
        return "fact", from_year  # 从2048亿元增长到4255亿元: the first figure is the series' start
    # 力争2025年至2027年，企业由56家增加到180家: an aim's start is what there is, its year unsaid
    if mode == "target" and _FROM.search(sentence[max(0, q.start - 1):q.start]) and _RISES_TO.match(sentence, q.end):
        return "fact", None
    # 目标：由目前的50家增加到100家: the start is today's; its 目前 is no done-word of the end's
    if (now := FROM_NOW.search(own)) and now.end() == len(own):
        return "fact", None
    own = hide_from_now(own) if now else own
    # a wage paid (月薪可达9000元; 月均收入4500元，最高可达8000元) is no commitment unless aimed at
    wage = q.unit == "CNY" and bool(SALARY.search(sentence, max(0, q.start - 30), q.start))
    if mode == "target" and (_VERB_DONE.search(own) or wage) and not FUTURE.search(own) \
            and not _HORIZON_IN.search(own) and not (wage and FUTURE.search(sentence, 0, q.start)):
        return "fact", fact_year  # 突破了, or a wage
    # (预计到年底将突破100家 after 截至2024年6月: a year-end still to come, its year unwritten)
    if mode == "fact" and FUTURE.search(own) and not _VERB_DONE.search(own) and (
            fact_year is None or NULL_YEAR.search(own)):
        return "target", year
    return mode, (year if mode == "target" else fact_year)


_DOUBLING_TAIL = re.compile(r"(?:实现|均|都|将|力争)+$")
_AND = re.compile(r"和|与|、|及")


def _subjects(sentence: str, q: Quantity) -> list[str]:
    """One figure, or one for each quantity named before 双翻番 (产业规模和企业数量实现双翻番)."""
    if q.word != "双翻番":
        return [""]
    head = _COMMA_CLAUSE.split(sentence[max(0, q.start - 40):q.start])[-1]
    head = _DOUBLING_TAIL.sub("", head)
    parts = [p for p in _AND.split(head) if p]
    return parts if len(parts) >= 2 else [""]


def _figure(c: Clean, s: int, sentence: str, q: Quantity, kind: str, year: int | None,
            fallback_subject: str, last_counted: tuple[str, str] = ("", ""),
            listed: tuple[int, str] | None = None) -> tuple[Target | Fact, str] | None:
    a, b = _clause_bounds(sentence, q.start, q.end)
    before, after = sentence[a:q.start], sentence[q.end:b]
    follow = following(sentence, q.end)
    # 高质量数据集：335个: a figure right after a label's colon counts the label
    labelled = previous_clause_subject(sentence, a) if a and sentence[a - 1] in "：:" and not before.strip() else ""
    subject = (fallback_subject if q.word == "双翻番" else "") or subject_of(before, follow) or labelled \
        or fallback_subject or previous_clause_subject(sentence, a)
    valued = value_of(q, sentence, follow)
    if valued is None:
        return None
    value, unit, measure = valued
    m = metric(q, subject, follow, before, measure, sentence[max(0, q.start - 30):q.start])
    if m == "other" and q.unit == "count" and last_counted[0] == q.word[-1:] and _NOTHING_NAMED.match(subject) \
            and last_keyword(subject + follow) is None and not _NOUN.search(follow):
        m = last_counted[1]  # 已集聚企业25家，预计年底将超过40家: the same thing counted again
    # 分别达到100亿元、80亿元和60亿元: a figure listed after another compares as it does, and is quoted alone
    joined = listed is not None and _LIST_JOIN.fullmatch(sentence, listed[0], q.start) is not None
    comp = listed[1] if joined and not after.startswith(("以上", "左右")) else comparator(before, after, q, kind)
    q_start, q_end = quote_bounds(q.start if joined else a, q, after)
    if sentence[q_start] in "“「" and not any(mark in sentence[q_start:q_end] for mark in "”」"):
        q_start += 1  # “今年我们计划再引进5家: a speaker's quote opens before the figure's clause, not with it
    quote, o_start, o_end = c.quote(s + q_start, s + q_end)
    record_type = Fact if kind == "fact" else Target
    record = record_type(m, subject, value, unit, comp, year, quote, o_start, o_end, measure)
    return record, counted_noun(follow)


_NOUN = re.compile(r"[\u4e00-\u9fff]{2}")
_LIST_JOIN = re.compile(r"[、和及与]|、?和|以及")
# A subject of time words and verbs alone names nothing of its own (年底, 2027年, 已增加到, 建成; not 新增标注工位).
_NOTHING_NAMED = re.compile(r"^(?:\d{4}年|年底|年末|今年|明年|届时|预计|已|将|再|又|增加|增长|提高|提升|扩大|"
                            r"达到|超过|突破|累计|共|新增|到|至|为|了|底|建成|建设|新建|培育|引进|引育|打造|认定|创建)*$")
_CLAUSE_BREAK = "，,；;：:、（）()[]【】。！？\n"


# The clause's ends found by the engine instead of a loop over characters: the last break in the window
# before a figure (greedy .* backtracks from the window's end) and the first after it.
_BREAK = re.compile("[" + re.escape(_CLAUSE_BREAK) + "]")
_LAST_BREAK = re.compile("(?s:.*)[" + re.escape(_CLAUSE_BREAK) + "]")


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a figure, at most 60 characters either side (reading stays linear)."""
    lo = max(0, start - 60)
    before = _LAST_BREAK.match(text, lo, start)
    after = _BREAK.search(text, end, end + 60)
    return (before.end() if before else lo), (after.start() if after else min(len(text), end + 60))


_COMMIT = re.compile(r"(?:培育|打造|建设|形成|建成|涌现)一批[^，,。；;]{2,30}"
                     r"|[^，,。；;]{2,20}(?:显著提升|大幅跃升|大幅提升|明显提升)")


def _commitment(c: Clean, s: int, sentence: str, year: int | None, result: Extraction) -> None:
    if "一批" not in sentence and "提升" not in sentence and "跃升" not in sentence:  # what _COMMIT needs
        return
    for m in _COMMIT.finditer(sentence):
        quote, o_start, o_end = c.quote(s + m.start(), s + m.end())
        result.commitments.append(Commitment(m.group(0), year, quote, o_start, o_end))
